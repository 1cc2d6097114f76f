import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';

/** Every price book with how many products it prices and in which currencies (live). */
export function PriceBooks() {
  const { t } = useTranslation('catalog');
  const format = useFormatters();
  const books = useLiveQuery('catalog.priceBooks', {}, 'books');
  return (
    <section className="catalog-books" aria-labelledby="price-books-title">
      <h2 id="price-books-title">{t('books.title')}</h2>
      {books.status === 'loading' ? <LoadingState /> : null}
      {books.status === 'error' ? <ErrorState title={t('books.title')} error={books.error} /> : null}
      {books.status === 'ready' && books.result.length === 0 ? <p className="catalog-hint">{t('books.none')}</p> : null}
      {books.status === 'ready' && books.result.length > 0 ? (
        <table className="line-table" aria-label={t('books.tableLabel')} data-testid="price-books">
          <thead>
            <tr>
              <th scope="col">{t('books.name')}</th>
              <th scope="col" className="num">
                {t('books.products')}
              </th>
              <th scope="col">{t('books.currencies')}</th>
            </tr>
          </thead>
          <tbody>
            {books.result.map((book) => (
              <tr key={book.name}>
                <td>{book.name}</td>
                <td className="num">{format.number(book.products)}</td>
                <td className="catalog-currencies">{book.currencies.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
