import { useTranslation } from 'react-i18next';
import type { ChurnModelSummary } from '../../../shared/contract/insight/insight-requests';
import { useFormatters } from '../i18n/use-formatters';
import { useFixed, useIsoDay } from './insight-format';

/** The churn model's test: AUC with its interval, Brier against the base rate, and whether it has a signal at all. */
export function ChurnSection({ churn }: { readonly churn: ChurnModelSummary | null }) {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const fixed = useFixed();
  const day = useIsoDay();
  const title = (
    <h3 id="insight-churn-title" className="chart-title">
      {t('model.churn.title')}
    </h3>
  );
  if (churn === null) {
    return (
      <section className="insight-card" aria-labelledby="insight-churn-title" data-testid="insight-model-churn">
        {title}
        <p className="insight-verdict insight-verdict-none">{t('model.churn.none')}</p>
      </section>
    );
  }
  const beats = churn.brier !== null && churn.baseBrier !== null && churn.brier < churn.baseBrier;
  const facts: Array<[string, string, string?]> = [
    [t('model.churn.window'), t('model.churn.windowValue', { months: churn.windowMonths })],
    [t('model.churn.split'), day(churn.splitDate)],
    [
      t('model.churn.accounts'),
      t('model.churn.accountsValue', { train: format.number(churn.trainAccounts), test: format.number(churn.testAccounts) }),
    ],
  ];
  if (churn.auc !== null) {
    facts.push([
      t('model.churn.auc'),
      churn.aucLower95 !== null && churn.aucUpper95 !== null
        ? t('model.churn.aucValue', { auc: fixed(churn.auc, 3), lower: fixed(churn.aucLower95, 3), upper: fixed(churn.aucUpper95, 3) })
        : fixed(churn.auc, 3),
      t('model.churn.aucHelp'),
    ]);
  }
  if (churn.brier !== null && churn.baseBrier !== null) {
    facts.push([
      t('model.churn.brier'),
      t('model.churn.brierValue', { brier: fixed(churn.brier, 3), base: fixed(churn.baseBrier, 3) }),
      churn.baseRate === null ? undefined : t('model.churn.brierHelp', { rate: format.percent(churn.baseRate) }),
    ]);
  }
  if (churn.baseRate !== null) facts.push([t('model.churn.baseRate'), format.percent(churn.baseRate)]);
  return (
    <section className="insight-card" aria-labelledby="insight-churn-title" data-testid="insight-model-churn">
      {title}
      <p className="insight-explain">
        {churn.splitDate === null
          ? t('model.churn.explainNoDate', { months: churn.windowMonths })
          : t('model.churn.explain', { months: churn.windowMonths, date: day(churn.splitDate) })}
      </p>
      <p className={`insight-verdict insight-verdict-${churn.status === 'ready' ? 'good' : 'none'}`} data-testid="insight-churn-verdict">
        {t(`model.churn.${churn.status}`)}
        {churn.status === 'ready' && churn.brier !== null && churn.baseBrier !== null
          ? ` ${beats ? t('model.churn.beatsBase') : t('model.churn.notBeatsBase')}`
          : ''}
      </p>
      <dl className="insight-facts" data-testid="insight-churn-facts">
        {facts.map(([label, value, help]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
            {help ? <dd className="insight-help">{help}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}
