import type { TFunction } from 'i18next';
import type { DuplicateEntity } from '../../../../shared/contract/customers/duplicates-requests';
import { showToast } from '../../common/toast-store';
import type { CrmClient } from '../../transport/crm-client';
import { errorText } from './duplicate-text';

/**
 * The merge toast's Undo: brings the removed record back with its children. Runs after the merge
 * screen is gone (the rep is on the survivor's page), so it reports through toasts only.
 */
export async function undoMerge(
  client: CrmClient,
  t: TFunction<'duplicates'>,
  entity: DuplicateEntity,
  loserId: string,
  loserName: string,
): Promise<boolean> {
  const answer = await client.send('duplicates.undoMerge', { entity, loserId });
  if (!answer.ok) {
    showToast({ message: t('merge.undoFailed', { reason: errorText(t, answer.error) }), tone: 'error' });
    return false;
  }
  showToast({ message: t('merge.undone', { loser: loserName }) });
  return true;
}
