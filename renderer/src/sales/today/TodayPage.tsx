import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgendaItem } from '../../../../shared/contract/sales/agenda-requests';
import { EmptyState, ErrorState, LoadingState } from '../../common/StateViews';
import { useToastStore } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { CasesAtRiskPanel } from '../../service/cases/CasesAtRiskPanel';
import { useSend } from '../use-request';
import { REMINDER_AHEAD_MS, useDueNotifications } from './use-due-notifications';
import './today.css';

/** The clock the page reads to decide what is "coming up"; a minute is fine-grained enough. */
const TICK_MS = 30_000;

function dayBounds(now: number): { dayStart: number; dayEnd: number; key: string } {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { dayStart: start.getTime(), dayEnd: end.getTime(), key: start.toDateString() };
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The rep's day, live: overdue first (they block), then today's agenda, each row naming its account
 * and deal. What starts within 15 minutes is announced on the page and, once the rep allows it, as
 * a desktop notification.
 */
export function TodayPage() {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const now = useNow();
  const { dayStart, dayEnd, key } = dayBounds(now);
  const agenda = useLiveQuery('agenda.today', { dayStart, dayEnd, soonMs: REMINDER_AHEAD_MS }, key);
  const items = agenda.status === 'ready' ? agenda.result.today : [];
  const describe = useCallback(
    (item: AgendaItem) => ({
      title: `${t(`today.type.${item.type}`)}: ${item.subject}`,
      body: [item.dueAt === undefined ? '' : format.time(item.dueAt), item.accountName, item.opportunityName].filter(Boolean).join(' · '),
    }),
    [t, format],
  );
  const notifications = useDueNotifications(items, now, describe);

  if (agenda.status === 'loading') return <LoadingState label={t('common.loading')} />;
  if (agenda.status === 'error') return <ErrorState title={t('common.loadFailed')} error={agenda.error} />;

  const done = async (item: AgendaItem) => {
    if (await send('activities.complete', { id: item.id, expectedRevision: item.revision }, (message) => t('common.failed', { message }))) {
      show({ message: t('today.doneToast', { subject: item.subject }) });
    }
  };
  const list = (rows: ReadonlyArray<AgendaItem>, overdue: boolean, testId: string) => (
    <ul className="agenda-list" data-testid={testId}>
      {rows.map((item) => (
        <li key={item.id} className={`agenda-item${overdue ? ' agenda-item-overdue' : ''}`} data-testid="agenda-item">
          <span className="agenda-when">
            {item.dueAt === undefined ? '' : overdue ? format.dateTime(item.dueAt) : format.time(item.dueAt)}
          </span>
          <span className="badge">{t(`today.type.${item.type}`)}</span>
          <span className="agenda-main">
            <span className="agenda-subject">{item.subject}</span>
            <span className="agenda-context">
              {item.accountId ? (
                <Link to={`/customers/accounts/${encodeURIComponent(item.accountId)}`} data-testid="agenda-account">
                  {item.accountName ?? t('today.unknownAccount')}
                </Link>
              ) : null}
              {item.opportunityId ? (
                <Link to={`/sales/opportunities/${encodeURIComponent(item.opportunityId)}`} data-testid="agenda-deal">
                  {item.opportunityName ?? t('today.unknownDeal')}
                </Link>
              ) : null}
            </span>
          </span>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void done(item)}
            aria-label={t('today.doneLabel', { subject: item.subject })}
          >
            {t('today.done')}
          </button>
        </li>
      ))}
    </ul>
  );
  const { overdue, today } = agenda.result;
  const soon = today.filter((item) => item.dueAt !== undefined && item.dueAt >= now && item.dueAt <= now + REMINDER_AHEAD_MS);
  return (
    <div className="agenda" data-testid="today-page">
      <div className="agenda-toolbar">
        <NotificationControl access={notifications.access} onEnable={notifications.enable} />
      </div>
      {soon.length > 0 ? (
        <div className="reminder-banner" role="status" data-testid="reminders">
          <strong>{t('today.reminders')}: </strong>
          {soon.map((item) => `${item.subject}${item.dueAt ? ` (${format.time(item.dueAt)})` : ''}`).join(' · ')}
        </div>
      ) : null}
      <CasesAtRiskPanel />
      {overdue.length + today.length === 0 ? (
        <div data-testid="agenda-empty">
          <EmptyState title={t('today.nothingTitle')} body={t('today.nothing')} />
          <p className="agenda-empty-links">
            <Link to="/customers/accounts">{t('today.openAccounts')}</Link>
            <Link to="/sales/pipeline">{t('today.openPipeline')}</Link>
          </p>
        </div>
      ) : null}
      {overdue.length > 0 ? (
        <section aria-labelledby="agenda-overdue-title">
          <h2 id="agenda-overdue-title">{t('today.overdue')}</h2>
          {list(overdue, true, 'agenda-overdue')}
        </section>
      ) : null}
      {today.length > 0 ? (
        <section aria-labelledby="agenda-today-title">
          <h2 id="agenda-today-title">{t('today.today')}</h2>
          {list(today, false, 'agenda-today')}
        </section>
      ) : null}
    </div>
  );
}

function NotificationControl({ access, onEnable }: { readonly access: string; readonly onEnable: () => void }) {
  const { t } = useTranslation('sales');
  if (access === 'unsupported') return null;
  if (access === 'granted') return <p className="agenda-notice">{t('today.notificationsOn')}</p>;
  if (access === 'denied') return <p className="agenda-notice">{t('today.notificationsBlocked')}</p>;
  return (
    <button type="button" className="button button-secondary" onClick={onEnable} data-testid="enable-notifications">
      {t('today.enableNotifications')}
    </button>
  );
}
