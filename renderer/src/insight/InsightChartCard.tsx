import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type TableColumn = { readonly label: string; readonly numeric?: boolean };

/**
 * A chart with its figures behind it: the canvas box is an image named by a one-sentence summary,
 * and "Show as table" opens the same numbers as a table (keyboard: the summary is a button).
 */
export function InsightChartCard({
  title,
  testId,
  summary,
  columns,
  rows,
  note,
  wide = false,
  controls,
  children,
}: {
  readonly title: string;
  readonly testId: string;
  readonly summary: string;
  readonly columns: ReadonlyArray<TableColumn>;
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
  readonly note?: string | undefined;
  readonly wide?: boolean;
  /** Choices for the chart (which currency), above the picture. */
  readonly controls?: ReactNode;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation('insight');
  return (
    <section className={`chart-card${wide ? ' insight-wide' : ''}`} data-testid={testId} aria-label={title}>
      <div className="insight-chart-head">
        <h3 className="chart-title">{title}</h3>
        {controls}
      </div>
      <div className="chart-box" role="img" aria-label={summary}>
        {children}
      </div>
      {note ? <p className="chart-note">{note}</p> : null}
      {rows.length > 0 ? (
        <details className="insight-table-toggle">
          <summary>{t('dashboard.charts.showTable')}</summary>
          <FigureTable caption={title} columns={columns} rows={rows} />
        </details>
      ) : null}
    </section>
  );
}

/** A plain table of figures; numeric columns align right. */
export function FigureTable({
  caption,
  columns,
  rows,
  testId,
  captionVisible = false,
}: {
  readonly caption: string;
  readonly columns: ReadonlyArray<TableColumn>;
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
  readonly testId?: string;
  readonly captionVisible?: boolean;
}) {
  return (
    <div className="insight-table-wrap">
      <table className="insight-table" data-testid={testId}>
        <caption className={captionVisible ? 'insight-caption' : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, cellIndex) =>
                cellIndex === 0 ? (
                  <th key={cellIndex} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={cellIndex} className={columns[cellIndex]?.numeric ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
