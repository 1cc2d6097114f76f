import { useEffect, useState } from 'react';
import type { ReportFilterOptions } from '../../../shared/contract/reports/report-requests';
import { useCrmClient } from '../transport/client-context';

/** Owners, teams, regions and products the dashboards' filter bars offer; null until the core answers. */
export function useReportFilterOptions(): ReportFilterOptions | null {
  const client = useCrmClient();
  const [options, setOptions] = useState<ReportFilterOptions | null>(null);
  useEffect(() => {
    void client.send('reports.filterOptions', {}).then((result) => result.ok && setOptions(result.value));
  }, [client]);
  return options;
}

/** One labelled select of a dashboard filter bar: "all" (the empty value) first, then the items. */
export function FilterSelect({
  label,
  allLabel,
  value,
  items,
  testId,
  onChange,
}: {
  readonly label: string;
  readonly allLabel: string;
  readonly value: string | undefined;
  readonly items: ReadonlyArray<{ readonly id: string; readonly label: string }>;
  readonly testId: string;
  /** The chosen id, or '' for "all". */
  readonly onChange: (next: string) => void;
}) {
  return (
    <label className="filter-field">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        <option value="">{allLabel}</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.label}
          </option>
        ))}
      </select>
    </label>
  );
}
