import { useEffect, useState } from 'react';
import type { AccountFilterOptions } from '../../../../shared/contract';
import { useCrmClient } from '../../transport/client-context';
import { useUiStore } from '../../state/ui-store';

const NONE: AccountFilterOptions = { owners: [], industries: [] };
const FIRST_ROWS_FIRST_MS = 400;

/**
 * Owner and industry choices for the filter bars. Asked again when `refreshKey` changes (an import
 * may add industries) and after a reconnect; an error leaves the menus empty but the list usable.
 */
export function useFilterOptions(refreshKey: number): AccountFilterOptions {
  const client = useCrmClient();
  const connection = useUiStore((state) => state.connection);
  const [options, setOptions] = useState<AccountFilterOptions>(NONE);
  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    // The first answer costs the core one pass over the accounts table; asking a moment later
    // lets the list's first rows go first.
    const timer = setTimeout(() => {
      void client.send('accounts.filterOptions', {}).then((result) => {
        if (live && result.ok) setOptions(result.value);
      });
    }, FIRST_ROWS_FIRST_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, connection, refreshKey]);
  return options;
}
