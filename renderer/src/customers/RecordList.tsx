import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveRequestName, SortDirection } from '../../../shared/contract';
import { EmptyState, ErrorState, LoadingState } from '../common/StateViews';
import type { ListQueryParams, ListRow } from './list-windows';
import { useListWindows } from './use-list-windows';

export type Column<Row> = {
  /** Also the sort field when `sortable`. */
  readonly id: string;
  readonly header: string;
  /** Narrowest the column gets (px); below the sum of these the table scrolls sideways. */
  readonly minWidth: number;
  /** Share of the remaining width. */
  readonly grow: number;
  readonly sortable: boolean;
  readonly numeric?: boolean;
  readonly render: (row: Row) => ReactNode;
};

export type SortState = { readonly field: string; readonly direction: SortDirection };

type RecordListProps<K extends LiveRequestName> = {
  readonly request: K;
  readonly query: ListQueryParams<K>;
  readonly columns: ReadonlyArray<Column<ListRow<K>>>;
  readonly sort: SortState;
  readonly onSortChange: (sort: SortState) => void;
  readonly label: string;
  readonly countLabel: (total: number) => string;
  readonly empty: { readonly title: string; readonly body: string };
  readonly onOpen?: (row: ListRow<K>) => void;
};

const ROW_HEIGHT = 40;

/**
 * A sortable, virtualized table over a list request: only the rows on screen exist in the DOM,
 * and only their pages are fetched. ARIA table roles keep it readable by screen readers even
 * though it is made of divs (a <table> cannot hold absolutely positioned rows).
 */
export function RecordList<K extends LiveRequestName>({ request, query, columns, sort, onSortChange, label, countLabel, empty, onOpen }: RecordListProps<K>) {
  const { t } = useTranslation();
  const { windows, snapshot } = useListWindows(request, query);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer mutates itself on scroll; the compiler must not memoize around it, and it does not.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: snapshot.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    windows.setVisibleRange(first, last);
  }, [windows, first, last]);

  const template = columns.map((column) => `minmax(${column.minWidth}px, ${column.grow}fr)`).join(' ');
  const minWidth = columns.reduce((sum, column) => sum + column.minWidth, 0);
  const toggleSort = (field: string): void =>
    onSortChange({ field, direction: sort.field === field && sort.direction === 'asc' ? 'desc' : 'asc' });

  if (snapshot.status === 'error' && snapshot.error) {
    return <ErrorState title={t('list.errorTitle')} error={snapshot.error} onRetry={windows.retry} />;
  }

  return (
    <div className="record-list">
      <div className="record-list-count" aria-live="polite">
        {snapshot.status === 'ready' ? countLabel(snapshot.total) : '\u00a0'}
      </div>
      <div className="record-table" role="table" aria-label={label} aria-rowcount={snapshot.total + 1}>
        {/* Header and rows share one scroll box: sideways scrolling moves both, the header sticks on top. */}
        <div ref={scrollRef} className="record-scroll">
          <div className="record-row record-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, minWidth }}>
            {columns.map((column) => {
              const active = sort.field === column.id;
              const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
              return (
                <div key={column.id} role="columnheader" aria-sort={column.sortable ? ariaSort : undefined} className={column.numeric ? 'cell numeric' : 'cell'}>
                  {column.sortable ? (
                    <button type="button" className="sort-button" onClick={() => toggleSort(column.id)} title={t('list.sortBy', { column: column.header })}>
                      <span className="sort-label">{column.header}</span>
                      <span className="sort-indicator" aria-hidden="true">
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </div>
              );
            })}
          </div>
          {snapshot.status === 'loading' ? <LoadingState /> : null}
          {snapshot.status === 'ready' && snapshot.total === 0 ? <EmptyState title={empty.title} body={empty.body} /> : null}
          <div className="record-canvas" role="rowgroup" style={{ height: virtualizer.getTotalSize(), minWidth }}>
            {items.map((item) => {
              const row = windows.rowAt(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={row ? 'record-row' : 'record-row placeholder'}
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onDoubleClick={row && onOpen ? () => onOpen(row) : undefined}
                >
                  {row ? (
                    columns.map((column) => (
                      <div key={column.id} role="cell" className={column.numeric ? 'cell numeric' : 'cell'}>
                        {column.render(row)}
                      </div>
                    ))
                  ) : (
                    <div role="cell" className="cell placeholder-cell" aria-label={t('list.loadingRow')} />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
