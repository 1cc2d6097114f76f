import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRecord } from '../../../../shared/contract';
import type { ActivityRecord } from '../../../../shared/contract/customers/activities-requests';
import { ErrorState } from '../../common/StateViews';
import { showToast } from '../../common/toast-store';
import { useCrmClient } from '../../transport/client-context';
import { contactName } from '../forms/contact-form-schema';
import { ActivityIcon } from './ActivityIcon';
import { EmailTimelineEvent } from './EmailTimelineEvent';
import { LogActivityForm, type QuickType } from './LogActivityForm';
import { TimelineEvent } from './TimelineEvent';
import { TimelineItem } from './TimelineItem';
import type { LiveState } from '../../data/use-live-query';

const QUICK: ReadonlyArray<{ readonly type: QuickType; readonly label: 'activity.logCall' | 'activity.logVisit' | 'activity.logNote' }> = [
  { type: 'call', label: 'activity.logCall' },
  { type: 'visit', label: 'activity.logVisit' },
  { type: 'note', label: 'activity.logNote' },
];

type Props = {
  readonly accountId: string;
  /** On a contact's page: activities logged here are with this contact by default. */
  readonly contactId?: string | undefined;
  /** Not done yet (planned or overdue), pushed live. */
  readonly open: LiveState<'activities.list'>;
  /** Done activities with the deal, quote and case events, newest first, pushed live. */
  readonly history: LiveState<'accounts.timeline'>;
  readonly contacts: ReadonlyArray<ContactRecord>;
  readonly onMoreOpen: () => void;
  readonly onMoreHistory: () => void;
};

/**
 * What is still to do, then what happened, newest first: calls, visits and notes beside the deals,
 * quotes and cases. Quick actions log a call, visit or note inline. Both lists are live queries, so
 * a sync pull or another window shows up without reload.
 */
export function Timeline({ accountId, contactId, open, history, contacts, onMoreOpen, onMoreHistory }: Props) {
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

  const section = (title: string, total: number, items: ReactNode, shown: number, onMore: () => void, testId: string) =>
    total === 0 ? null : (
      <section className="rec-timeline-section" aria-label={title} data-testid={testId}>
        <h4 className="rec-timeline-heading">
          {title}
          <span className="rec-count-pill">{total}</span>
        </h4>
        <ol className="rec-timeline">{items}</ol>
        {shown < total ? (
          <button type="button" className="button rec-button-ghost rec-more-button" onClick={onMore}>
            {t('detail.more')}
          </button>
        ) : null}
      </section>
    );

  const openSection = (): ReactNode => {
    if (open.status === 'loading') return <div className="rec-panel-skeleton" aria-hidden="true" />;
    if (open.status === 'error') return <ErrorState title={t('detail.openActivities')} error={open.error} />;
    const rows = open.result.rows as ReadonlyArray<ActivityRecord>;
    const items = rows.map((activity) => (
      <TimelineItem
        key={activity.id}
        activity={activity}
        contactName={activity.contactId ? names.get(activity.contactId) : undefined}
        onComplete={complete}
      />
    ));
    return section(t('detail.openActivities'), open.result.total, items, rows.length, onMoreOpen, 'timeline-open');
  };

  const historySection = (): ReactNode => {
    if (history.status === 'loading') return <div className="rec-panel-skeleton" aria-hidden="true" />;
    if (history.status === 'error') return <ErrorState title={t('detail.history')} error={history.error} />;
    const { entries, total } = history.result;
    const items = entries.map((entry) =>
      entry.kind === 'activity' ? (
        <TimelineItem
          key={entry.id}
          activity={entry.activity}
          contactName={entry.activity.contactId ? names.get(entry.activity.contactId) : undefined}
          onComplete={complete}
        />
      ) : entry.kind === 'email' ? (
        <EmailTimelineEvent key={entry.id} entry={entry} />
      ) : (
        <TimelineEvent key={entry.id} entry={entry} />
      ),
    );
    return section(t('detail.history'), total, items, entries.length, onMoreHistory, 'timeline-history');
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
        <LogActivityForm
          key={logging}
          type={logging}
          accountId={accountId}
          contacts={contacts}
          contactId={contactId}
          onDone={() => setLogging(null)}
        />
      ) : null}
      {empty ? (
        <div className="rec-panel-empty">
          <strong>{t('detail.timelineEmpty')}</strong>
          <span>{t('detail.timelineEmptyBody')}</span>
        </div>
      ) : null}
      {openSection()}
      {historySection()}
    </section>
  );
}
