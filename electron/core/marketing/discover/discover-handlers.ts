import type { DiscoverResult } from '../../../../shared/contract/marketing/discover-requests';
import { ok } from '../../../../shared/contract/result';
import { AnalyticsWorkerPool } from '../../analytics/analytics-worker-pool';
import type { InsightService } from '../../insight/insight-service';
import { defineHandlers } from '../../rpc/dispatcher';
import { discoverAccountsOf } from './discover-accounts';
import type { DiscoverComputed, DiscoverAccount } from './discover-clusters';

export type DiscoverDeps = {
  /** The customer-insight service: clusters are computed from its last finished run. */
  readonly insight: Pick<InsightService, 'state'>;
  /** Runs the clustering off the core's thread; default: one analytics thread of its own, started on first use. */
  readonly cluster?: (accounts: readonly DiscoverAccount[]) => Promise<DiscoverComputed>;
  readonly onClose: (dispose: () => void) => void;
};

/**
 * "Discover segments": the clusters of the last insight run, computed on an analytics thread on the
 * first request after each run (k-means and silhouettes take seconds at 100,000 accounts) and kept
 * until the next run; requests during the computation share it.
 */
export function createDiscoverHandlers(deps: DiscoverDeps) {
  let pool: AnalyticsWorkerPool | undefined;
  const cluster =
    deps.cluster ??
    ((accounts: readonly DiscoverAccount[]) => {
      pool ??= new AnalyticsWorkerPool({ size: 1 });
      return pool.run({ kind: 'discoverClusters', accounts });
    });
  deps.onClose(() => void pool?.close());
  let cached: { readonly version: number; readonly answer: Promise<DiscoverResult> } | undefined;

  const compute = async (): Promise<DiscoverResult> => {
    const snapshot = deps.insight.state().snapshot;
    if (!snapshot) {
      return {
        status: 'computing',
        accounts: 0,
        minimumAccounts: 0,
        features: [],
        silhouettes: [],
        k: null,
        clusters: [],
        computedAt: null,
      };
    }
    const { enough, ...computed } = await cluster(discoverAccountsOf(snapshot.insights, snapshot.todayDay));
    return { ...computed, status: enough ? 'ready' : 'too_little_data', computedAt: snapshot.computedAt };
  };

  const discover = (): Promise<DiscoverResult> => {
    const version = deps.insight.state().version;
    if (cached?.version !== version) {
      const answer = compute();
      cached = { version, answer };
      // A failed computation is asked again next time rather than remembered.
      answer.catch(() => {
        if (cached?.answer === answer) cached = undefined;
      });
    }
    return cached.answer;
  };

  return defineHandlers({
    'discover.segments': async () => ok(await discover()),
  });
}
