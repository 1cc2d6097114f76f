import type { AccountTier, Case } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';

/** What queues and the service dashboard need of a case, with its account's tier. */
export type CaseRow = Pick<
  Case,
  | 'id'
  | 'ownerId'
  | 'teamId'
  | 'assigneeId'
  | 'accountId'
  | 'status'
  | 'priority'
  | 'channel'
  | 'category'
  | 'openedAt'
  | 'updatedAt'
  | 'firstRespondedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'statusHistory'
  | 'slaOutcome'
> & { readonly tier: AccountTier | undefined };

export type CaseProjection = {
  /** Every case (not deleted), current as of the last applied change. */
  rows(): Promise<ReadonlyArray<CaseRow>>;
  /** Bumped by every applied change: an answer cached at another version is stale. */
  version(): number;
  close(): void;
};

// SCAFFOLD: reads everything on every call; replaced by an incremental projection in this session.
export function createCaseProjection(db: CrmDatabase): CaseProjection {
  return {
    async rows() {
      const [cases, accounts] = await Promise.all([db.cases.find().exec(), db.accounts.find().exec()]);
      const tiers = new Map(accounts.map((a) => [a.id, a.tier]));
      return cases.map((doc) => {
        const c = doc.toMutableJSON(false);
        return { ...c, tier: tiers.get(c.accountId) };
      });
    },
    version: () => 0,
    close() {},
  };
}
