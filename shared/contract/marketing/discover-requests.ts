import { z } from 'zod';
import type { SegmentDefinition } from '../../marketing/segment-conditions';
import { request } from '../define-request';

/**
 * "Discover segments": accounts clustered on their buying behaviour (k-means over standardized
 * features from the last customer-insight run), each cluster described by what sets it apart from
 * all accounts, as codes and numbers the renderer words in the user's language.
 */

/** Behaviour features, each standardized over the clustered accounts before clustering. */
export const DISCOVER_FEATURES = ['recency', 'frequency', 'monetary', 'clv', 'churn', 'tenure'] as const;
export type DiscoverFeature = (typeof DISCOVER_FEATURES)[number];

/**
 * A feature that sets a cluster apart: `high` or `low` against all clustered accounts, by `z`
 * (the cluster's mean in standard deviations). `cluster` and `population` are medians in the
 * feature's unit: days (recency: since the last purchase, tenure: since the first), purchases
 * (frequency), a 0..1 percentile within the account's currency (monetary: total spend, clv: 12-month
 * CLV; money is never compared across currencies) and a 0..1 probability (churn).
 */
export type DiscoverTrait = {
  readonly feature: DiscoverFeature;
  readonly direction: 'high' | 'low';
  readonly z: number;
  readonly cluster: number;
  readonly population: number;
};

/**
 * A segment definition that approximates the cluster with the conditions segments offer (RFM segment,
 * CLV band, churn risk): `recall` is the share of the cluster's accounts it selects, `precision` the
 * share of what it selects that is in the cluster, both over the clustered accounts.
 */
export type DiscoverSuggestion = {
  readonly definition: SegmentDefinition;
  readonly matched: number;
  readonly recall: number;
  readonly precision: number;
};

export type DiscoverCluster = {
  /** 1-based, largest cluster first. */
  readonly number: number;
  readonly size: number;
  /** Share of the clustered accounts, 0..1. */
  readonly share: number;
  /** Up to three features that set it apart, strongest first; empty when it sits near the average. */
  readonly traits: ReadonlyArray<DiscoverTrait>;
  readonly suggestion: DiscoverSuggestion | null;
};

export type DiscoverResult = {
  /**
   * `computing`: customer insight has not finished its first run; `too_little_data`: fewer accounts
   * with purchases than `minimumAccounts`; `ready`: clusters below.
   */
  readonly status: 'computing' | 'too_little_data' | 'ready';
  /** Accounts with at least one purchase: the ones clustered. */
  readonly accounts: number;
  readonly minimumAccounts: number;
  readonly features: ReadonlyArray<DiscoverFeature>;
  /** Mean silhouette (−1..1) for each k tried; the k with the highest one is used. */
  readonly silhouettes: ReadonlyArray<{ readonly k: number; readonly silhouette: number }>;
  readonly k: number | null;
  readonly clusters: ReadonlyArray<DiscoverCluster>;
  /** When the insight run the clusters come from finished (epoch ms). */
  readonly computedAt: number | null;
};

export const discoverRequests = {
  /** Live: recomputed after each customer-insight run. */
  'discover.segments': request(z.strictObject({})).returns<DiscoverResult>(),
} as const;
