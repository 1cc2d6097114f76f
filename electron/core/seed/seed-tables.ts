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

/**
 * The rest of the range, sold through repeat orders rather than deals: variants of the core lines,
 * their accessories and consumables, add-on modules, services and support plans. Deals and quotes
 * keep to `CATALOG`; the full price book is `FULL_CATALOG`.
 */
export const RANGE_CATALOG: ReadonlyArray<CatalogItem> = [
  // Scanning: variants and accessories.
  { sku: 'HW-101', name: 'FieldScan Long-Range Scanner', family: 'Hardware', unit: 'unit', usdCents: 89_900 },
  { sku: 'HW-102', name: 'FieldScan Ring Scanner', family: 'Hardware', unit: 'unit', usdCents: 39_900 },
  { sku: 'HW-103', name: 'FieldScan Wrist Computer', family: 'Hardware', unit: 'unit', usdCents: 109_900 },
  { sku: 'HW-104', name: 'Countertop Presentation Scanner', family: 'Hardware', unit: 'unit', usdCents: 24_900 },
  { sku: 'HW-105', name: 'Mobile POS Sled', family: 'Hardware', unit: 'unit', usdCents: 32_900 },
  { sku: 'HW-106', name: 'Handheld RFID Reader', family: 'Hardware', unit: 'unit', usdCents: 159_000 },
  { sku: 'HW-141', name: 'Forklift Docking Station', family: 'Hardware', unit: 'unit', usdCents: 34_900 },
  { sku: 'HW-142', name: 'Wearable Charging Rack (10 slots)', family: 'Hardware', unit: 'unit', usdCents: 59_900 },
  { sku: 'AC-600', name: 'Scanner Holster', family: 'Hardware', unit: 'unit', usdCents: 3_900 },
  { sku: 'AC-601', name: 'Spare Scanner Battery', family: 'Hardware', unit: 'unit', usdCents: 5_900 },
  { sku: 'AC-602', name: 'Four-slot Scanner Charging Cradle', family: 'Hardware', unit: 'unit', usdCents: 24_900 },
  { sku: 'AC-603', name: 'Long-Range Trigger Grip', family: 'Hardware', unit: 'unit', usdCents: 7_900 },
  { sku: 'AC-604', name: 'Scanner Vehicle Mount', family: 'Hardware', unit: 'unit', usdCents: 18_900 },
  { sku: 'AC-605', name: 'Wrist Strap Set', family: 'Hardware', unit: 'set', usdCents: 2_900 },
  { sku: 'AC-606', name: 'Ring Scanner Battery', family: 'Hardware', unit: 'unit', usdCents: 4_900 },
  { sku: 'AC-607', name: 'Coiled USB Scanner Cable', family: 'Hardware', unit: 'unit', usdCents: 1_900 },
  { sku: 'CS-500', name: 'Receipt Paper Rolls (case of 50)', family: 'Hardware', unit: 'case', usdCents: 6_900 },
  { sku: 'SW-250', name: 'POS Connector (per store / year)', family: 'Software', unit: 'store', usdCents: 60_000 },
  // Labelling: printers, media and ribbons.
  { sku: 'HW-121', name: 'Mobile Label Printer MP-2', family: 'Hardware', unit: 'unit', usdCents: 54_900 },
  { sku: 'HW-122', name: 'Industrial Label Printer LP-8', family: 'Hardware', unit: 'unit', usdCents: 189_900 },
  { sku: 'HW-123', name: 'RFID Encoder RX-1', family: 'Hardware', unit: 'unit', usdCents: 249_000 },
  { sku: 'AC-608', name: 'Replacement Printhead LP-4', family: 'Hardware', unit: 'unit', usdCents: 14_900 },
  { sku: 'AC-609', name: 'MP-2 Spare Battery', family: 'Hardware', unit: 'unit', usdCents: 8_900 },
  { sku: 'AC-610', name: 'MP-2 Belt Clip and Shoulder Strap', family: 'Hardware', unit: 'set', usdCents: 3_500 },
  { sku: 'AC-611', name: 'MP-2 Vehicle Charger', family: 'Hardware', unit: 'unit', usdCents: 6_900 },
  { sku: 'AC-612', name: 'Label Rewinder', family: 'Hardware', unit: 'unit', usdCents: 39_900 },
  { sku: 'CS-501', name: 'Direct Thermal Labels 100×150 (box of 12 rolls)', family: 'Hardware', unit: 'box', usdCents: 8_900 },
  { sku: 'CS-502', name: 'Thermal Transfer Ribbons (box of 12)', family: 'Hardware', unit: 'box', usdCents: 11_900 },
  { sku: 'CS-503', name: 'Mobile Label Rolls 58 mm (box of 24)', family: 'Hardware', unit: 'box', usdCents: 7_900 },
  { sku: 'CS-504', name: 'Synthetic Labels (box of 6 rolls)', family: 'Hardware', unit: 'box', usdCents: 22_900 },
  { sku: 'CS-505', name: 'Resin Ribbons (box of 6)', family: 'Hardware', unit: 'box', usdCents: 18_900 },
  { sku: 'CS-506', name: 'RFID Inlay Labels (roll of 2,000)', family: 'Hardware', unit: 'roll', usdCents: 31_000 },
  { sku: 'SW-251', name: 'Label Designer (per seat / year)', family: 'Software', unit: 'seat', usdCents: 18_000 },
  { sku: 'SW-252', name: 'RFID Tag Manager (per site / year)', family: 'Software', unit: 'site', usdCents: 120_000 },
  { sku: 'SP-413', name: 'LP-8 On-site Service (per year)', family: 'Support', unit: 'contract', usdCents: 45_000 },
  { sku: 'SV-301', name: 'RFID Site Survey', family: 'Services', unit: 'day', usdCents: 160_000 },
  // Mobile computing.
  { sku: 'HW-111', name: 'FieldPhone Rugged Handheld', family: 'Hardware', unit: 'unit', usdCents: 64_900 },
  { sku: 'AC-613', name: 'Rugged Tablet Case', family: 'Hardware', unit: 'unit', usdCents: 8_900 },
  { sku: 'AC-614', name: 'Tablet Screen Protectors (pack of 10)', family: 'Hardware', unit: 'pack', usdCents: 4_900 },
  { sku: 'AC-615', name: 'Tablet Vehicle Mount', family: 'Hardware', unit: 'unit', usdCents: 22_900 },
  { sku: 'AC-616', name: 'Tablet Hot-swap Battery', family: 'Hardware', unit: 'unit', usdCents: 11_900 },
  { sku: 'AC-617', name: 'FieldPhone Holster', family: 'Hardware', unit: 'unit', usdCents: 3_500 },
  { sku: 'AC-618', name: 'FieldPhone Five-slot Charger', family: 'Hardware', unit: 'unit', usdCents: 29_900 },
  { sku: 'SP-414', name: 'Tablet Accidental Damage Cover (per year)', family: 'Support', unit: 'unit', usdCents: 14_900 },
  { sku: 'SP-415', name: 'FieldPhone Care Pack (2 years)', family: 'Support', unit: 'unit', usdCents: 8_900 },
  { sku: 'SP-416', name: 'Advance Device Exchange (per device / year)', family: 'Support', unit: 'device', usdCents: 7_900 },
  { sku: 'SW-231', name: 'Mobile Device Manager (per device / year)', family: 'Software', unit: 'device', usdCents: 4_800 },
  { sku: 'SV-308', name: 'Device Staging and Kitting', family: 'Services', unit: 'device', usdCents: 2_500 },
  // Mobile apps and their add-ons.
  { sku: 'SW-232', name: 'Mobile Forms Signature Capture (per seat / year)', family: 'Software', unit: 'seat', usdCents: 3_600 },
  { sku: 'SW-233', name: 'Mobile Forms Offline Sync (per seat / year)', family: 'Software', unit: 'seat', usdCents: 3_000 },
  { sku: 'SW-234', name: 'Photo and Document Capture (per seat / year)', family: 'Software', unit: 'seat', usdCents: 2_400 },
  { sku: 'SV-322', name: 'Forms Design Workshop', family: 'Services', unit: 'day', usdCents: 120_000 },
  { sku: 'SW-211', name: 'Proof of Delivery (per seat / year)', family: 'Software', unit: 'seat', usdCents: 9_600 },
  { sku: 'SW-212', name: 'Live Vehicle Tracking (per seat / year)', family: 'Software', unit: 'seat', usdCents: 7_200 },
  { sku: 'SW-213', name: 'Traffic Data Feed (per year)', family: 'Software', unit: 'licence', usdCents: 240_000 },
  { sku: 'SV-323', name: 'Dispatcher Training', family: 'Services', unit: 'day', usdCents: 110_000 },
  { sku: 'SW-235', name: 'Field Service Mobile (per seat / year)', family: 'Software', unit: 'seat', usdCents: 42_000 },
  { sku: 'SW-236', name: 'Field Service Parts and Stock (per seat / year)', family: 'Software', unit: 'seat', usdCents: 12_000 },
  { sku: 'SW-237', name: 'Scheduling Board (per dispatcher / year)', family: 'Software', unit: 'seat', usdCents: 60_000 },
  { sku: 'SV-324', name: 'Field Service Rollout', family: 'Services', unit: 'day', usdCents: 135_000 },
  // Inventory and warehouse software.
  { sku: 'SW-201', name: 'Inventory Cycle Counting (per seat / year)', family: 'Software', unit: 'seat', usdCents: 6_000 },
  { sku: 'SW-202', name: 'Inventory Multi-warehouse (per site / year)', family: 'Software', unit: 'site', usdCents: 180_000 },
  { sku: 'SV-325', name: 'Inventory Cloud Onboarding', family: 'Services', unit: 'package', usdCents: 350_000 },
  { sku: 'SW-203', name: 'Warehouse Management (per site / year)', family: 'Software', unit: 'site', usdCents: 960_000 },
  { sku: 'SW-204', name: 'Pick-to-Voice (per site / year)', family: 'Software', unit: 'site', usdCents: 240_000 },
  { sku: 'SW-205', name: 'Slotting Optimiser (per site / year)', family: 'Software', unit: 'site', usdCents: 360_000 },
  { sku: 'SV-302', name: 'Warehouse Process Design', family: 'Services', unit: 'day', usdCents: 160_000 },
  { sku: 'SW-206', name: 'Asset Tracker (per 100 assets / year)', family: 'Software', unit: 'block', usdCents: 48_000 },
  { sku: 'SW-207', name: 'Asset Maintenance Scheduler (per year)', family: 'Software', unit: 'licence', usdCents: 24_000 },
  { sku: 'CS-507', name: 'Polyester Asset Tags (pack of 500)', family: 'Hardware', unit: 'pack', usdCents: 9_500 },
  { sku: 'CS-508', name: 'Tamper-evident Asset Tags (pack of 500)', family: 'Hardware', unit: 'pack', usdCents: 14_500 },
  // IoT and analytics.
  { sku: 'HW-131', name: 'Vibration Sensor', family: 'Hardware', unit: 'unit', usdCents: 28_900 },
  { sku: 'HW-132', name: 'Temperature and Humidity Sensor', family: 'Hardware', unit: 'unit', usdCents: 12_900 },
  { sku: 'HW-133', name: 'LoRa Gateway', family: 'Hardware', unit: 'unit', usdCents: 74_900 },
  { sku: 'HW-134', name: 'Cold-chain Data Logger', family: 'Hardware', unit: 'unit', usdCents: 18_900 },
  { sku: 'HW-135', name: 'Smart Energy Meter', family: 'Hardware', unit: 'unit', usdCents: 45_900 },
  { sku: 'HW-136', name: 'Current Clamp Set', family: 'Hardware', unit: 'set', usdCents: 11_900 },
  { sku: 'CS-509', name: 'Sensor Batteries (pack of 20)', family: 'Hardware', unit: 'pack', usdCents: 5_900 },
  { sku: 'CS-510', name: 'Single-use Temperature Indicators (pack of 100)', family: 'Hardware', unit: 'pack', usdCents: 12_000 },
  { sku: 'SW-221', name: 'Cold-chain Monitoring (per site / year)', family: 'Software', unit: 'site', usdCents: 180_000 },
  { sku: 'SW-222', name: 'Predictive Maintenance Module (per site / year)', family: 'Software', unit: 'site', usdCents: 240_000 },
  { sku: 'SW-223', name: 'Analytics Dashboard Pack', family: 'Software', unit: 'pack', usdCents: 90_000 },
  { sku: 'SW-224', name: 'Energy Dashboard (per site / year)', family: 'Software', unit: 'site', usdCents: 120_000 },
  { sku: 'SV-303', name: 'Probe Calibration Service (per year)', family: 'Services', unit: 'contract', usdCents: 65_000 },
  { sku: 'SV-304', name: 'Data Science Consulting', family: 'Services', unit: 'day', usdCents: 190_000 },
  { sku: 'SV-305', name: 'Metering Installation', family: 'Services', unit: 'day', usdCents: 130_000 },
  { sku: 'SV-326', name: 'Analytics Training', family: 'Services', unit: 'day', usdCents: 120_000 },
  // Platform, integration and security.
  { sku: 'SW-241', name: 'ERP Connector (per year)', family: 'Software', unit: 'licence', usdCents: 480_000 },
  { sku: 'SW-242', name: 'E-commerce Connector (per year)', family: 'Software', unit: 'licence', usdCents: 240_000 },
  { sku: 'SW-243', name: 'EDI Gateway (per year)', family: 'Software', unit: 'licence', usdCents: 360_000 },
  { sku: 'SW-244', name: 'Single Sign-on (per user / year)', family: 'Software', unit: 'user', usdCents: 2_400 },
  { sku: 'SW-245', name: 'Audit Log Archive (per year)', family: 'Software', unit: 'licence', usdCents: 150_000 },
  { sku: 'SW-246', name: 'Data Residency Option (per year)', family: 'Software', unit: 'licence', usdCents: 600_000 },
  { sku: 'SW-247', name: 'API Access (per million calls)', family: 'Software', unit: 'block', usdCents: 40_000 },
  { sku: 'SW-248', name: 'Webhooks Add-on (per year)', family: 'Software', unit: 'licence', usdCents: 60_000 },
  { sku: 'SV-306', name: 'Security Review', family: 'Services', unit: 'day', usdCents: 180_000 },
  { sku: 'SV-307', name: 'Custom Development', family: 'Services', unit: 'day', usdCents: 150_000 },
  { sku: 'SV-327', name: 'Platform Health Check', family: 'Services', unit: 'day', usdCents: 140_000 },
  { sku: 'SP-401', name: 'Named Support Engineer (per year)', family: 'Support', unit: 'contract', usdCents: 1_800_000 },
  { sku: 'SP-402', name: '24/7 Hotline Add-on (per year)', family: 'Support', unit: 'contract', usdCents: 300_000 },
  { sku: 'SP-403', name: 'Sandbox Environment (per year)', family: 'Support', unit: 'licence', usdCents: 240_000 },
  { sku: 'SP-404', name: 'Developer Support (per year)', family: 'Support', unit: 'contract', usdCents: 280_000 },
  { sku: 'SP-411', name: 'Scanner Repair Plan (per device / year)', family: 'Support', unit: 'device', usdCents: 6_900 },
  { sku: 'SP-412', name: 'Long-Range Comprehensive Cover (3 years)', family: 'Support', unit: 'unit', usdCents: 19_900 },
  // Training.
  { sku: 'SV-328', name: 'E-learning Library (per seat / year)', family: 'Services', unit: 'seat', usdCents: 6_000 },
  { sku: 'SV-329', name: 'Train-the-Trainer Course', family: 'Services', unit: 'course', usdCents: 240_000 },
  { sku: 'SV-330', name: 'Certification Exam Voucher', family: 'Services', unit: 'voucher', usdCents: 15_000 },
];

/** Every product in the price book: the core lines first (unchanged), then the rest of the range. */
export const FULL_CATALOG: ReadonlyArray<CatalogItem> = [...CATALOG, ...RANGE_CATALOG];

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
