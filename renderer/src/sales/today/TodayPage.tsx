import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../../shared/schemas';
import type { Stored } from '../../../../shared/contract';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useToastStore } from '../../common/toast-store';
import { useFormatters } from '../../i18n/use-formatters';
import { useRequest, useSend } from '../use-request';

const SOON_MS = 60 * 60_000;

function dayBounds(): { dayStart: number; dayEnd: number; key: string } {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { dayStart: start.getTime(), dayEnd: end.getTime(), key: start.toDateString() };
}

/** The rep's day: overdue first (they block), then today's agenda, with a banner for what starts within the hour. */
export function TodayPage() {
  const { t, i18n } = useTranslation('sales');
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  const format = useFormatters();
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const { dayStart, dayEnd, key } = dayBounds();
  const agenda = useRequest('agenda.today', { dayStart, dayEnd, soonMs: SOON_MS }, key);
  if (agenda.status === 'loading') return <LoadingState label={t('common.loading')} />;
  if (agenda.status === 'error') return <ErrorState title={t('common.loadFailed')} error={agenda.error} onRetry={agenda.reload} />;

  const done = async (item: Stored<Activity>) => {
    if (await send('activities.complete', { id: item.id, expectedRevision: item.revision }, (message) => t('common.failed', { message }))) {
      show({ message: t('today.doneToast', { subject: item.subject }) });
      agenda.reload();
    }
  };
  const list = (items: ReadonlyArray<Stored<Activity>>, overdue: boolean, testId: string) => (
    <ul className="agenda-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.id} className={`agenda-item${overdue ? ' agenda-item-overdue' : ''}`}>
          <span className="agenda-when">
            {item.dueAt === undefined ? '' : overdue ? format.dateTime(item.dueAt) : time.format(item.dueAt)}
          </span>
          <span className="badge">{t(`today.type.${item.type}`)}</span>
          <span className="agenda-subject">{item.subject}</span>
          <button type="button" className="button button-secondary" onClick={() => void done(item)}>
            {t('today.done')}
          </button>
        </li>
      ))}
    </ul>
  );
  const { overdue, today, reminders } = agenda.value;
  return (
    <div className="agenda">
      {reminders.length > 0 ? (
        <div className="reminder-banner" role="status" data-testid="reminders">
          <strong>{t('today.reminders')}: </strong>
          {reminders.map((r) => `${r.subject}${r.dueAt ? ` (${time.format(r.dueAt)})` : ''}`).join(' · ')}
        </div>
      ) : null}
      {overdue.length + today.length === 0 ? <p className="state-body">{t('today.nothing')}</p> : null}
      {overdue.length > 0 ? (
        <section>
          <h2>{t('today.overdue')}</h2>
          {list(overdue, true, 'agenda-overdue')}
        </section>
      ) : null}
      {today.length > 0 ? (
        <section>
          <h2>{t('today.today')}</h2>
          {list(today, false, 'agenda-today')}
        </section>
      ) : null}
    </div>
  );
}
