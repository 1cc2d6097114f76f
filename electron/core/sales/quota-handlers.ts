import { randomUUID } from 'node:crypto';
import type { MangoQuerySelector } from 'rxdb';
import { ok } from '../../../shared/contract';
import type { QuotaRecord, QuotaRow } from '../../../shared/contract/sales/quota-requests';
import type { OrgDoc, Quota, Team, User } from '../../../shared/schemas';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import type { CatalogDeps } from './catalog-handlers';
import { editAccess, requireEditor } from './org-access';
import { createSalesStore, toStored } from './sales-store';

/** The first day of each month of the quarter starting on `quarterStart` (YYYY-MM-01). */
function monthsOfQuarter(quarterStart: string): string[] {
  const year = Number(quarterStart.slice(0, 4));
  const month = Number(quarterStart.slice(5, 7));
  return [0, 1, 2].map((step) => `${year}-${String(month + step).padStart(2, '0')}-01`);
}

/**
 * Quotas per rep and period. Managers set them for the reps of their team, admins for anyone,
 * and the single user of a device that is not signed in for anyone; reps only read them. A new
 * quota belongs to its rep and is filed in the rep's team, so the sync server's team rule (and
 * its check that the owner is an active member of the team) applies to the rep it is for.
 */
export function createQuotaHandlers(deps: CatalogDeps) {
  const store = createSalesStore<OrgDoc>('org', deps);

  async function ofKind<K extends OrgDoc['kind']>(
    selector: Record<string, unknown>,
  ): Promise<Array<Extract<OrgDoc, { kind: K }> & { revision: string }>> {
    const docs = await store.collection.find({ selector: selector as MangoQuerySelector<OrgDoc> }).exec();
    return docs.map((doc) => toStored(doc) as Extract<OrgDoc, { kind: K }> & { revision: string });
  }

  /** The quota in force for one rep and period: the newest if two devices made one each. */
  async function quotaOf(userId: string, period: Quota['period'], periodStart: string): Promise<Quota | undefined> {
    const quotas = await ofKind<'quota'>({ userId, periodStart });
    return quotas.filter((q) => q.kind === 'quota' && q.period === period).sort((a, b) => b.updatedAt - a.updatedAt)[0];
  }

  return defineHandlers({
    'org.access': async () => ok(editAccess(deps.session())),

    'quotas.forPeriod': async ({ period, periodStart }) => {
      const access = editAccess(deps.session());
      const months = period === 'quarter' ? monthsOfQuarter(periodStart) : [];
      const [users, teams, quotas] = await Promise.all([
        ofKind<'user'>({ kind: 'user' }),
        ofKind<'team'>({ kind: 'team' }),
        ofKind<'quota'>({ kind: 'quota', periodStart: { $in: [periodStart, ...months] } }),
      ]);
      const teamNames = new Map(teams.map((team: Team) => [team.id, team.name]));
      const reps = users
        .filter((user: User) => user.role === 'rep' && user.active && (access.role !== 'manager' || user.teamId === access.teamId))
        .sort((a, b) => a.name.localeCompare(b.name));
      const rows: QuotaRow[] = reps.map((user) => {
        const own = quotas.filter((quota) => quota.userId === user.id);
        const current = own
          .filter((quota) => quota.period === period && quota.periodStart === periodStart)
          .sort((a, b) => b.updatedAt - a.updatedAt)[0];
        const monthTotals = new Map<string, number>();
        for (const quota of own) {
          if (quota.period !== 'month' || !months.includes(quota.periodStart)) continue;
          monthTotals.set(quota.currency, (monthTotals.get(quota.currency) ?? 0) + quota.amount);
        }
        return {
          userId: user.id,
          name: user.name,
          teamId: user.teamId,
          teamName: teamNames.get(user.teamId) ?? null,
          quota: current ?? null,
          monthQuotas: [...monthTotals.entries()].map(([currency, amount]) => ({ currency, amount })),
        };
      });
      return ok({ rows });
    },

    'quotas.set': async ({ userId, period, periodStart, currency, amount, expectedRevision }) => {
      const access = requireEditor(deps.session(), 'set quotas');
      const found = await store.collection.findOne(userId).exec();
      const user = found?.toJSON(false) as OrgDoc | undefined;
      if (!user || user.kind !== 'user') throw new HandlerError('not_found', `No user with id ${userId}`);
      if (access.role === 'manager' && user.teamId !== access.teamId) {
        throw new HandlerError(
          'forbidden',
          `${user.name} is not in your team: you can set quotas for your team's reps only; nothing was saved.`,
        );
      }
      const current = await quotaOf(userId, period, periodStart);
      if (current) {
        const saved = await store.modify(current.id, (doc) => ({ ...doc, currency, amount }) as OrgDoc, expectedRevision);
        return ok(saved as QuotaRecord);
      }
      const at = deps.now();
      const quota: Quota = {
        id: randomUUID(),
        ownerId: user.id,
        teamId: user.teamId,
        createdAt: at,
        updatedAt: at,
        kind: 'quota',
        userId,
        period,
        periodStart,
        currency,
        amount,
      };
      return ok((await store.insert(quota)) as QuotaRecord);
    },
  });
}
