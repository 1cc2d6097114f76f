import type { TFunction } from 'i18next';
import type { CrmError } from '../../../../shared/contract';

/**
 * A refused write in the rep's language: the core names the workflow rule that refused it
 * (`reason`, electron/core/service/case-writes.ts); anything else keeps the core's words.
 */
export function refusalText(t: TFunction<'service'>, error: CrmError): string {
  const message = error.message;
  if (error.code === 'invalid_state') {
    switch (error.reason) {
      case 'reopen_window_passed':
        return t('workflow.reopen_window_passed', { days: Number(error.reasonParams?.['days'] ?? 0) });
      case 'not_allowed':
        return t('workflow.not_allowed');
      case 'same_status':
        return t('workflow.same_status');
      case 'closed':
        return t('workflow.closed');
    }
  }
  if (error.code === 'conflict') return t('workflow.conflict');
  return t('workflow.other', { message });
}
