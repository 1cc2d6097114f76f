import type { MarketingDashboard, MarketingDashboardFilters } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import { ok } from '../../../../shared/contract/result';
import type { CrmDatabase } from '../../db/open-crm-database';
import { defineHandlers } from '../../rpc/dispatcher';
import { createCampaignFiguresSource, type CampaignFiguresSource } from '../campaigns/campaign-figures-source';
import type { SegmentEngine } from '../segments/segment-engine';
import { computeMarketingDashboard } from './compute-marketing-dashboard';
import { createMarketingProjection, type MarketingSnapshot } from './marketing-projection';

export type MarketingDashboardDeps = {
  readonly db: CrmDatabase;
  /** The app's one campaign-figures source: attribution runs there once per change for every screen. */
  readonly figures: Pick<CampaignFiguresSource, 'snapshot' | 'ready'>;
  readonly now: () => number;
  readonly log: (message: string, error: unknown) => void;
  /** The segment engine, for the saved segments' current sizes; absent, the dashboard lists none and says so. */
  readonly segments?: Pick<SegmentEngine, 'count' | 'version'>;
  /** Milliseconds after start-up before the data is loaded in the background; null: on the first request. */
  readonly warmUpMs?: number | null;
};

/** Answers remembered per filters; the least recently used beyond this are dropped. */
const MAX_CACHED_ANSWERS = 24;

/**
 * The marketing dashboard over the shared campaign figures (every campaign under every model,
 * computed once per change by the campaign-figures source) and a small projection of what only the
 * dashboard reads (saved segments, leads grouped by month). Each filter combination's answer is
 * cached by both versions and the day, so a live re-run without a change answers from memory.
 */
export function createMarketingDashboard(deps: MarketingDashboardDeps) {
  const projection = createMarketingProjection(deps.db, deps.log);
  const warmUpMs = deps.warmUpMs === undefined ? 3_000 : deps.warmUpMs;
  const warm =
    warmUpMs === null
      ? undefined
      : setTimeout(() => {
          projection.warm();
          void deps.figures.ready().catch(() => undefined);
        }, warmUpMs);
  warm?.unref?.();
  let segmentSizes: { readonly stamp: string; readonly sizes: MarketingDashboard['segments'] } | undefined;
  const answers = new Map<string, { readonly stamp: string; readonly asOf: string; readonly answer: MarketingDashboard }>();

  const segments = async (snapshot: MarketingSnapshot): Promise<MarketingDashboard['segments']> => {
    const engine = deps.segments;
    if (!engine) return { status: 'unavailable', rows: [] };
    // Segment sizes change with accounts, contacts and insight runs, which the engine follows: its version joins the stamp.
    const stamp = `${snapshot.version}:${engine.version()}`;
    if (segmentSizes?.stamp === stamp) return segmentSizes.sizes;
    const rows = [];
    for (const s of snapshot.segments) {
      rows.push({ id: s.id, name: s.name, target: s.definition.target, count: (await engine.count(s.definition)).count });
    }
    const sizes = { status: 'ready' as const, rows };
    segmentSizes = { stamp, sizes };
    return sizes;
  };

  const dashboard = async (filters: MarketingDashboardFilters): Promise<MarketingDashboard> => {
    const [snapshot, figures] = await Promise.all([projection.snapshot(), deps.figures.snapshot()]);
    const stamp = `${figures.version}:${snapshot.version}:${deps.segments?.version() ?? '-'}`;
    const asOf = new Date(deps.now()).toISOString().slice(0, 10);
    const key = JSON.stringify([
      filters.ownerId,
      filters.teamId,
      filters.campaignType,
      filters.from,
      filters.to,
      filters.currency,
      filters.model,
    ]);
    const cached = answers.get(key);
    answers.delete(key);
    if (cached && cached.stamp === stamp && cached.asOf === asOf) {
      answers.set(key, cached);
      return cached.answer;
    }
    const answer = computeMarketingDashboard({
      facts: {
        campaigns: figures.campaigns.values(),
        figures: figures.figures,
        skippedDeals: figures.skippedDeals,
        untimedMembers: figures.untimedMembers,
        leadGroups: snapshot.leadGroups,
      },
      filters,
      asOf,
      segments: await segments(snapshot),
    });
    answers.set(key, { stamp, asOf, answer });
    if (answers.size > MAX_CACHED_ANSWERS) answers.delete(answers.keys().next().value ?? '');
    return answer;
  };

  return {
    dashboard,
    close(): void {
      clearTimeout(warm);
      projection.close();
      answers.clear();
    },
  };
}

export function createMarketingDashboardHandlers(deps: MarketingDashboardDeps & { readonly onClose: (dispose: () => void) => void }) {
  const marketing = createMarketingDashboard(deps);
  deps.onClose(() => marketing.close());
  return defineHandlers({
    'marketing.dashboard': async ({ filters }) => ok(await marketing.dashboard(filters)),
  });
}

/**
 * Times `marketing.dashboard` on `db` (for bench:marketing): the first answer (reading the tables
 * into memory included), then the median of `runs` answers each right after a change to a campaign's
 * cost, when nothing is cached: the shared source's attribution under every model and figures, then
 * the dashboard's answer from them.
 */
export async function measureMarketingDashboard(
  db: CrmDatabase,
  runs = 9,
): Promise<{ readonly firstMs: number; readonly medianMs: number; readonly campaigns: number }> {
  const figures = createCampaignFiguresSource(db);
  const marketing = createMarketingDashboard({ db, figures, now: Date.now, log: () => undefined, warmUpMs: null });
  try {
    let started = performance.now();
    const first = await marketing.dashboard({});
    const firstMs = performance.now() - started;
    const campaign = first.campaigns[0];
    if (!campaign) throw new Error('No campaign in the default period to change');
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const doc = await db.marketing.findOne(campaign.id).exec();
      await doc!.incrementalPatch({ actualCost: campaign.actualCost + i + 1 });
      started = performance.now();
      const answer = await marketing.dashboard({});
      times.push(performance.now() - started);
      // An answer from before the change would time a cache hit.
      if (answer.campaigns.find((c) => c.id === campaign.id)?.actualCost !== campaign.actualCost + i + 1) {
        throw new Error('The dashboard did not follow the change');
      }
    }
    times.sort((a, b) => a - b);
    return { firstMs, medianMs: times[Math.floor(times.length / 2)]!, campaigns: first.campaigns.length };
  } finally {
    marketing.close();
    figures.close();
  }
}
