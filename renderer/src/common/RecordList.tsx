import { elementScroll, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useDeferredValue, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveListName, SortDirection } from '../../../shared/contract';
import { EmptyState, ErrorState } from './StateViews';
import type { ListQueryParams, ListRow } from '../data/list-windows';
import { nextIndex } from './row-keys';
import { useListWindows } from '../data/use-list-windows';
import '../customers/list/list.css';

export type Column<Row> = {
  /** Also the sort field when `sortable`, and the key of the saved column layout. */
  readonly id: string;
  readonly header: string;
  /** Narrowest the column gets (px); below the sum of these the table scrolls sideways. */
  readonly minWidth: number;
  /** Share of the remaining width. */
  readonly grow: number;
  readonly sortable: boolean;
  readonly numeric?: boolean;
  /** Plain text of the cell: what CSV export writes, and what shows when there is no `render`. */
  readonly text: (row: Row) => string;
  readonly render?: (row: Row) => ReactNode;
};

export type SortState = { readonly field: string; readonly direction: SortDirection };

type RecordListProps<K extends LiveListName> = {
  readonly request: K;
  readonly query: ListQueryParams<K>;
  readonly columns: ReadonlyArray<Column<ListRow<K>>>;
  readonly sort: SortState;
  readonly onSortChange: (sort: SortState) => void;
  readonly label: string;
  readonly countLabel: (total: number) => string;
  readonly empty: { readonly title: string; readonly body: string };
  /** Shown instead of `empty` when filters are on: the list is empty because of them. */
  readonly emptyFiltered?: { readonly title: string; readonly body: string; readonly clearLabel: string; readonly onClear: () => void };
  readonly onOpen?: (row: ListRow<K>) => void;
  /** Controls shown on the count line, right-aligned (export, columns…). */
  readonly actions?: ReactNode;
};

const ROW_HEIGHT = 40;
/** Rows drawn above and below the box, so a scroll step finds them ready. */
const OVERSCAN = 12;

/*
 * When the list mounts, react-virtual reads the scroll box's size and writes its scroll offset (0
 * on a new box). Either forces a layout of the whole page in the middle of React's commit, and
 * then a second one for the rows the measurement adds. These two options leave the first layout
 * to the browser's own rendering step: the size comes from ResizeObserver once the page is laid
 * out (initialRect covers the time before), and a write of the offset the box already has is skipped.
 */

/** The scroll box's size, from ResizeObserver alone (see above). */
function observeBoxAfterLayout(
  instance: Virtualizer<HTMLDivElement, Element>,
  onRect: (rect: { width: number; height: number }) => void,
): () => void {
  const box = instance.scrollElement;
  if (!box) return () => undefined;
  const observer = new ResizeObserver(() => onRect({ width: box.clientWidth, height: box.clientHeight }));
  observer.observe(box);
  return () => observer.disconnect();
}

/** react-virtual's scroll write, minus writes of the offset the box already has (see above). */
const scrollUnlessThere: typeof elementScroll<HTMLDivElement> = (offset, options, instance) => {
  if (offset + (options.adjustments ?? 0) === instance.scrollOffset && !options.behavior) return;
  elementScroll(offset, options, instance);
};

/**
 * A sortable, virtualized grid over a list request: only the rows on screen exist in the DOM, and
 * only their pages are fetched. One tab stop: arrows, PageUp/PageDown, Home/End move the selected
 * row (aria-activedescendant), Enter opens it. Divs with grid roles, since a <table> cannot hold
 * absolutely positioned rows.
 */
export function RecordList<K extends LiveListName>(props: RecordListProps<K>) {
  const { request, query, columns, sort, onSortChange, label, countLabel, empty, emptyFiltered, onOpen, actions } = props;
  const { t } = useTranslation();
  const idPrefix = useId();
  const { windows, snapshot } = useListWindows(request, query);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState(-1);
  // Rows beyond the box are drawn in a render of their own after the first one: they cannot be
  // seen before it is painted, and the first render is what the rep waits for.
  const overscan = useDeferredValue(OVERSCAN, 0);
  // The virtualizer mutates itself on scroll; the compiler must not memoize around it, and it does not.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: snapshot.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan,
    // The sticky header sits inside the scroll box above the rows.
    scrollPaddingStart: ROW_HEIGHT,
    // Before the box is measured, assume it is as tall as the window: the first render then draws
    // every row that can be on screen, and measuring only trims a few.
    initialRect: { width: 0, height: window.innerHeight },
    observeElementRect: observeBoxAfterLayout,
    scrollToFn: scrollUnlessThere,
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
  const current = selected < snapshot.total ? selected : snapshot.total - 1;
  const loadingLabel = t('list.loadingRow');
  const loadingText = t('list.loading');
  const selectedRow = current >= 0 ? windows.rowAt(current) : undefined;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      if (selectedRow && onOpen) onOpen(selectedRow);
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const next = nextIndex(event.key, current, snapshot.total, page);
    if (next === null) return;
    event.preventDefault();
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  if (snapshot.status === 'error' && snapshot.error) {
    return <ErrorState title={t('list.errorTitle')} error={snapshot.error} onRetry={windows.retry} />;
  }

  return (
    <div className="record-list">
      <div className="record-list-bar">
        <div className="record-list-count" aria-live="polite" data-testid="list-count">
          {snapshot.status === 'ready' ? (
            countLabel(snapshot.total)
          ) : snapshot.status === 'loading' ? (
            <>
              {'\u00a0'}
              <span className="visually-hidden">{loadingText}</span>
            </>
          ) : (
            '\u00a0'
          )}
        </div>
        {actions ? <div className="record-list-actions">{actions}</div> : null}
      </div>
      <div className="record-table">
        {/* Header and rows share one scroll box: sideways scrolling moves both, the header sticks on top. */}
        <div
          ref={scrollRef}
          className="record-scroll"
          role="grid"
          aria-label={label}
          aria-rowcount={snapshot.total + 1}
          aria-colcount={columns.length}
          aria-activedescendant={selectedRow ? `${idPrefix}-row-${current}` : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onFocus={() => {
            if (selected < 0 && snapshot.total > 0) setSelected(Math.max(first, 0));
          }}
        >
          <div className="record-row record-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, minWidth }}>
            {columns.map((column) => {
              const active = sort.field === column.id;
              const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
              return (
                <div
                  key={column.id}
                  role="columnheader"
                  aria-sort={column.sortable ? ariaSort : undefined}
                  className={column.numeric ? 'cell numeric' : 'cell'}
                >
                  {column.sortable ? (
                    <button
                      type="button"
                      className="sort-button"
                      tabIndex={-1}
                      onClick={() => toggleSort(column.id)}
                      title={t('list.sortBy', { column: column.header })}
                    >
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
          {snapshot.status === 'loading' ? (
            // A grid holds rows only: the spinner is a picture here, and the words are in the live count above.
            <div className="state state-loading" aria-hidden="true">
              <span className="spinner" />
              <span>{loadingText}</span>
            </div>
          ) : null}
          {snapshot.status === 'ready' && snapshot.total === 0 ? (
            // The empty state is a row of its own so that it, and the clear-filters button, stay in the grid's structure.
            <div className="record-state-row" role="row">
              <div role="gridcell" aria-colspan={columns.length}>
                {emptyFiltered ? (
                  <div className="empty-filtered">
                    <EmptyState title={emptyFiltered.title} body={emptyFiltered.body} />
                    <button type="button" className="button" onClick={emptyFiltered.onClear}>
                      {emptyFiltered.clearLabel}
                    </button>
                  </div>
                ) : (
                  <EmptyState title={empty.title} body={empty.body} />
                )}
              </div>
            </div>
          ) : null}
          <div className="record-canvas" role="rowgroup" style={{ height: virtualizer.getTotalSize(), minWidth }}>
            {items.map((item) => (
              <RecordRow
                key={item.key}
                id={`${idPrefix}-row-${item.index}`}
                index={item.index}
                start={item.start}
                row={windows.rowAt(item.index)}
                columns={columns}
                template={template}
                selected={item.index === current}
                loadingLabel={loadingLabel}
                onSelect={setSelected}
                onOpen={onOpen}
              />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * Element Timing (a standard Chromium performance entry): the browser reports when the first row's
 * text was actually painted, which is what "the first rows show" means; bench:ui reads it.
 */
const FIRST_ROW_TIMING: Readonly<Record<string, string>> = { elementtiming: 'first-row' };

type RecordRowProps<Row> = {
  readonly id: string;
  readonly index: number;
  readonly start: number;
  /** Undefined while its page loads. */
  readonly row: Row | undefined;
  readonly columns: ReadonlyArray<Column<Row>>;
  readonly template: string;
  readonly selected: boolean;
  readonly loadingLabel: string;
  readonly onSelect: (index: number) => void;
  readonly onOpen: ((row: Row) => void) | undefined;
};

/**
 * One grid row. Memoized: when the list re-renders (the virtualizer measured the box, a scroll step,
 * the selection moved), rows whose record, position and columns are unchanged are not rendered again.
 */
const RecordRow = memo(function RecordRow<Row>({
  id,
  index,
  start,
  row,
  columns,
  template,
  selected,
  loadingLabel,
  onSelect,
  onOpen,
}: RecordRowProps<Row>) {
  const select = useCallback(() => onSelect(index), [onSelect, index]);
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`record-row${row ? '' : ' placeholder'}${selected ? ' selected' : ''}`}
      style={{ gridTemplateColumns: template, transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={select}
      onDoubleClick={row && onOpen ? () => onOpen(row) : undefined}
    >
      {row ? (
        columns.map((column) => (
          <div
            key={column.id}
            role="gridcell"
            className={column.numeric ? 'cell numeric' : 'cell'}
            {...(index === 0 ? FIRST_ROW_TIMING : undefined)}
          >
            {column.render ? column.render(row) : column.text(row)}
          </div>
        ))
      ) : (
        <div role="gridcell" className="cell placeholder-cell" aria-label={loadingLabel} />
      )}
    </div>
  );
}) as <Row>(props: RecordRowProps<Row>) => ReactNode;
