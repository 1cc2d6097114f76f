import { useTranslation } from 'react-i18next';
import type { WinModelSummary, WinProbability } from '../../../../shared/contract/analytics/analytics-requests';
import type { OpportunityRecord } from '../../../../shared/contract/sales/opportunities-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { useWinReasonText } from './use-win-reason-text';
import { useWinProbabilities } from './use-win-probabilities';

/** The deal's modelled chance next to its stage default, why, and how far the model can be trusted. */
export function WinProbabilityPanel({ opp }: { readonly opp: OpportunityRecord }) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const { model, scores } = useWinProbabilities([opp.id]);
  const score = scores.get(opp.id);
  const closed = opp.stage === 'closed_won' || opp.stage === 'closed_lost';
  return (
    <section className="panel win-panel" data-testid="win-panel" aria-labelledby="win-title">
      <h3 id="win-title" className="panel-title">
        {t('win.title')}
      </h3>
      <p className="win-figures">
        <WinFigure closed={closed} model={model} score={score} />
        <span className="win-stage-default" data-testid="win-stage-default">
          {t('win.stageDefault', { percent: format.percent(opp.probability / 100) })}
        </span>
      </p>
      {score && score.reasons.length > 0 ? <WinReasons score={score} currency={opp.currency} /> : null}
      {model ? <ModelQuality model={model} /> : null}
    </section>
  );
}

function WinFigure({
  closed,
  model,
  score,
}: {
  readonly closed: boolean;
  readonly model: WinModelSummary | null;
  readonly score: WinProbability | undefined;
}) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  if (closed) return <span className="win-muted">{t('win.closed')}</span>;
  if (score) {
    return (
      <span className="win-figure">
        <strong data-testid="win-probability">{format.percent(score.probability)}</strong>{' '}
        <span className="win-muted">{score.source === 'model' ? t('win.sourceModel') : t('win.sourceStage')}</span>
      </span>
    );
  }
  // No model yet: say so instead of waiting; a deal created since the last training waits for the next.
  if (!model || model.trainedAt === null || model.status === 'training') {
    return (
      <span className="win-muted" role="status" data-testid="win-calculating">
        {t('win.calculating')}
      </span>
    );
  }
  return <span className="win-muted">{t('win.unavailable')}</span>;
}

function WinReasons({ score, currency }: { readonly score: WinProbability; readonly currency: string }) {
  const { t } = useTranslation('sales');
  const text = useWinReasonText(currency);
  return (
    <div className="win-reasons">
      <h4 className="win-subtitle">{t('win.reasonsTitle')}</h4>
      <ul data-testid="win-reasons">
        {score.reasons.map((reason) => (
          <li key={reason.feature} className={`win-reason win-${reason.direction}`}>
            <span aria-hidden="true">{reason.direction === 'raises' ? '▲' : '▼'}</span> {text(reason)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ModelQuality({ model }: { readonly model: WinModelSummary }) {
  const { t } = useTranslation('sales');
  const fixed = (value: number | null, digits: number): string => (value === null ? '—' : value.toFixed(digits));
  const lines: string[] = [];
  if (model.status === 'failed') lines.push(t('win.failed'));
  if (model.kind === 'logistic') {
    lines.push(
      t('win.quality', { auc: fixed(model.auc, 2), brier: fixed(model.brier, 3), heldOut: model.heldOutDeals, closed: model.closedDeals }),
    );
    if (model.stageAuc !== null) lines.push(t('win.stageBaseline', { auc: fixed(model.stageAuc, 2), brier: fixed(model.stageBrier, 3) }));
  } else if (model.fallback === 'no_signal') {
    lines.push(t('win.noSignal', { auc: fixed(model.auc, 2) }));
  } else if (model.fallback === 'not_enough_deals') {
    lines.push(t('win.notEnoughDeals', { count: model.closedDeals }));
  }
  if (lines.length === 0) return null;
  return (
    <p className="win-quality" data-testid="win-quality">
      {lines.join(' · ')}
    </p>
  );
}
