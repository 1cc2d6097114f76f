import { z } from 'zod';
import { OUTBOX_STATUSES, TEMPLATE_FORMATS, TEMPLATE_LANGUAGES, type OutboxMessage, type OutboxStatus } from '../../schemas/marketing';
import { idSchema } from '../../schemas/primitives';
import type { RenderError } from '../../marketing/render-template';
import { request } from '../define-request';
import { anyOf, windowShape, type ListWindow, type Stored } from '../paging';

/**
 * The message a rep writes: a template's text as it stands in the editor (it may differ from the
 * saved template it started from, named by `templateId`).
 */
export const draftSchema = z.strictObject({
  templateId: idSchema.optional(),
  language: z.enum(TEMPLATE_LANGUAGES),
  format: z.enum(TEMPLATE_FORMATS),
  subject: z.string().max(998),
  body: z.string().max(100_000),
});
export type EmailDraft = z.infer<typeof draftSchema>;

/** Who a preview or a one-to-one message is for. */
export const recipientSchema = z.union([
  z.strictObject({ contactId: idSchema }),
  z.strictObject({ leadId: idSchema }),
  z.strictObject({ memberId: idSchema }),
]);
export type EmailRecipient = z.infer<typeof recipientSchema>;

/** A message as the outbox list shows it. */
export type OutboxRecord = Stored<OutboxMessage> & {
  readonly campaignName: string | null;
  readonly accountName: string | null;
};

export type PreviewResult =
  | {
      readonly ok: true;
      readonly to: string | null;
      readonly toName: string | null;
      readonly subject: string;
      readonly text: string;
      readonly html: string;
      /** The recipient opted out: nothing will be sent to them. */
      readonly optedOut: boolean;
    }
  | { readonly ok: false; readonly errors: ReadonlyArray<RenderError> };

/** What queueing a campaign e-mail did, member by member. */
export type CampaignQueueResult = {
  readonly queued: number;
  /** Contacts who opted out (doNotContact): no message is written for them. */
  readonly skippedOptedOut: number;
  readonly skippedNoAddress: number;
  /** Members who already have a queued or sent message of this campaign. */
  readonly skippedAlreadyQueued: number;
};

export type OutboxCounts = { readonly [S in OutboxStatus]: number };

export const outboxRequests = {
  /** The draft rendered for one recipient, merge fields filled, as they will receive it. */
  'outbox.preview': request(z.strictObject({ draft: draftSchema, recipient: recipientSchema })).returns<PreviewResult>(),
  /**
   * One message per member of the campaign, rendered now (offline is fine) and queued; the sync
   * server sends them when the outbox reaches it. A draft that does not render is refused with the
   * errors in words and queues nothing.
   */
  'outbox.queueCampaign': request(
    z.strictObject({ campaignId: idSchema, draft: draftSchema, memberIds: z.array(idSchema).min(1).max(100_000).optional() }),
  ).returns<CampaignQueueResult>(),
  /** A one-to-one follow-up to a contact, optionally about a deal; it shows on their timelines. */
  'outbox.queueFollowUp': request(
    z.strictObject({ contactId: idSchema, opportunityId: idSchema.optional(), draft: draftSchema }),
  ).returns<OutboxRecord>(),
  /** Live. Newest first. */
  'outbox.list': request(
    z.strictObject({
      status: anyOf(z.enum(OUTBOX_STATUSES)),
      campaignId: idSchema.optional(),
      contactId: idSchema.optional(),
      opportunityId: idSchema.optional(),
      ...windowShape,
    }),
  ).returns<ListWindow<OutboxMessage> & { readonly rows: ReadonlyArray<OutboxRecord> }>(),
  /** Live. Messages per status (the outbox tab's badge counts `queued` + `sending`). */
  'outbox.counts': request(z.strictObject({ campaignId: idSchema.optional() })).returns<OutboxCounts>(),
  /** Only a queued message can be cancelled; any other status fails with `invalid_state`. */
  'outbox.cancel': request(z.strictObject({ id: idSchema })).returns<OutboxRecord>(),
} as const;
