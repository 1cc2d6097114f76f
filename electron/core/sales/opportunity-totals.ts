import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Opportunity, OpportunityStage } from '../../../shared/schemas';
import { domainChanges } from '../db/domain-changes';

/** The fields a board column's count and totals need; a few dozen bytes per deal. */
export type DealFigures = Pick<Opportunity, 'stage' | 'currency' | 'amount' | 'ownerId' | 'teamId' | 'closeDate'>;

export type FiguresFilter = {
  readonly ownerIds?: ReadonlySet<string>;
  readonly teamIds?: ReadonlySet<string>;
  /** Inclusive ISO date bounds on the close date. */
  readonly from?: string;
  readonly to?: string;
};

export type ColumnFigures = {
  count: number;
  readonly totals: Map<string, { amount: number; count: number }>;
};

/** Deals read per step of the first load. */
const LOAD_PAGE = 2000;

const figuresOf = (doc: Opportunity): DealFigures => ({
  stage: doc.stage,
  currency: doc.currency,
  amount: doc.amount,
  ownerId: doc.ownerId,
  teamId: doc.teamId,
  closeDate: doc.closeDate,
});

/**
 * Counts and per-currency sums of every deal, kept in memory and updated from the collection's
 * change stream (local writes and sync pulls alike), so the board's column headers cost a pass
 * over small objects instead of reading and parsing every opportunity on each refresh. The first
 * use reads the collection once, in pages. Changes that arrive while that read runs win over what it returns.
 */
export function createOpportunityTotals(collection: RxCollection<Opportunity>) {
  const figures = new Map<string, DealFigures>();
  let loaded: Promise<void> | undefined;
  let touchedWhileLoading: Set<string> | undefined;

  // Subscribed before any read, so no change can fall between the read and the stream.
  const subscription: Subscription = domainChanges(collection).subscribe((bulk) => {
    for (const event of bulk.events) {
      touchedWhileLoading?.add(event.documentId);
      const doc = event.documentData as Opportunity & { _deleted?: boolean };
      if (event.operation === 'DELETE' || doc._deleted) figures.delete(event.documentId);
      else figures.set(event.documentId, figuresOf(doc));
    }
  });

  /**
   * Reads the collection in pages along the primary key, yielding between pages, so the core
   * keeps answering other requests while a large table is read the first time.
   */
  async function readAll(touched: ReadonlySet<string>): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const selector = after === undefined ? {} : { id: { $gt: after } };
      const page = await collection.find({ selector, sort: [{ id: 'asc' }], limit: LOAD_PAGE }).exec();
      for (const doc of page) if (!touched.has(doc.id)) figures.set(doc.id, figuresOf(doc.toJSON(false) as Opportunity));
      if (page.length < LOAD_PAGE) return;
      after = page[page.length - 1]?.id;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  function load(): Promise<void> {
    if (loaded) return loaded;
    const touched = new Set<string>();
    touchedWhileLoading = touched;
    loaded = readAll(touched).then(() => {
      touchedWhileLoading = undefined;
    });
    loaded.catch(() => {
      loaded = undefined;
      touchedWhileLoading = undefined;
    });
    return loaded;
  }

  return {
    /** Count and per-currency totals per stage of the deals the stage's filter keeps (null: leave the stage out). */
    async byStage(filter: (stage: OpportunityStage) => FiguresFilter | null): Promise<Map<OpportunityStage, ColumnFigures>> {
      await load();
      return figuresByStage(figures.values(), filter);
    },
    /** Stops following the collection (the database closing ends the stream as well). */
    close(): void {
      subscription.unsubscribe();
    },
  };
}

/** Column counts and totals over `deals`, one pass. */
function figuresByStage(
  deals: Iterable<DealFigures>,
  filter: (stage: OpportunityStage) => FiguresFilter | null,
): Map<OpportunityStage, ColumnFigures> {
  const out = new Map<OpportunityStage, ColumnFigures>();
  const filters = new Map<OpportunityStage, FiguresFilter | null>();
  for (const deal of deals) {
    let stageFilter = filters.get(deal.stage);
    if (stageFilter === undefined) {
      stageFilter = filter(deal.stage);
      filters.set(deal.stage, stageFilter);
    }
    if (stageFilter === null || !keeps(stageFilter, deal)) continue;
    let column = out.get(deal.stage);
    if (!column) out.set(deal.stage, (column = { count: 0, totals: new Map() }));
    column.count += 1;
    const total = column.totals.get(deal.currency);
    if (total) {
      total.amount += deal.amount;
      total.count += 1;
    } else column.totals.set(deal.currency, { amount: deal.amount, count: 1 });
  }
  return out;
}

/**
 * The same figures over deals someone else keeps in memory (the dashboard's projection, which
 * the core reads once at start and keeps current), so the board needs no read of its own.
 */
export function opportunityTotalsFrom(deals: () => Promise<Iterable<DealFigures>>): OpportunityTotals {
  return {
    byStage: async (filter) => figuresByStage(await deals(), filter),
    close: () => undefined,
  };
}

function keeps(filter: FiguresFilter, deal: DealFigures): boolean {
  if (filter.ownerIds && !filter.ownerIds.has(deal.ownerId)) return false;
  if (filter.teamIds && !filter.teamIds.has(deal.teamId)) return false;
  if (filter.from !== undefined && deal.closeDate < filter.from) return false;
  if (filter.to !== undefined && deal.closeDate > filter.to) return false;
  return true;
}

export type OpportunityTotals = ReturnType<typeof createOpportunityTotals>;
