/**
 * The product world of the seed's repeat orders: which products go together as a customer's
 * needs, and how each industry leans to them (used by generate-purchases.ts).
 */

/**
 * Latent needs: what a customer buys is one to three of these, each a line of products that go
 * together, in the order an account usually takes them up (the core product first, then its
 * accessories, consumables, add-ons, services and cover). An account starts with the first products
 * of its needs and extends them over time, so what it buys next follows from what it has; needs of
 * the same area, and the needs each one names as `leadsTo`, are the ones it takes up later.
 * Consumables (`replenish`) are bought again and again once an account has them.
 */
export type Need = {
  readonly area: Area;
  readonly skus: ReadonlyArray<string>;
  readonly replenish?: ReadonlyArray<string>;
  readonly leadsTo?: ReadonlyArray<string>;
};
export const AREAS = ['scanning', 'mobile', 'inventory', 'iot', 'platform'] as const;
export type Area = (typeof AREAS)[number];

export const NEEDS: Readonly<Record<string, Need>> = {
  handheldScanning: {
    area: 'scanning',
    skus: ['HW-100', 'HW-140', 'AC-601', 'AC-600', 'AC-602', 'SP-410', 'SP-411'],
    replenish: ['AC-601'],
    leadsTo: ['desktopLabels', 'inventoryCloud'],
  },
  longRangeScanning: {
    area: 'scanning',
    skus: ['HW-101', 'AC-603', 'HW-141', 'AC-604', 'SP-412', 'AC-601'],
    replenish: ['AC-601'],
    leadsTo: ['warehouse', 'industrialLabels'],
  },
  wearableScanning: {
    area: 'scanning',
    skus: ['HW-102', 'HW-103', 'AC-605', 'AC-606', 'HW-142', 'SP-416'],
    replenish: ['AC-606', 'AC-605'],
    leadsTo: ['warehouse', 'deviceManagement'],
  },
  pointOfSale: {
    area: 'scanning',
    skus: ['HW-104', 'CS-500', 'AC-607', 'HW-105', 'SW-250'],
    replenish: ['CS-500'],
    leadsTo: ['ecommerce', 'handheldScanning'],
  },
  desktopLabels: {
    area: 'scanning',
    skus: ['HW-120', 'CS-501', 'CS-502', 'SW-251', 'AC-608'],
    replenish: ['CS-501', 'CS-502'],
    leadsTo: ['handheldScanning', 'assetTracking'],
  },
  mobileLabels: {
    area: 'mobile',
    skus: ['HW-121', 'CS-503', 'AC-609', 'AC-610', 'AC-611'],
    replenish: ['CS-503'],
    leadsTo: ['routePlanning', 'ruggedPhones'],
  },
  industrialLabels: {
    area: 'inventory',
    skus: ['HW-122', 'CS-504', 'CS-505', 'AC-612', 'SP-413'],
    replenish: ['CS-504', 'CS-505'],
    leadsTo: ['rfid', 'warehouse'],
  },
  rfid: {
    area: 'inventory',
    skus: ['SV-301', 'HW-123', 'CS-506', 'HW-106', 'SW-252'],
    replenish: ['CS-506'],
    leadsTo: ['assetTracking', 'industrialLabels'],
  },
  ruggedTablets: {
    area: 'mobile',
    skus: ['HW-110', 'AC-613', 'AC-614', 'AC-616', 'AC-615', 'SP-414'],
    replenish: ['AC-614'],
    leadsTo: ['mobileForms', 'deviceManagement'],
  },
  ruggedPhones: {
    area: 'mobile',
    skus: ['HW-111', 'AC-617', 'AC-618', 'SP-415', 'SW-231'],
    leadsTo: ['mobileForms', 'fieldService'],
  },
  deviceManagement: {
    area: 'mobile',
    skus: ['SW-231', 'SV-308', 'SP-416', 'SP-410'],
    leadsTo: ['security', 'ruggedPhones'],
  },
  mobileForms: {
    area: 'mobile',
    skus: ['SW-230', 'SW-233', 'SW-232', 'SV-322', 'SW-234'],
    leadsTo: ['ruggedTablets', 'fieldService'],
  },
  routePlanning: {
    area: 'mobile',
    skus: ['SW-210', 'SW-211', 'SW-212', 'SV-323', 'SW-213'],
    leadsTo: ['mobileLabels', 'ruggedTablets'],
  },
  fieldService: {
    area: 'mobile',
    skus: ['SW-235', 'SV-324', 'SW-236', 'SW-237', 'SV-328'],
    leadsTo: ['ruggedPhones', 'assetTracking'],
  },
  inventoryCloud: {
    area: 'inventory',
    skus: ['SW-200', 'SV-325', 'SW-201', 'SV-320', 'SW-202'],
    leadsTo: ['handheldScanning', 'warehouse'],
  },
  warehouse: {
    area: 'inventory',
    skus: ['SW-203', 'SV-302', 'SV-310', 'SW-204', 'SW-205'],
    leadsTo: ['longRangeScanning', 'wearableScanning', 'integration'],
  },
  assetTracking: {
    area: 'inventory',
    skus: ['SW-206', 'CS-507', 'SW-207', 'CS-508'],
    replenish: ['CS-507', 'CS-508'],
    leadsTo: ['rfid', 'conditionMonitoring'],
  },
  conditionMonitoring: {
    area: 'iot',
    skus: ['HW-130', 'HW-133', 'HW-131', 'CS-509', 'SW-222'],
    replenish: ['CS-509'],
    leadsTo: ['analytics', 'energy'],
  },
  coldChain: {
    area: 'iot',
    skus: ['HW-134', 'CS-510', 'SW-221', 'HW-132', 'SV-303'],
    replenish: ['CS-510'],
    leadsTo: ['conditionMonitoring', 'analytics'],
  },
  energy: {
    area: 'iot',
    skus: ['HW-135', 'HW-136', 'SV-305', 'SW-224'],
    leadsTo: ['conditionMonitoring', 'analytics'],
  },
  analytics: {
    area: 'iot',
    skus: ['SW-220', 'SV-326', 'SW-223', 'SV-304'],
    leadsTo: ['integration', 'conditionMonitoring'],
  },
  integration: {
    area: 'platform',
    skus: ['SW-240', 'SV-300', 'SW-241', 'SV-310', 'SW-243'],
    leadsTo: ['premiumSupport', 'developer'],
  },
  ecommerce: {
    area: 'platform',
    skus: ['SW-242', 'SV-300', 'SW-248', 'SW-247'],
    leadsTo: ['integration', 'pointOfSale'],
  },
  premiumSupport: {
    area: 'platform',
    skus: ['SP-400', 'SV-327', 'SP-402', 'SP-403', 'SP-401'],
    leadsTo: ['security', 'training'],
  },
  security: {
    area: 'platform',
    skus: ['SW-244', 'SV-306', 'SW-245', 'SW-246'],
    leadsTo: ['premiumSupport', 'integration'],
  },
  developer: {
    area: 'platform',
    skus: ['SW-247', 'SP-404', 'SW-248', 'SV-307'],
    leadsTo: ['integration', 'security'],
  },
  training: {
    area: 'platform',
    skus: ['SV-328', 'SV-330', 'SV-329', 'SV-320'],
    replenish: ['SV-330'],
    leadsTo: ['premiumSupport', 'mobileForms'],
  },
};
export const NEED_NAMES = Object.keys(NEEDS);

/** How much each industry leans to each area (scanning, mobile, inventory, iot, platform). */
export const INDUSTRY_AFFINITY: Readonly<Record<string, readonly [number, number, number, number, number]>> = {
  Manufacturing: [2, 1, 2, 4, 2],
  Retail: [4, 1, 4, 1, 1],
  Healthcare: [3, 2, 3, 1, 2],
  'Financial Services': [1, 2, 1, 1, 5],
  Technology: [1, 2, 1, 3, 5],
  Energy: [1, 3, 1, 5, 2],
  Logistics: [3, 5, 3, 1, 1],
  Education: [2, 2, 2, 1, 2],
  Hospitality: [2, 2, 4, 1, 1],
  Construction: [1, 5, 1, 2, 1],
  Agriculture: [1, 3, 1, 5, 1],
  Telecommunications: [1, 3, 1, 2, 4],
  Pharmaceuticals: [3, 1, 4, 2, 2],
  Automotive: [2, 1, 2, 4, 2],
  'Food & Beverage': [3, 2, 4, 2, 1],
};
