import { CHURN_RISK_VALUES, CLV_BANDS, EMPLOYEE_BANDS } from '../../../../shared/marketing/segment-conditions';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../../../../shared/schemas/accounts';
import { LEAD_STATUSES } from '../../../../shared/schemas/leads';
import { RFM_SEGMENTS } from '../../../../shared/contract/insight/insight-requests';

/**
 * Codes of the closed label sets (the schemas' enums): a label's code is its position in the enum, so
 * these columns need no dictionary.
 */
const fixedCodes = <T extends string>(values: ReadonlyArray<T>): ReadonlyMap<string, number> => new Map(values.map((v, i) => [v, i]));
export const STATUS = fixedCodes(ACCOUNT_STATUSES);
export const LEAD_STATUS = fixedCodes(LEAD_STATUSES);
export const REGION = fixedCodes(ACCOUNT_REGIONS);
export const TIER = fixedCodes(ACCOUNT_TIERS);
export const SIZE = fixedCodes(EMPLOYEE_BANDS);
export const RFM = fixedCodes(RFM_SEGMENTS);
export const CHURN = fixedCodes(CHURN_RISK_VALUES);
export const CLV = fixedCodes(CLV_BANDS);

/** Match table over fixed codes. */
export const fixedMatch = (codes: ReadonlyMap<string, number>, values: ReadonlyArray<string>): Uint8Array => {
  const table = new Uint8Array(codes.size + 1);
  for (const v of values) {
    const c = codes.get(v);
    if (c !== undefined) table[c] = 1;
  }
  return table;
};
