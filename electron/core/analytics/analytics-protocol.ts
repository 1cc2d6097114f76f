import type { WinActivity, WinOpportunity } from '../../../shared/analytics/win-features';
import type { WinModel, WinScore } from '../../../shared/analytics/win-model';
import type { PackedInsightInput, PackedInsightResult } from '../insight/insight-job-pack';
import type { DiscoverAccount, DiscoverComputed } from '../marketing/discover/discover-clusters';
import type { SeriesForecast, SeriesInput } from './forecast-series';

/** What the core asks the analytics worker; plain data only, since it crosses a thread by structured clone. */
export type AnalyticsJob =
  | { readonly kind: 'forecast'; readonly series: readonly SeriesInput[]; readonly horizon: number }
  | {
      readonly kind: 'trainWinModel';
      readonly closed: readonly WinOpportunity[];
      readonly activities: readonly WinActivity[];
      readonly now: number;
      /** Open deals to score with the new model in the same pass (activities are indexed once). */
      readonly open?: readonly WinOpportunity[];
    }
  | {
      readonly kind: 'scoreOpenDeals';
      readonly model: WinModel;
      readonly open: readonly WinOpportunity[];
      readonly activities: readonly WinActivity[];
      readonly now: number;
    }
  | {
      /** Customer insight: CLV, churn, RFM and recommendations over every account in one pass. */
      readonly kind: 'insights';
      readonly input: PackedInsightInput;
    }
  /** "Discover segments": k-means over the accounts' behaviour (marketing/discover). */
  | { readonly kind: 'discoverClusters'; readonly accounts: readonly DiscoverAccount[] };

export type AnalyticsJobResult = {
  forecast: { readonly forecasts: SeriesForecast[] };
  trainWinModel: { readonly model: WinModel; readonly scores: WinScore[]; readonly trainMs: number };
  scoreOpenDeals: { readonly scores: WinScore[] };
  insights: PackedInsightResult;
  discoverClusters: DiscoverComputed;
};

export type AnalyticsRequestMessage = { readonly id: number; readonly job: AnalyticsJob };

/** Errors come back as values with a code, so a failed job rejects one promise instead of killing the worker. */
export type AnalyticsResponseMessage =
  | { readonly id: number; readonly ok: true; readonly result: AnalyticsJobResult[AnalyticsJob['kind']] }
  | { readonly id: number; readonly ok: false; readonly error: { readonly code: 'analytics_failed'; readonly message: string } };
