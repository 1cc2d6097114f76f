import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AccountFilter, AccountSortField } from '../../../shared/contract';
import { useFormatters } from '../i18n/use-formatters';
import { accountColumns } from './account-columns';
import { RecordList, type SortState } from './RecordList';

/**
 * The accounts list. Filters, saved views, bulk actions and the editor come next (the customers
 * screen work); they plug in as `filter`/`sort` state here and forms on the detail route.
 */
export function AccountsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const [sort, setSort] = useState<{ field: AccountSortField; direction: SortState['direction'] }>({ field: 'name', direction: 'asc' });
  const [filter] = useState<AccountFilter>({});
  const columns = useMemo(() => accountColumns(t, format), [t, format]);
  const query = useMemo(() => ({ filter, sort }), [filter, sort]);

  return (
    <RecordList
      request="accounts.list"
      query={query}
      columns={columns}
      sort={sort}
      onSortChange={(next) => setSort({ field: next.field as AccountSortField, direction: next.direction })}
      label={t('accounts.title')}
      countLabel={(total) => t('accounts.count', { count: total })}
      empty={{ title: t('accounts.emptyTitle'), body: t('accounts.emptyBody') }}
      onOpen={(row) => navigate(`/customers/accounts/${encodeURIComponent(row.id)}`)}
    />
  );
}
