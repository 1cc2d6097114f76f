import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEntry } from '../../../../shared/contract/customers/account-timeline-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { RecordIcon } from './ActivityIcon';

type RecordEntry = Exclude<TimelineEntry, { readonly kind: 'activity' | 'email' }>;

/** The badge's words; spelled per kind so each key is checked against the namespace. */
function eventKey(entry: RecordEntry) {
  switch (entry.kind) {
    case 'deal':
      return `timeline.deal.${entry.event}` as const;
    case 'quote':
      return `timeline.quote.${entry.event}` as const;
    case 'case':
      return `timeline.case.${entry.event}` as const;
  }
}

const dealPath = (id: string): string => `/sales/opportunities/${encodeURIComponent(id)}`;

/**
 * A deal, quote or case event on the customer's timeline: what happened in words (a badge), the
 * record (a link to its deal or case) and its figure.
 */
export function TimelineEvent({ entry }: { readonly entry: RecordEntry }) {
  const { t } = useTranslation('customers-record');
  const format = useFormatters();
  const tone = entry.kind === 'deal' ? entry.event : entry.kind === 'quote' ? entry.event : entry.event === 'resolved' ? 'won' : 'case';

  const title =
    entry.kind === 'deal' ? (
      <Link to={dealPath(entry.dealId)} className="rec-timeline-link">
        {entry.name}
      </Link>
    ) : entry.kind === 'quote' ? (
      <Link to={dealPath(entry.opportunityId)} className="rec-timeline-link">
        {t('timeline.quoteTitle', { number: entry.quoteNumber, version: entry.version })}
      </Link>
    ) : (
      <Link to={`/service/cases/${encodeURIComponent(entry.caseId)}`} className="rec-timeline-link">
        {t('timeline.caseTitle', { number: entry.caseNumber, subject: entry.subject })}
      </Link>
    );
  const figure =
    entry.kind === 'deal'
      ? format.money(entry.amount, entry.currency)
      : entry.kind === 'quote'
        ? format.money(entry.total, entry.currency)
        : t(`timeline.priority.${entry.priority}`);

  return (
    <li className="rec-timeline-item" data-testid="timeline-item" data-kind={entry.kind}>
      <span className={`rec-timeline-icon rec-timeline-${entry.kind}`} aria-hidden="true">
        <RecordIcon kind={entry.kind} />
      </span>
      <div className="rec-timeline-body">
        <div className="rec-timeline-line">
          <span className="rec-timeline-subject">{title}</span>
          <span className={`badge rec-badge-event rec-badge-event-${tone}`}>{t(eventKey(entry))}</span>
        </div>
        <div className="rec-timeline-meta">
          <span>{figure}</span>
          <time dateTime={new Date(entry.at).toISOString()}>{format.dateTime(entry.at)}</time>
        </div>
      </div>
    </li>
  );
}
