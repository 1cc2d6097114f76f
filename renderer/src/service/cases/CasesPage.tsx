import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CASE_QUEUES, type CaseListParams, type CaseQueue } from '../../../../shared/contract/service/cases-requests';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_PRIORITIES, CASE_STATUSES } from '../../../../shared/schemas/cases';
import { RecordList } from '../../common/RecordList';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { caseColumns, casePath } from './case-columns';
import { useCasesView, type CaseSortField } from './cases-view-store';
import { NewCaseDialog } from './NewCaseDialog';
import { QueueTabs } from './QueueTabs';
import '../../customers/detail/record.css';
import './cases.css';

const SORTABLE = new Set<string>(['openedAt', 'updatedAt', 'priority', 'caseNumber']);
const PANEL_ID = 'case-queue-panel';

/**
 * Every case the rep may see, by queue (mine, the team's unassigned, breaching…), live and windowed.
 * `?account=<id>` narrows it to one account (the account page's "Open cases" tile), `?queue=` picks
 * the queue (Today's "Cases at risk").
 */
export function CasesPage() {
  const { t } = useTranslation('service');
  const format = useFormatters();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const accountId = params.get('account') ?? undefined;
  const { queue, status, priority, channel, category, sort, update, clearFilters } = useCasesView();
  const columns = useMemo(() => caseColumns(t, format), [t, format]);

  const queueParam = params.get('queue');
  useEffect(() => {
    if (queueParam && (CASE_QUEUES as ReadonlyArray<string>).includes(queueParam)) update({ queue: queueParam as CaseQueue });
  }, [queueParam, update]);

  const query = useMemo((): Omit<CaseListParams, 'offset' | 'limit'> => {
    const filter: NonNullable<CaseListParams['filter']> = {
      ...(status ? { status: [status] } : {}),
      ...(priority ? { priority: [priority] } : {}),
      ...(channel ? { channel: [channel] } : {}),
      ...(category ? { category: [category] } : {}),
      ...(accountId ? { accountId } : {}),
    };
    return { queue, filter, sort };
  }, [queue, status, priority, channel, category, accountId, sort]);
  const filtered = status !== '' || priority !== '' || channel !== '' || category !== '';

  const selectQueue = (q: CaseQueue): void => {
    update({ queue: q });
    if (queueParam) {
      const next = new URLSearchParams(params);
      next.delete('queue');
      setParams(next, { replace: true });
    }
  };
  const clearAccount = (): void => {
    const next = new URLSearchParams(params);
    next.delete('account');
    setParams(next, { replace: true });
  };

  const select = <V extends string>(
    label: string,
    value: V | '',
    values: ReadonlyArray<V>,
    name: (v: V) => string,
    onChange: (v: V | '') => void,
    testId: string,
  ) => (
    <label className="rec-field case-filter">
      <span className="rec-field-label">{label}</span>
      <select className="rec-input select" value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as V | '')}>
        <option value="">{t('filters.any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {name(v)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="rec-scope cases-page" data-testid="cases-page">
      <QueueTabs queue={queue} panelId={PANEL_ID} onChange={selectQueue} />
      <div className="case-toolbar">
        <div className="case-filters" role="group" aria-label={t('filters.label')}>
          {select(
            t('fields.status'),
            status,
            CASE_STATUSES,
            (v) => t(`status.${v}`),
            (v) => update({ status: v }),
            'case-filter-status',
          )}
          {select(
            t('fields.priority'),
            priority,
            CASE_PRIORITIES,
            (v) => t(`priority.${v}`),
            (v) => update({ priority: v }),
            'case-filter-priority',
          )}
          {select(
            t('fields.channel'),
            channel,
            CASE_CHANNELS,
            (v) => t(`channel.${v}`),
            (v) => update({ channel: v }),
            'case-filter-channel',
          )}
          {select(
            t('fields.category'),
            category as (typeof CASE_CATEGORIES)[number] | '',
            CASE_CATEGORIES,
            (v) => t(`category.${v}`),
            (v) => update({ category: v }),
            'case-filter-category',
          )}
        </div>
        {accountId ? <AccountFilter accountId={accountId} onClear={clearAccount} /> : null}
      </div>
      <div className="case-list" id={PANEL_ID} role="tabpanel" aria-labelledby={`case-queue-${queue}`}>
        <RecordList
          request="cases.list"
          query={query}
          columns={columns}
          sort={sort}
          onSortChange={(next) =>
            update({ sort: { field: (SORTABLE.has(next.field) ? next.field : 'openedAt') as CaseSortField, direction: next.direction } })
          }
          label={t('list.label', { queue: t(`queues.${queue}`) })}
          countLabel={(total) => t('list.count', { count: total })}
          empty={{ title: t('list.emptyTitle'), body: t(`list.emptyBody.${queue}`) }}
          emptyFiltered={
            filtered
              ? { title: t('list.filteredTitle'), body: t('list.filteredBody'), clearLabel: t('list.clear'), onClear: clearFilters }
              : undefined
          }
          onOpen={(row) => void navigate(casePath(row.id))}
        />
      </div>
    </div>
  );
}

/** The account the list is narrowed to, with a way out and a "New case" for it. */
function AccountFilter({ accountId, onClear }: { readonly accountId: string; readonly onClear: () => void }) {
  const { t } = useTranslation('service');
  const [creating, setCreating] = useState(false);
  const account = useLiveQuery('accounts.get', { id: accountId }, `case-account:${accountId}`);
  const name = account.status === 'ready' ? account.result.name : account.status === 'error' ? accountId : t('list.accountLoading');
  return (
    <div className="case-account-filter" data-testid="case-account-filter">
      <span>
        {t('list.forAccount')} <Link to={`/customers/accounts/${encodeURIComponent(accountId)}`}>{name}</Link>
      </span>
      <button type="button" className="button rec-button-ghost rec-button-small" onClick={onClear}>
        {t('list.clearAccount')}
      </button>
      <button type="button" className="button rec-button-small" onClick={() => setCreating(true)}>
        {t('newCase.action')}
      </button>
      {creating ? <NewCaseDialog accountId={accountId} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
