import { useEffect, useState } from 'react';
import type { ReportFilterOptions } from '../../../../shared/contract/reports/report-requests';
import { useCrmClient } from '../../transport/client-context';
import { useUiStore } from '../../state/ui-store';

export type DealPeople = Pick<ReportFilterOptions, 'owners' | 'teams'>;
const NONE: DealPeople = { owners: [], teams: [] };

/** Owner and team choices for the deal filters (the org's users and teams); an error leaves them empty, the list usable. */
export function useDealPeople(): DealPeople {
  const client = useCrmClient();
  const connection = useUiStore((state) => state.connection);
  const [people, setPeople] = useState<DealPeople>(NONE);
  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    void client.send('reports.filterOptions', {}).then((result) => {
      if (live && result.ok) setPeople({ owners: result.value.owners, teams: result.value.teams });
    });
    return () => {
      live = false;
    };
  }, [client, connection]);
  return people;
}
