import { z } from 'zod';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../marketing/attribution';
import type { CampaignFigures } from '../../marketing/campaign-figures';
import {
  CAMPAIGN_MEMBER_STATUSES,
  CAMPAIGN_STATUSES,
  CAMPAIGN_TYPES,
  campaignSchema,
  type Campaign,
  type CampaignMember,
  type CampaignMemberStatus,
} from '../../schemas/marketing';
import { epochMsSchema, idSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { anyOf, sortDirectionSchema, windowShape, type ListWindow, type Stored } from '../paging';

/** A campaign as the list shows it: the record, its owner's name and its figures under the model asked for. */
export type CampaignRow = Stored<Campaign> & {
  readonly ownerName: string;
  readonly members: number;
  /** Attributed revenue (minor units of the campaign currency) under the list's model. */
  readonly revenue: number;
  /** Null when no actual cost is recorded (see CampaignFigures.roi). */
  readonly roi: number | null;
  readonly wonDeals: number;
  readonly leads: number;
};

export type CampaignDetail = Stored<Campaign> & {
  readonly ownerName: string;
  readonly segmentName: string | null;
  readonly members: number;
  /** Members per status (delivery results included). */
  readonly statusCounts: { readonly [S in CampaignMemberStatus]: number };
  /** The figures under each attribution model; leads, cost per lead and the funnel are the same in all. */
  readonly figures: { readonly [M in AttributionModel]: CampaignFigures };
  /** Won deals naming the campaign as their source (whatever the model credits). */
  readonly sourcedWonDeals: number;
};

export type CampaignMemberRow = Stored<CampaignMember> & {
  /** The contact's or the lead's name; the id when this device does not hold the record. */
  readonly name: string;
  readonly accountName: string | null;
  readonly email: string | null;
  /** The contact opted out of e-mail: it stays a member, the outbox skips it. */
  readonly optedOut: boolean;
};

export type CampaignOption = {
  readonly id: string;
  readonly name: string;
  readonly status: Campaign['status'];
  readonly startDate: string;
};

export const CAMPAIGN_SORT_FIELDS = ['name', 'startDate', 'budget', 'actualCost', 'members', 'revenue', 'roi'] as const;
export type CampaignSortField = (typeof CAMPAIGN_SORT_FIELDS)[number];

export const campaignListParamsSchema = z.strictObject({
  filter: z
    .strictObject({
      type: anyOf(z.enum(CAMPAIGN_TYPES)),
      status: anyOf(z.enum(CAMPAIGN_STATUSES)),
      ownerId: anyOf(idSchema),
      /** Words of the name, case-insensitive. */
      text: z.string().trim().max(100).optional(),
    })
    .default({}),
  model: z.enum(ATTRIBUTION_MODELS).default('even_split'),
  sort: z
    .strictObject({ field: z.enum(CAMPAIGN_SORT_FIELDS), direction: sortDirectionSchema })
    .default({ field: 'startDate', direction: 'desc' }),
  ...windowShape,
});
export type CampaignListParams = z.input<typeof campaignListParamsSchema>;

/** Sorting members: funnel order (under desc: bounced and failed first, then the furthest stage), or when they last changed. */
export const MEMBER_SORT_FIELDS = ['status', 'updatedAt'] as const;

export const memberListParamsSchema = z.strictObject({
  campaignId: idSchema,
  status: anyOf(z.enum(CAMPAIGN_MEMBER_STATUSES)),
  sort: z
    .strictObject({ field: z.enum(MEMBER_SORT_FIELDS), direction: sortDirectionSchema })
    .default({ field: 'status', direction: 'desc' }),
  ...windowShape,
});
export type MemberListParams = z.input<typeof memberListParamsSchema>;

/** The end may not come before the start; a form shows this next to the end date. */
export const CAMPAIGN_DATE_ORDER_MESSAGE = 'the end date must be on or after the start date';

/** What a marketer fills in; the owner defaults to whoever creates it. */
export const campaignValuesSchema = z
  .strictObject({
    ...campaignSchema.pick({
      name: true,
      type: true,
      status: true,
      startDate: true,
      endDate: true,
      currency: true,
      budget: true,
      actualCost: true,
      expectedRevenue: true,
      description: true,
      segmentId: true,
    }).shape,
    ownerId: idSchema.optional(),
  })
  .refine((v) => v.endDate >= v.startDate, { message: CAMPAIGN_DATE_ORDER_MESSAGE, path: ['endDate'] });
export type CampaignValues = z.infer<typeof campaignValuesSchema>;

export const CAMPAIGN_CLEARABLE_FIELDS = ['expectedRevenue', 'description'] as const;

export const campaignPatchSchema = z.strictObject({
  ...campaignSchema
    .pick({
      name: true,
      type: true,
      status: true,
      startDate: true,
      endDate: true,
      budget: true,
      actualCost: true,
      expectedRevenue: true,
      description: true,
    })
    .partial().shape,
  ownerId: idSchema.optional(),
});
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

/** Statuses a rep logs by hand (a reply, a visit to the stand, a signed order); delivery results come from the server. */
export const LOGGABLE_MEMBER_STATUSES = ['opened', 'responded', 'attended', 'converted'] as const;

const MAX_ADD = 100_000;

export const addMembersParamsSchema = z.union([
  z
    .strictObject({
      campaignId: idSchema,
      contactIds: z.array(idSchema).max(MAX_ADD).default([]),
      leadIds: z.array(idSchema).max(MAX_ADD).default([]),
    })
    .refine((p) => p.contactIds.length + p.leadIds.length > 0, { message: 'name at least one contact or lead', path: ['contactIds'] }),
  /** Everyone the saved segment holds now: accounts bring their contacts, contacts and leads themselves. */
  z.strictObject({ campaignId: idSchema, segmentId: idSchema }),
]);

export type AddMembersResult = {
  readonly added: number;
  /** Already members of the campaign: left as they are. */
  readonly skippedExisting: number;
  /** Of those added, contacts who opted out of e-mail (they stay members; the outbox skips them). */
  readonly optedOut: number;
};

const revisionSchema = z.string().min(1).max(100).optional();

export const campaignsRequests = {
  /** Live. Figures per row under `model`, computed from the local store. */
  'campaigns.list': request(campaignListParamsSchema).returns<ListWindow<Campaign> & { readonly rows: ReadonlyArray<CampaignRow> }>(),
  /** Live. */
  'campaigns.get': request(z.strictObject({ id: idSchema })).returns<CampaignDetail>(),
  'campaigns.create': request(z.strictObject({ values: campaignValuesSchema })).returns<CampaignDetail>(),
  /** The end date is checked against the start date as they will be after the patch. */
  'campaigns.update': request(
    z.strictObject({
      id: idSchema,
      patch: campaignPatchSchema,
      unset: z.array(z.enum(CAMPAIGN_CLEARABLE_FIELDS)).max(CAMPAIGN_CLEARABLE_FIELDS.length).optional(),
      expectedRevision: revisionSchema,
    }),
  ).returns<CampaignDetail>(),
  /** Live, windowed: a campaign of 20,000 members costs one window of rows. */
  'campaigns.members': request(memberListParamsSchema).returns<
    ListWindow<CampaignMember> & { readonly rows: ReadonlyArray<CampaignMemberRow> }
  >(),
  'campaigns.addMembers': request(addMembersParamsSchema).returns<AddMembersResult>(),
  'campaigns.removeMember': request(z.strictObject({ memberId: idSchema })).returns<{ readonly id: string }>(),
  /** A response the rep saw (offline too): moves the member's status and stamps `respondedAt` on a first response. */
  'campaigns.logResponse': request(
    z.strictObject({
      memberId: idSchema,
      status: z.enum(LOGGABLE_MEMBER_STATUSES),
      /** When it happened; default now. */
      at: epochMsSchema.optional(),
      expectedRevision: revisionSchema,
    }),
  ).returns<CampaignMemberRow>(),
  /** Live. Every campaign for pickers, newest first. */
  'campaigns.options': request(z.strictObject({})).returns<ReadonlyArray<CampaignOption>>(),
} as const;
