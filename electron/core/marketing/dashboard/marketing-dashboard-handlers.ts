import type { MarketingDashboard, MarketingDashboardFilters } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import { ok } from '../../../../shared/contract/result';
import type { CrmDatabase } from '../../db/open-crm-database';
import { defineHandlers } from '../../rpc/dispatcher';
import type { SegmentEngine } from '../segments/segment-engine';
import {
  attributeAllModels,
  computeMarketingDashboard,
  indexCampaigns,
  type AttributionByModel,
  type CampaignIndex,
} from './compute-marketing-dashboard';
import { createMarketingProjection, type MarketingSnapshot } from './marketing-projection';

export type MarketingDashboardDeps = {
  readonly db: CrmDatabase;
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
 * The marketing dashboard over an in-memory projection kept current by the change streams.
 * Attribution under every model and the per-campaign indexes depend only on the data, so they are
 * computed once per projection version; each filter combination's answer is cached by that version
 * and the day, so a live re-run without a change answers from memory.
 */
export function createMarketingDashboard(deps: MarketingDashboardDeps) {
  const projection = createMarketingProjection(deps.db, deps.log);
  const warmUpMs = deps.warmUpMs === undefined ? 3_000 : deps.warmUpMs;
  const warm = warmUpMs === null ? undefined : setTimeout(() => projection.warm(), warmUpMs);
  warm?.unref?.();
  let derived: { readonly version: number; readonly attribution: AttributionByModel; readonly index: CampaignIndex } | undefined;
  let segmentSizes: { readonly stamp: string; readonly sizes: MarketingDashboard['segments'] } | undefined;
  const answers = new Map<string, { readonly stamp: string; readonly asOf: string; readonly answer: MarketingDashboard }>();
  // Segment sizes change with accounts, contacts and insight runs, which the engine follows: its version joins the stamp.
  const stampOf = (snapshot: MarketingSnapshot): string => `${snapshot.version}:${deps.segments?.version() ?? '-'}`;

  const derive = (snapshot: MarketingSnapshot) => {
    if (derived?.version !== snapshot.version) {
      derived = { version: snapshot.version, attribution: attributeAllModels(snapshot), index: indexCampaigns(snapshot) };
    }
    return derived;
  };

  const segments = async (snapshot: MarketingSnapshot): Promise<MarketingDashboard['segments']> => {
    const engine = deps.segments;
    if (!engine) return { status: 'unavailable', rows: [] };
    const stamp = stampOf(snapshot);
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
    const snapshot = await projection.snapshot();
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
    if (cached && cached.stamp === stampOf(snapshot) && cached.asOf === asOf) {
      answers.set(key, cached);
      return cached.answer;
    }
    const { attribution, index } = derive(snapshot);
    const answer = computeMarketingDashboard({
      data: snapshot,
      attribution,
      index,
      filters,
      asOf,
      segments: await segments(snapshot),
    });
    answers.set(key, { stamp: stampOf(snapshot), asOf, answer });
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
 * into memory included), then the median of `runs` answers as after a change: attribution under
 * every model, the indexes and the figures computed again from the in-memory data.
 */
export async function measureMarketingDashboard(
  db: CrmDatabase,
  runs = 9,
): Promise<{ readonly firstMs: number; readonly medianMs: number; readonly campaigns: number }> {
  const marketing = createMarketingDashboard({ db, now: Date.now, log: () => undefined, warmUpMs: null });
  const projection = createMarketingProjection(db, () => undefined);
  try {
    let started = performance.now();
    const first = await marketing.dashboard({});
    const firstMs = performance.now() - started;
    const snapshot = await projection.snapshot();
    const asOf = new Date().toISOString().slice(0, 10);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      computeMarketingDashboard({
        data: snapshot,
        attribution: attributeAllModels(snapshot),
        index: indexCampaigns(snapshot),
        filters: {},
        asOf,
        segments: { status: 'unavailable', rows: [] },
      });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { firstMs, medianMs: times[Math.floor(times.length / 2)]!, campaigns: first.campaigns.length };
  } finally {
    marketing.close();
    projection.close();
  }
}
