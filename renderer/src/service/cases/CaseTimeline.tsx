import { useTranslation } from 'react-i18next';
import type { CaseTimelineItem } from '../../../../shared/contract/service/cases-requests';
import { ACTIVITY_TYPES } from '../../../../shared/schemas/activities';
import { useFormatters } from '../../i18n/use-formatters';

/** Status changes (who and when), activities and surveys of a case, newest first. */
export function CaseTimeline({ items }: { readonly items: ReadonlyArray<CaseTimelineItem> }) {
  const { t } = useTranslation('service');
  const format = useFormatters();
  const activityType = (type: string): string =>
    (ACTIVITY_TYPES as ReadonlyArray<string>).includes(type) ? t(`activityType.${type as (typeof ACTIVITY_TYPES)[number]}`) : type;
  const line = (item: CaseTimelineItem): { title: string; meta: string; tone: string; text?: string | undefined } => {
    switch (item.kind) {
      case 'status':
        return {
          tone: `status-${item.status}`,
          title: item.from
            ? t('timeline.moved', { from: t(`status.${item.from}`), to: t(`status.${item.status}`) })
            : t('timeline.opened', { status: t(`status.${item.status}`) }),
          meta: t('timeline.by', { name: item.byName }),
        };
      case 'activity':
        return {
          tone: 'activity',
          title: item.subject,
          meta: t('timeline.activityBy', { type: activityType(item.type), name: item.byName }),
        };
      case 'survey':
        return {
          tone: 'survey',
          title: item.survey === 'csat' ? t('timeline.csat', { score: item.score }) : t('timeline.nps', { score: item.score }),
          meta: t('timeline.surveyRecorded'),
          text: item.comment,
        };
    }
  };
  return (
    <section className="rec-card rec-panel" aria-labelledby="case-timeline-title" data-testid="case-timeline">
      <header className="rec-panel-header">
        <h3 id="case-timeline-title" className="rec-panel-title">
          {t('timeline.title')}
          <span className="rec-count-pill">{items.length}</span>
        </h3>
      </header>
      {items.length === 0 ? (
        <p className="case-muted case-pad">{t('timeline.empty')}</p>
      ) : (
        <ol className="case-timeline">
          {items.map((item, index) => {
            const shown = line(item);
            return (
              <li
                key={`${item.kind}:${item.at}:${index}`}
                className={`case-timeline-item case-tl-${shown.tone}`}
                data-testid="case-timeline-item"
                data-kind={item.kind}
              >
                <span className="case-timeline-dot" aria-hidden="true" />
                <div className="case-timeline-body">
                  <span className="case-timeline-title">{shown.title}</span>
                  <span className="case-timeline-meta">
                    {shown.meta} · <time dateTime={new Date(item.at).toISOString()}>{format.dateTime(item.at)}</time>
                  </span>
                  {shown.text ? <p className="case-timeline-text">{shown.text}</p> : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
