import {
  UNSUBSCRIBE_PLACEHOLDER_URL,
  type Campaign,
  type CampaignMember,
  type Contact,
  type EmailTemplate,
  type Lead,
  type Opportunity,
  type OutboxMessage,
  type Product,
  type Segment,
  type Team,
  type User,
} from '../../../shared/schemas';
import { MERGE_FIELD_NAMES, contactFullName, mergeValuesFor, type MergeValues } from '../../../shared/marketing/merge-fields';
import { renderTemplate, type RenderedEmail } from '../../../shared/marketing/render-template';
import type { AccountGenerator, AccountSeed } from './generate-account';
import { HISTORY_MONTHS } from './generate-org';
import { DAY_MS, SeedRandom } from './seed-random';
import {
  BOUNCE_REASONS,
  CAMPAIGN_THEMES,
  FAILURE_REASONS,
  SEED_TEMPLATES,
  seedSegments,
  type TemplateTheme,
} from './seed-marketing-tables';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Share of contacts whose address a receiving server refuses (their campaign e-mails bounce). */
const BAD_ADDRESS_SHARE = 0.025;
/** Share of sends that give up after their retries. */
const FAILED_SHARE = 0.004;
/** Share of deals with a one-to-one follow-up e-mail from their rep. */
const FOLLOW_UP_SHARE = 0.06;

/** The marketing documents that are not per account, and what the per-account generator reads. */
export type MarketingWorld = {
  readonly templates: ReadonlyArray<EmailTemplate>;
  readonly segments: ReadonlyArray<Segment>;
  /** Campaigns that had started by the reference date (they have members). */
  readonly started: ReadonlyArray<Campaign>;
  readonly campaignById: ReadonlyMap<string, Campaign>;
  /** The template theme of campaigns that send e-mail. */
  readonly themeOf: ReadonlyMap<string, TemplateTheme>;
  readonly template: (theme: TemplateTheme, language: EmailTemplate['language']) => EmailTemplate;
  readonly userById: ReadonlyMap<string, User>;
  /** Rendering with the shared renderer, cached per template and set of filled fields. */
  readonly render: (template: EmailTemplate, values: MergeValues) => RenderedEmail;
};

export function buildMarketingWorld(
  r: SeedRandom,
  ref: number,
  admin: User,
  hqTeam: Team,
  users: ReadonlyArray<User>,
  campaigns: ReadonlyArray<Campaign>,
  products: ReadonlyArray<Product>,
): MarketingWorld {
  const t0 = ref - (HISTORY_MONTHS + 1) * 30 * DAY_MS;
  const stamp = { ownerId: admin.id, teamId: hqTeam.id };
  const templates: EmailTemplate[] = [];
  const byTheme = new Map<string, EmailTemplate>();
  for (const entry of SEED_TEMPLATES) {
    for (const [language, text] of [
      ['en', entry.en],
      ['zh-CN', entry.zh],
    ] as const) {
      const createdAt = r.between(t0, t0 + 60 * DAY_MS);
      const doc: EmailTemplate = {
        id: r.uuid(),
        ...stamp,
        createdAt,
        updatedAt: r.between(createdAt, ref - 30 * DAY_MS),
        kind: 'email_template',
        language,
        ...text,
      };
      templates.push(doc);
      byTheme.set(`${entry.theme}|${language}`, doc);
    }
  }
  const started = campaigns.filter((c) => Date.parse(c.startDate) <= ref);
  const campaignsByType: Partial<Record<Campaign['type'], string[]>> = {};
  for (const c of started) (campaignsByType[c.type] ??= []).push(c.id);
  const productBySku = new Map(products.map((p) => [p.sku, p.id]));
  const segments: Segment[] = seedSegments({
    campaignsByType,
    pastCampaigns: started.map((c) => c.id),
    product: (sku) => {
      const id = productBySku.get(sku);
      if (id === undefined) throw new Error(`seed segments: no product ${sku}`);
      return id;
    },
  }).map((s) => {
    const createdAt = r.between(ref - 400 * DAY_MS, ref - 20 * DAY_MS);
    return {
      id: r.uuid(),
      ...stamp,
      createdAt,
      updatedAt: r.between(createdAt, ref),
      kind: 'segment',
      name: s.name,
      ...(s.description === undefined ? {} : { description: s.description }),
      definition: s.definition,
    };
  });
  const themeOf = new Map<string, TemplateTheme>();
  campaigns.forEach((c, i) => {
    const themes = CAMPAIGN_THEMES[c.type];
    const theme = themes?.[i % themes.length];
    if (theme !== undefined) themeOf.set(c.id, theme);
  });
  return {
    templates,
    segments,
    started,
    campaignById: new Map(campaigns.map((c) => [c.id, c])),
    themeOf,
    template: (theme, language) => {
      const t = byTheme.get(`${theme}|${language}`);
      if (t === undefined) throw new Error(`seed: no ${language} template for ${theme}`);
      return t;
    },
    userById: new Map(users.map((u) => [u.id, u])),
    render: cachedRenderer(),
  };
}

/** Merge fields in the order of their marker numbers (the opt-out address stays the placeholder). */
const FIELD_NAMES = MERGE_FIELD_NAMES.filter((name) => name !== 'unsubscribe.url');
const FIELD_MARKER = /ZQX(\d+)XQZ/g;
const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);

/**
 * The shared renderer is ~0.3 ms a message, too slow for tens of thousands of seeded messages. The
 * template is rendered once per set of filled fields with a plain-letter marker standing for each
 * value, and the values are put in place of the markers: values are never read as Markdown (the
 * renderer's own rule), so the result is the renderer's (the seed test compares samples with it).
 */
function cachedRenderer(): (template: EmailTemplate, values: MergeValues) => RenderedEmail {
  const cache = new Map<string, RenderedEmail>();
  return (template, values) => {
    let mask = '';
    for (const name of FIELD_NAMES) mask += values[name] ? '1' : '0';
    const key = `${template.id}|${mask}`;
    let shape = cache.get(key);
    if (shape === undefined) {
      const markers: MergeValues = {};
      FIELD_NAMES.forEach((name, i) => {
        if (values[name]) markers[name] = `ZQX${i}XQZ`;
      });
      const result = renderTemplate(template, markers, { unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER_URL, language: template.language });
      if (!result.ok) throw new Error(`seed template "${template.name}": ${result.errors.map((e) => e.message).join('; ')}`);
      shape = { subject: result.subject, text: result.text, html: result.html };
      cache.set(key, shape);
    }
    const value = (index: string) => (values[FIELD_NAMES[Number(index)] ?? 'contact.firstName'] ?? '').replace(/\s+/g, ' ').trim();
    return {
      subject: shape.subject.replace(FIELD_MARKER, (_, i: string) => value(i)),
      text: shape.text.replace(FIELD_MARKER, (_, i: string) => value(i)),
      html: shape.html.replace(FIELD_MARKER, (_, i: string) => escapeHtml(value(i))),
    };
  };
}

export type Marketing = { members: CampaignMember[]; leads: Lead[]; outbox: OutboxMessage[] };

/** A membership being drawn up, before its delivery is settled. */
type Draft = {
  campaign: Campaign;
  contact: Contact;
  status: CampaignMember['status'];
  respondedAt?: number;
  /** Responded through a deal's source campaign: its address worked and it had not opted out then. */
  dealResponse: boolean;
};

const RESPONDED = new Set<CampaignMember['status']>(['responded', 'attended', 'converted']);
const STAGE: Readonly<Record<CampaignMember['status'], number>> = {
  targeted: 0,
  sent: 1,
  opened: 2,
  responded: 3,
  attended: 4,
  converted: 5,
  bounced: 0,
  failed: 0,
};
const IN_PERSON = new Set<Campaign['type']>(['event', 'webinar', 'trade_show']);

/** How far members of each type of campaign got (deal responses and conversions come on top). */
const STATUS_WEIGHTS: Readonly<Record<Campaign['type'], ReadonlyArray<readonly [CampaignMember['status'], number]>>> = {
  email: [
    ['sent', 5],
    ['opened', 4],
    ['responded', 1.5],
  ],
  webinar: [
    ['sent', 4],
    ['opened', 3],
    ['responded', 2],
    ['attended', 1.5],
  ],
  event: [
    ['sent', 4],
    ['opened', 2],
    ['responded', 2],
    ['attended', 2],
  ],
  trade_show: [
    ['targeted', 1],
    ['sent', 3],
    ['responded', 2],
    ['attended', 2],
  ],
  direct_mail: [
    ['sent', 6],
    ['responded', 1],
  ],
  advertising: [
    ['targeted', 3],
    ['responded', 1],
  ],
};

/**
 * Campaign memberships, leads and outbox history around one account, consistent with its deals:
 * - the primary contact of a deal that names a source campaign responded to that campaign before
 *   the deal was created (at the latest before its close); a won deal makes that member `converted`,
 *   and so does an earlier response of a contact who then became the primary contact of a won deal;
 * - about a quarter of contacts were in one or two other campaigns, with a funnel status by type;
 * - members of e-mail and webinar campaigns got a message rendered from the campaign's template in
 *   their language: sent (with the member's `sentAt` and `messageId`), bounced for a bad address,
 *   failed after retries, or suppressed for a contact who opted out (the member stays `targeted`);
 * - about one lead per two accounts; campaign and event leads name the campaign they came from and
 *   are its members; converted leads became the account's first deal and inherit its source campaign;
 * - a few deals have a one-to-one follow-up e-mail from their rep.
 */
export const generateMarketing: AccountGenerator<Marketing> = (world, seed, contacts, opps, r, index) => {
  r.reseed('marketing', index);
  const mw = world.marketing;
  const ref = world.options.referenceDate;
  const out: Marketing = { members: [], leads: [], outbox: [] };
  const badAddress = new Map(contacts.map((c) => [c.id, r.chance(BAD_ADDRESS_SHARE)]));
  const drafts = new Map<string, Draft>();
  const key = (campaignId: string, contactId: string) => `${campaignId}|${contactId}`;
  const contactById = new Map(contacts.map((c) => [c.id, c]));

  // Responses behind deals that name their source campaign.
  for (const opp of opps) {
    if (opp.campaignId === undefined || opp.primaryContactId === undefined) continue;
    const campaign = mw.campaignById.get(opp.campaignId);
    const contact = contactById.get(opp.primaryContactId);
    if (campaign === undefined || contact === undefined) continue;
    const start = Date.parse(campaign.startDate);
    const before = Math.min(opp.closedAt ?? ref, ref) - HOUR;
    const from = Math.max(start + HOUR, contact.createdAt);
    let to = Math.min(opp.createdAt, Date.parse(campaign.endDate) + 21 * DAY_MS, before);
    if (to < from) to = before;
    if (to < from) continue;
    const won = opp.stage === 'closed_won';
    const status = won ? 'converted' : IN_PERSON.has(campaign.type) && r.chance(0.5) ? 'attended' : 'responded';
    const respondedAt = Math.max(from, r.between(from, to));
    const existing = drafts.get(key(campaign.id, contact.id));
    if (existing) {
      if (STAGE[status] > STAGE[existing.status]) existing.status = status;
      existing.respondedAt = Math.min(existing.respondedAt ?? respondedAt, respondedAt);
    } else drafts.set(key(campaign.id, contact.id), { campaign, contact, status, respondedAt, dealResponse: true });
  }

  // Other memberships: campaigns that started after the contact was added.
  for (const contact of contacts) {
    if (!r.chance(0.25)) continue;
    const eligible = mw.started.filter((c) => Date.parse(c.startDate) >= contact.createdAt);
    for (const campaign of r.sample(eligible, r.int(1, 2))) {
      const status = r.weighted(STATUS_WEIGHTS[campaign.type]);
      const respondAfter = r.int(1, 14) * DAY_MS + r.int(0, 600) * MINUTE;
      if (drafts.has(key(campaign.id, contact.id))) continue;
      // An opted-out contact is only on e-mail lists, where the sync server holds its message back.
      if (contact.doNotContact && !mw.themeOf.has(campaign.id)) continue;
      const draft: Draft = { campaign, contact, status, dealResponse: false };
      if (RESPONDED.has(status)) draft.respondedAt = Math.min(ref - MINUTE, Date.parse(campaign.startDate) + respondAfter);
      drafts.set(key(campaign.id, contact.id), draft);
    }
  }

  // A response shortly before a won deal of the same person converted it.
  for (const draft of drafts.values()) {
    if (draft.dealResponse || draft.respondedAt === undefined || !RESPONDED.has(draft.status)) continue;
    const at = draft.respondedAt;
    const won = opps.some(
      (o) =>
        o.stage === 'closed_won' &&
        o.primaryContactId === draft.contact.id &&
        o.createdAt >= at &&
        o.createdAt <= at + 120 * DAY_MS &&
        (o.closedAt ?? ref) > at,
    );
    if (won) draft.status = 'converted';
  }

  for (const draft of drafts.values())
    addContactMember(world.marketing, seed, draft, badAddress.get(draft.contact.id) === true, ref, r, out);
  out.leads.push(...generateLeads(world.marketing, ref, seed, contacts, opps, r, out));
  for (const opp of opps) {
    if (!r.chance(FOLLOW_UP_SHARE)) continue;
    const contact = contactById.get(opp.primaryContactId ?? '');
    if (contact === undefined || contact.doNotContact) continue;
    const end = Math.min(opp.closedAt ?? ref, ref) - HOUR;
    if (end <= opp.createdAt + HOUR) continue;
    const queuedAt = r.between(opp.createdAt + HOUR, end);
    const bounced = badAddress.get(contact.id) === true;
    out.outbox.push(
      outboxMessage(mw, seed, contact, mw.template('visit_follow_up', languageOf(contact)), seed.owner, r, {
        ownerId: seed.account.ownerId,
        teamId: seed.account.teamId,
        opportunityId: opp.id,
        queuedAt,
        outcome: bounced ? 'bounced' : 'sent',
        ref,
      }),
    );
  }
  return out;
};

function languageOf(contact: Contact): EmailTemplate['language'] {
  return contact.preferredLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function addContactMember(mw: MarketingWorld, seed: AccountSeed, draft: Draft, bad: boolean, ref: number, r: SeedRandom, out: Marketing) {
  const { campaign, contact } = draft;
  const start = Date.parse(campaign.startDate);
  const theme = mw.themeOf.get(campaign.id);
  let createdAt = Math.max(contact.createdAt, start - r.int(1, 7) * DAY_MS - r.int(0, 600) * MINUTE);
  let respondedAt = draft.respondedAt;
  let status = draft.status;
  // An e-mail has no one attending.
  if (campaign.type === 'email' && status === 'attended') status = 'responded';
  const memberId = r.uuid();
  const base = { id: memberId, ownerId: campaign.ownerId, teamId: campaign.teamId, kind: 'campaign_member' as const };
  const ids = { campaignId: campaign.id, contactId: contact.id, accountId: seed.account.id };
  if (theme === undefined) {
    if (respondedAt !== undefined) createdAt = Math.min(createdAt, respondedAt);
    createdAt = Math.min(createdAt, ref - MINUTE);
    out.members.push({
      ...base,
      createdAt,
      updatedAt: Math.max(createdAt, respondedAt ?? createdAt),
      ...ids,
      status,
      ...(respondedAt === undefined ? {} : { respondedAt }),
    });
    return;
  }
  // Queued a few hours after being added, sent when the rep's laptop next synced.
  let queuedAt = createdAt + r.int(10, 600) * MINUTE;
  let sentAt = queuedAt + r.int(2, 240) * MINUTE;
  if (respondedAt !== undefined && sentAt >= respondedAt) {
    sentAt = respondedAt - r.int(30, 600) * MINUTE;
    queuedAt = sentAt - r.int(2, 60) * MINUTE;
  }
  // A campaign that started just before the reference date: everything happened by then.
  const latest = Math.min(respondedAt ?? ref, ref) - MINUTE;
  if (sentAt > latest) {
    const shift = sentAt - latest;
    sentAt -= shift;
    queuedAt -= shift;
  }
  createdAt = Math.min(createdAt, queuedAt - MINUTE);
  const outcome =
    contact.doNotContact && !draft.dealResponse
      ? 'suppressed'
      : bad && !draft.dealResponse
        ? 'bounced'
        : !draft.dealResponse && r.chance(FAILED_SHARE)
          ? 'failed'
          : 'sent';
  const message = outboxMessage(mw, seed, contact, mw.template(theme, languageOf(contact)), mw.userById.get(campaign.ownerId), r, {
    ownerId: campaign.ownerId,
    teamId: campaign.teamId,
    campaignId: campaign.id,
    memberId,
    queuedAt,
    sentAt,
    outcome,
    ref,
  });
  out.outbox.push(message);
  if (outcome !== 'sent') {
    respondedAt = undefined;
    status = outcome === 'suppressed' ? 'targeted' : outcome;
  }
  out.members.push({
    ...base,
    createdAt,
    updatedAt: Math.max(message.updatedAt, respondedAt ?? 0),
    ...ids,
    status,
    ...(respondedAt === undefined ? {} : { respondedAt }),
    ...(message.sentAt === undefined ? {} : { sentAt: message.sentAt }),
    ...(message.error === undefined ? {} : { deliveryError: message.error }),
    messageId: message.id,
  });
}

type MessageOptions = {
  ownerId: string;
  teamId: string;
  campaignId?: string;
  memberId?: string;
  opportunityId?: string;
  queuedAt: number;
  sentAt?: number;
  outcome: 'sent' | 'bounced' | 'failed' | 'suppressed';
  ref: number;
};

function outboxMessage(
  mw: MarketingWorld,
  seed: AccountSeed,
  contact: Contact,
  template: EmailTemplate,
  rep: User | undefined,
  r: SeedRandom,
  o: MessageOptions,
): OutboxMessage {
  const to = contact.email ?? `${contact.id.slice(0, 8)}@${seed.account.domain ?? 'example.com'}`;
  const rendered = mw.render(template, mergeValuesFor({ contact, account: seed.account, rep }));
  const tried = Math.min(o.ref - MINUTE, o.sentAt ?? o.queuedAt + r.int(2, 240) * MINUTE);
  const error =
    o.outcome === 'bounced' ? r.pick(BOUNCE_REASONS).replace('{to}', to) : o.outcome === 'failed' ? r.pick(FAILURE_REASONS) : undefined;
  // Failed sends were retried with back-off for about a day before giving up.
  const finishedAt = o.outcome === 'failed' ? Math.min(o.ref - MINUTE, tried + r.int(12, 30) * HOUR) : tried;
  const attempts = o.outcome === 'suppressed' ? 0 : o.outcome === 'failed' ? 5 : r.chance(0.05) ? 2 : 1;
  return {
    id: r.uuid(),
    ownerId: o.ownerId,
    teamId: o.teamId,
    createdAt: o.queuedAt,
    updatedAt: Math.max(o.queuedAt, finishedAt),
    kind: 'outbox_message',
    to,
    toName: contactFullName(contact).slice(0, 200),
    contactId: contact.id,
    accountId: seed.account.id,
    ...(o.opportunityId === undefined ? {} : { opportunityId: o.opportunityId }),
    ...(o.campaignId === undefined ? {} : { campaignId: o.campaignId }),
    ...(o.memberId === undefined ? {} : { memberId: o.memberId }),
    templateId: template.id,
    language: template.language,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    status: o.outcome,
    queuedAt: o.queuedAt,
    attempts,
    ...(o.outcome === 'sent' ? { sentAt: Math.max(o.queuedAt, tried) } : {}),
    ...(error === undefined ? {} : { error }),
  };
}

const LEAD_SOURCES = [
  ['web', 3],
  ['referral', 2],
  ['event', 2],
  ['campaign', 3],
  ['cold_call', 1],
  ['partner', 1],
] as const;
const EVENT_TYPES = new Set<Campaign['type']>(['event', 'trade_show', 'webinar']);

/**
 * About one lead per two accounts. Campaign and event leads were captured by a campaign (an event
 * lead by an event, trade show or webinar) while it ran, so leads by source follow the campaigns
 * over time; each is that campaign's member. A converted lead became the account's first deal: it
 * was created before that deal, converted when the deal was opened, and names the deal's source
 * campaign when it has one.
 */
function generateLeads(
  mw: MarketingWorld,
  ref: number,
  seed: AccountSeed,
  contacts: ReadonlyArray<Contact>,
  opps: ReadonlyArray<Opportunity>,
  r: SeedRandom,
  out: Marketing,
): Lead[] {
  if (!r.chance(0.5)) return [];
  const { account } = seed;
  const historyStart = ref - HISTORY_MONTHS * 30 * DAY_MS;
  const converted = r.chance(0.2) && contacts[0] !== undefined;
  const firstOpp = opps[0];
  let source: Lead['source'] = r.weighted(LEAD_SOURCES);
  let campaign: Campaign | undefined;
  let createdAt: number;
  let convertedAt: number | undefined;
  const windowOf = (c: Campaign) => ({
    from: Date.parse(c.startDate),
    to: Math.min(ref - HOUR, Date.parse(c.endDate) + 21 * DAY_MS),
  });
  if (converted && firstOpp) {
    convertedAt = firstOpp.createdAt;
    campaign = firstOpp.campaignId === undefined ? undefined : mw.campaignById.get(firstOpp.campaignId);
    const from = campaign ? Math.max(Date.parse(campaign.startDate), convertedAt - 90 * DAY_MS) : convertedAt - 60 * DAY_MS;
    createdAt = r.between(Math.min(from, convertedAt), convertedAt);
    if (campaign) source = EVENT_TYPES.has(campaign.type) ? 'event' : 'campaign';
    else if (source === 'campaign' || source === 'event') source = 'web';
  } else {
    if (source === 'campaign' || source === 'event') {
      const pool = mw.started.filter(
        (c) =>
          Date.parse(c.startDate) >= historyStart && (source === 'event') === EVENT_TYPES.has(c.type) && windowOf(c).to > windowOf(c).from,
      );
      campaign = pool.length > 0 ? r.pick(pool) : undefined;
    }
    if (campaign) {
      const w = windowOf(campaign);
      createdAt = r.between(w.from, w.to);
    } else {
      if (source === 'campaign' || source === 'event') source = 'web';
      createdAt = r.between(Math.max(account.createdAt, historyStart), ref - HOUR);
    }
    if (converted) convertedAt = Math.min(ref - MINUTE, createdAt + r.int(1, 30) * DAY_MS);
  }
  const status = converted ? 'converted' : r.pick(['new', 'working', 'nurturing', 'qualified', 'unqualified'] as const);
  const lead: Lead = {
    id: r.uuid(),
    ownerId: account.ownerId,
    teamId: account.teamId,
    createdAt,
    updatedAt: convertedAt ?? createdAt,
    firstName: seed.chinese ? r.zh.person.firstName() : r.en.person.firstName(),
    lastName: seed.chinese ? r.zh.person.lastName() : r.en.person.lastName(),
    company: converted ? account.name : seed.chinese ? r.zh.company.name() : r.en.company.name(),
    title: r.en.person.jobTitle().slice(0, 80),
    email: `${r.en.internet.username().toLowerCase()}@${account.domain ?? 'example.com'}`.slice(0, 254),
    phone: `${seed.place.phone} ${r.digits(3)} ${r.digits(4)}`,
    city: account.city ?? seed.place.city,
    country: seed.place.country,
    status,
    source,
    rating: r.pick(['hot', 'warm', 'cold'] as const),
    ...(campaign ? { campaignId: campaign.id } : {}),
    ...(converted && contacts[0]
      ? {
          convertedAt: convertedAt ?? createdAt,
          convertedAccountId: account.id,
          convertedContactId: contacts[0].id,
          ...(firstOpp ? { convertedOpportunityId: firstOpp.id } : {}),
        }
      : {}),
  };
  if (campaign) {
    // Captured by the campaign: a member that responded when the lead was created.
    const status = converted
      ? 'converted'
      : EVENT_TYPES.has(campaign.type) && campaign.type !== 'webinar' && r.chance(0.6)
        ? 'attended'
        : 'responded';
    out.members.push({
      id: r.uuid(),
      ownerId: campaign.ownerId,
      teamId: campaign.teamId,
      createdAt,
      updatedAt: createdAt,
      kind: 'campaign_member',
      campaignId: campaign.id,
      leadId: lead.id,
      status,
      respondedAt: createdAt,
    });
  }
  return [lead];
}
