import {
  applyDiscountAndTax,
  lineItemTotal,
  OPPORTUNITY_STAGES,
  STAGE_DEFAULTS,
  sumLineItems,
  type Contact,
  type Opportunity,
  type OpportunityLineItem,
  type OpportunityStage,
  type Order,
  type Quote,
  type SalesLine,
  type StageChange,
} from '../../../shared/schemas';
import type { AccountSeed } from './generate-account';
import { HISTORY_MONTHS, type SeedWorld } from './generate-org';
import { DAY_MS, isoDate, type SeedRandom } from './seed-random';
import { NEXT_STEPS } from './seed-tables';

export type Deals = { opportunities: Opportunity[]; quotes: Quote[]; orders: Order[] };

const OPEN_PATH = OPPORTUNITY_STAGES.slice(0, 5); // prospecting … negotiation
/** Sales tax on documents by the account's region, in percent. */
export const TAX_BY_REGION = { north_america: 7.5, latin_america: 16, emea: 20, apac: 10, greater_china: 13 } as const;
const DEAL_KINDS = ['new business', 'expansion', 'renewal', 'pilot'] as const;
/** A churned account bought nothing in this many days before the reference date. */
export const CHURNED_QUIET_DAYS = 200;

/**
 * Opportunities over the 36 months before the reference date, each walking the stage path with
 * timestamps; deals whose cycle ended before the reference date are closed (won or lost), the rest
 * are open at a stage matching how far through their cycle they are. Quotes exist from the proposal
 * stage on; every won deal has an order.
 */
export function generateDeals(world: SeedWorld, seed: AccountSeed, contacts: ReadonlyArray<Contact>, r: SeedRandom, index: number): Deals {
  r.reseed('deals', index);
  const { account } = seed;
  const ref = world.options.referenceDate;
  const count = { active: r.int(1, 5), prospect: r.int(0, 2), inactive: r.int(0, 2), churned: r.int(1, 2) }[account.status];
  const out: Deals = { opportunities: [], quotes: [], orders: [] };
  const historyStart = Math.max(account.createdAt, ref - HISTORY_MONTHS * 30 * DAY_MS);
  for (let n = 0; n < count; n++) {
    const createdAt = r.between(historyStart, ref - DAY_MS);
    const cycleDays = r.int(20, 180);
    const plannedClose = createdAt + cycleDays * DAY_MS;
    // Churned accounts only have history; everything else closes only once its cycle is over.
    const closed = plannedClose < ref || account.status === 'churned';
    const closeAt = closed ? Math.min(plannedClose, ref - DAY_MS) : plannedClose;
    // A churned account's deals of its last months were lost: it had stopped buying by then.
    const won =
      closed &&
      r.chance(account.status === 'churned' ? 0.5 : 0.35) &&
      !(account.status === 'churned' && closeAt > ref - CHURNED_QUIET_DAYS * DAY_MS);
    const path = stagePath(r, closed, won, Math.min(1, (ref - createdAt) / (cycleDays * DAY_MS)));
    const stageHistory = timeline(r, path, createdAt, closed ? closeAt : ref, closed, account.ownerId);
    const stage = path[path.length - 1] ?? 'prospecting';
    const lineItems = pickLines(world, r, account.currency);
    const contact = r.pick(contacts);
    const earlierCampaigns = world.campaigns.filter((c) => Date.parse(c.startDate) <= createdAt);
    const campaign = earlierCampaigns.length > 0 && r.chance(0.25) ? r.pick(earlierCampaigns) : undefined;
    const lastChange = stageHistory[stageHistory.length - 1]?.at ?? createdAt;
    const opp: Opportunity = {
      id: r.uuid(),
      ownerId: account.ownerId,
      teamId: account.teamId,
      createdAt,
      updatedAt: closed ? lastChange : Math.min(ref, lastChange + r.int(0, 5) * DAY_MS),
      accountId: account.id,
      primaryContactId: contact.id,
      name: `${account.name} – ${lineItems[0]?.productName ?? 'Deal'} ${r.pick(DEAL_KINDS)}`.slice(0, 200),
      stage,
      amount: sumLineItems(lineItems),
      currency: account.currency,
      ...STAGE_DEFAULTS[stage],
      closeDate: isoDate(closeAt),
      ...(closed ? { closedAt: lastChange } : { nextStep: r.pick(NEXT_STEPS) }),
      ...(stage === 'closed_lost' ? { lossReason: r.pick(['Price', 'Competitor', 'No budget', 'No decision', 'Timing'] as const) } : {}),
      ...(campaign
        ? { campaignId: campaign.id, leadSource: 'campaign' }
        : { leadSource: r.pick(['web', 'referral', 'event', 'cold_call', 'partner'] as const) }),
      ...(r.chance(0.15) ? { notes: seed.chinese ? '客户关注价格和交付周期' : r.en.lorem.sentence() } : {}),
      lineItems,
      stageHistory,
    };
    out.opportunities.push(opp);
    addSalesDocs(out, opp, seed, contact, r);
  }
  return out;
}

/** Stages an opportunity went through, ending at its current stage. */
function stagePath(r: SeedRandom, closed: boolean, won: boolean, progress: number): OpportunityStage[] {
  if (closed) {
    // A lost deal drops out somewhere along the way; a won one went all the way.
    const reached = won ? OPEN_PATH.length : r.int(1, OPEN_PATH.length);
    return [...OPEN_PATH.slice(0, reached), won ? 'closed_won' : 'closed_lost'];
  }
  const reached = Math.max(1, Math.min(OPEN_PATH.length, Math.ceil(progress * OPEN_PATH.length)));
  return OPEN_PATH.slice(0, reached);
}

/** Stage changes at increasing times from `from`; a closed deal's last change is its close. */
function timeline(
  r: SeedRandom,
  path: ReadonlyArray<OpportunityStage>,
  from: number,
  to: number,
  closed: boolean,
  byUserId: string,
): StageChange[] {
  const span = Math.max(0, to - from);
  const cuts = path
    .slice(1)
    .map(() => r.next())
    .sort((a, b) => a - b);
  if (closed && cuts.length > 0) cuts[cuts.length - 1] = 1;
  return path.map((stage, i) => ({ stage, at: i === 0 ? from : Math.floor(from + (cuts[i - 1] ?? 1) * span), byUserId }));
}

function pickLines(world: SeedWorld, r: SeedRandom, currency: string): OpportunityLineItem[] {
  return r.sample(world.dealProducts, r.int(1, 4)).map((product, i) => {
    const entry = world.prices.get(product.id)?.get(currency);
    if (entry === undefined) throw new Error(`no ${currency} price for ${product.sku}`);
    return {
      id: `L${i + 1}`,
      productId: product.id,
      productName: product.name,
      quantity: product.unit === 'seat' ? r.int(5, 250) : r.int(1, 20),
      unitPrice: entry.unitPrice,
      discountPercent: r.pick([0, 0, 0, 5, 10, 15, 20]),
    };
  });
}

const reachedProposal = (opp: Opportunity) => opp.stageHistory.some((s) => s.stage === 'proposal');

function addSalesDocs(out: Deals, opp: Opportunity, seed: AccountSeed, contact: Contact, r: SeedRandom): void {
  if (!reachedProposal(opp)) return;
  const proposalAt = opp.stageHistory.find((s) => s.stage === 'proposal')?.at ?? opp.createdAt;
  const lines: SalesLine[] = opp.lineItems.map((l) => ({
    id: l.id,
    productId: l.productId,
    description: l.productName,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent,
    total: lineItemTotal(l),
  }));
  const taxPercent = TAX_BY_REGION[seed.account.region];
  const versions = r.int(1, 2);
  const quoteNumber = `Q-${opp.id.slice(0, 8).toUpperCase()}`;
  const limit = opp.closedAt ?? opp.updatedAt;
  let previous: Quote | undefined;
  for (let v = 1; v <= versions; v++) {
    const last = v === versions;
    const createdAt = Math.min(limit, proposalAt + (v - 1) * 3 * DAY_MS);
    const status: Quote['status'] = !last
      ? 'rejected'
      : opp.stage === 'closed_won'
        ? 'accepted'
        : opp.stage === 'closed_lost'
          ? 'rejected'
          : r.chance(0.15)
            ? 'draft'
            : 'sent';
    const discountPercent = last && versions > 1 ? 5 : 0;
    const totals = applyDiscountAndTax(opp.amount, discountPercent, taxPercent);
    const decidedAt = status === 'accepted' || status === 'rejected' ? (last ? limit : Math.min(limit, createdAt + 2 * DAY_MS)) : undefined;
    const quote: Quote = {
      id: r.uuid(),
      ownerId: opp.ownerId,
      teamId: opp.teamId,
      createdAt,
      updatedAt: decidedAt ?? createdAt,
      kind: 'quote',
      quoteNumber,
      version: v,
      ...(previous ? { supersedesId: previous.id } : {}),
      accountId: opp.accountId,
      opportunityId: opp.id,
      contactId: contact.id,
      status,
      validUntil: isoDate(createdAt + 30 * DAY_MS),
      ...(status !== 'draft' ? { sentAt: createdAt } : {}),
      ...(decidedAt === undefined ? {} : { decidedAt }),
      currency: opp.currency,
      lines,
      subtotal: opp.amount,
      discountPercent,
      discountAmount: totals.discount,
      taxPercent,
      taxAmount: totals.tax,
      total: totals.total,
    };
    out.quotes.push(quote);
    previous = quote;
  }
  if (opp.stage === 'closed_won' && previous) {
    const closedAt = opp.closedAt ?? opp.updatedAt;
    out.orders.push({
      id: r.uuid(),
      ownerId: opp.ownerId,
      teamId: opp.teamId,
      createdAt: closedAt,
      updatedAt: closedAt,
      kind: 'order',
      orderNumber: `SO-${opp.id.slice(0, 8).toUpperCase()}`,
      accountId: opp.accountId,
      opportunityId: opp.id,
      quoteId: previous.id,
      status: r.chance(0.85) ? 'fulfilled' : 'confirmed',
      orderDate: opp.closeDate,
      currency: previous.currency,
      lines: previous.lines,
      subtotal: previous.subtotal,
      discountPercent: previous.discountPercent,
      discountAmount: previous.discountAmount,
      taxPercent: previous.taxPercent,
      taxAmount: previous.taxAmount,
      total: previous.total,
    });
  }
}
