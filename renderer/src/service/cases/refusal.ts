import type { TFunction } from 'i18next';
import type { CrmError } from '../../../../shared/contract';
import type { TransitionRefusal } from '../../../../shared/service/case-workflow';

const REFUSALS: ReadonlyArray<TransitionRefusal> = ['reopen_window_passed', 'same_status', 'not_allowed'];

/**
 * A refused write in the rep's language: a workflow refusal the core names by its code
 * (shared/service/case-workflow.ts) gets our sentence; anything else keeps the core's words.
 */
export function refusalText(t: TFunction<'service'>, error: CrmError): string {
  const code = REFUSALS.find((reason) => error.message.includes(reason));
  if (code) return t(`workflow.${code}`);
  if (error.code === 'conflict') return t('workflow.conflict');
  return t('workflow.other', { message: error.message });
}
