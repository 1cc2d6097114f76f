import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';

/** Newest activities shown on a converted lead; the full history is on the contact's page. */
const SHOWN = 20;

/**
 * Activities name an account, contact, deal or case, never a lead (shared/schemas/activities.ts).
 * So before conversion this says where activities go; after it, the converted contact's activities
 * show here, live.
 */
export function LeadActivities({ contactId }: { readonly contactId: string | undefined }) {
  const { t } = useTranslation('leads');
  return (
    <section className="sales-panel" aria-labelledby="lead-activities-title" data-testid="lead-activities">
      <h3 id="lead-activities-title">{t('detail.activitiesTitle')}</h3>
      {contactId ? <ContactActivities contactId={contactId} /> : <p className="lead-muted">{t('detail.activitiesBeforeConversion')}</p>}
    </section>
  );
}

function ContactActivities({ contactId }: { readonly contactId: string }) {
  const { t } = useTranslation('leads');
  const format = useFormatters();
  const live = useLiveQuery('activities.list', { filter: { contactId }, limit: SHOWN }, contactId);
  if (live.status === 'loading') return <LoadingState label={t('loading')} />;
  if (live.status === 'error') return <ErrorState title={t('detail.loadFailed')} error={live.error} />;
  if (live.result.rows.length === 0) return <p className="lead-muted">{t('detail.activitiesEmpty')}</p>;
  return (
    <ul className="lead-activity-list">
      {live.result.rows.map((activity) => (
        <li key={activity.id}>
          <span className="lead-activity-type">{t(`detail.activityType.${activity.type}`)}</span>
          <span className="lead-activity-subject">{activity.subject}</span>
          <span className="lead-muted">
            {activity.dueAt ? format.date(activity.dueAt) : ''} {activity.done ? t('detail.done') : t('detail.planned')}
          </span>
        </li>
      ))}
    </ul>
  );
}
