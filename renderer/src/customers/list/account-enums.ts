import type {
  ACCOUNT_REGIONS as SCHEMA_REGIONS,
  ACCOUNT_STATUSES as SCHEMA_STATUSES,
  ACCOUNT_TIERS as SCHEMA_TIERS,
} from '../../../../shared/schemas/accounts';

/*
 * The account enums the accounts list needs on its first render (filter options, query filters),
 * spelled out here because importing them from shared/schemas/accounts evaluates zod and builds
 * the account schema before the first rows can show. Each is typed as the schema's own tuple, so
 * the type-check fails the moment the two differ (values or order).
 */
export const ACCOUNT_STATUSES: typeof SCHEMA_STATUSES = ['prospect', 'active', 'inactive', 'churned'];
export const ACCOUNT_TIERS: typeof SCHEMA_TIERS = ['strategic', 'key', 'standard', 'small'];
export const ACCOUNT_REGIONS: typeof SCHEMA_REGIONS = ['north_america', 'latin_america', 'emea', 'apac', 'greater_china'];
