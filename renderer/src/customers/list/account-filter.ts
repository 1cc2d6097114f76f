import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from './account-enums';
import type { AccountFilter } from '../../../../shared/contract';
import type { ListFilter } from './use-list-prefs';

const pick = <T extends string>(values: ReadonlyArray<string> | undefined, allowed: ReadonlyArray<T>): T[] | undefined => {
  const kept = (values ?? []).filter((value): value is T => (allowed as ReadonlyArray<string>).includes(value));
  return kept.length > 0 ? kept : undefined;
};
const strings = (values: ReadonlyArray<string> | undefined): string[] | undefined =>
  values && values.length > 0 ? [...values] : undefined;

/**
 * The UI's filter (plain strings, possibly restored from an old saved view) as the contract's
 * AccountFilter: unknown enum values are dropped rather than sent and refused.
 */
export function toAccountFilter(filter: ListFilter): AccountFilter {
  const out: AccountFilter = {
    ownerId: strings(filter['ownerId']),
    status: pick(filter['status'], ACCOUNT_STATUSES),
    industry: strings(filter['industry']),
    region: pick(filter['region'], ACCOUNT_REGIONS),
    tier: pick(filter['tier'], ACCOUNT_TIERS),
    // One saved segment at a time: the latest chosen.
    segmentId: filter['segmentId']?.at(-1),
  };
  // JSON drops undefined anyway; removing the keys keeps the list's query identity stable.
  return Object.fromEntries(Object.entries(out).filter(([, value]) => value !== undefined)) as AccountFilter;
}
