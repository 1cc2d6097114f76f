import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PRODUCT_ACTIVITY } from '../../../../shared/contract/sales/catalog-requests';
import { RecordList, type Column, type SortState } from '../../common/RecordList';
import type { ListRow } from '../../data/list-windows';
import { useLiveQuery } from '../../data/use-live-query';
import { AccessNote } from './AccessNote';
import { PriceBooks } from './PriceBooks';
import { ProductDetail } from './ProductDetail';
import { ProductForm } from './ProductForm';
import './catalog.css';

type ProductRow = ListRow<'catalog.products'>;
type Activity = (typeof PRODUCT_ACTIVITY)[number];

/**
 * The product catalogue: a live, windowed product list on the left (search by name or code,
 * active/inactive), and on the right the open product with its prices, or the price books.
 */
export function ProductsPage() {
  const { t } = useTranslation('catalog');
  const navigate = useNavigate();
  const { id } = useParams();
  const access = useLiveQuery('org.access', {}, 'access');
  const canEdit = access.status === 'ready' && access.result.canEdit;
  const [search, setSearch] = useState('');
  const [active, setActive] = useState<Activity>('all');
  const [sort, setSort] = useState<SortState>({ field: 'name', direction: 'asc' });
  const [creating, setCreating] = useState(false);
  const typed = useDeferredValue(search.trim());
  const query = useMemo(
    () => ({
      filter: { active, ...(typed ? { search: typed } : {}) },
      sort: { field: sort.field === 'sku' ? ('sku' as const) : ('name' as const), direction: sort.direction },
    }),
    [active, typed, sort],
  );
  const filtered = active !== 'all' || typed !== '';

  const columns = useMemo(
    (): ReadonlyArray<Column<ProductRow>> => [
      {
        id: 'name',
        header: t('products.columns.name'),
        minWidth: 160,
        grow: 3,
        sortable: true,
        text: (row) => row.name,
        render: (row) => (
          <Link className="record-link" to={`/sales/products/${encodeURIComponent(row.id)}`} tabIndex={-1}>
            {row.name}
          </Link>
        ),
      },
      { id: 'sku', header: t('products.columns.sku'), minWidth: 100, grow: 1, sortable: true, text: (row) => row.sku },
      { id: 'family', header: t('products.columns.family'), minWidth: 100, grow: 1, sortable: false, text: (row) => row.family ?? '' },
      {
        id: 'status',
        header: t('products.columns.status'),
        minWidth: 84,
        grow: 0,
        sortable: false,
        text: (row) => t(row.isActive ? 'active.active' : 'active.inactive'),
        render: (row) => (
          <span className={`badge ${row.isActive ? 'badge-active' : 'badge-inactive'}`}>
            {t(row.isActive ? 'active.active' : 'active.inactive')}
          </span>
        ),
      },
    ],
    [t],
  );

  const open = (productId: string): void => {
    setCreating(false);
    void navigate(`/sales/products/${encodeURIComponent(productId)}`);
  };

  return (
    <div className="catalog-page">
      <div className="catalog-main">
        {access.status === 'ready' ? <AccessNote access={access.result} readOnlyKey="catalogReadOnly" /> : null}
        <div className="sales-filters catalog-filters">
          <label className="rec-field catalog-search">
            <span className="rec-field-label">{t('products.search')}</span>
            <input
              className="rec-input"
              type="search"
              value={search}
              maxLength={80}
              onChange={(event) => setSearch(event.target.value)}
              data-testid="product-search"
            />
          </label>
          <label className="rec-field">
            <span className="rec-field-label">{t('products.status')}</span>
            <select className="rec-input select" value={active} onChange={(event) => setActive(event.target.value as Activity)}>
              {PRODUCT_ACTIVITY.map((value) => (
                <option key={value} value={value}>
                  {t(`active.${value}`)}
                </option>
              ))}
            </select>
          </label>
          {canEdit ? (
            <button
              type="button"
              className="button catalog-new"
              onClick={() => {
                setCreating(true);
                void navigate('/sales/products');
              }}
              data-testid="new-product"
            >
              {t('products.new')}
            </button>
          ) : null}
        </div>
        <RecordList
          request="catalog.products"
          query={query}
          columns={columns}
          sort={sort}
          onSortChange={setSort}
          label={t('products.listLabel')}
          countLabel={(total) => t('products.count', { count: total })}
          empty={{ title: t('products.emptyTitle'), body: t('products.emptyBody') }}
          emptyFiltered={
            filtered
              ? {
                  title: t('products.emptyFilteredTitle'),
                  body: t('products.emptyFilteredBody'),
                  clearLabel: t('products.clear'),
                  onClear: () => {
                    setSearch('');
                    setActive('all');
                  },
                }
              : undefined
          }
          onOpen={(row) => open(row.id)}
        />
      </div>
      <aside
        className="sales-panel catalog-side"
        aria-label={creating ? t('product.newTitle') : id ? t('product.editTitle') : t('books.title')}
      >
        {creating && canEdit ? (
          <ProductForm product={null} onDone={(saved) => (saved ? open(saved.id) : setCreating(false))} />
        ) : id ? (
          <ProductDetail key={id} id={id} canEdit={canEdit} />
        ) : (
          <>
            <p className="catalog-hint">{t('product.noneSelected')}</p>
            <PriceBooks />
          </>
        )}
      </aside>
    </div>
  );
}
