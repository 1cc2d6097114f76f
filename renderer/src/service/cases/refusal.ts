import type { TFunction } from 'i18next';
import type { CrmError } from '../../../../shared/contract';

/**
 * A refused write in the rep's language. The core explains workflow refusals in English sentences
 * (electron/core/service/case-writes.ts); the ones a rep meets are recognised here and said in the
 * rep's language, anything else keeps the core's words.
 */
export function refusalText(t: TFunction<'service'>, error: CrmError): string {
  const message = error.message;
  if (error.code === 'invalid_state') {
    const window = /more than (\d+) days ago/.exec(message);
    if (window) return t('workflow.reopen_window_passed', { days: Number(window[1]) });
    if (/cannot be set to/.test(message)) return t('workflow.not_allowed');
    if (/already; nothing was changed/.test(message)) return t('workflow.same_status');
    if (/closed case/i.test(message)) return t('workflow.closed');
  }
  if (error.code === 'conflict') return t('workflow.conflict');
  return t('workflow.other', { message });
}
