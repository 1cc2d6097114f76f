import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { QuotePrint } from '../../../../shared/contract/sales/quotes-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { useCrmClient } from '../../transport/client-context';
import '../reports.css';
import { usePrintLanguage, usePrintReady } from './use-print-ready';

export function QuotePrintPage() {
  const { id = '' } = useParams();
  const client = useCrmClient();
  const languageReady = usePrintLanguage();
  const [state, setState] = useState<{ doc: QuotePrint | null; missing: boolean }>({ doc: null, missing: false });
  useEffect(() => {
    void client
      .send('quotes.document', { id })
      .then((result) => setState(result.ok ? { doc: result.value, missing: false } : { doc: null, missing: true }));
  }, [client, id]);
  usePrintReady(languageReady && (state.doc !== null || state.missing));
  const { t } = useTranslation('reports');
  const format = useFormatters();
  if (state.missing) return <p className="print-page">{t('print.notFound')}</p>;
  if (!state.doc) return <div className="print-page" />;
  const { quote } = state.doc;
  const money = (value: number): string => format.money(value, quote.currency);
  const day = (iso: string): string => format.day(iso);
  return (
    <article className="print-page quote" data-testid="print-quote">
      <header className="quote-head">
        <div>
          <div className="quote-brand" data-testid="quote-seller">
            {state.doc.sellerCompany ?? 'FieldCRM'}
          </div>
          {/* The number is what the customer quotes back: it never breaks across lines. */}
          <h1 style={{ whiteSpace: 'nowrap' }}>{t('print.quoteTitle', { number: quote.quoteNumber })}</h1>
          <p>{t('print.quoteVersion', { version: quote.version })}</p>
        </div>
        <dl className="quote-meta">
          <dt>{t('print.date')}</dt>
          <dd>{format.date(quote.sentAt ?? quote.createdAt)}</dd>
          <dt>{t('print.validUntil')}</dt>
          <dd data-testid="quote-valid-until">{day(quote.validUntil)}</dd>
          <dt>{t('print.reference')}</dt>
          <dd>{state.doc.opportunityName ?? '—'}</dd>
        </dl>
      </header>
      <section className="quote-parties">
        <div>
          <h2>{t('print.preparedFor')}</h2>
          <p>{state.doc.accountName}</p>
          {state.doc.contactName ? (
            <p>
              {t('print.attention')}: {state.doc.contactName}
            </p>
          ) : null}
        </div>
        <div>
          <h2>{t('print.preparedBy')}</h2>
          <p data-testid="quote-rep">{state.doc.ownerName}</p>
          {state.doc.ownerTitle ? <p>{state.doc.ownerTitle}</p> : null}
          {state.doc.teamName ? <p>{state.doc.teamName}</p> : null}
          {state.doc.ownerEmail ? <p>{state.doc.ownerEmail}</p> : null}
          {state.doc.sellerCompany ? <p>{state.doc.sellerCompany}</p> : null}
        </div>
      </section>
      <table className="print-table quote-lines">
        <thead>
          <tr>
            <th>{t('print.item')}</th>
            <th className="num">{t('print.quantity')}</th>
            <th className="num">{t('print.unitPrice')}</th>
            <th className="num">{t('print.lineDiscount')}</th>
            <th className="num">{t('print.lineTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {quote.lines.map((line) => (
            <tr key={line.id}>
              <td>{line.description ?? line.productId}</td>
              <td className="num">{format.number(line.quantity)}</td>
              <td className="num">{money(line.unitPrice)}</td>
              <td className="num">{line.discountPercent ? `${format.number(line.discountPercent)}%` : '—'}</td>
              <td className="num">{money(line.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="quote-totals">
        <tbody>
          <tr>
            <th>{t('print.subtotal')}</th>
            <td>{money(quote.subtotal)}</td>
          </tr>
          {quote.discountAmount ? (
            <tr>
              <th>{t('print.discount', { percent: quote.discountPercent })}</th>
              <td>−{money(quote.discountAmount)}</td>
            </tr>
          ) : null}
          <tr>
            <th>{t('print.tax', { percent: quote.taxPercent })}</th>
            <td>{money(quote.taxAmount)}</td>
          </tr>
          <tr className="quote-total">
            <th>{t('print.total')}</th>
            <td data-testid="quote-total">{money(quote.total)}</td>
          </tr>
        </tbody>
      </table>
      <section className="quote-terms">
        <h2>{t('print.terms')}</h2>
        <p>{quote.terms ?? t('print.defaultTerms')}</p>
      </section>
    </article>
  );
}
