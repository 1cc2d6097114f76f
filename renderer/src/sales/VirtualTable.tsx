import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

export type TableColumn<Row> = {
  readonly id: string;
  readonly header: string;
  /** A CSS grid track, e.g. `2fr` or `110px`. */
  readonly width: string;
  readonly numeric?: boolean;
  /** When set, the header is a button that asks for this sort. */
  readonly sortField?: string;
  readonly cell: (row: Row) => ReactNode;
};

type Props<Row> = {
  readonly label: string;
  readonly rows: ReadonlyArray<Row>;
  readonly rowKey: (row: Row) => string;
  readonly columns: ReadonlyArray<TableColumn<Row>>;
  readonly sort?: { readonly field: string; readonly direction: 'asc' | 'desc' };
  readonly onSort?: (field: string) => void;
  readonly testId?: string;
};

const ROW = 44;

/** Rows are virtualized: only those on screen exist in the DOM, so a window of 500 costs a screenful. */
export function VirtualTable<Row>({ label, rows, rowKey, columns, sort, onSort, testId }: Props<Row>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer mutates itself on scroll, by design.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const template = columns.map((column) => column.width).join(' ');
  return (
    <div
      className="sales-table-scroll"
      ref={scrollRef}
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      data-testid={testId}
    >
      <div className="sales-row-grid record-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((column) => (
          <div
            key={column.id}
            role="columnheader"
            className={`cell${column.numeric ? ' num' : ''}`}
            aria-sort={sort && sort.field === column.sortField ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            {column.sortField && onSort ? (
              <button type="button" className="sort-button" onClick={() => onSort(column.sortField ?? column.id)}>
                <span className="sort-label">{column.header}</span>
                <span className="sort-indicator" aria-hidden="true">
                  {sort?.field === column.sortField ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            ) : (
              column.header
            )}
          </div>
        ))}
      </div>
      <div className="record-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          return (
            <div
              key={rowKey(row)}
              role="row"
              aria-rowindex={item.index + 2}
              className="sales-row-grid"
              style={{
                gridTemplateColumns: template,
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW,
                transform: `translateY(${item.start}px)`,
              }}
            >
              {columns.map((column) => (
                <div key={column.id} role="cell" className={`cell${column.numeric ? ' num' : ''}`}>
                  {column.cell(row)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
