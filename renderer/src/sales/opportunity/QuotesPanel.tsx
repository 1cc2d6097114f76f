import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRecord, QuoteRecord } from '../../../../shared/contract/sales/quotes-requests';
import type { OpportunityRecord } from '../../../../shared/contract/sales/opportunities-requests';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { ExportPdfButton } from '../../reports/ExportPdfButton';
import { localIsoDate, useSend } from '../use-request';
import { MarkWonDialog } from './MarkWonDialog';
import { PercentInput } from './PercentInput';

type Totals = Pick<QuoteRecord, 'subtotal' | 'discountAmount' | 'taxAmount' | 'total' | 'currency'>;

function TotalsList({ doc, totalLabel }: { readonly doc: Totals; readonly totalLabel: string }) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const money = (minor: number) => format.money(minor, doc.currency);
  return (
    <dl className="totals">
      <dt>{t('quotes.subtotal')}</dt>
      <dd>{money(doc.subtotal)}</dd>
      <dt>{t('quotes.discountAmount')}</dt>
      <dd>−{money(doc.discountAmount)}</dd>
      <dt>{t('quotes.taxAmount')}</dt>
      <dd>{money(doc.taxAmount)}</dd>
      <dt className="total-strong">{totalLabel}</dt>
      <dd className="total-strong" data-testid="doc-total">
        {money(doc.total)}
      </dd>
    </dl>
  );
}

/**
 * Quotes of the deal (newest revision first) and the orders made from accepted ones, live. Each
 * quote prints to PDF; accepting one offers to mark the deal won.
 */
export function QuotesPanel({ opp }: { readonly opp: OpportunityRecord }) {
  const { t } = useTranslation('sales');
  const send = useSend();
  const docs = useLiveQuery('quotes.forOpportunity', { opportunityId: opp.id }, opp.id);
  const [accepted, setAccepted] = useState<QuoteRecord | null>(null);
  const [discount, setDiscount] = useState('0');
  const [tax, setTax] = useState('0');
  const [validUntil, setValidUntil] = useState(localIsoDate(30));
  const failed = (message: string) => t('common.failed', { message });
  const terms = { discountPercent: Number(discount), taxPercent: Number(tax), validUntil };
  // The live query shows the result of every action; nothing to reload.
  const run = async (action: Promise<unknown>) => {
    await action;
  };
  const open = opp.stage !== 'closed_won' && opp.stage !== 'closed_lost';
  const quotes = docs.status === 'ready' ? docs.result.quotes : [];
  const orders: ReadonlyArray<OrderRecord> = docs.status === 'ready' ? docs.result.orders : [];
  const latest = new Map<string, number>();
  for (const q of quotes) latest.set(q.quoteNumber, Math.max(latest.get(q.quoteNumber) ?? 0, q.version));

  return (
    <section aria-labelledby="quotes-title">
      <h2 id="quotes-title">{t('quotes.title')}</h2>
      <div className="sales-row">
        <label className="rec-field">
          <span className="rec-field-label">{t('quotes.discount')}</span>
          <PercentInput value={discount} onChange={setDiscount} />
        </label>
        <label className="rec-field">
          <span className="rec-field-label">{t('quotes.tax')}</span>
          <PercentInput value={tax} onChange={setTax} />
        </label>
        <label className="rec-field">
          <span className="rec-field-label">{t('quotes.validUntil')}</span>
          <input className="rec-input" type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
        </label>
        <button
          type="button"
          className="button"
          onClick={() => void run(send('quotes.createFromOpportunity', { opportunityId: opp.id, ...terms }, failed))}
        >
          {t('quotes.create')}
        </button>
      </div>
      {quotes.length === 0 ? <p className="deal-date">{t('quotes.none')}</p> : null}
      {orders.map((order) => (
        <article key={order.id} className="doc-card" data-testid="order-card">
          <div className="doc-card-head">
            <strong>{t('quotes.order', { number: order.orderNumber })}</strong>
          </div>
          <TotalsList doc={order} totalLabel={t('quotes.orderTotal')} />
        </article>
      ))}
      {quotes.map((quote) => {
        const superseded = quote.version < (latest.get(quote.quoteNumber) ?? 0);
        const hasOrder = orders.some((o) => o.quoteId === quote.id);
        const setStatus = async (status: 'sent' | 'accepted' | 'rejected'): Promise<void> => {
          const saved = await send('quotes.setStatus', { id: quote.id, status, expectedRevision: quote.revision }, failed);
          if (saved && status === 'accepted' && open) setAccepted(saved);
        };
        return (
          <article key={quote.id} className={`doc-card${superseded ? ' doc-superseded' : ''}`} data-testid="quote-card">
            <div className="doc-card-head">
              <strong data-testid="quote-number">{t('quotes.version', { number: quote.quoteNumber, version: quote.version })}</strong>
              <span className="badge" data-testid="quote-status">
                {superseded ? t('quotes.superseded') : t(`quotes.status.${quote.status}`)}
              </span>
            </div>
            <TotalsList doc={quote} totalLabel={t('quotes.total')} />
            <div className="sales-actions quote-pdf">
              <ExportPdfButton target={{ kind: 'quote', quoteId: quote.id }} label={t('quotes.pdf')} />
            </div>
            {superseded ? null : (
              <div className="sales-actions">
                {quote.status === 'draft' ? (
                  <button type="button" className="button button-secondary" onClick={() => void setStatus('sent')}>
                    {t('quotes.send')}
                  </button>
                ) : null}
                {quote.status === 'draft' || quote.status === 'sent' ? (
                  <>
                    <button type="button" className="button button-secondary" onClick={() => void setStatus('rejected')}>
                      {t('quotes.reject')}
                    </button>
                    <button type="button" className="button" onClick={() => void setStatus('accepted')}>
                      {t('quotes.accept')}
                    </button>
                  </>
                ) : null}
                {quote.status === 'accepted' && !hasOrder ? (
                  <button type="button" className="button" onClick={() => void run(send('quotes.toOrder', { id: quote.id }, failed))}>
                    {t('quotes.toOrder')}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void run(send('quotes.revise', { id: quote.id, ...terms }, failed))}
                >
                  {t('quotes.revise')}
                </button>
              </div>
            )}
          </article>
        );
      })}
      {accepted ? <MarkWonDialog opp={opp} quote={accepted} onClose={() => setAccepted(null)} /> : null}
    </section>
  );
}
