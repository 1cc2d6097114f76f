import { describe, expect, it } from 'vitest';
import { attributeRevenue } from '../../../shared/marketing/attribution';
import { buildAttributionInput } from '../../../shared/marketing/attribution-input';
import { campaignFigures } from '../../../shared/marketing/campaign-figures';
import { mergeValuesFor } from '../../../shared/marketing/merge-fields';
import { renderTemplate } from '../../../shared/marketing/render-template';
import { segmentDefinitionSchema } from '../../../shared/marketing/segment-conditions';
import {
  UNSUBSCRIBE_PLACEHOLDER_URL,
  type Campaign,
  type CampaignMember,
  type CrmDocOf,
  type EmailTemplate,
  type OutboxMessage,
  type Segment,
} from '../../../shared/schemas';
import { generateDataset } from './generate-dataset';

const REF = Date.UTC(2025, 5, 30);
const DAY_MS = 86_400_000;

function collect(accounts: number, seed: number) {
  const out = {
    accounts: [] as CrmDocOf<'accounts'>[],
    contacts: [] as CrmDocOf<'contacts'>[],
    leads: [] as CrmDocOf<'leads'>[],
    opportunities: [] as CrmDocOf<'opportunities'>[],
    users: [] as CrmDocOf<'org'>[],
    marketing: [] as CrmDocOf<'marketing'>[],
  };
  for (const b of generateDataset({ accounts, seed, referenceDate: REF })) {
    if (b.collection === 'accounts') out.accounts.push(...b.docs);
    if (b.collection === 'contacts') out.contacts.push(...b.docs);
    if (b.collection === 'leads') out.leads.push(...b.docs);
    if (b.collection === 'opportunities') out.opportunities.push(...b.docs);
    if (b.collection === 'org') out.users.push(...b.docs);
    if (b.collection === 'marketing') out.marketing.push(...b.docs);
  }
  const of = <K extends CrmDocOf<'marketing'>['kind']>(kind: K) =>
    out.marketing.filter((d): d is Extract<CrmDocOf<'marketing'>, { kind: K }> => d.kind === kind);
  return {
    ...out,
    campaigns: of('campaign') as Campaign[],
    members: of('campaign_member') as CampaignMember[],
    segments: of('segment') as Segment[],
    templates: of('email_template') as EmailTemplate[],
    outbox: of('outbox_message') as OutboxMessage[],
  };
}

describe('seeded marketing data', () => {
  const data = collect(400, 9);
  const contacts = new Map(data.contacts.map((c) => [c.id, c]));
  const members = new Map(data.members.map((m) => [m.id, m]));
  const campaigns = new Map(data.campaigns.map((c) => [c.id, c]));

  it('saves 10–15 valid segments over accounts, contacts and leads, and 12 templates in two languages and both formats', () => {
    expect(data.segments.length).toBeGreaterThanOrEqual(10);
    expect(data.segments.length).toBeLessThanOrEqual(15);
    for (const s of data.segments) expect(segmentDefinitionSchema.safeParse(s.definition).success, s.name).toBe(true);
    expect(new Set(data.segments.map((s) => s.definition.target))).toEqual(new Set(['accounts', 'contacts', 'leads']));
    expect(data.segments.map((s) => s.name)).toEqual(expect.arrayContaining(['Manufacturing at risk', 'Top-10% CLV in APAC']));
    expect(data.templates).toHaveLength(12);
    expect(data.templates.filter((t) => t.language === 'zh-CN')).toHaveLength(6);
    expect(new Set(data.templates.map((t) => t.format))).toEqual(new Set(['text', 'markdown']));
    for (const t of data.templates) {
      expect(t.body + t.subject).toMatch(/\{\{(contact|account|rep)\.\w+/);
      expect(renderTemplate(t, {}, { unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER_URL, language: t.language }).ok).toBe(true);
    }
  });

  it('records every message on its member: sent, bounced with the server’s words, failed, or held back for an opt-out', () => {
    const byStatus = new Map<string, number>();
    for (const m of data.outbox) {
      byStatus.set(m.status, (byStatus.get(m.status) ?? 0) + 1);
      expect(['sent', 'bounced', 'failed', 'suppressed']).toContain(m.status);
      expect(m.queuedAt).toBeLessThanOrEqual(m.sentAt ?? m.updatedAt);
      expect(m.updatedAt).toBeLessThanOrEqual(REF);
      expect(m.text).toContain(UNSUBSCRIBE_PLACEHOLDER_URL);
      expect(m.html).toContain(`href="${UNSUBSCRIBE_PLACEHOLDER_URL}"`);
      expect(m.sentAt !== undefined).toBe(m.status === 'sent');
      if (m.status === 'bounced') expect(m.error).toMatch(/^55\d 5\.\d\.\d /);
      if (m.status === 'failed') expect(m.attempts).toBe(5);
      if (m.memberId === undefined) {
        expect(m.opportunityId).toBeDefined();
        continue;
      }
      const member = members.get(m.memberId);
      expect(member?.messageId).toBe(m.id);
      expect(member?.contactId).toBe(m.contactId);
      if (m.status === 'sent') {
        expect(member?.sentAt).toBe(m.sentAt);
        expect(['sent', 'opened', 'responded', 'attended', 'converted']).toContain(member?.status);
        expect(member?.respondedAt ?? Infinity).toBeGreaterThan(m.sentAt ?? 0);
      } else if (m.status === 'suppressed') {
        expect(contacts.get(m.contactId ?? '')?.doNotContact).toBe(true);
        expect(member?.status).toBe('targeted');
        expect(m.attempts).toBe(0);
      } else {
        expect(member?.status).toBe(m.status);
        expect(member?.deliveryError).toBe(m.error);
        expect(member?.sentAt).toBeUndefined();
      }
    }
    expect(byStatus.get('sent')).toBeGreaterThan(100);
    expect(byStatus.get('bounced')).toBeGreaterThan(0);
    expect(byStatus.get('suppressed')).toBeGreaterThan(0);
    // Every member of an e-mail or webinar campaign got a message; no member of another kind did.
    for (const member of data.members) {
      const type = campaigns.get(member.campaignId)?.type;
      if (member.contactId !== undefined) expect(member.messageId !== undefined, type).toBe(type === 'email' || type === 'webinar');
    }
  });

  it('renders each message as the shared renderer does for its recipient, in the recipient’s language', () => {
    const templates = new Map(data.templates.map((t) => [t.id, t]));
    const accounts = new Map(data.accounts.map((a) => [a.id, a]));
    const users = new Map(data.users.flatMap((u) => (u.kind === 'user' ? [[u.id, u] as const] : [])));
    const owners = new Map(data.accounts.map((a) => [a.id, a.ownerId]));
    const sample = data.outbox.filter((_, i) => i % 7 === 0);
    expect(sample.some((m) => m.language === 'zh-CN' && /[\u4e00-\u9fff]/.test(m.subject))).toBe(true);
    for (const m of sample) {
      const template = templates.get(m.templateId ?? '');
      const contact = contacts.get(m.contactId ?? '');
      expect(template && contact).toBeTruthy();
      if (!template || !contact) continue;
      expect(m.language).toBe(contact.preferredLanguage === 'zh-CN' ? 'zh-CN' : 'en');
      const repId = m.campaignId ? campaigns.get(m.campaignId)?.ownerId : owners.get(contact.accountId);
      const expected = renderTemplate(
        template,
        mergeValuesFor({ contact, account: accounts.get(contact.accountId), rep: users.get(repId ?? '') }),
        {
          unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER_URL,
          language: template.language,
        },
      );
      expect(expected).toEqual({ ok: true, subject: m.subject, text: m.text, html: m.html });
      expect(m.to).toBe(contact.email);
    }
  });

  it('gives the people of deals with a source campaign a response to it before the close, converted when won', () => {
    const byKey = new Map(data.members.flatMap((m) => (m.contactId ? [[`${m.campaignId}|${m.contactId}`, m] as const] : [])));
    expect(byKey.size).toBe(data.members.filter((m) => m.contactId).length);
    let won = 0;
    for (const o of data.opportunities) {
      if (o.campaignId === undefined || o.primaryContactId === undefined) continue;
      const member = byKey.get(`${o.campaignId}|${o.primaryContactId}`);
      const close = o.closedAt ?? REF;
      if (member === undefined) {
        // Only when the contact was added after the deal closed.
        expect(contacts.get(o.primaryContactId)?.createdAt ?? 0).toBeGreaterThan(close - 2 * 3_600_000);
        continue;
      }
      expect(member.respondedAt ?? Infinity).toBeLessThan(close);
      expect(member.respondedAt ?? 0).toBeGreaterThanOrEqual(Date.parse(campaigns.get(o.campaignId)?.startDate ?? ''));
      if (o.stage === 'closed_won') {
        won++;
        expect(member.status).toBe('converted');
      } else expect(['responded', 'attended', 'converted']).toContain(member.status);
    }
    expect(won).toBeGreaterThan(20);
    // A converted contact member became the primary contact of a deal won after the response.
    for (const m of data.members) {
      if (m.status !== 'converted' || m.contactId === undefined) continue;
      const deal = data.opportunities.find(
        (o) => o.stage === 'closed_won' && o.primaryContactId === m.contactId && (o.closedAt ?? 0) > (m.respondedAt ?? Infinity),
      );
      expect(deal, m.id).toBeDefined();
    }
  });

  it('keeps member times in order and one membership per person and campaign', () => {
    for (const m of data.members) {
      expect(m.createdAt).toBeLessThanOrEqual(m.sentAt ?? m.respondedAt ?? m.updatedAt);
      if (m.sentAt !== undefined && m.respondedAt !== undefined) expect(m.sentAt).toBeLessThan(m.respondedAt);
      expect(m.respondedAt ?? m.createdAt).toBeLessThanOrEqual(m.updatedAt);
      expect(m.updatedAt).toBeLessThanOrEqual(REF);
      expect(m.respondedAt !== undefined).toBe(['responded', 'attended', 'converted'].includes(m.status));
      if (campaigns.get(m.campaignId)?.type === 'email') expect(m.status).not.toBe('attended');
    }
    const keys = data.members.map((m) => `${m.campaignId}|${m.contactId ?? m.leadId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('captures campaign and event leads while their campaign ran, as its members, over the whole history', () => {
    const withCampaign = data.leads.filter((l) => l.campaignId !== undefined);
    expect(withCampaign.length).toBeGreaterThan(data.leads.length * 0.25);
    const leadMembers = new Map(data.members.flatMap((m) => (m.leadId ? [[m.leadId, m] as const] : [])));
    const months = new Set<string>();
    for (const l of withCampaign) {
      const c = campaigns.get(l.campaignId ?? '');
      expect(c).toBeDefined();
      expect(['campaign', 'event']).toContain(l.source);
      expect(l.createdAt).toBeGreaterThanOrEqual(Date.parse(c?.startDate ?? ''));
      if (l.status !== 'converted') expect(l.createdAt).toBeLessThanOrEqual(Date.parse(c?.endDate ?? '') + 21 * DAY_MS);
      expect(leadMembers.get(l.id)?.campaignId).toBe(l.campaignId);
      expect(leadMembers.get(l.id)?.respondedAt).toBe(l.createdAt);
      months.add(new Date(l.createdAt).toISOString().slice(0, 7));
    }
    expect(months.size).toBeGreaterThan(24);
    for (const l of data.leads) {
      if (l.convertedOpportunityId === undefined) continue;
      const deal = data.opportunities.find((o) => o.id === l.convertedOpportunityId);
      expect(l.createdAt).toBeLessThanOrEqual(deal?.createdAt ?? 0);
      if (deal?.campaignId !== undefined) expect(l.campaignId).toBe(deal.campaignId);
    }
  });

  it('spreads campaign ROI from negative to several times the cost', () => {
    const built = buildAttributionInput({
      campaigns: data.campaigns,
      opportunities: data.opportunities,
      leads: data.leads,
      members: data.members,
    });
    expect(built.untimedMembers).toBe(0);
    expect(built.unknownCampaignRefs).toBe(0);
    const attributed = attributeRevenue(built.input, 'even_split');
    const rois = data.campaigns
      .filter((c) => c.actualCost > 0)
      .map((c) => campaignFigures(c, [], attributed.get(c.id)).roi ?? 0)
      .sort((a, b) => a - b);
    expect(rois.filter((r) => r < 0).length).toBeGreaterThanOrEqual(3);
    expect(rois.filter((r) => r > 1).length).toBeGreaterThanOrEqual(5);
    expect(data.campaigns.some((c) => c.actualCost > c.budget)).toBe(true);
    expect(data.campaigns.filter((c) => c.status === 'planned').every((c) => c.actualCost === 0)).toBe(true);
  });
});
