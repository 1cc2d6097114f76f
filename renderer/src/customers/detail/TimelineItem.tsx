import { useTranslation } from 'react-i18next';
import type { ActivityRecord } from '../../../../shared/contract/customers/activities-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { VisitServiceActions } from '../../service/cases/VisitServiceActions';
import { ActivityIcon } from './ActivityIcon';

/** A plan whose time has passed without being marked done. */
const overdue = (at: number): boolean => at < Date.now();

type Props = {
  readonly activity: ActivityRecord;
  readonly contactName: string | undefined;
  readonly onComplete: (activity: ActivityRecord) => void;
};

export function TimelineItem({ activity, contactName, onComplete }: Props) {
  const { t } = useTranslation('customers-record');
  const format = useFormatters();
  const at = activity.dueAt ?? activity.createdAt;
  return (
    <li className={`rec-timeline-item${activity.done ? '' : ' rec-timeline-planned'}`} data-testid="timeline-item">
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
          {contactName ? <span>{t('activity.with', { name: contactName })}</span> : null}
          <time dateTime={new Date(at).toISOString()}>{format.dateTime(at)}</time>
        </div>
        {activity.description ? <p className="rec-timeline-text">{activity.description}</p> : null}
        {activity.type === 'visit' ? <VisitServiceActions visit={activity} /> : null}
      </div>
      {activity.done ? null : (
        <button type="button" className="button rec-button-small rec-button-ghost" onClick={() => onComplete(activity)}>
          {t('actions.complete')}
        </button>
      )}
    </li>
  );
}
