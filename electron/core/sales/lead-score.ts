import type { Lead } from '../../../shared/schemas';

const RATING = { hot: 40, warm: 25, cold: 5 } as const;
const SOURCE: Readonly<Record<Lead['source'], number>> = {
  referral: 25,
  partner: 25,
  event: 15,
  campaign: 15,
  web: 10,
  cold_call: 5,
  other: 5,
};

/**
 * A transparent 0..100 score a rep can reason about: how warm the lead is, how good its source
 * usually is, and whether we can actually reach the person. Not stored, so the weights can change.
 */
export function leadScore(lead: Pick<Lead, 'rating' | 'source' | 'email' | 'phone' | 'company' | 'title'>): number {
  let score = (lead.rating ? RATING[lead.rating] : 10) + SOURCE[lead.source];
  if (lead.email) score += 10;
  if (lead.phone) score += 10;
  if (lead.company) score += 10;
  if (lead.title) score += 5;
  return Math.min(100, score);
}
