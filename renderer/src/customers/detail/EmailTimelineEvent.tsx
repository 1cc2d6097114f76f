import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEntry } from '../../../../shared/contract/customers/account-timeline-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { RecordIcon } from './ActivityIcon';

type EmailEntry = Extract<TimelineEntry, { readonly kind: 'email' }>;

/** Delivery results that read as bad news get the "lost" tone; a sent message the "won" one. */
const TONE: Readonly<Record<EmailEntry['status'], string>> = {
  queued: 'created',
  sending: 'created',
  sent: 'won',
  bounced: 'lost',
  failed: 'lost',
  suppressed: 'case',
  cancelled: 'case',
};

/** An e-mail from the outbox on the customer's timeline: its subject, its deal, and where it is. */
export function EmailTimelineEvent({ entry }: { readonly entry: EmailEntry }) {
  const { t } = useTranslation('customers-record');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const subject = entry.subject || t('timeline.emailNoSubject');
  return (
    <li className="rec-timeline-item" data-testid="timeline-item" data-kind="email">
      <span className="rec-timeline-icon rec-timeline-email" aria-hidden="true">
        <RecordIcon kind="email" />
      </span>
      <div className="rec-timeline-body">
        <div className="rec-timeline-line">
          <span className="rec-timeline-subject">
            {entry.opportunityId ? (
              <Link to={`/sales/opportunities/${encodeURIComponent(entry.opportunityId)}`} className="rec-timeline-link">
                {subject}
              </Link>
            ) : (
              subject
            )}
          </span>
          <span className={`badge rec-badge-event rec-badge-event-${TONE[entry.status]}`}>{tm(`outboxStatus.${entry.status}`)}</span>
        </div>
        <div className="rec-timeline-meta">
          <span>{t('timeline.email')}</span>
          <time dateTime={new Date(entry.at).toISOString()}>{format.dateTime(entry.at)}</time>
        </div>
      </div>
    </li>
  );
}
