import { ok, type Stored } from '../../../../shared/contract';
import type { CampaignDetail, CampaignOption } from '../../../../shared/contract/marketing/campaigns-requests';
import type { Campaign } from '../../../../shared/schemas';
import { defineHandlers } from '../../rpc/dispatcher';
import { HandlerError } from '../../rpc/handler-error';
import { campaignDetail, campaignRows, memberRows, orderedMembers } from './campaign-reads';
import { createCampaignWrites, type CampaignWriteOptions } from './campaign-writes';
import type { CampaignsDeps } from './campaigns-deps';

/**
 * Campaigns and their members. Lists and figures answer from the campaign figures source (memory,
 * computed once per change); only a window's member documents and their people are read from the store.
 */
export function createCampaignsHandlers(deps: CampaignsDeps, options: CampaignWriteOptions = {}) {
  const writes = createCampaignWrites(deps, options);
  // Scrolling a 20,000-member list asks for window after window of one order: sort it once per data version.
  let orderCache: { key: string; rows: ReturnType<typeof orderedMembers> } | undefined;

  const detail = async (campaign: Stored<Campaign>): Promise<CampaignDetail> =>
    campaignDetail(deps, deps.figures, await deps.figures.snapshot(), campaign);

  return defineHandlers({
    'campaigns.list': async ({ filter, model, sort, offset, limit }) => {
      const snapshot = await deps.figures.snapshot();
      const rows = await campaignRows(deps, snapshot, filter, model, sort);
      return ok({ rows: rows.slice(offset, offset + limit), total: rows.length, offset });
    },

    'campaigns.get': async ({ id }) => {
      const snapshot = await deps.figures.snapshot();
      const campaign = snapshot.campaigns.get(id);
      if (!campaign) throw new HandlerError('not_found', `No campaign with id ${id}`);
      return ok(await campaignDetail(deps, deps.figures, snapshot, campaign));
    },

    'campaigns.create': async ({ values }) => ok(await detail(await writes.create(values))),

    'campaigns.update': async ({ id, patch, unset, expectedRevision }) =>
      ok(await detail(await writes.update(id, patch, unset ?? [], expectedRevision))),

    'campaigns.members': async ({ campaignId, status, sort, offset, limit }) => {
      await deps.figures.ready();
      if (!(await deps.figures.snapshot()).campaigns.has(campaignId)) {
        throw new HandlerError('not_found', `No campaign with id ${campaignId}`);
      }
      const key = JSON.stringify([campaignId, status ?? null, sort.field, sort.direction, deps.figures.version()]);
      if (orderCache?.key !== key) orderCache = { key, rows: orderedMembers(deps.figures.membersOf(campaignId), status, sort) };
      const ordered = orderCache.rows;
      const window = ordered.slice(offset, offset + limit).map((m) => m.id);
      return ok({ rows: await memberRows(deps, window), total: ordered.length, offset });
    },

    'campaigns.addMembers': async (params) =>
      ok(
        await writes.addMembers(
          params.campaignId,
          'segmentId' in params ? { segmentId: params.segmentId } : { contactIds: params.contactIds, leadIds: params.leadIds },
        ),
      ),

    'campaigns.removeMember': async ({ memberId }) => ok(await writes.removeMember(memberId)),

    'campaigns.logResponse': async ({ memberId, status, at, expectedRevision }) => {
      const updated = await writes.logResponse(memberId, status, at, expectedRevision);
      const [row] = await memberRows(deps, [updated.id]);
      if (!row) throw new HandlerError('internal', 'The member was written but could not be read back');
      return ok(row);
    },

    'campaigns.options': async () => {
      const snapshot = await deps.figures.snapshot();
      const options: CampaignOption[] = [...snapshot.campaigns.values()].map((c) => ({
        id: c.id,
        name: c.name,
        status: c.status,
        startDate: c.startDate,
      }));
      options.sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : a.name.localeCompare(b.name)));
      return ok(options);
    },
  });
}
