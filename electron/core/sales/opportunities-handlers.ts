import { randomUUID } from 'node:crypto';
import type { MangoQuerySelector, MangoQuerySortPart, RxCollection } from 'rxdb';
import { ok } from '../../../shared/contract';
import { closePeriodRange } from '../../../shared/contract/sales/close-periods';
import type { BoardColumn, OpportunityCard, OpportunityFilter } from '../../../shared/contract/sales/opportunities-requests';
import {
  OPPORTUNITY_STAGES,
  STAGE_DEFAULTS,
  sumLineItems,
  type Account,
  type Opportunity,
  type OpportunityStage,
} from '../../../shared/schemas';
import type { StoreDeps } from '../customers/record-store';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import { createOpportunityTotals, opportunityTotalsFrom, type DealFigures, type FiguresFilter } from './opportunity-totals';
import { priceLines } from './pricing';
import { createSalesStore, toStored } from './sales-store';

const CLOSED: ReadonlyArray<OpportunityStage> = ['closed_won', 'closed_lost'];
/** Where a new deal starts: the first open stage of the pipeline. */
const FIRST_STAGE: OpportunityStage = OPPORTUNITY_STAGES[0];

type Scope = Pick<OpportunityFilter, 'ownerId' | 'mine' | 'teamId'>;

/** Pipeline board, list, stage moves (with history) and line-item edits. */
export function createOpportunitiesHandlers(
  deps: StoreDeps,
  options: { readonly deals?: () => Promise<Iterable<DealFigures>>; readonly newId?: () => string } = {},
) {
  const newId = options.newId ?? randomUUID;
  const store = createSalesStore<Opportunity>('opportunities', deps);
  const totals = options.deals ? opportunityTotalsFrom(options.deals) : createOpportunityTotals(store.collection);
  const accounts = deps.db.accounts as unknown as RxCollection<Account>;

  /** Owners the filter allows: `mine` narrows to the signed-in rep; null = anyone; empty = no one. */
  const ownersOf = ({ ownerId, mine }: Scope): string[] | null => {
    if (!mine) return ownerId ? [...ownerId] : null;
    const me = deps.actor.ownerId;
    return !ownerId || ownerId.includes(me) ? [me] : [];
  };

  /**
   * Every condition is on an indexed field (ownerId, teamId, stage: each leads an index with
   * closeDate; closeDate and amount have their own), so the store's planner answers from an index
   * scan, not a read of the collection.
   */
  const selectorOf = (filter: OpportunityFilter): MangoQuerySelector<Opportunity> => {
    const selector: MangoQuerySelector<Opportunity> = {};
    const owners = ownersOf(filter);
    if (owners) selector.ownerId = owners.length === 1 ? { $eq: owners[0] } : { $in: owners };
    if (filter.teamId) selector.teamId = filter.teamId.length === 1 ? { $eq: filter.teamId[0] } : { $in: [...filter.teamId] };
    if (filter.stage) selector.stage = filter.stage.length === 1 ? { $eq: filter.stage[0] } : { $in: [...filter.stage] };
    if (filter.accountId) selector.accountId = { $in: [...filter.accountId] };
    if (filter.closeFrom !== undefined || filter.closeTo !== undefined) {
      selector.closeDate = {
        ...(filter.closeFrom !== undefined ? { $gte: filter.closeFrom } : {}),
        ...(filter.closeTo !== undefined ? { $lte: filter.closeTo } : {}),
      };
    }
    if (filter.amountMin !== undefined || filter.amountMax !== undefined) {
      selector.amount = {
        ...(filter.amountMin !== undefined ? { $gte: filter.amountMin } : {}),
        ...(filter.amountMax !== undefined ? { $lte: filter.amountMax } : {}),
      };
    }
    return selector;
  };

  /**
   * Counts a selector. A multi-value filter on a field that leads an index (the open stages, several
   * owners or teams) is counted one value at a time: each is a walk of one index range, where the
   * store would otherwise read the whole union. The values are distinct, so the sums are exact.
   */
  const countOf = async (selector: MangoQuerySelector<Opportunity>): Promise<number> => {
    const field = (['stage', 'ownerId', 'teamId'] as const).find((name) => {
      const condition = selector[name] as { $in?: unknown[] } | undefined;
      return Array.isArray(condition?.$in) && condition.$in.length > 1;
    });
    if (!field) return store.collection.count({ selector }).exec();
    const values = [...new Set((selector[field] as { $in: string[] }).$in)];
    const counts = await Promise.all(
      values.map((value) => store.collection.count({ selector: { ...selector, [field]: { $eq: value } } }).exec()),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  };

  /** The records with their accounts' names: one lookup by primary key for the accounts on the page. */
  const withAccounts = async (docs: ReadonlyArray<Parameters<typeof toStored<Opportunity>>[0]>): Promise<OpportunityCard[]> => {
    const ids = [...new Set(docs.map((doc) => doc.accountId))];
    const found = ids.length > 0 ? await accounts.findByIds(ids).exec() : new Map();
    return docs.map((doc) => {
      const name = (found.get(doc.accountId) as { name?: string } | undefined)?.name;
      return { ...toStored(doc), ...(name !== undefined ? { accountName: name } : {}) };
    });
  };

  return defineHandlers({
    'opportunities.board': async ({ ownerId, mine, teamId, closeFrom, closeTo, closedFrom, closedTo, perStage }) => {
      const today = new Date(deps.now()).toISOString().slice(0, 10);
      const quarter = closePeriodRange('this_quarter', today);
      const closedRange = {
        from: closedFrom ?? (closedTo === undefined ? quarter.from : undefined),
        to: closedTo ?? (closedFrom === undefined ? quarter.to : undefined),
      };
      const openRange = { from: closeFrom, to: closeTo };
      const rangeOf = (stage: OpportunityStage) => (CLOSED.includes(stage) ? closedRange : openRange);
      const owners = ownersOf({ ownerId, mine });
      const scope: FiguresFilter = {
        ...(owners ? { ownerIds: new Set(owners) } : {}),
        ...(teamId ? { teamIds: new Set(teamId) } : {}),
      };
      const figures = await totals.byStage((stage) => {
        const range = rangeOf(stage);
        return { ...scope, ...(range.from !== undefined ? { from: range.from } : {}), ...(range.to !== undefined ? { to: range.to } : {}) };
      });
      // Each column's first cards: an ordered scan of the [stage, closeDate] index (or the
      // owner's or team's), stopped after `perStage`. Open deals soonest close first; closed ones most recent first.
      const columns = await Promise.all(
        OPPORTUNITY_STAGES.map(async (stage): Promise<BoardColumn> => {
          const range = rangeOf(stage);
          const selector = selectorOf({
            ...(ownerId ? { ownerId } : {}),
            ...(mine ? { mine } : {}),
            ...(teamId ? { teamId } : {}),
            stage: [stage],
            ...(range.from !== undefined ? { closeFrom: range.from } : {}),
            ...(range.to !== undefined ? { closeTo: range.to } : {}),
          });
          const direction = CLOSED.includes(stage) ? 'desc' : 'asc';
          const docs = await store.collection.find({ selector, sort: [{ closeDate: direction }], limit: perStage }).exec();
          const column = figures.get(stage);
          const sums = [...(column?.totals ?? [])]
            .map(([currency, total]) => ({ currency, ...total }))
            .sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
          return { stage, count: column?.count ?? 0, totals: sums, cards: await withAccounts(docs) };
        }),
      );
      return ok(columns);
    },

    'opportunities.list': async ({ filter, sort, offset, limit }) => {
      const selector = selectorOf(filter);
      const order = [{ [sort.field]: sort.direction }] as MangoQuerySortPart<Opportunity>[];
      const [docs, total] = await Promise.all([
        store.collection.find({ selector, sort: order, skip: offset, limit }).exec(),
        countOf(selector),
      ]);
      return ok({ rows: await withAccounts(docs), total, offset });
    },

    /**
     * Opportunities are records their owner writes (the sync server lets every role create one it
     * owns in its own team), so the check is the one the server makes: the deal is filed under the
     * acting user and team, for an account this user can see. Everything is priced and validated
     * before the one insert, so an error writes nothing.
     */
    'opportunities.create': async ({ accountId, name, closeDate, lines, source }) => {
      const account = (await accounts.findOne(accountId).exec())?.toJSON(false) as Account | undefined;
      if (!account) throw new HandlerError('not_found', `accountId: no account ${accountId}; nothing was saved`);
      const lineItems = await priceLines(
        deps.db,
        account.currency,
        lines.map((line) => ({ ...line, discountPercent: 0 })),
      );
      const at = deps.now();
      const { ownerId, teamId } = deps.actor;
      const opportunity = store.validate({
        id: newId(),
        ownerId,
        teamId,
        createdAt: at,
        updatedAt: at,
        accountId,
        name,
        stage: FIRST_STAGE,
        ...STAGE_DEFAULTS[FIRST_STAGE],
        amount: sumLineItems(lineItems),
        currency: account.currency,
        closeDate,
        ...(source === 'recommendation' ? { leadSource: source } : {}),
        lineItems,
        stageHistory: [{ stage: FIRST_STAGE, at, byUserId: ownerId }],
      });
      return ok(await store.insert(opportunity));
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
      const { lines, campaignId, ...fields } = patch;
      const current = await store.mustFind(id);
      const lineItems = lines === undefined ? undefined : await priceLines(deps.db, current.currency, lines);
      return ok(
        await store.modify(
          id,
          (opp) => {
            const next: Opportunity = {
              ...opp,
              ...definedOnly(fields),
              ...(lineItems === undefined ? {} : { lineItems, amount: lineItems.length > 0 ? sumLineItems(lineItems) : opp.amount }),
            };
            if (campaignId === null) delete next.campaignId;
            else if (campaignId !== undefined) next.campaignId = campaignId;
            return next;
          },
          expectedRevision,
        ),
      );
    },
  });
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
