import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AccountInsight, ProductRecommendation } from '../../../shared/contract/insight/insight-requests';
import { ErrorState } from '../common/StateViews';
import { useLiveQuery } from '../data/use-live-query';
import { useFormatters } from '../i18n/use-formatters';
import { localIsoDate } from '../sales/use-request';
import { useCrmClient } from '../transport/client-context';
import { segmentTone, useIsoDay, useReasonText } from './insight-format';
import './insight.css';

/**
 * The account page's insight panel, live: value of the next 12 months, whether the customer is
 * still buying, churn risk with its reasons in words, the RFM segment with what to do about it, and
 * the products to offer next with why.
 */
export function AccountInsightPanel({ accountId }: { readonly accountId: string }) {
  const { t } = useTranslation('insight');
  const insight = useLiveQuery('insight.account', { accountId }, `insight-account:${accountId}`);
  const result = insight.status === 'ready' ? insight.result : null;
  const segment = result?.rfm?.segment ?? null;

  return (
    <section className="rec-card rec-panel insight-panel" aria-labelledby="insight-panel-title" data-testid="insight-panel">
      <header className="rec-panel-header">
        <h3 id="insight-panel-title" className="rec-panel-title">
          {t('panel.title')}
        </h3>
        {segment ? (
          <span className={`insight-segment insight-tone-${segmentTone(segment)}`} data-testid="insight-panel-segment">
            {t(`segments.${segment}`)}
          </span>
        ) : null}
      </header>
      {insight.status === 'loading' ? <div className="rec-panel-skeleton" aria-hidden="true" /> : null}
      {insight.status === 'error' ? <ErrorState title={t('panel.loadFailed')} error={insight.error} /> : null}
      {result ? <PanelBody insight={result} /> : null}
    </section>
  );
}

function PanelBody({ insight }: { readonly insight: AccountInsight }) {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const day = useIsoDay();
  const reasonText = useReasonText();
  const { history, clv, churn, rfm, currency } = insight;
  const oneOrder = history.transactions === 1;

  if (insight.computedAt === null && insight.status === 'computing') {
    return (
      <p className="insight-panel-state" role="status" data-testid="insight-panel-computing">
        <span className="spinner" aria-hidden="true" />
        {t('panel.computing')}
      </p>
    );
  }
  if (insight.computedAt === null && insight.status === 'failed') {
    return (
      <p className="insight-panel-state insight-panel-failed" role="alert">
        {t('panel.failed')} <Link to="/customers/insights/model">{t('panel.modelLink')}</Link>
      </p>
    );
  }
  if (history.transactions === 0) {
    return (
      <div className="rec-panel-empty" data-testid="insight-panel-empty">
        <strong>{t('panel.emptyTitle')}</strong>
        <span>{t('panel.emptyBody')}</span>
      </div>
    );
  }

  return (
    <div className="insight-panel-body">
      <p className="insight-history" data-testid="insight-history">
        {t('panel.history', {
          count: history.transactions,
          first: day(history.firstPurchase),
          last: day(history.lastPurchase),
          total: format.money(history.totalSpend, currency),
        })}
      </p>
      {insight.status === 'computing' ? (
        <p className="insight-panel-note" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('recomputing')}
        </p>
      ) : null}
      <dl className="insight-panel-figures">
        <div data-testid="insight-clv">
          <dt>{t('panel.clv')}</dt>
          <dd className="insight-figure-value">{clv ? format.money(clv.clv12m, currency) : t('panel.clvNone')}</dd>
          {clv ? <dd className="insight-figure-note">{t('panel.clvNote', { spend: format.money(clv.expectedSpend, currency) })}</dd> : null}
        </div>
        <div data-testid="insight-p-alive">
          <dt>{t('panel.pAlive')}</dt>
          {/* BG/NBD lets a customer drop out only after a repeat purchase: after one purchase it always says 100%. */}
          <dd className="insight-figure-value">{!clv ? t('none') : oneOrder ? t('panel.pAliveUnknown') : format.percent(clv.pAlive)}</dd>
          <dd className="insight-figure-note">{oneOrder ? t('panel.pAliveUnknownNote') : t('panel.pAliveNote')}</dd>
        </div>
        <div data-testid="insight-expected">
          <dt>{t('panel.expected')}</dt>
          <dd className="insight-figure-value">{clv ? format.number(Math.round(clv.expectedPurchases12m * 10) / 10) : t('none')}</dd>
          <dd className="insight-figure-note">{t('panel.expectedNote')}</dd>
        </div>
        <div data-testid="insight-churn">
          <dt>{t('panel.churn')}</dt>
          <dd className="insight-figure-value">
            {churn ? (
              <>
                {churn.lapsed ? t('panel.lapsed') : format.percent(churn.risk)}{' '}
                <span className={`insight-band insight-band-${churn.band}`}>{t(`bandRisk.${churn.band}`)}</span>
              </>
            ) : (
              t('panel.churnNone')
            )}
          </dd>
        </div>
      </dl>
      {churn ? (
        <div className="insight-panel-section" data-testid="insight-reasons">
          <h4 className="insight-panel-heading">{t('panel.reasonsTitle')}</h4>
          {churn.reasons.length === 0 ? (
            <p className="insight-muted">{t('panel.noReasons')}</p>
          ) : (
            <ul className="insight-reason-list">
              {churn.reasons.map((reason) => (
                <li key={reason.code}>{reasonText(reason, currency)}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p className="insight-muted">{t('panel.churnNoneNote')}</p>
      )}
      {rfm ? (
        <div className="insight-panel-section" data-testid="insight-rfm">
          <h4 className="insight-panel-heading">
            {t('panel.rfm')}:{' '}
            <span className={`insight-segment insight-tone-${segmentTone(rfm.segment)}`}>{t(`segments.${rfm.segment}`)}</span>
          </h4>
          <p className="insight-scores" aria-label={t('panel.rfmLabel', { r: rfm.recency, f: rfm.frequency, m: rfm.monetary })}>
            {t('panel.rfmScores', { r: rfm.recency, f: rfm.frequency, m: rfm.monetary })}
          </p>
          <p className="insight-advice">{t(`segmentAdvice.${rfm.segment}`)}</p>
        </div>
      ) : null}
      <Recommendations accountId={insight.accountId} recommendations={insight.recommendations} currency={currency} />
      <p className="insight-panel-foot">
        {insight.computedAt === null ? null : <span>{t('panel.computedAt', { relative: format.relative(insight.computedAt) })} · </span>}
        <Link to="/customers/insights/model">{t('panel.modelLink')}</Link>
      </p>
    </div>
  );
}

/** The catalog price of each suggested product in the account's currency (standard price book), when it has one. */
function usePrices(currency: string, wanted: boolean): ReadonlyMap<string, number> {
  const client = useCrmClient();
  const [prices, setPrices] = useState<{ currency: string; byId: ReadonlyMap<string, number> } | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let active = true;
    void client.send('catalog.priced', { currency, priceBook: 'standard' }).then((answer) => {
      if (active && answer.ok) setPrices({ currency, byId: new Map(answer.value.map((product) => [product.id, product.unitPrice])) });
    });
    return () => {
      active = false;
    };
  }, [client, currency, wanted]);
  return prices?.currency === currency ? prices.byId : EMPTY_PRICES;
}
const EMPTY_PRICES: ReadonlyMap<string, number> = new Map();

/** How far ahead a deal started from a suggestion is expected to close. */
const NEW_DEAL_CLOSE_DAYS = 90;

type Creating = { readonly productId: string; readonly error?: string };

/**
 * Starts a deal for one suggested product (quantity 1, priced by the core from the standard price
 * book in the account's currency) and opens it. One creation at a time; a failure stays in words
 * beside the product until the next try.
 */
function useCreateOpportunity(accountId: string) {
  const { t } = useTranslation('insight');
  const client = useCrmClient();
  const navigate = useNavigate();
  const [creating, setCreating] = useState<Creating | null>(null);
  const pending = creating !== null && creating.error === undefined;
  const create = async (rec: ProductRecommendation): Promise<void> => {
    if (pending) return;
    setCreating({ productId: rec.productId });
    const fail = (message: string) => setCreating({ productId: rec.productId, error: t('panel.createFailed', { message }) });
    const account = await client.send('accounts.get', { id: accountId });
    if (!account.ok) return fail(account.error.message);
    const created = await client.send('opportunities.create', {
      accountId,
      name: t('panel.newDealName', { product: rec.productName, account: account.value.name }).slice(0, 200),
      closeDate: localIsoDate(NEW_DEAL_CLOSE_DAYS),
      lines: [{ productId: rec.productId, quantity: 1 }],
      source: 'recommendation',
    });
    if (!created.ok) return fail(created.error.message);
    setCreating(null);
    void navigate(`/sales/opportunities/${encodeURIComponent(created.value.id)}`);
  };
  return { creating, pending, create };
}

function Recommendations({
  accountId,
  recommendations,
  currency,
}: {
  readonly accountId: string;
  readonly recommendations: ReadonlyArray<ProductRecommendation>;
  readonly currency: string;
}) {
  const { t, i18n } = useTranslation('insight');
  const format = useFormatters();
  const prices = usePrices(currency, recommendations.length > 0);
  const { creating, pending, create } = useCreateOpportunity(accountId);
  const why = (rec: ProductRecommendation): string => {
    if (rec.source !== 'collaborative') return t(`because.${rec.source}`);
    if (rec.becauseOf.length === 0) return t('because.collaborativePlain');
    const names = rec.becauseOf.map((product) => product.productName);
    return t('because.collaborative', { products: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(names) });
  };
  return (
    <div className="insight-panel-section" data-testid="insight-recommendations">
      <h4 className="insight-panel-heading">{t('panel.recommendations')}</h4>
      {recommendations.length === 0 ? (
        <p className="insight-muted">{t('panel.noRecommendations')}</p>
      ) : (
        <ul className="insight-rec-list">
          {recommendations.map((rec) => {
            const price = prices.get(rec.productId);
            const mine = creating?.productId === rec.productId;
            return (
              <li key={rec.productId} className="insight-rec" data-testid="insight-recommendation">
                <span className="insight-rec-main">
                  <Link to={`/sales/products/${encodeURIComponent(rec.productId)}`} className="insight-rec-name">
                    {rec.productName}
                  </Link>
                  <span className="insight-rec-why">{why(rec)}</span>
                  {mine && creating.error !== undefined ? (
                    <span className="insight-rec-error" role="alert">
                      {creating.error}
                    </span>
                  ) : null}
                </span>
                <span className="insight-rec-side">
                  <span className={`insight-source insight-source-${rec.source}`}>{t(`sources.${rec.source}`)}</span>
                  {price === undefined ? null : <span className="insight-rec-price">{format.money(price, currency)}</span>}
                  <button
                    type="button"
                    className="button rec-button-ghost rec-button-small"
                    aria-label={t(mine && pending ? 'panel.creatingOpportunityFor' : 'panel.createOpportunityFor', {
                      product: rec.productName,
                    })}
                    aria-busy={mine && pending}
                    disabled={pending}
                    onClick={() => void create(rec)}
                    data-testid="insight-create-opportunity"
                  >
                    {mine && pending ? (
                      <>
                        <span className="spinner" aria-hidden="true" />
                        {t('panel.creatingOpportunity')}
                      </>
                    ) : (
                      t('panel.createOpportunity')
                    )}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
