import type { RxJsonSchema } from 'rxdb';

/**
 * accounts v0 → v1: the single free-text `address` becomes `street`, `postalCode`, `city`, `state`,
 * so the accounts list can filter and sort by city. Frozen: this file describes version 0 as it
 * shipped and must not change when the current account schema does.
 */
export type AccountV0 = {
  id: string;
  ownerId: string;
  teamId: string;
  createdAt: number;
  updatedAt: number;
  serverRevision?: number;
  serverUpdatedAt?: number;
  name: string;
  status: string;
  tier: string;
  region: string;
  industry?: string;
  domain?: string;
  website?: string;
  phone?: string;
  email?: string;
  address?: string;
  country?: string;
  annualRevenue?: number;
  employees?: number;
  currency: string;
  parentAccountId?: string;
  notes?: string;
  tags?: string[];
};

export type AddressParts = { street?: string; postalCode?: string; city?: string; state?: string };

const str = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const epoch = { type: 'integer', minimum: 0, maximum: 4_102_444_800_000, multipleOf: 1 } as const;

export const accountsV0Schema: RxJsonSchema<AccountV0> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(64),
    ownerId: str(64),
    teamId: str(64),
    createdAt: epoch,
    updatedAt: epoch,
    serverRevision: { type: 'integer', minimum: 0 },
    serverUpdatedAt: epoch,
    name: str(200),
    status: str(16),
    tier: str(16),
    region: str(16),
    industry: str(80),
    domain: str(253),
    website: str(2048),
    phone: str(40),
    email: str(254),
    address: str(500),
    country: str(80),
    annualRevenue: { type: 'integer', minimum: 0, maximum: 1_000_000_000_000_000, multipleOf: 1 },
    employees: { type: 'integer', minimum: 0, maximum: 10_000_000, multipleOf: 1 },
    currency: str(3),
    parentAccountId: str(64),
    notes: str(20_000),
    tags: { type: 'array', items: str(80) },
  },
  required: ['id', 'ownerId', 'teamId', 'createdAt', 'updatedAt', 'name', 'status', 'tier', 'region', 'currency'],
  indexes: ['name', 'updatedAt', ['ownerId', 'name'], ['status', 'name']],
};

const POSTAL_FIRST = /^(\d{4,6}(?:-\d{4})?)\s+(.+)$/; // "10115 Berlin"
const STATE_POSTAL = /^([A-Za-z]{2})\s+(\d{5}(?:-\d{4})?)$/; // "CA 94105"
const POSTAL_ONLY = /^\d{4,6}(?:-\d{4})?$/;

/**
 * Splits addresses as reps typed them: "street, city", "street, 10115 Berlin",
 * "street, San Francisco, CA 94105" or "street, city, 200000". Anything unrecognised stays in
 * `street` so no text is lost.
 */
export function splitAddress(address: string): AddressParts {
  const parts = address
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) return {};
  if (parts.length === 1) return { street: parts[0] };
  const [street, second, ...rest] = parts;
  const out: AddressParts = { street };
  const postalFirst = second === undefined ? null : POSTAL_FIRST.exec(second);
  if (postalFirst) {
    out.postalCode = postalFirst[1];
    out.city = postalFirst[2];
  } else {
    out.city = second;
  }
  for (const part of rest) {
    const statePostal = STATE_POSTAL.exec(part);
    if (statePostal) {
      out.state = statePostal[1];
      out.postalCode = statePostal[2];
    } else if (POSTAL_ONLY.test(part)) {
      out.postalCode = part;
    } else {
      // Unknown trailing parts (a district, a second line) stay with the street, not dropped.
      out.street = `${out.street ?? ''}, ${part}`;
    }
  }
  return out;
}

export function migrateAccountV0ToV1(doc: AccountV0): Record<string, unknown> {
  const { address, ...rest } = doc;
  if (address === undefined) return rest;
  const parts = splitAddress(address);
  const out: Record<string, unknown> = { ...rest };
  for (const [key, value] of Object.entries(parts)) {
    if (value !== undefined) out[key] = key === 'street' ? value.slice(0, 200) : value.slice(0, key === 'postalCode' ? 20 : 80);
  }
  return out;
}
