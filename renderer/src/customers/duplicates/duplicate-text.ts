import type { TFunction } from 'i18next';
import type { CrmError } from '../../../../shared/contract';
import type { DuplicateEntity, DuplicateMatchReason } from '../../../../shared/contract/customers/duplicates-requests';
import type { Formatters } from '../../i18n/formatters';

type T = TFunction<'duplicates'>;

/** Where a record of the entity opens. */
export function recordPath(entity: DuplicateEntity, id: string): string {
  return `/customers/${entity === 'account' ? 'accounts' : 'contacts'}/${encodeURIComponent(id)}`;
}

/** "same e-mail, similar name": the evidence in the rep's language. */
export function reasonsText(t: T, reasons: ReadonlyArray<DuplicateMatchReason>): string {
  return reasons.map((reason) => t(`reasons.${reason}`)).join(t('reasonSeparator'));
}

/** "92 % match". */
export function scoreText(t: T, format: Formatters, score: number): string {
  // Whole percents: a tenth of a percent claims a precision the score does not have.
  return t('score', { percent: format.percent(Math.round(Math.max(0, Math.min(1, score)) * 100) / 100) });
}

/** The merge screen's link for a pair; `a` is the suggested survivor. */
export function mergePath(entity: DuplicateEntity, a: string, b: string): string {
  const query = new URLSearchParams({ entity, a, b });
  return `/customers/duplicates/merge?${query.toString()}`;
}

/** Refusal reasons the duplicates requests give (CrmError.reason) that have their own sentence. */
const ERROR_REASONS = [
  'merged',
  'merge_same_record',
  'merge_deleted',
  'merge_unknown_field',
  'merge_not_owner',
  'not_merged',
  'merge_survivor_gone',
] as const;
type ErrorReason = (typeof ERROR_REASONS)[number];
const isErrorReason = (reason: string | undefined): reason is ErrorReason =>
  (ERROR_REASONS as ReadonlyArray<string>).includes(reason ?? '');

/** A refusal in words: the reason's own sentence when there is one, else the error code's. */
export function errorText(t: T, error: CrmError): string {
  if (isErrorReason(error.reason)) return t(`errorReasons.${error.reason}`, { ...error.reasonParams });
  return t(`errors.${error.code}`, { ns: 'translation' });
}
