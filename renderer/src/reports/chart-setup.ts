import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Registered once for every chart: Chart.js is tree-shaken and draws nothing it was not given.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Filler, Legend, Tooltip);

export const CHART_COLORS = {
  blue: '#2f6fed',
  blueSoft: 'rgba(47, 111, 237, 0.18)',
  teal: '#0f9d8a',
  amber: '#e0a106',
  slate: '#8a96a8',
  red: '#c62f3c',
  purple: '#7a4fd6',
} as const;

/** Print renders at twice the pixels and without animation, so the PDF gets crisp, finished charts. */
export type ChartMode = 'screen' | 'print';
