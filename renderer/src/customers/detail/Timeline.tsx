import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRecord } from '../../../../shared/contract';
import type { ActivityRecord } from '../../../../shared/contract/customers/activities-requests';
import { ErrorState } from '../../common/StateViews';
import { showToast } from '../../common/toast-store';
import { useCrmClient } from '../../transport/client-context';
import { contactName } from '../forms/contact-form-schema';
import { ActivityIcon } from './ActivityIcon';
import { LogActivityForm, type QuickType } from './LogActivityForm';
import { TimelineItem } from './TimelineItem';
import type { LiveState } from '../../data/use-live-query';

const QUICK: ReadonlyArray<{ readonly type: QuickType; readonly label: 'activity.logCall' | 'activity.logVisit' | 'activity.logNote' }> = [
  { type: 'call', label: 'activity.logCall' },
  { type: 'visit', label: 'activity.logVisit' },
  { type: 'note', label: 'activity.logNote' },
];

type Props = {
  readonly accountId: string;
  /** Not done yet (planned or overdue), pushed live. */
  readonly open: LiveState<'activities.list'>;
  /** Done, newest first, pushed live. */
  readonly history: LiveState<'activities.list'>;
  readonly contacts: ReadonlyArray<ContactRecord>;
  readonly onMoreOpen: () => void;
  readonly onMoreHistory: () => void;
};

/**
 * What is still to do, then what happened, newest first; quick actions log a call, visit or note
 * inline. Both lists are live queries, so a sync pull or another window shows up without reload.
 */
export function Timeline({ accountId, open, history, contacts, onMoreOpen, onMoreHistory }: Props) {
  const { t } = useTranslation('customers-record');
  const client = useCrmClient();
  const [logging, setLogging] = useState<QuickType | null>(null);
  const names = new Map(contacts.map((contact) => [contact.id, contactName(contact)]));

  const complete = (activity: ActivityRecord): void => {
    void client.send('activities.complete', { id: activity.id, expectedRevision: activity.revision }).then((result) => {
      if (!result.ok)
        showToast({
          tone: 'error',
          message: t(result.error.code === 'conflict' ? 'conflict.title' : 'errors.saveFailed', { reason: result.error.message }),
        });
    });
  };

  const section = (state: LiveState<'activities.list'>, title: string, onMore: () => void, testId: string) => {
    if (state.status === 'loading') return <div className="rec-panel-skeleton" aria-hidden="true" />;
    if (state.status === 'error') return <ErrorState title={t('detail.timeline')} error={state.error} />;
    if (state.result.total === 0) return null;
    return (
      <section className="rec-timeline-section" aria-label={title} data-testid={testId}>
        <h4 className="rec-timeline-heading">
          {title}
          <span className="rec-count-pill">{state.result.total}</span>
        </h4>
        <ol className="rec-timeline">
          {state.result.rows.map((row) => {
            const activity = row as ActivityRecord;
            return (
              <TimelineItem
                key={activity.id}
                activity={activity}
                contactName={activity.contactId ? names.get(activity.contactId) : undefined}
                onComplete={complete}
              />
            );
          })}
        </ol>
        {state.result.rows.length < state.result.total ? (
          <button type="button" className="button rec-button-ghost rec-more-button" onClick={onMore}>
            {t('detail.more')}
          </button>
        ) : null}
      </section>
    );
  };

  const empty = open.status === 'ready' && history.status === 'ready' && open.result.total === 0 && history.result.total === 0;
  return (
    <section className="rec-card rec-panel rec-timeline-panel" aria-labelledby="timeline-title" data-testid="timeline">
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
      {logging ? (
        <LogActivityForm key={logging} type={logging} accountId={accountId} contacts={contacts} onDone={() => setLogging(null)} />
      ) : null}
      {empty ? (
        <div className="rec-panel-empty">
          <strong>{t('detail.timelineEmpty')}</strong>
          <span>{t('detail.timelineEmptyBody')}</span>
        </div>
      ) : null}
      {section(open, t('detail.openActivities'), onMoreOpen, 'timeline-open')}
      {section(history, t('detail.history'), onMoreHistory, 'timeline-history')}
    </section>
  );
}
