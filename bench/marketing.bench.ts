/**
 * `npm run bench:marketing`: marketing. Prints ONE JSON line on stdout; progress goes to stderr.
 * Never fails on a time: a benchmark reports, the reader judges. A figure whose measurement is not
 * available prints as null.
 *
 * - segment_count_p95_ms: the live count of random segments of 1–4 conditions over 100,000 accounts
 *   and 300,000 contacts (target 100 ms).
 * - outbox_send_per_s: the sync server sending 2,000 outbox messages to a local SMTP server, each
 *   recipient's result recorded on its message and member (target 50 per second).
 * - marketing_dashboard_ms: `marketing.dashboard` on a seeded database (target 500 ms).
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { progress, round } from './bench-stats';
import { measureMarketingDashboardMs } from './marketing-dashboard.bench';
import { measureOutboxSendPerSecond } from './outbox.bench';
import { measureSegmentCountP95 } from './segments.bench';

const { values: args } = parseArgs({
  options: {
    /** Comma-separated subset of segments,outbox,dashboard (default all). */
    phases: { type: 'string', default: 'segments,outbox,dashboard' },
  },
});
const PHASES = new Set(String(args.phases).split(','));

type Figures = Record<string, number | null>;

/** Runs one measurement; an error is reported on stderr and the figure prints as null. */
async function phase(name: string, figure: string, measure: () => Promise<number | null>): Promise<Figures> {
  if (!PHASES.has(name)) return {};
  progress(`${name}: measuring ${figure}`);
  try {
    const value = await measure();
    progress(`${name}: ${figure} = ${value === null ? 'n/a' : round(value, 2)}`);
    return { [figure]: value === null ? null : round(value, 2) };
  } catch (error) {
    progress(`${name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { [figure]: null };
  }
}

async function main(): Promise<void> {
  const segments = await phase('segments', 'segment_count_p95_ms', () => measureSegmentCountP95());
  const outbox = await phase('outbox', 'outbox_send_per_s', () => measureOutboxSendPerSecond());
  const dashboard = await phase('dashboard', 'marketing_dashboard_ms', () => measureMarketingDashboardMs());
  console.log(
    JSON.stringify({
      ...segments,
      ...outbox,
      ...dashboard,
      cpus: availableParallelism(),
      load1: round(loadavg()[0] ?? 0, 1),
    }),
  );
}

await main();
