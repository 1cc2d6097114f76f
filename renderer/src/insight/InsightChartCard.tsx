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
  tableShown = false,
  shade,
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
  /** The table under the chart, always open (the cohort grid is read as a table first). */
  readonly tableShown?: boolean;
  readonly shade?: ReadonlyArray<ReadonlyArray<number | null>>;
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
      {rows.length > 0 && tableShown ? <FigureTable caption={title} columns={columns} rows={rows} shade={shade} /> : null}
      {rows.length > 0 && !tableShown ? (
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
  shade,
}: {
  readonly caption: string;
  readonly columns: ReadonlyArray<TableColumn>;
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
  /** Per cell, 0..1: how strongly to tint it (a heat map of shares); null or absent for none. */
  readonly shade?: ReadonlyArray<ReadonlyArray<number | null>> | undefined;
  readonly testId?: string;
  readonly captionVisible?: boolean;
}) {
  return (
    // A table wider than its card scrolls sideways; the keyboard reaches it as a named region.
    <div className="insight-table-wrap" tabIndex={0} role="region" aria-label={caption}>
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
                  <td
                    key={cellIndex}
                    className={columns[cellIndex]?.numeric ? 'num' : undefined}
                    style={heat(shade?.[index]?.[cellIndex] ?? null)}
                  >
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

/** A light-to-mid blue behind a share; the text stays dark on every shade, so contrast holds. */
function heat(share: number | null): { background: string } | undefined {
  return share === null ? undefined : { background: `rgba(47, 111, 237, ${(0.06 + Math.min(1, Math.max(0, share)) * 0.4).toFixed(3)})` };
}
