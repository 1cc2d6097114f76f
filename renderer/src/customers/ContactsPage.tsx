import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSortField } from '../../../shared/contract';
import { useFormatters } from '../i18n/use-formatters';
import { contactColumns } from './contact-columns';
import { RecordList, type SortState } from './RecordList';

export function ContactsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [sort, setSort] = useState<{ field: ContactSortField; direction: SortState['direction'] }>({ field: 'lastName', direction: 'asc' });
  const columns = useMemo(() => contactColumns(t, format), [t, format]);
  const query = useMemo(() => ({ filter: {}, sort }), [sort]);

  return (
    <RecordList
      request="contacts.list"
      query={query}
      columns={columns}
      sort={sort}
      onSortChange={(next) => setSort({ field: next.field as ContactSortField, direction: next.direction })}
      label={t('contacts.title')}
      countLabel={(total) => t('contacts.count', { count: total })}
      empty={{ title: t('contacts.emptyTitle'), body: t('contacts.emptyBody') }}
    />
  );
}
