import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb';
import { ok } from '../../../shared/contract';
import type { BoardColumn, OpportunityRecord } from '../../../shared/contract/sales/opportunities-requests';
import { OPPORTUNITY_STAGES, STAGE_DEFAULTS, sumLineItems, type Opportunity, type OpportunityStage } from '../../../shared/schemas';
import type { StoreDeps } from '../customers/record-store';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import { priceLines } from './pricing';
import { createSalesStore, toStored } from './sales-store';

const CLOSED: ReadonlyArray<OpportunityStage> = ['closed_won', 'closed_lost'];

/** Pipeline board, list, stage moves (with history) and line-item edits. */
export function createOpportunitiesHandlers(deps: StoreDeps) {
  const store = createSalesStore<Opportunity>('opportunities', deps);

  return defineHandlers({
    'opportunities.board': async ({ ownerId, perStage }) => {
      const selector: MangoQuerySelector<Opportunity> = ownerId ? { ownerId: { $in: [...ownerId] } } : {};
      // One scan serves counts, per-currency totals and the first cards of every column.
      const docs = await store.collection.find({ selector, sort: [{ closeDate: 'asc' }] }).exec();
      const columns = new Map<
        OpportunityStage,
        { count: number; totals: Map<string, { amount: number; count: number }>; cards: OpportunityRecord[] }
      >();
      for (const stage of OPPORTUNITY_STAGES) columns.set(stage, { count: 0, totals: new Map(), cards: [] });
      for (const doc of docs) {
        const column = columns.get(doc.stage);
        if (!column) continue;
        column.count += 1;
        const total = column.totals.get(doc.currency) ?? { amount: 0, count: 0 };
        column.totals.set(doc.currency, { amount: total.amount + doc.amount, count: total.count + 1 });
        column.cards.push(toStored(doc));
      }
      const board: BoardColumn[] = OPPORTUNITY_STAGES.map((stage) => {
        const column = columns.get(stage) ?? { count: 0, totals: new Map<string, { amount: number; count: number }>(), cards: [] };
        const totals = [...column.totals]
          .map(([currency, total]) => ({ currency, ...total }))
          .sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
        // Open deals: soonest close first (what needs work); closed ones: most recent first.
        const cards = CLOSED.includes(stage) ? column.cards.reverse() : column.cards;
        return { stage, count: column.count, totals, cards: cards.slice(0, perStage) };
      });
      return ok(board);
    },

    'opportunities.list': async ({ filter, sort, offset, limit }) => {
      const selector: MangoQuerySelector<Opportunity> = {};
      if (filter.stage) selector.stage = { $in: [...filter.stage] };
      if (filter.accountId) selector.accountId = { $in: [...filter.accountId] };
      const order = [{ [sort.field]: sort.direction }] as MangoQuerySortPart<Opportunity>[];
      const [docs, total] = await Promise.all([
        store.collection.find({ selector, sort: order, skip: offset, limit }).exec(),
        store.collection.count({ selector }).exec(),
      ]);
      return ok({ rows: docs.map(toStored), total, offset });
    },

    'opportunities.get': async ({ id }) => ok(toStored(await store.mustFind(id))),

    'opportunities.moveStage': async ({ id, stage, lossReason, expectedRevision }) => {
      if (stage === 'closed_lost' && lossReason === undefined)
        throw new HandlerError('invalid_request', 'lossReason: a lost deal needs a reason');
      const at = deps.now();
      return ok(
        await store.modify(
          id,
          (opp) => {
            if (opp.stage === stage) throw new HandlerError('invalid_state', `The opportunity is in ${stage} already`);
            const closing = CLOSED.includes(stage);
            const { closedAt: _closedAt, lossReason: _lossReason, ...open } = opp;
            return {
              ...(closing ? opp : open),
              stage,
              ...STAGE_DEFAULTS[stage],
              ...(closing ? { closedAt: at } : {}),
              ...(stage === 'closed_lost' && lossReason ? { lossReason } : {}),
              // The history is bounded by the schema; keep the latest entries so time-in-stage stays right.
              stageHistory: [...opp.stageHistory, { stage, at, byUserId: deps.actor.ownerId }].slice(-200),
            };
          },
          expectedRevision,
        ),
      );
    },

    'opportunities.update': async ({ id, patch, expectedRevision }) => {
      const { lines, ...fields } = patch;
      const current = await store.mustFind(id);
      const lineItems = lines === undefined ? undefined : await priceLines(deps.db, current.currency, lines);
      return ok(
        await store.modify(
          id,
          (opp) => ({
            ...opp,
            ...definedOnly(fields),
            ...(lineItems === undefined ? {} : { lineItems, amount: lineItems.length > 0 ? sumLineItems(lineItems) : opp.amount }),
          }),
          expectedRevision,
        ),
      );
    },
  });
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
