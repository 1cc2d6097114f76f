import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/service/cases-requests';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { CaseArticles } from './CaseArticles';
import { CaseEditForm } from './CaseEditForm';
import { CaseHeader } from './CaseHeader';
import { CaseTimeline } from './CaseTimeline';
import { categoryLabel } from './case-labels';
import { SlaPanel } from './SlaPanel';
import { SurveyDialog } from './SurveyDialog';
import '../../customers/detail/record.css';
import './cases.css';

/** One case, live: header and workflow, both SLA clocks ticking, details, timeline, articles and CSAT. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('service');
  const live = useLiveQuery('cases.get', { id }, `case:${id}`);
  if (live.status === 'loading') return <LoadingState label={t('case.loading')} />;
  if (live.status === 'error') {
    return (
      <div className="rec-scope case-page">
        <Link to="/service/cases" className="back-link">
          ← {t('case.back')}
        </Link>
        <ErrorState title={live.error.code === 'not_found' ? t('case.notFound') : t('case.loadFailed')} error={live.error} />
      </div>
    );
  }
  return <CaseView detail={live.result} />;
}

function CaseView({ detail }: { readonly detail: CaseDetail }) {
  const { t } = useTranslation('service');
  const format = useFormatters();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const finished = detail.status === 'resolved' || detail.status === 'closed';
  const csats = detail.surveys.filter((s) => s.survey === 'csat');
  const notSet = t('case.notSet');
  const facts: ReadonlyArray<readonly [string, string]> = [
    [t('fields.priority'), t(`priority.${detail.priority}`)],
    [t('fields.channel'), t(`channel.${detail.channel}`)],
    [t('fields.category'), categoryLabel(t, detail.category)],
    [t('fields.contact'), detail.contactName ?? notSet],
    [t('fields.opened'), format.dateTime(detail.openedAt)],
    [t('fields.firstResponse'), detail.firstRespondedAt ? format.dateTime(detail.firstRespondedAt) : notSet],
    [t('fields.resolved'), detail.resolvedAt ? format.dateTime(detail.resolvedAt) : notSet],
    [t('fields.tier'), detail.accountTier ? t(`tier.${detail.accountTier}`) : notSet],
  ];

  return (
    <article className="rec-scope case-page" data-testid="case-page">
      <Link to="/service/cases" className="back-link">
        ← {t('case.back')}
      </Link>
      <CaseHeader detail={detail} />
      <div className="case-columns">
        <div className="case-main">
          <SlaPanel sla={detail.sla} />
          <section className="rec-card rec-panel" aria-labelledby="case-details-title">
            <header className="rec-panel-header">
              <h3 id="case-details-title" className="rec-panel-title">
                {t('case.details')}
              </h3>
              {editing ? null : (
                <button
                  type="button"
                  className="button rec-button-ghost rec-button-small"
                  onClick={() => setEditing(true)}
                  data-testid="case-edit"
                >
                  {t('case.edit')}
                </button>
              )}
            </header>
            {editing ? (
              // Not keyed by revision: a change from elsewhere while editing must not wipe what the rep typed.
              <CaseEditForm detail={detail} onDone={() => setEditing(false)} />
            ) : (
              <div className="case-pad">
                {detail.description ? (
                  <p className="case-description">{detail.description}</p>
                ) : (
                  <p className="case-muted case-description">{t('case.noDescription')}</p>
                )}
                <dl className="case-facts">
                  {facts.map(([label, value]) => (
                    <div key={label}>
                      <dt>{label}</dt>
                      <dd>{value}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            )}
          </section>
          <CaseTimeline items={detail.timeline} />
        </div>
        <div className="case-side">
          <section className="rec-card rec-panel" aria-labelledby="case-csat-title" data-testid="case-csat">
            <header className="rec-panel-header">
              <h3 id="case-csat-title" className="rec-panel-title">
                {t('survey.caseTitle')}
              </h3>
              {finished ? (
                <button type="button" className="button rec-button-small" onClick={() => setRecording(true)}>
                  {t('survey.recordCsat')}
                </button>
              ) : null}
            </header>
            <div className="case-pad">
              {csats.length === 0 ? (
                <p className="case-muted">{finished ? t('survey.noneYet') : t('survey.afterResolve')}</p>
              ) : (
                <ul className="case-surveys">
                  {csats.map((s) => (
                    <li key={s.id}>
                      <strong>{t('timeline.csat', { score: s.score })}</strong>{' '}
                      <span className="case-muted">{format.date(s.respondedAt)}</span>
                      {s.comment ? <p className="case-timeline-text">{s.comment}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </section>
          <CaseArticles detail={detail} />
        </div>
      </div>
      {recording ? (
        <SurveyDialog
          target={{
            survey: 'csat',
            accountId: detail.accountId,
            caseId: detail.id,
            ...(detail.contactId ? { contactId: detail.contactId } : {}),
          }}
          onClose={() => setRecording(false)}
        />
      ) : null}
    </article>
  );
}
