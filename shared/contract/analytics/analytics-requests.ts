import { z } from 'zod';
import type { WinReasonMessage } from '../../analytics/win-reason-message';
import { idSchema } from '../../schemas/primitives';
import { request } from '../define-request';

/**
 * Why the app shows stage rates instead of the model: too little history to learn or to check a
 * model on, or a model that did not beat chance on the most recent deals.
 */
export type WinModelFallback = 'not_enough_deals' | 'no_signal';

/** What the UI needs to judge the win model; plain numbers, the renderer words them. */
export type WinModelSummary = {
  /** `untrained` until the first training finishes: the UI shows "calculating…". */
  readonly status: 'untrained' | 'training' | 'ready' | 'failed';
  readonly kind: 'logistic' | 'stage' | null;
  readonly fallback: WinModelFallback | null;
  /** Held-out figures on the most recent closed deals; null when nothing could be held out. */
  readonly auc: number | null;
  readonly aucLower95: number | null;
  readonly aucUpper95: number | null;
  readonly brier: number | null;
  /** The same held-out deals scored by stage alone: what the model adds. */
  readonly stageAuc: number | null;
  readonly stageBrier: number | null;
  readonly closedDeals: number;
  readonly heldOutDeals: number;
  readonly trainedAt: number | null;
  readonly trainedOn: 'owner' | 'team' | null;
  /** English detail of the last failure (the UI shows its own text, this only for the curious). */
  readonly error: string | null;
};

export type WinProbability = {
  readonly opportunityId: string;
  /** 0..1 */
  readonly probability: number;
  readonly source: 'model' | 'stage';
  /** Up to three, largest effect first; empty for stage-based scores. */
  readonly reasons: ReadonlyArray<WinReasonMessage>;
};

export type WinProbabilities = {
  readonly model: WinModelSummary;
  /** Open deals in scope that the last training scored; a deal created since waits for the next one. */
  readonly scores: ReadonlyArray<WinProbability>;
};

export const analyticsRequests = {
  /** Scores of the given open deals (all scored ones without `ids`), plus the model state. */
  'analytics.winProbabilities': request(z.strictObject({ ids: z.array(idSchema).max(1000).optional() })).returns<WinProbabilities>(),
} as const;
