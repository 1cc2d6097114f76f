import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PriceRecord, ProductRecord } from '../../../../shared/contract/sales/catalog-requests';
import { useToastStore } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useSend } from '../use-request';
import { COMMON_CURRENCIES, currencyDigits, currencyName, moneyText, parseMoney } from './money-input';

export type PriceTarget = Pick<PriceRecord, 'priceBook' | 'currency' | 'unitPrice' | 'isActive' | 'revision'>;

/**
 * Sets a product's price in one price book and currency. Opened from a row it edits that price;
 * a new book name or currency adds one. The amount is typed in major units and checked against the
 * currency's decimals before anything is sent.
 */
export function PriceForm({
  product,
  target,
  prices,
}: {
  readonly product: ProductRecord;
  readonly target: PriceTarget | null;
  readonly prices: ReadonlyArray<PriceRecord>;
}) {
  const { t, i18n } = useTranslation('catalog');
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const formId = useId();
  const books = useLiveQuery('catalog.priceBooks', {}, 'books');
  const [priceBook, setPriceBook] = useState(target?.priceBook ?? 'standard');
  const [currency, setCurrency] = useState(target?.currency ?? 'USD');
  const [amount, setAmount] = useState(target ? moneyText(target.unitPrice, target.currency) : '');
  const [isActive, setIsActive] = useState(target?.isActive ?? true);
  const [errors, setErrors] = useState<{ book?: string; amount?: string }>({});
  const [saving, setSaving] = useState(false);
  const amountRef = useRef<HTMLInputElement>(null);
  // Opened from a row's "Change": the amount is what the manager came to type.
  useEffect(() => {
    if (target) amountRef.current?.focus();
  }, [target]);

  const bookNames = new Set(['standard', ...(books.status === 'ready' ? books.result.map((book) => book.name) : [])]);
  const currencies = [...new Set([...COMMON_CURRENCIES, ...prices.map((price) => price.currency), currency])].sort();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const minor = parseMoney(amount, currency);
    const digits = currencyDigits(currency);
    const next = {
      ...(priceBook.trim() ? {} : { book: t('prices.bookRequired') }),
      ...(minor === null ? { amount: digits === 0 ? t('prices.amountInvalidWhole') : t('prices.amountInvalid', { digits }) } : {}),
    };
    setErrors(next);
    if (minor === null || next.book) return;
    const existing = prices.find((price) => price.priceBook === priceBook.trim() && price.currency === currency);
    setSaving(true);
    const saved = await send(
      'catalog.setPrice',
      {
        productId: product.id,
        priceBook: priceBook.trim(),
        currency,
        unitPrice: minor,
        isActive,
        // The revision read when the row was opened: a change made meanwhile is reported, not overwritten.
        ...(target && existing && target.priceBook === existing.priceBook && target.currency === existing.currency
          ? { expectedRevision: target.revision }
          : {}),
      },
      (message) => t('prices.failed', { message }),
    );
    setSaving(false);
    if (saved) show({ message: t('prices.saved') });
  };

  const field = (name: 'book' | 'amount') => ({
    id: `${formId}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${formId}-${name}-error` : undefined,
  });
  const error = (name: 'book' | 'amount') =>
    errors[name] ? (
      <p id={`${formId}-${name}-error`} className="rec-field-error" role="alert">
        {errors[name]}
      </p>
    ) : null;

  return (
    <form className="sales-form catalog-price-form" onSubmit={(event) => void submit(event)} noValidate data-testid="price-form">
      <h3>{t('prices.setTitle')}</h3>
      <div className="sales-row">
        <div className={`rec-field${errors.book ? ' rec-field-invalid' : ''}`}>
          <label className="rec-field-label" htmlFor={`${formId}-book`}>
            {t('prices.book')}
          </label>
          <input
            {...field('book')}
            className="rec-input"
            list={`${formId}-books`}
            maxLength={64}
            value={priceBook}
            onChange={(event) => setPriceBook(event.target.value)}
            data-testid="price-book"
          />
          <datalist id={`${formId}-books`}>
            {[...bookNames].map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          {error('book')}
        </div>
        <div className="rec-field">
          <label className="rec-field-label" htmlFor={`${formId}-currency`}>
            {t('prices.currency')}
          </label>
          <select
            id={`${formId}-currency`}
            className="rec-input select"
            value={currency}
            onChange={(event) => setCurrency(event.target.value)}
            data-testid="price-currency"
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code} · {currencyName(code, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="sales-row">
        <div className={`rec-field${errors.amount ? ' rec-field-invalid' : ''}`}>
          <label className="rec-field-label" htmlFor={`${formId}-amount`}>
            {t('prices.amount', { currency })}
          </label>
          <input
            {...field('amount')}
            ref={amountRef}
            className="rec-input num"
            inputMode="decimal"
            maxLength={20}
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            data-testid="price-amount"
          />
          {error('amount')}
        </div>
        <label className="catalog-check">
          <input type="checkbox" checked={isActive} onChange={(event) => setIsActive(event.target.checked)} />
          {t('prices.active')}
        </label>
        <button type="submit" className="button" disabled={saving} data-testid="save-price">
          {t('prices.set')}
        </button>
      </div>
    </form>
  );
}
