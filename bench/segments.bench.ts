/**
 * Segment counts: `measureSegmentCountP95` is what `npm run bench:marketing` reports as
 * segment_count_p95_ms. Run alone (`tsx bench/segments.bench.ts`) it prints ONE JSON line.
 *
 * What is timed, per query: what `segments.count` does once the request reached the core — the
 * definition checked by the contract's schema, then counted by the core's segment index — for random
 * segments of 1–4 conditions (random fields, operators and values, under an `and` or an `or`) over
 * accounts or contacts. The index holds 100,000 accounts and 300,000 contacts by default, with done
 * activities, purchase orders, campaign responses and customer-insight figures in the proportions
 * the demo seed writes, filled through the same setters the engine's change stream uses.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CHURN_BANDS, RFM_SEGMENTS } from '../shared/contract/insight/insight-requests';
import {
  CHURN_RISK_VALUES,
  CLV_BANDS,
  EMPLOYEE_BANDS,
  fieldAppliesTo,
  SEGMENT_FIELDS,
  segmentDefinitionSchema,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentField,
  type SegmentTarget,
} from '../shared/marketing/segment-conditions';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../shared/schemas/accounts';
import { SegmentIndex } from '../electron/core/marketing/segments/segment-index';
import { createRandom, nowMs, percentile, pick, progress, round } from './bench-stats';

export type SegmentBenchOptions = {
  readonly accounts?: number;
  readonly contacts?: number;
  readonly queries?: number;
  readonly seed?: number;
};

export type SegmentBenchResult = {
  readonly p95: number;
  readonly p50: number;
  readonly max: number;
  readonly buildMs: number;
  readonly queries: number;
};

const INDUSTRIES = [
  'Manufacturing',
  'Retail',
  'Healthcare',
  'Energy',
  'Finance',
  'Logistics',
  'Education',
  'Telecom',
  'Food',
  'Automotive',
  'Construction',
  'Software',
];
const COUNTRIES = [
  'China',
  'Germany',
  'United States',
  'France',
  'Japan',
  'Brazil',
  'India',
  'United Kingdom',
  'Mexico',
  'Singapore',
  'Italy',
  'Spain',
];
const LANGUAGES = ['en', 'zh-CN', 'de', 'fr', 'ja', 'pt-BR', 'es'];
const CURRENCIES = ['USD', 'EUR', 'CNY'];
const PRODUCTS = Array.from({ length: 200 }, (_, i) => `prod-${i}`);
const CAMPAIGNS = Array.from({ length: 39 }, (_, i) => `camp-${i}`);
const TODAY = 20_600;

/** The index filled as the engine fills it from a seeded store. */
export function buildBenchIndex(accounts: number, contacts: number, random: () => number): SegmentIndex {
  const index = new SegmentIndex();
  const insights = new Map<
    string,
    {
      rfmSegment: (typeof RFM_SEGMENTS)[number] | null;
      clv12m: number | null;
      churn: { band: (typeof CHURN_BANDS)[number]; lapsed: boolean } | null;
    }
  >();
  for (let i = 0; i < accounts; i++) {
    const id = `acc-${i}`;
    index.setAccount(id, {
      id,
      status: pick(random, ACCOUNT_STATUSES),
      industry: random() < 0.9 ? pick(random, INDUSTRIES) : null,
      region: pick(random, ACCOUNT_REGIONS),
      tier: pick(random, ACCOUNT_TIERS),
      country: random() < 0.95 ? pick(random, COUNTRIES) : null,
      employees: random() < 0.8 ? Math.floor(random() * 5000) : null,
      annualRevenue: random() < 0.7 ? Math.floor(random() * 1e10) : null,
      currency: pick(random, CURRENCIES),
    });
    if (random() < 0.7)
      insights.set(id, {
        rfmSegment: pick(random, RFM_SEGMENTS),
        clv12m: random() < 0.9 ? Math.floor(random() * 1e7) : null,
        churn: random() < 0.9 ? { band: pick(random, CHURN_BANDS), lapsed: random() < 0.1 } : null,
      });
    // One or two purchase orders of one to three products.
    for (let o = 0; o < 1 + Math.floor(random() * 2); o++)
      index.setPurchase(`ord-${i}-${o}`, { accountId: id, productIds: [pick(random, PRODUCTS), pick(random, PRODUCTS)] });
  }
  index.setInsights(insights);
  for (let i = 0; i < contacts; i++) {
    const id = `con-${i}`;
    const accountId = `acc-${Math.floor(random() * accounts)}`;
    index.setContact(id, {
      id,
      accountId,
      country: random() < 0.3 ? pick(random, COUNTRIES) : null,
      language: random() < 0.6 ? pick(random, LANGUAGES) : null,
    });
    if (random() < 0.5) index.setActivity(`act-${i}`, { accountId, contactId: id, day: TODAY - Math.floor(random() * 400) });
    if (random() < 0.07)
      index.setMembership(`mem-${i}`, {
        campaignId: pick(random, CAMPAIGNS),
        contactId: id,
        leadId: null,
        responded: random() < 0.3,
        respondedDay: TODAY - Math.floor(random() * 300),
      });
  }
  return index;
}

const values = <T extends string>(random: () => number, pool: ReadonlyArray<T>, most = 3): T[] => {
  const n = 1 + Math.floor(random() * Math.min(most, pool.length));
  return [...new Set(Array.from({ length: n }, () => pick(random, pool)))];
};

function randomCondition(random: () => number, field: SegmentField): SegmentCondition {
  const inOp = random() < 0.8 ? ('in' as const) : ('not_in' as const);
  switch (field) {
    case 'industry':
      return { field, op: inOp, values: values(random, INDUSTRIES) };
    case 'region':
      return { field, op: inOp, values: values(random, ACCOUNT_REGIONS) };
    case 'tier':
      return { field, op: inOp, values: values(random, ACCOUNT_TIERS) };
    case 'country':
      return { field, op: inOp, values: values(random, COUNTRIES) };
    case 'language':
      return { field, op: inOp, values: values(random, ['en', 'zh', 'de', 'fr']) };
    case 'status':
      return { field, op: inOp, values: values(random, ACCOUNT_STATUSES) };
    case 'size':
      return { field, op: 'in', values: values(random, EMPLOYEE_BANDS) };
    case 'annualRevenue':
      return {
        field,
        op: 'between',
        currency: pick(random, CURRENCIES),
        min: Math.floor(random() * 1e9),
        max: 1e9 + Math.floor(random() * 9e9),
      };
    case 'rfmSegment':
      return { field, op: 'in', values: values(random, RFM_SEGMENTS) };
    case 'clvBand':
      return { field, op: 'in', values: values(random, CLV_BANDS) };
    case 'churnRisk':
      return { field, op: 'in', values: values(random, CHURN_RISK_VALUES) };
    case 'lastActivity':
      return { field, op: random() < 0.7 ? 'within_days' : 'not_within_days', days: 1 + Math.floor(random() * 365) };
    case 'productsBought':
      return { field, op: random() < 0.8 ? 'any_of' : 'none_of', productIds: values(random, PRODUCTS, 5) };
    case 'campaignResponse':
      return { field, op: random() < 0.8 ? 'responded_to' : 'not_responded_to', campaignIds: values(random, CAMPAIGNS) };
  }
}

export function randomSegment(random: () => number): SegmentDefinition {
  const target: SegmentTarget = random() < 0.5 ? 'accounts' : 'contacts';
  const fields = SEGMENT_FIELDS.filter((f) => fieldAppliesTo(f, target));
  const n = 1 + Math.floor(random() * 4);
  return {
    target,
    root: { op: random() < 0.75 ? 'and' : 'or', items: Array.from({ length: n }, () => randomCondition(random, pick(random, fields))) },
  };
}

export function measureSegmentCounts(options: SegmentBenchOptions = {}): SegmentBenchResult {
  const accounts = options.accounts ?? 100_000;
  const contacts = options.contacts ?? 300_000;
  const queries = options.queries ?? 500;
  const random = createRandom(options.seed ?? 42);
  const start = nowMs();
  const index = buildBenchIndex(accounts, contacts, random);
  const buildMs = nowMs() - start;
  progress(`segments: index of ${accounts} accounts and ${contacts} contacts built in ${round(buildMs, 0)} ms`);
  // Warm-up: the first queries compile the scan loops.
  for (let i = 0; i < 50; i++) index.count(randomSegment(random), TODAY);
  const samples: number[] = [];
  for (let i = 0; i < queries; i++) {
    const raw = randomSegment(random);
    const t = nowMs();
    const definition = segmentDefinitionSchema.parse(raw);
    index.count(definition, TODAY);
    samples.push(nowMs() - t);
  }
  return { p95: percentile(samples, 95), p50: percentile(samples, 50), max: Math.max(...samples), buildMs, queries };
}

/** segment_count_p95_ms for the marketing benchmark. */
export async function measureSegmentCountP95(options: SegmentBenchOptions = {}): Promise<number> {
  return measureSegmentCounts(options).p95;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: args } = parseArgs({
    options: {
      accounts: { type: 'string', default: '100000' },
      contacts: { type: 'string', default: '300000' },
      queries: { type: 'string', default: '500' },
    },
  });
  const result = measureSegmentCounts({ accounts: Number(args.accounts), contacts: Number(args.contacts), queries: Number(args.queries) });
  console.log(
    JSON.stringify({
      segment_count_p95_ms: round(result.p95, 2),
      segment_count_p50_ms: round(result.p50, 2),
      segment_count_max_ms: round(result.max, 2),
      segment_index_build_ms: round(result.buildMs, 0),
      queries: result.queries,
    }),
  );
}
