import { OPPORTUNITY_STAGES, STAGE_DEFAULTS, type OpportunityStage } from '../schemas';
import { fitLogistic, predictLogistic, contributions, type LogisticModel } from './logistic-regression';
import { brierScore, reliabilityBins, rocAuc, type AucResult, type ReliabilityBin } from './stats';
import {
  featuresAt,
  indexActivities,
  trainingInstant,
  WIN_FEATURES,
  type ActivityIndex,
  type WinActivity,
  type WinOpportunity,
} from './win-features';
import { topReasons, type WinReason } from './win-reasons';
import { typicalOfWon, type WinTypical } from './win-typical';

/** Below this many closed deals (or this many of either outcome) there is nothing to learn from. */
export const MIN_CLOSED_DEALS = 40;
export const MIN_PER_OUTCOME = 10;
/** The model is used only if held-out AUC is at least this and its 95% interval excludes 0.5. */
export const MIN_HELD_OUT_AUC = 0.55;
/** The most recent quarter of closed deals is held out: the model is judged on deals it never saw, later in time. */
const HELD_OUT_SHARE = 0.25;
/** Pseudo-deals of prior weight per stage when blending observed stage win rates with the defaults. */
const STAGE_PRIOR_WEIGHT = 10;

export type WinEvaluation = {
  readonly closedDeals: number;
  readonly trainRows: number;
  readonly testRows: number;
  readonly auc: AucResult | null;
  readonly brier: number | null;
  /** The same held-out deals scored by stage alone, so the UI can show what the model adds. */
  readonly stageAuc: AucResult | null;
  readonly stageBrier: number | null;
  readonly reliability: readonly ReliabilityBin[];
};

export type WinModel = {
  readonly kind: 'logistic' | 'stage';
  /** Why this kind: the held-out evidence, or why the model was not trusted. */
  readonly reason: string;
  readonly trainedAt: number;
  readonly logistic: LogisticModel | null;
  /** Win rate per stage (0..1): the fallback, and the baseline the model is compared with. */
  readonly stageRates: Readonly<Record<OpportunityStage, number>>;
  readonly evaluation: WinEvaluation;
  /** Won deals' typical figures, which reasons compare a deal with; null before any deal was won. */
  readonly typical: WinTypical | null;
};

export type WinScore = {
  readonly opportunityId: string;
  /** 0..1 */
  readonly probability: number;
  readonly source: 'model' | 'stage';
  readonly reasons: readonly WinReason[];
  readonly explanation: string;
};

const ZERO_RATES: Record<OpportunityStage, number> = {
  prospecting: 0,
  qualification: 0,
  needs_analysis: 0,
  proposal: 0,
  negotiation: 0,
  closed_won: 1,
  closed_lost: 0,
};

type Row = { readonly id: string; readonly end: number; readonly stage: OpportunityStage; readonly x: number[]; readonly y: number };

export type TrainWinModelInput = {
  readonly closed: readonly WinOpportunity[];
  readonly activities: readonly WinActivity[] | ActivityIndex;
  readonly now: number;
  readonly lambda?: number;
};

export function trainWinModel(input: TrainWinModelInput): WinModel {
  const index = input.activities instanceof Map ? input.activities : indexActivities(input.activities as readonly WinActivity[]);
  const rows: Row[] = [];
  for (const opp of input.closed) {
    if (opp.stage !== 'closed_won' && opp.stage !== 'closed_lost') continue;
    const at = trainingInstant(opp);
    if (at === undefined) continue;
    const snap = featuresAt(opp, at, index);
    rows.push({
      id: opp.id,
      end: opp.closedAt ?? opp.updatedAt,
      stage: snap.stage,
      x: snap.features,
      y: opp.stage === 'closed_won' ? 1 : 0,
    });
  }
  rows.sort((a, b) => a.end - b.end || a.id.localeCompare(b.id));
  const wins = rows.filter((r) => r.y === 1).length;
  const empty: WinEvaluation = {
    closedDeals: rows.length,
    trainRows: rows.length,
    testRows: 0,
    auc: null,
    brier: null,
    stageAuc: null,
    stageBrier: null,
    reliability: [],
  };
  const allRates = stageRates(rows);
  const typical = wins > 0 ? typicalOfWon(rows) : null;
  const fallback = (reason: string, evaluation: WinEvaluation): WinModel => ({
    kind: 'stage',
    reason,
    trainedAt: input.now,
    logistic: null,
    stageRates: allRates,
    evaluation,
    typical,
  });

  if (rows.length < MIN_CLOSED_DEALS || wins < MIN_PER_OUTCOME || rows.length - wins < MIN_PER_OUTCOME) {
    return fallback(
      `Only ${rows.length} closed deals (${wins} won): at least ${MIN_CLOSED_DEALS} with ${MIN_PER_OUTCOME} of each outcome are needed; using stage win rates.`,
      empty,
    );
  }
  const cut = Math.floor(rows.length * (1 - HELD_OUT_SHARE));
  const train = rows.slice(0, cut);
  const test = rows.slice(cut);
  const testWins = test.filter((r) => r.y === 1).length;
  if (testWins < MIN_PER_OUTCOME / 2 || test.length - testWins < MIN_PER_OUTCOME / 2) {
    return fallback(
      `The ${test.length} most recent closed deals have too few wins or losses to check a model on; using stage win rates.`,
      empty,
    );
  }

  const names = [...WIN_FEATURES];
  const model = fitLogistic(
    train.map((r) => r.x),
    train.map((r) => r.y),
    names,
    { lambda: input.lambda ?? 1 },
  );
  const labels = test.map((r) => r.y);
  const probs = test.map((r) => predictLogistic(model, r.x));
  const trainRates = stageRates(train);
  const stageProbs = test.map((r) => trainRates[r.stage]);
  const auc = rocAuc(probs, labels);
  const stageAuc = rocAuc(stageProbs, labels);
  const evaluation: WinEvaluation = {
    closedDeals: rows.length,
    trainRows: train.length,
    testRows: test.length,
    auc,
    brier: brierScore(probs, labels),
    stageAuc,
    stageBrier: brierScore(stageProbs, labels),
    reliability: reliabilityBins(probs, labels, 10),
  };
  const aucText = `held-out AUC ${auc.auc.toFixed(2)} (95% CI ${auc.lower95.toFixed(2)}-${auc.upper95.toFixed(2)}) on the ${test.length} most recent closed deals`;
  if (auc.lower95 <= 0.5 || auc.auc < MIN_HELD_OUT_AUC) {
    return fallback(`No reliable signal: ${aucText}; using stage win rates.`, evaluation);
  }
  // Judged on held-out deals, then refitted on all of them so the newest deals inform the scores.
  const final = fitLogistic(
    rows.map((r) => r.x),
    rows.map((r) => r.y),
    names,
    { lambda: input.lambda ?? 1 },
  );
  return {
    kind: 'logistic',
    reason: `Model used: ${aucText}.`,
    trainedAt: input.now,
    logistic: final,
    stageRates: allRates,
    evaluation,
    typical,
  };
}

export function scoreOpenDeals(
  model: WinModel,
  open: readonly WinOpportunity[],
  activities: readonly WinActivity[] | ActivityIndex,
  now: number,
): WinScore[] {
  const index = activities instanceof Map ? activities : indexActivities(activities as readonly WinActivity[]);
  const scores: WinScore[] = [];
  for (const opp of open) {
    if (opp.stage === 'closed_won' || opp.stage === 'closed_lost') continue;
    const snap = featuresAt({ ...opp, stageHistory: historyEndingIn(opp, now) }, now, index);
    if (model.kind === 'logistic' && model.logistic) {
      const effects = contributions(model.logistic, snap.features);
      scores.push({
        opportunityId: opp.id,
        probability: predictLogistic(model.logistic, snap.features),
        source: 'model',
        reasons: topReasons(WIN_FEATURES, snap.features, effects, 3, { typical: model.typical, stage: snap.stage }),
        explanation: model.reason,
      });
    } else {
      const rate = model.stageRates[opp.stage];
      scores.push({
        opportunityId: opp.id,
        probability: rate,
        source: 'stage',
        reasons: [],
        explanation: `Stage-based: ${Math.round(rate * 100)}% for deals in ${opp.stage}. ${model.reason}`,
      });
    }
  }
  return scores;
}

/** Observed win rate per stage at the snapshot, blended with the stage defaults so rare stages stay sane. */
function stageRates(rows: readonly Row[]): Record<OpportunityStage, number> {
  const out: Record<OpportunityStage, number> = { ...ZERO_RATES };
  for (const stage of OPPORTUNITY_STAGES) {
    const prior = STAGE_DEFAULTS[stage].probability / 100;
    let n = 0;
    let w = 0;
    for (const r of rows) {
      if (r.stage !== stage) continue;
      n++;
      w += r.y;
    }
    out[stage] = (w + STAGE_PRIOR_WEIGHT * prior) / (n + STAGE_PRIOR_WEIGHT);
  }
  return out;
}

/**
 * An open deal's history as featuresAt expects it: ending in the current stage. Imported or
 * hand-edited records may lack history or lag behind the stage field, which is the truth now.
 */
function historyEndingIn(opp: WinOpportunity, now: number): WinOpportunity['stageHistory'] {
  const last = opp.stageHistory.reduce<WinOpportunity['stageHistory'][number] | undefined>(
    (a, h) => (!a || h.at >= a.at ? h : a),
    undefined,
  );
  if (last?.stage === opp.stage) return opp.stageHistory;
  return [...opp.stageHistory, { stage: opp.stage, at: Math.max(last?.at ?? opp.createdAt, Math.min(opp.updatedAt, now)) }];
}
