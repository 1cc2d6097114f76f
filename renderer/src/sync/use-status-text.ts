import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/contract/sync/sync-types';
import { useFormatters } from '../i18n/use-formatters';
import { useNow } from './use-now';

export type StatusTone = 'muted' | 'busy' | 'ok' | 'warn' | 'error';

export type StatusText = {
  readonly tone: StatusTone;
  readonly label: string;
  /** Second part: progress, "synced 2 minutes ago", or what went wrong. */
  readonly detail: string | undefined;
  /** "2 minutes ago", or undefined when never synced. */
  readonly lastSynced: string | undefined;
};

const TONES: Record<SyncStatus['state'], StatusTone> = {
  signed_out: 'muted',
  offline: 'warn',
  syncing: 'busy',
  up_to_date: 'ok',
  error: 'error',
};

/** The words for a status, shared by the header indicator and the sync page so they never disagree. */
export function useStatusText(status: SyncStatus | undefined): StatusText | undefined {
  const { t } = useTranslation('sync');
  const format = useFormatters();
  const now = useNow();
  if (!status) return undefined;
  const lastSynced = status.lastSyncedAt === undefined ? undefined : format.relative(status.lastSyncedAt, now);
  const synced = lastSynced === undefined ? t('status.neverSynced') : t('status.lastSynced', { when: lastSynced });
  let detail: string | undefined;
  switch (status.state) {
    case 'signed_out':
      detail = status.error ? t(`errors.${status.error.code}`) : t('status.signIn');
      break;
    case 'syncing':
      detail = status.initial
        ? status.initial.total === undefined
          ? t('status.progress', { pulled: status.initial.pulled })
          : t('status.progressOf', { pulled: status.initial.pulled, total: status.initial.total })
        : undefined;
      break;
    case 'up_to_date':
    case 'offline':
      detail = synced;
      break;
    case 'error':
      detail = status.error ? t(`errors.${status.error.code}`) : undefined;
      break;
  }
  return { tone: TONES[status.state], label: t(`status.${status.state}`), detail, lastSynced };
}
