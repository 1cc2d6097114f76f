import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../shared/contract/marketing/campaigns-requests';
import type { AttributionModel } from '../../../../shared/marketing/attribution';
import { useFormatters } from '../../i18n/use-formatters';
import { ModelSelect } from './ModelSelect';

type Figure = { readonly key: string; readonly label: string; readonly value: string; readonly note: string; readonly color: string };

/** Budget, spend, attributed revenue and ROI under the chosen model, cost per lead and per won deal, and the member funnel. */
export function CampaignFiguresPanel({ detail }: { readonly detail: CampaignDetail }) {
  const { t } = useTranslation('marketing-campaigns');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const [model, setModel] = useState<AttributionModel>('even_split');
  const f = detail.figures[model];
  const money = (minor: number): string => format.money(minor, detail.currency);
  const none = t('figures.none');

  const figures: ReadonlyArray<Figure> = [
    {
      key: 'budget',
      label: t('figures.budget'),
      value: money(detail.budget),
      note: detail.expectedRevenue !== undefined ? t('figures.expected', { amount: money(detail.expectedRevenue) }) : '\u00a0',
      color: 'grey',
    },
    {
      key: 'cost',
      label: t('figures.actualCost'),
      value: money(detail.actualCost),
      note:
        detail.budget > 0 ? t('figures.spendNote', { percent: format.percent(detail.actualCost / detail.budget) }) : t('figures.noBudget'),
      color: detail.budget > 0 && detail.actualCost > detail.budget ? 'amber' : 'blue',
    },
    {
      key: 'revenue',
      label: t('figures.revenue'),
      value: money(f.revenue),
      note: t('figures.wonNote', { deals: format.number(Math.round(f.wonDeals * 100) / 100) }),
      color: 'green',
    },
    {
      key: 'roi',
      label: t('figures.roi'),
      value: f.roi === null ? none : format.percent(f.roi),
      note: f.roi === null ? t('figures.noCost') : t('figures.roiNote'),
      color: f.roi !== null && f.roi < 0 ? 'amber' : 'violet',
    },
    {
      key: 'cpl',
      label: t('figures.costPerLead'),
      value: f.costPerLead === null ? none : money(f.costPerLead),
      note: f.leads === 0 ? t('figures.noLeads') : t('figures.leadsNote', { count: f.leads }),
      color: 'blue',
    },
    {
      key: 'cpw',
      label: t('figures.costPerWonDeal'),
      value: f.costPerWonDeal === null ? none : money(f.costPerWonDeal),
      note: f.wonDeals === 0 ? t('figures.noWonDeals') : t('detail.sourced', { count: detail.sourcedWonDeals }),
      color: 'green',
    },
  ];

  const spend = detail.budget > 0 ? Math.min(1, detail.actualCost / detail.budget) : 0;
  const top = f.funnel[0]?.count ?? 0;
  return (
    <>
      <section className="campaign-section" aria-labelledby="campaign-figures-title" data-testid="campaign-figures">
        <header className="campaign-section-header">
          <h3 id="campaign-figures-title" className="rec-panel-title">
            {t('figures.label')}
          </h3>
          <ModelSelect value={model} onChange={setModel} testId="campaign-model" />
        </header>
        <div className="rec-figures campaign-figures">
          {figures.map((figure) => (
            <div key={figure.key} className={`rec-figure rec-figure-${figure.color}`} data-testid={`campaign-figure-${figure.key}`}>
              <span className="rec-figure-label">{figure.label}</span>
              <span className="rec-figure-value">{figure.value}</span>
              <span className="rec-figure-note">{figure.note}</span>
            </div>
          ))}
        </div>
        <div className="campaign-spend" data-testid="campaign-spend">
          <span className="rec-field-label">{t('figures.spend')}</span>
          <div
            className="campaign-spend-bar"
            role="img"
            aria-label={
              detail.budget > 0
                ? `${t('figures.spend')}: ${money(detail.actualCost)} / ${money(detail.budget)}`
                : `${t('figures.spend')}: ${t('figures.noBudget')}`
            }
          >
            <span
              className={detail.actualCost > detail.budget && detail.budget > 0 ? 'campaign-spend-fill over' : 'campaign-spend-fill'}
              style={{ width: `${spend * 100}%` }}
            />
          </div>
          <span className="campaign-spend-text">
            {detail.budget > 0 ? `${money(detail.actualCost)} / ${money(detail.budget)}` : t('figures.noBudget')}
          </span>
        </div>
      </section>
      <section className="rec-card campaign-funnel" aria-labelledby="campaign-funnel-title" data-testid="campaign-funnel">
        <h3 id="campaign-funnel-title" className="rec-panel-title">
          {t('funnel.title')}
        </h3>
        {top === 0 ? (
          <p className="campaign-muted">{t('funnel.empty')}</p>
        ) : (
          <ol className="campaign-funnel-list" aria-label={t('funnel.label')}>
            {f.funnel.map((stage) => (
              <li key={stage.stage} className="campaign-funnel-row">
                <span className="campaign-funnel-stage">{tm(`memberStatus.${stage.stage}`)}</span>
                <span className="campaign-funnel-track" aria-hidden="true">
                  <span className="campaign-funnel-fill" style={{ width: `${(stage.count / top) * 100}%` }} />
                </span>
                <span className="campaign-funnel-count">
                  {t('funnel.share', { n: format.number(stage.count), percent: format.percent(stage.count / top) })}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
