import type { Account } from '../../../shared/schemas';

/** Static vocabularies the demo data draws from: real places, plausible products and titles. */

export type Place = {
  readonly city: string;
  readonly state?: string;
  readonly country: string;
  readonly currency: string;
  /** Dialling prefix including area code, e.g. '+49 30'. */
  readonly phone: string;
  readonly postal: (rand: () => number) => string;
};

const digits = (n: number) => (rand: () => number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

export const PLACES: Readonly<Record<Account['region'], ReadonlyArray<Place>>> = {
  north_america: [
    { city: 'New York', state: 'NY', country: 'United States', currency: 'USD', phone: '+1 555', postal: () => '10001' },
    { city: 'San Francisco', state: 'CA', country: 'United States', currency: 'USD', phone: '+1 555', postal: () => '94105' },
    { city: 'Chicago', state: 'IL', country: 'United States', currency: 'USD', phone: '+1 555', postal: () => '60601' },
    { city: 'Austin', state: 'TX', country: 'United States', currency: 'USD', phone: '+1 555', postal: () => '78701' },
    { city: 'Seattle', state: 'WA', country: 'United States', currency: 'USD', phone: '+1 555', postal: () => '98101' },
    { city: 'Boston', state: 'MA', country: 'United States', currency: 'USD', phone: '+1 555', postal: () => '02108' },
    { city: 'Atlanta', state: 'GA', country: 'United States', currency: 'USD', phone: '+1 555', postal: () => '30303' },
    { city: 'Toronto', state: 'ON', country: 'Canada', currency: 'CAD', phone: '+1 555', postal: () => 'M5H 2N2' },
  ],
  emea: [
    { city: 'Berlin', country: 'Germany', currency: 'EUR', phone: '+49 30', postal: (r) => `10${digits(3)(r)}` },
    { city: 'München', country: 'Germany', currency: 'EUR', phone: '+49 89', postal: (r) => `80${digits(3)(r)}` },
    { city: 'London', country: 'United Kingdom', currency: 'GBP', phone: '+44 20', postal: () => 'EC1A 1BB' },
    { city: 'Manchester', country: 'United Kingdom', currency: 'GBP', phone: '+44 161', postal: () => 'M1 1AE' },
    { city: 'Paris', country: 'France', currency: 'EUR', phone: '+33 1', postal: (r) => `750${digits(2)(r)}` },
    { city: 'Madrid', country: 'Spain', currency: 'EUR', phone: '+34 91', postal: (r) => `280${digits(2)(r)}` },
    { city: 'Milano', country: 'Italy', currency: 'EUR', phone: '+39 02', postal: (r) => `201${digits(2)(r)}` },
    { city: 'Amsterdam', country: 'Netherlands', currency: 'EUR', phone: '+31 20', postal: (r) => `10${digits(2)(r)} AB` },
  ],
  apac: [
    { city: 'Tokyo', country: 'Japan', currency: 'JPY', phone: '+81 3', postal: (r) => `100-${digits(4)(r)}` },
    { city: 'Singapore', country: 'Singapore', currency: 'SGD', phone: '+65 6', postal: (r) => `0${digits(5)(r)}` },
    { city: 'Sydney', state: 'NSW', country: 'Australia', currency: 'AUD', phone: '+61 2', postal: () => '2000' },
    { city: 'Melbourne', state: 'VIC', country: 'Australia', currency: 'AUD', phone: '+61 3', postal: () => '3000' },
    { city: 'Osaka', country: 'Japan', currency: 'JPY', phone: '+81 6', postal: (r) => `530-${digits(4)(r)}` },
  ],
  latin_america: [
    { city: 'São Paulo', state: 'SP', country: 'Brazil', currency: 'BRL', phone: '+55 11', postal: (r) => `01${digits(3)(r)}-000` },
    { city: 'Rio de Janeiro', state: 'RJ', country: 'Brazil', currency: 'BRL', phone: '+55 21', postal: (r) => `20${digits(3)(r)}-000` },
    { city: 'Ciudad de México', country: 'Mexico', currency: 'USD', phone: '+52 55', postal: (r) => `06${digits(3)(r)}` },
    { city: 'Santiago', country: 'Chile', currency: 'USD', phone: '+56 2', postal: (r) => `83${digits(5)(r)}` },
  ],
  greater_china: [
    { city: '上海', country: '中国', currency: 'CNY', phone: '+86 21', postal: (r) => `200${digits(3)(r)}` },
    { city: '北京', country: '中国', currency: 'CNY', phone: '+86 10', postal: (r) => `100${digits(3)(r)}` },
    { city: '深圳', country: '中国', currency: 'CNY', phone: '+86 755', postal: (r) => `518${digits(3)(r)}` },
    { city: '广州', country: '中国', currency: 'CNY', phone: '+86 20', postal: (r) => `510${digits(3)(r)}` },
    { city: '杭州', country: '中国', currency: 'CNY', phone: '+86 571', postal: (r) => `310${digits(3)(r)}` },
    { city: '成都', country: '中国', currency: 'CNY', phone: '+86 28', postal: (r) => `610${digits(3)(r)}` },
  ],
};

/** Minor-unit digits and an approximate USD rate per currency, to price the catalogue in each. */
export const CURRENCIES: Readonly<Record<string, { readonly digits: number; readonly perUsd: number }>> = {
  USD: { digits: 2, perUsd: 1 },
  CAD: { digits: 2, perUsd: 1.35 },
  EUR: { digits: 2, perUsd: 0.92 },
  GBP: { digits: 2, perUsd: 0.79 },
  JPY: { digits: 0, perUsd: 150 },
  SGD: { digits: 2, perUsd: 1.34 },
  AUD: { digits: 2, perUsd: 1.52 },
  BRL: { digits: 2, perUsd: 5.0 },
  CNY: { digits: 2, perUsd: 7.2 },
};

/** Converts a USD list price in cents to a rounded list price in another currency's minor units. */
export function priceIn(currency: string, usdCents: number): number {
  const c = CURRENCIES[currency];
  if (c === undefined) throw new Error(`no rate for ${currency}`);
  const major = (usdCents / 100) * c.perUsd;
  // List prices end in round numbers: whole units, or hundreds of yen.
  const step = c.digits === 0 ? 100 : 1;
  return Math.max(step, Math.round(major / step) * step) * 10 ** c.digits;
}

export const INDUSTRIES = [
  'Manufacturing',
  'Retail',
  'Healthcare',
  'Financial Services',
  'Technology',
  'Energy',
  'Logistics',
  'Education',
  'Hospitality',
  'Construction',
  'Agriculture',
  'Telecommunications',
  'Pharmaceuticals',
  'Automotive',
  'Food & Beverage',
] as const;

export const TITLES = [
  'CEO',
  'CFO',
  'CIO',
  'Head of Procurement',
  'Purchasing Manager',
  'Operations Director',
  'IT Manager',
  'Plant Manager',
  'Facilities Manager',
  'Sales Director',
  'Office Manager',
  'Engineering Lead',
] as const;

export const ZH_TITLES = ['总经理', '采购经理', '财务总监', '技术总监', '运营经理', '销售总监'] as const;

/** Common Chinese family and given names with pinyin, so 张伟 can also appear as Zhang Wei. */
export const ZH_SURNAMES = [
  ['张', 'Zhang'],
  ['王', 'Wang'],
  ['李', 'Li'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
] as const;
export const ZH_GIVEN = [
  ['伟', 'Wei'],
  ['芳', 'Fang'],
  ['娜', 'Na'],
  ['敏', 'Min'],
  ['静', 'Jing'],
  ['磊', 'Lei'],
  ['强', 'Qiang'],
  ['洋', 'Yang'],
  ['艳', 'Yan'],
  ['杰', 'Jie'],
  ['军', 'Jun'],
  ['丽', 'Li'],
] as const;

export type CatalogItem = {
  readonly sku: string;
  readonly name: string;
  readonly family: string;
  readonly unit: string;
  readonly usdCents: number;
};

export const CATALOG: ReadonlyArray<CatalogItem> = [
  { sku: 'HW-100', name: 'FieldScan Handheld Scanner', family: 'Hardware', unit: 'unit', usdCents: 49_900 },
  { sku: 'HW-110', name: 'FieldScan Rugged Tablet', family: 'Hardware', unit: 'unit', usdCents: 129_900 },
  { sku: 'HW-120', name: 'Label Printer LP-4', family: 'Hardware', unit: 'unit', usdCents: 34_900 },
  { sku: 'HW-130', name: 'IoT Sensor Kit', family: 'Hardware', unit: 'kit', usdCents: 89_900 },
  { sku: 'HW-140', name: 'Docking Station', family: 'Hardware', unit: 'unit', usdCents: 19_900 },
  { sku: 'SW-200', name: 'Inventory Cloud (per seat / year)', family: 'Software', unit: 'seat', usdCents: 36_000 },
  { sku: 'SW-210', name: 'Route Planner (per seat / year)', family: 'Software', unit: 'seat', usdCents: 24_000 },
  { sku: 'SW-220', name: 'Analytics Suite (per site / year)', family: 'Software', unit: 'site', usdCents: 480_000 },
  { sku: 'SW-230', name: 'Mobile Forms (per seat / year)', family: 'Software', unit: 'seat', usdCents: 12_000 },
  { sku: 'SW-240', name: 'Integration Hub', family: 'Software', unit: 'licence', usdCents: 1_200_000 },
  { sku: 'SV-300', name: 'Implementation Services', family: 'Services', unit: 'day', usdCents: 140_000 },
  { sku: 'SV-310', name: 'Data Migration', family: 'Services', unit: 'project', usdCents: 750_000 },
  { sku: 'SV-320', name: 'On-site Training', family: 'Services', unit: 'day', usdCents: 110_000 },
  { sku: 'SP-400', name: 'Premium Support (per year)', family: 'Support', unit: 'contract', usdCents: 600_000 },
  { sku: 'SP-410', name: 'Extended Warranty (3 years)', family: 'Support', unit: 'unit', usdCents: 9_900 },
];

export const NEXT_STEPS = [
  'Send revised proposal',
  'Schedule demo with IT',
  'Confirm budget with CFO',
  'Site visit to measure warehouse',
  'Security questionnaire',
  'Reference call with existing customer',
  'Negotiate payment terms',
  '安排现场演示',
] as const;
