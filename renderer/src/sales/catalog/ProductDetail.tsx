import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PriceRecord, ProductRecord } from '../../../../shared/contract/sales/catalog-requests';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { PriceForm, type PriceTarget } from './PriceForm';
import { ProductForm } from './ProductForm';

/** One product, live: its fields (editable by managers) and its prices in every price book and currency. */
export function ProductDetail({ id, canEdit }: { readonly id: string; readonly canEdit: boolean }) {
  const { t } = useTranslation('catalog');
  const detail = useLiveQuery('catalog.product', { id }, id);
  const [editing, setEditing] = useState(false);
  const [target, setTarget] = useState<PriceTarget | null>(null);

  if (detail.status === 'loading') return <LoadingState />;
  if (detail.status === 'error') return <ErrorState title={t('product.loadFailed')} error={detail.error} />;
  const { product, prices } = detail.result;

  return (
    <div className="catalog-detail" data-testid="product-detail">
      <Link className="catalog-back" to="/sales/products">
        {t('product.back')}
      </Link>
      {editing && canEdit ? (
        <ProductForm product={product} onDone={() => setEditing(false)} />
      ) : (
        <ProductSummary product={product} canEdit={canEdit} onEdit={() => setEditing(true)} />
      )}
      <section aria-labelledby={`prices-${product.id}`}>
        <h2 id={`prices-${product.id}`}>{t('prices.title')}</h2>
        <PricesTable product={product} prices={prices} canEdit={canEdit} onChange={setTarget} />
        {canEdit ? (
          <PriceForm
            key={target ? `${target.priceBook}|${target.currency}|${target.revision}` : 'new'}
            product={product}
            target={target}
            prices={prices}
          />
        ) : null}
      </section>
    </div>
  );
}

function ProductSummary({
  product,
  canEdit,
  onEdit,
}: {
  readonly product: ProductRecord;
  readonly canEdit: boolean;
  readonly onEdit: () => void;
}) {
  const { t } = useTranslation('catalog');
  const rows: Array<[string, string]> = [
    [t('product.sku'), product.sku],
    [t('product.family'), product.family ?? '—'],
    [t('product.unit'), product.unit ?? '—'],
    [t('products.status'), t(product.isActive ? 'active.active' : 'active.inactive')],
  ];
  return (
    <div className="catalog-summary">
      <div className="catalog-summary-head">
        <h2 data-testid="product-name">{product.name}</h2>
        {canEdit ? (
          <button type="button" className="button button-secondary" onClick={onEdit} data-testid="edit-product">
            {t('product.editTitle')}
          </button>
        ) : null}
      </div>
      <dl className="catalog-fields">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {product.description ? <p className="catalog-description">{product.description}</p> : null}
    </div>
  );
}

function PricesTable({
  product,
  prices,
  canEdit,
  onChange,
}: {
  readonly product: ProductRecord;
  readonly prices: ReadonlyArray<PriceRecord>;
  readonly canEdit: boolean;
  readonly onChange: (target: PriceTarget) => void;
}) {
  const { t } = useTranslation('catalog');
  const format = useFormatters();
  if (prices.length === 0) return <p className="catalog-hint">{t('prices.none')}</p>;
  // One table per price book (the core sorts by book, then currency, newest first).
  const books = new Map<string, PriceRecord[]>();
  for (const price of prices) books.set(price.priceBook, [...(books.get(price.priceBook) ?? []), price]);
  return (
    <div data-testid="price-table">
      {[...books.entries()].map(([book, rows]) => (
        <table key={book} className="line-table catalog-prices" aria-label={t('prices.tableLabel', { name: product.name, book })}>
          <caption>
            {t('prices.book')}: {book}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('prices.currency')}</th>
              <th scope="col" className="num">
                {t('prices.unitPrice')}
              </th>
              <th scope="col">{t('prices.validFrom')}</th>
              {canEdit ? (
                <th scope="col">
                  <span className="visually-hidden">{t('prices.edit')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((price) => (
              <tr
                key={price.id}
                className={price.isActive ? undefined : 'catalog-withdrawn'}
                data-testid={`price-${price.priceBook}-${price.currency}`}
              >
                <td>{price.currency}</td>
                <td className="num">
                  {price.isActive ? null : <span className="badge badge-inactive">{t('prices.withdrawn')}</span>}{' '}
                  {format.money(price.unitPrice, price.currency)}
                </td>
                <td>{price.validFrom ? format.day(price.validFrom) : '—'}</td>
                {canEdit ? (
                  <td className="catalog-action">
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('prices.editLabel', { book: price.priceBook, currency: price.currency })}
                      onClick={() => onChange(price)}
                    >
                      {t('prices.edit')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
