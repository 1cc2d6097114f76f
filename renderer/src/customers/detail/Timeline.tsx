import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRecord } from '../../../../shared/contract';
import type { ActivityRecord } from '../../../../shared/contract/customers/activities-requests';
import { ErrorState } from '../../common/StateViews';
import { showToast } from '../../common/toast-store';
import { useFormatters } from '../../i18n/use-formatters';
import { useCrmClient } from '../../transport/client-context';
import { contactName } from '../forms/contact-form-schema';
import { ActivityIcon } from './ActivityIcon';
import { LogActivityForm, type QuickType } from './LogActivityForm';
import type { LiveState } from './use-live-query';

const QUICK: ReadonlyArray<{ readonly type: QuickType; readonly label: 'activity.logCall' | 'activity.logVisit' | 'activity.logNote' }> = [
  { type: 'call', label: 'activity.logCall' },
  { type: 'visit', label: 'activity.logVisit' },
  { type: 'note', label: 'activity.logNote' },
];

/** A plan whose time has passed without being marked done. */
const overdue = (at: number): boolean => at < Date.now();

type Props = {
  readonly accountId: string;
  readonly activities: LiveState<'activities.list'>;
  readonly contacts: ReadonlyArray<ContactRecord>;
  readonly onMore: () => void;
};

/** Newest first, pushed live by the core; quick actions log a call, visit or note inline. */
export function Timeline({ accountId, activities, contacts, onMore }: Props) {
  const { t } = useTranslation('customers-record');
  const format = useFormatters();
  const client = useCrmClient();
  const [logging, setLogging] = useState<QuickType | null>(null);
  const names = new Map(contacts.map((contact) => [contact.id, contactName(contact)]));

  const complete = async (activity: ActivityRecord): Promise<void> => {
    const result = await client.send('activities.complete', { id: activity.id, expectedRevision: activity.revision });
    if (!result.ok) showToast({ tone: 'error', message: t(result.error.code === 'conflict' ? 'conflict.title' : 'errors.saveFailed', { reason: result.error.message }) });
  };

  return (
    <section className="rec-card rec-panel timeline-panel" aria-labelledby="timeline-title" data-testid="timeline">
      <header className="rec-panel-header">
        <h3 id="timeline-title" className="rec-panel-title">
          {t('detail.timeline')}
        </h3>
        <div className="rec-quick-actions" role="group" aria-label={t('detail.timeline')}>
          {QUICK.map((quick) => (
            <button
              key={quick.type}
              type="button"
              className={`rec-chip${logging === quick.type ? ' rec-chip-active' : ''}`}
              aria-pressed={logging === quick.type}
              onClick={() => setLogging(logging === quick.type ? null : quick.type)}
            >
              <ActivityIcon type={quick.type} />
              {t(quick.label)}
            </button>
          ))}
        </div>
      </header>
      {logging ? <LogActivityForm key={logging} type={logging} accountId={accountId} contacts={contacts} onDone={() => setLogging(null)} /> : null}
      {activities.status === 'loading' ? <div className="rec-panel-skeleton" aria-hidden="true" /> : null}
      {activities.status === 'error' ? <ErrorState title={t('detail.timeline')} error={activities.error} /> : null}
      {activities.status === 'ready' && activities.result.total === 0 ? (
        <div className="rec-panel-empty">
          <strong>{t('detail.timelineEmpty')}</strong>
          <span>{t('detail.timelineEmptyBody')}</span>
        </div>
      ) : null}
      {activities.status === 'ready' ? (
        <ol className="rec-timeline">
          {activities.result.rows.map((row) => {
            const activity = row as ActivityRecord;
            const who = activity.contactId ? names.get(activity.contactId) : undefined;
            const at = activity.dueAt ?? activity.createdAt;
            return (
              <li key={activity.id} className={`rec-timeline-item${activity.done ? '' : ' rec-timeline-planned'}`} data-testid="timeline-item">
                <span className={`rec-timeline-icon rec-timeline-${activity.type}`} aria-hidden="true">
                  <ActivityIcon type={activity.type} />
                </span>
                <div className="rec-timeline-body">
                  <div className="rec-timeline-line">
                    <span className="rec-timeline-subject">{activity.subject}</span>
                    {activity.done ? null : overdue(at) ? (
                      <span className="badge rec-badge-overdue">{t('detail.overdue')}</span>
                    ) : (
                      <span className="badge rec-badge-planned">{t('detail.upcoming')}</span>
                    )}
                  </div>
                  <div className="rec-timeline-meta">
                    <span>{t(`activity.type.${activity.type}`)}</span>
                    {who ? <span>{t('activity.with', { name: who })}</span> : null}
                    <time dateTime={new Date(at).toISOString()}>{format.dateTime(at)}</time>
                  </div>
                  {activity.description ? <p className="rec-timeline-text">{activity.description}</p> : null}
                </div>
                {activity.done ? null : (
                  <button type="button" className="button rec-button-small rec-button-ghost" onClick={() => void complete(activity)}>
                    {t('actions.complete')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      ) : null}
      {activities.status === 'ready' && activities.result.rows.length < activities.result.total ? (
        <button type="button" className="button rec-button-ghost rec-more-button" onClick={onMore}>
          {t('detail.more')}
        </button>
      ) : null}
    </section>
  );
}
