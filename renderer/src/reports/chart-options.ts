import type { ChartOptions, ChartType, TooltipItem } from 'chart.js';
import type { Formatters } from '../i18n/formatters';
import type { ChartMode } from './chart-setup';
import type { CompactMoney } from './dashboard-format';

type AxisFormat = 'money' | 'count' | 'percent';

/** Options every dashboard chart shares: locale-formatted axes and tooltips, legend at the bottom. */
export function baseOptions<T extends ChartType>(
  mode: ChartMode,
  format: Formatters,
  compact: CompactMoney,
  currency: string,
  axes: { readonly y: AxisFormat; readonly y1?: AxisFormat },
  stacked = false,
): ChartOptions<T> {
  const tick =
    (kind: AxisFormat) =>
    (value: number | string): string => {
      const n = Number(value);
      return kind === 'money' ? compact(n, currency) : kind === 'percent' ? format.percent(n) : format.number(n);
    };
  const label = (item: TooltipItem<T>): string => {
    const axis = (item.dataset as { yAxisID?: string }).yAxisID === 'y1' ? (axes.y1 ?? 'count') : axes.y;
    const raw = item.raw;
    const value = Array.isArray(raw)
      ? `${tick(axis)(Number(raw[0]))} – ${tick(axis)(Number(raw[1]))}`
      : axis === 'money'
        ? format.money(Number(raw), currency)
        : tick(axis)(Number(raw));
    return `${(item.dataset as { label?: string }).label ?? ''}: ${value}`;
  };
  const options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: mode === 'print' ? false : { duration: 250 },
    devicePixelRatio: mode === 'print' ? 3 : undefined,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 12, usePointStyle: true, font: { size: mode === 'print' ? 10 : 12 } } },
      tooltip: { callbacks: { label } },
    },
    scales: {
      x: { stacked, grid: { display: false }, ticks: { font: { size: mode === 'print' ? 9 : 11 } } },
      y: { stacked, beginAtZero: true, ticks: { callback: tick(axes.y), font: { size: mode === 'print' ? 9 : 11 } } },
      ...(axes.y1
        ? {
            y1: {
              position: 'right',
              beginAtZero: true,
              grid: { drawOnChartArea: false },
              ticks: { callback: tick(axes.y1), font: { size: mode === 'print' ? 9 : 11 } },
            },
          }
        : {}),
    },
  };
  return options as ChartOptions<T>;
}

/** Horizontal bars: category names on the vertical axis, counts along the horizontal one. */
export function horizontalBars(base: ChartOptions<'bar'>): ChartOptions<'bar'> {
  const { x, y } = base.scales ?? {};
  return {
    ...base,
    indexAxis: 'y',
    scales: {
      x: { ...y, grid: { display: true } },
      y: {
        ...x,
        ticks: {
          ...x?.ticks,
          callback(value) {
            return this.getLabelForValue(Number(value));
          },
        },
      },
    },
  };
}
