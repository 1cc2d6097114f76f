import type { CaseSla, SlaState } from '../../../shared/service/sla-state';
import type { CaseProjection } from '../service/case-projection';
import type { SlaReference } from '../service/sla-reference';
import { caseFacts, slaStateAt, type CaseFacts } from './service-dashboard';

/** A change bulk larger than this (a first sync pull) rebuilds the facts instead of patching each. */
const PATCH_LIMIT = 500;
/**
 * Open cases' SLA states move with the clock, not only with data: they are re-read from the cached
 * clocks once a minute, so at-risk and breached counts are never older than that.
 */
export const SLA_TICK_MS = 60_000;

export type CaseFactsView = {
  readonly facts: ReadonlyArray<CaseFacts>;
  /** SLA state now of each open case, at its index in `facts`. */
  readonly open: ReadonlyArray<SlaState | undefined>;
};

export type CaseFactsStore = {
  current(reference: SlaReference, now: number): Promise<CaseFactsView>;
  close(): void;
};

type State = { readonly reference: SlaReference; readonly facts: CaseFacts[]; readonly slas: Array<CaseSla | undefined> };

/**
 * Every case's dashboard facts, built once from the projection and then patched from its change
 * notifications, so a change costs the changed cases, not a pass over all of them. Each open
 * case's SLA is computed once per row and policy set (its at-risk and due instants do not move
 * while its status stays) and read at `now` by `slaStateAt`. Order is not kept: no figure depends on it.
 */
export function createCaseFactsStore(cases: CaseProjection): CaseFactsStore {
  let state: State | undefined;
  let dirty = false;
  let building: Promise<void> | undefined;
  let missed = false;
  let changes = 0;
  let openAt: { state: State; tick: number; changes: number; open: Array<SlaState | undefined> } | undefined;

  const apply = (s: State, before: CaseFacts['row'] | undefined, after: CaseFacts['row'] | undefined): boolean => {
    const i = before ? s.facts.findIndex((f) => f.row === before) : -1;
    if (before && i < 0) return false;
    if (after) {
      const facts = caseFacts(after, s.reference);
      if (i >= 0) {
        s.facts[i] = facts;
        s.slas[i] = undefined;
      } else {
        s.facts.push(facts);
        s.slas.push(undefined);
      }
    } else if (i >= 0) {
      const last = s.facts.length - 1;
      s.facts[i] = s.facts[last]!;
      s.slas[i] = s.slas[last];
      s.facts.pop();
      s.slas.pop();
    }
    return true;
  };

  const unsubscribe = cases.subscribe((bulk) => {
    changes++;
    if (building) missed = true;
    if (!state || dirty || building) return;
    if (bulk.length > PATCH_LIMIT) {
      dirty = true;
      return;
    }
    for (const { before, after } of bulk) {
      if (!apply(state, before, after)) {
        dirty = true;
        return;
      }
    }
  });

  const rebuild = (reference: SlaReference): Promise<void> => {
    building ??= (async () => {
      missed = false;
      try {
        const rows = await cases.rows();
        state = { reference, facts: rows.map((row) => caseFacts(row, reference)), slas: new Array<CaseSla | undefined>(rows.length) };
        // A change published while the rows were read may or may not be in them: read them again next time.
        dirty = missed;
      } finally {
        building = undefined;
      }
    })();
    return building;
  };

  return {
    async current(reference, now) {
      if (building) await building;
      if (!state || state.reference !== reference || dirty) await rebuild(reference);
      const s = state!;
      const tick = Math.floor(now / SLA_TICK_MS);
      if (openAt?.state !== s || openAt.tick !== tick || openAt.changes !== changes) {
        const open = new Array<SlaState | undefined>(s.facts.length);
        for (let i = 0; i < s.facts.length; i++) {
          const { row, finishedAt } = s.facts[i]!;
          if (finishedAt !== undefined) continue;
          const sla = (s.slas[i] ??= reference.slaOf(row, row.tier, now));
          open[i] = slaStateAt(sla, now);
        }
        openAt = { state: s, tick, changes, open };
      }
      return { facts: s.facts, open: openAt.open };
    },
    close() {
      unsubscribe();
    },
  };
}
