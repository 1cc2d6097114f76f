import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuoteRecord } from '../../../shared/contract/sales/quotes-requests';
import { useCrmClient } from '../transport/client-context';
import { ExportPdfButton } from './ExportPdfButton';

/**
 * Finds a quote by the number printed on it (or its id) before offering the PDF, so a wrong
 * number is an error in words here, never a PDF that says the quote does not exist.
 */
export function QuoteLookup() {
  const { t } = useTranslation('reports');
  const client = useCrmClient();
  const [text, setText] = useState('');
  const [state, setState] = useState<
    | { readonly kind: 'idle' }
    | { readonly kind: 'found'; readonly quote: QuoteRecord }
    | { readonly kind: 'missing'; readonly asked: string }
  >({ kind: 'idle' });

  const find = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const asked = text.trim();
    if (!asked) return;
    const result = await client.send('quotes.find', { idOrNumber: asked });
    setState(result.ok ? { kind: 'found', quote: result.value } : { kind: 'missing', asked });
  };

  return (
    <div className="report-card-actions">
      <form
        className="quote-lookup"
        style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}
        onSubmit={(event) => void find(event)}
      >
        <label className="filter-field">
          <span>{t('reportsPage.quoteNumber')}</span>
          <input
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setState({ kind: 'idle' });
            }}
            placeholder="Q-20260115-3FA2C1"
            data-testid="quote-id"
          />
        </label>
        <button type="submit" className="button button-secondary" data-testid="quote-find">
          {t('reportsPage.findQuote')}
        </button>
      </form>
      {state.kind === 'missing' ? (
        <p className="quote-lookup-error" role="alert" data-testid="quote-missing">
          {t('reportsPage.quoteMissing', { number: state.asked })}
        </p>
      ) : null}
      {state.kind === 'found' ? (
        <div
          className="quote-lookup-found"
          style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}
          data-testid="quote-found"
        >
          <span>{t('reportsPage.quoteFound', { number: state.quote.quoteNumber, version: state.quote.version })}</span>
          <ExportPdfButton target={{ kind: 'quote', quoteId: state.quote.id }} label={t('export.quote')} />
        </div>
      ) : null}
    </div>
  );
}
