import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutboxCounts, OutboxRecord } from '../../../../shared/contract/marketing/outbox-requests';
import type { OutboxStatus } from '../../../../shared/schemas/marketing';
import { RecordList, type Column, type SortState } from '../../common/RecordList';
import { useToastStore } from '../../common/toast-store';
import type { ListRow } from '../../data/list-windows';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { useUiStore } from '../../state/ui-store';
import { useSync } from '../../sync/sync-context';
import { useCrmClient } from '../../transport/client-context';
import { MessageDialog } from './MessageDialog';
import '../../customers/detail/record.css';
import './email.css';

type Row = ListRow<'outbox.list'>;
/** The outbox's tabs: what each shows, and the counts its badge adds up. */
const TABS = {
  waiting: ['queued', 'sending'],
  sent: ['sent'],
  bounced: ['bounced'],
  failed: ['failed'],
  suppressed: ['suppressed'],
  cancelled: ['cancelled'],
  all: null,
} as const satisfies Record<string, ReadonlyArray<OutboxStatus> | null>;
type Tab = keyof typeof TABS;
const TAB_NAMES = Object.keys(TABS) as Tab[];
/** The core lists messages newest first. */
const SORT: SortState = { field: 'queuedAt', direction: 'desc' };

const tabCount = (counts: OutboxCounts, tab: Tab): number => {
  const statuses = TABS[tab];
  return (statuses ?? (Object.keys(counts) as OutboxStatus[])).reduce((sum, status) => sum + counts[status], 0);
};

/**
 * Every e-mail written on this laptop, by status: waiting (queued here or being sent by the
 * server), sent, bounced, failed, not sent because the contact opted out, cancelled. While the
 * sync server cannot be reached a banner says how many wait and when they go.
 */
export function OutboxPage() {
  const { t } = useTranslation('marketing-email');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const client = useCrmClient();
  const show = useToastStore((state) => state.show);
  const panelId = useId();
  const [tab, setTab] = useState<Tab>('waiting');
  const [opened, setOpened] = useState<OutboxRecord | null>(null);
  // The core forgets subscriptions when the connection drops: a reopened connection subscribes again.
  const connection = useUiStore((state) => state.connection);
  const counts = useLiveQuery('outbox.counts', {}, `outbox-counts:${connection}`);
  const statuses = TABS[tab];
  const query = useMemo(() => (statuses ? { status: [...statuses] } : {}), [statuses]);

  const cancel = useCallback(
    async (row: OutboxRecord): Promise<void> => {
      const to = row.toName ?? row.to;
      const answer = await client.send('outbox.cancel', { id: row.id });
      if (answer.ok) show({ message: t('outbox.cancelled', { to }), tone: 'info' });
      else
        show({
          message:
            answer.error.code === 'invalid_state' ? t('outbox.alreadyMoving') : t('outbox.cancelFailed', { message: answer.error.message }),
          tone: 'error',
        });
    },
    [client, show, t],
  );

  const columns = useMemo(
    (): ReadonlyArray<Column<Row>> => [
      {
        id: 'to',
        header: t('outbox.columns.to'),
        minWidth: 200,
        grow: 2,
        sortable: false,
        text: (row) => (row.toName ? `${row.toName} <${row.to}>` : row.to),
        render: (row) => (
          <span className="em-cell-stack">
            <span>{row.toName ?? row.to}</span>
            {row.toName ? <span className="em-muted em-small-text">{row.to}</span> : null}
          </span>
        ),
      },
      {
        id: 'subject',
        header: t('outbox.columns.subject'),
        minWidth: 200,
        grow: 3,
        sortable: false,
        text: (row) => row.subject,
        render: (row) => <span lang={row.language}>{row.subject}</span>,
      },
      {
        id: 'campaign',
        header: t('outbox.columns.campaign'),
        minWidth: 130,
        grow: 1,
        sortable: false,
        text: (row) => row.campaignName ?? t('outbox.followUp'),
        render: (row) => <span title={row.campaignName ?? undefined}>{row.campaignName ?? t('outbox.followUp')}</span>,
      },
      {
        id: 'status',
        header: t('outbox.columns.status'),
        minWidth: 170,
        grow: 0,
        sortable: false,
        text: (row) => tm(`outboxStatus.${row.status}`),
        render: (row) => (
          <span className="em-status-cell">
            <span className={`em-chip em-status-${row.status}`} data-testid="outbox-status">
              {tm(`outboxStatus.${row.status}`)}
            </span>
            {row.status === 'queued' ? (
              <button
                type="button"
                className="em-link-button"
                tabIndex={-1}
                aria-label={t('outbox.cancelOne', { to: row.toName ?? row.to })}
                onClick={(event) => {
                  event.stopPropagation();
                  void cancel(row);
                }}
                data-testid="outbox-cancel"
              >
                {t('outbox.cancel')}
              </button>
            ) : null}
          </span>
        ),
      },
      {
        id: 'error',
        header: t('outbox.columns.error'),
        minWidth: 120,
        grow: 1,
        sortable: false,
        text: (row) => row.error ?? '',
        render: (row) => (row.error ? <span title={row.error}>{row.error}</span> : null),
      },
      {
        id: 'time',
        header: t('outbox.columns.time'),
        minWidth: 195,
        grow: 0,
        sortable: false,
        text: (row) =>
          row.sentAt !== undefined
            ? t('outbox.sentAt', { time: format.dateTime(row.sentAt) })
            : t('outbox.queuedAt', { time: format.dateTime(row.queuedAt) }),
        render: (row) => (
          <span className="em-cell-stack">
            <span>{format.dateTime(row.sentAt ?? row.queuedAt)}</span>
            <span className="em-muted em-small-text">{row.sentAt !== undefined ? t('outbox.timeSent') : t('outbox.timeQueued')}</span>
          </span>
        ),
      },
    ],
    [t, tm, format, cancel],
  );

  const ready = counts.status === 'ready' ? counts.result : null;
  return (
    <div className="rec-scope em-page em-outbox">
      {ready ? <OfflineBanner waiting={tabCount(ready, 'waiting')} /> : null}
      <OutboxTabs tab={tab} counts={ready} panelId={panelId} onChange={setTab} />
      <div id={panelId} role="tabpanel" aria-labelledby={`outbox-tab-${tab}`} className="em-outbox-panel">
        <p className="em-hint">{t('outbox.openHint')}</p>
        <RecordList
          key={tab}
          request="outbox.list"
          query={query}
          columns={columns}
          sort={SORT}
          onSortChange={() => undefined}
          label={t('outbox.listLabel')}
          countLabel={(total) => t('outbox.count', { count: total })}
          empty={{ title: t('outbox.emptyTitle'), body: t('outbox.emptyBody') }}
          emptyFiltered={
            tab !== 'all' && ready !== null && tabCount(ready, 'all') > 0
              ? {
                  title: t('outbox.emptyStatusTitle'),
                  body: t('outbox.emptyStatusBody'),
                  clearLabel: t('outbox.showAll'),
                  onClear: () => setTab('all'),
                }
              : undefined
          }
          onOpen={setOpened}
        />
      </div>
      {opened ? <MessageDialog message={opened} onCancel={cancel} onClose={() => setOpened(null)} /> : null}
    </div>
  );
}

/** Messages wait on this laptop while the sync server is out of reach (or not set up): say how many, and when they go. */
function OfflineBanner({ waiting }: { readonly waiting: number }) {
  const { t } = useTranslation('marketing-email');
  const { status } = useSync();
  const state = status?.state;
  if (waiting === 0 || state === undefined || state === 'up_to_date' || state === 'syncing') return null;
  return (
    <div className="em-banner" role="status" data-testid="outbox-offline-banner">
      <p>{t('outbox.offlineBanner', { count: waiting })}</p>
      {state === 'signed_out' ? (
        <p className="em-banner-hint">
          {t('outbox.signedOutHint')} <Link to="/sync">{t('outbox.setUpSync')}</Link>
        </p>
      ) : null}
    </div>
  );
}

function OutboxTabs({
  tab,
  counts,
  panelId,
  onChange,
}: {
  readonly tab: Tab;
  readonly counts: OutboxCounts | null;
  readonly panelId: string;
  readonly onChange: (tab: Tab) => void;
}) {
  const { t } = useTranslation('marketing-email');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const refs = useRef(new Map<Tab, HTMLButtonElement>());
  const label = (name: Tab): string => (name === 'waiting' || name === 'all' ? t(`outbox.tabs.${name}`) : tm(`outboxStatus.${name}`));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = TAB_NAMES.indexOf(tab);
    const last = TAB_NAMES.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? at === last
          ? 0
          : at + 1
        : event.key === 'ArrowLeft'
          ? at === 0
            ? last
            : at - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = TAB_NAMES[next] as Tab;
    onChange(target);
    refs.current.get(target)?.focus();
  };

  return (
    <div className="em-outbox-tabs" role="tablist" aria-label={t('outbox.tabsLabel')} onKeyDown={onKeyDown}>
      {TAB_NAMES.map((name) => {
        const count = counts ? tabCount(counts, name) : null;
        return (
          <button
            key={name}
            ref={(node) => {
              if (node) refs.current.set(name, node);
              else refs.current.delete(name);
            }}
            type="button"
            role="tab"
            id={`outbox-tab-${name}`}
            aria-selected={name === tab}
            aria-controls={panelId}
            tabIndex={name === tab ? 0 : -1}
            className={`em-outbox-tab${name === tab ? ' em-outbox-tab-active' : ''}`}
            onClick={() => onChange(name)}
            data-testid={`outbox-tab-${name}`}
          >
            {label(name)}
            {count === null ? null : (
              <span className="em-outbox-count" data-testid={`outbox-count-${name}`}>
                {format.number(count)}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
