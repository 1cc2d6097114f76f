import type { AccountTier } from '../schemas/accounts';
import type { CasePriority } from '../schemas/cases';
import type { SlaPolicy } from '../schemas/knowledge';

/**
 * The policy a case is measured against: an active policy for its priority and its account's
 * tier, else an active one for its priority without a tier. Among equals the most recently
 * changed wins, so two devices picking between duplicates pick the same one.
 */
export function policyFor(
  policies: ReadonlyArray<SlaPolicy>,
  priority: CasePriority,
  tier: AccountTier | undefined,
): SlaPolicy | undefined {
  let best: SlaPolicy | undefined;
  let bestRank = -1;
  for (const p of policies) {
    if (!p.active || p.priority !== priority) continue;
    const rank = p.tier === undefined ? 0 : p.tier === tier ? 1 : -1;
    if (rank < 0) continue;
    if (
      rank > bestRank ||
      (rank === bestRank && best !== undefined && (p.updatedAt > best.updatedAt || (p.updatedAt === best.updatedAt && p.id > best.id)))
    ) {
      best = p;
      bestRank = rank;
    }
  }
  return best;
}
