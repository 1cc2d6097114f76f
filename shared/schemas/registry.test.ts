import { describe, expect, it } from 'vitest';
import { CRM_COLLECTION_NAMES, crmCollections, type CrmCollectionName } from './registry';
import { opportunitySchema } from './opportunities';

type Node = { type?: string; maxLength?: number; minimum?: number; maximum?: number; multipleOf?: number };

const ftsFields: Partial<Record<CrmCollectionName, string[]>> = {
  accounts: ['name', 'domain', 'phone', 'email', 'city', 'country', 'industry', 'notes'],
  contacts: ['firstName', 'lastName', 'email', 'phone', 'mobile', 'title', 'city', 'notes', 'accountId'],
  leads: ['firstName', 'lastName', 'company', 'email', 'phone', 'city', 'notes'],
  opportunities: ['name', 'nextStep', 'notes', 'accountId'],
};

const base = { id: 'x1', ownerId: 'u1', teamId: 't1', createdAt: 0, updatedAt: 0 };

describe('crmCollections', () => {
  it('fits RxDB’s open-source limit with one collection to spare', () => {
    expect(CRM_COLLECTION_NAMES.length).toBeLessThanOrEqual(12);
  });

  it.each(CRM_COLLECTION_NAMES)('%s: RxDB schema has bounded indexes and no unsupported keywords', (name) => {
    const { schema } = crmCollections[name];
    const json = JSON.stringify(schema);
    expect(json).not.toContain('$schema');
    expect(json).not.toContain('"default"');
    expect(schema.primaryKey).toBe('id');
    const props = schema.properties as Record<string, Node>;
    for (const field of (schema.indexes ?? []).flat()) {
      const node = props[field];
      expect(node, `${name}.${field} is indexed but not in the schema`).toBeDefined();
      if (node?.type === 'string') expect(node.maxLength, `${name}.${field}`).toBeGreaterThan(0);
      if (node?.type === 'integer' || node?.type === 'number') {
        expect(
          [node.minimum, node.maximum, node.multipleOf].every((v) => typeof v === 'number'),
          `${name}.${field}`,
        ).toBe(true);
      }
    }
    for (const key of ['ownerId', 'teamId', 'createdAt', 'updatedAt', 'serverRevision', 'serverUpdatedAt']) {
      expect(props, `${name} lacks ${key}`).toHaveProperty(key);
    }
  });

  it('has the string fields full-text search indexes', () => {
    for (const [name, fields] of Object.entries(ftsFields)) {
      const props = crmCollections[name as CrmCollectionName].schema.properties as Record<string, Node>;
      for (const field of fields) expect(props[field]?.type, `${name}.${field}`).toBe('string');
    }
  });

  it('merges grouped kinds under a required `kind` discriminator', () => {
    const { schema, discriminated } = crmCollections.sales_docs;
    expect(discriminated).toBe(true);
    expect(schema.required).toContain('kind');
    expect((schema.properties as Record<string, { enum?: string[] }>).status?.enum).toEqual(
      expect.arrayContaining(['draft', 'sent', 'accepted', 'rejected', 'confirmed', 'fulfilled', 'cancelled']),
    );
    expect(crmCollections.accounts.discriminated).toBe(false);
    expect(crmCollections.accounts.schema.properties).not.toHaveProperty('kind');
  });

  it('validates each kind precisely and explains failures in words', () => {
    const team = crmCollections.org.parse({ ...base, kind: 'team', name: 'West' });
    expect(team.ok).toBe(true);
    const quota = crmCollections.org.parse({ ...base, kind: 'quota', name: 'West' });
    expect(quota.ok).toBe(false);
    if (!quota.ok) {
      expect(quota.error.code).toBe('invalid_document');
      expect(quota.error.message).toMatch(/^Invalid org: /);
      expect(quota.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['userId', 'period', 'periodStart']));
    }
    const account = crmCollections.accounts.parse({ ...base, name: '', status: 'active', tier: 'key', region: 'emea', currency: 'usd' });
    expect(account.ok).toBe(false);
    if (!account.ok) {
      expect(account.error.message).toContain('name an account needs a name');
      expect(account.error.message).toContain('currency must be an ISO 4217 code');
    }
  });

  it('requires an opportunity amount to equal its line items', () => {
    const opp = {
      ...base,
      accountId: 'a1',
      name: 'Deal',
      stage: 'proposal',
      currency: 'USD',
      probability: 60,
      forecastCategory: 'best_case',
      closeDate: '2025-09-30',
      lineItems: [{ id: 'l1', productId: 'p1', quantity: 3, unitPrice: 1000, discountPercent: 10 }],
      stageHistory: [{ stage: 'proposal', at: 0 }],
    };
    expect(opportunitySchema.safeParse({ ...opp, amount: 2700 }).success).toBe(true);
    const wrong = crmCollections.opportunities.parse({ ...opp, amount: 3000 });
    expect(wrong.ok ? '' : wrong.error.message).toContain('amount must equal the total of the line items');
  });
});
