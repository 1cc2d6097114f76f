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

export type ProgressText = {
  /** "1,200 of 5,000 records" / "2,500 of 10,000 changes uploaded". */
  readonly done: string;
  /** As short as the header needs: the same as `done` for a first sync, "25% uploaded" for an upload. */
  readonly brief: string;
  /** "about 3 minutes left", when there is a pace to go by. */
  readonly left: string | undefined;
};

/** The words for a first sync's or an upload's progress (`initial` or `upload` of the status). */
export function useProgressText(status: SyncStatus | undefined): { initial?: ProgressText; upload?: ProgressText } {
  const { t } = useTranslation('sync');
  const format = useFormatters();
  const left = (ms: number | undefined): string | undefined =>
    ms === undefined ? undefined : t('status.timeLeft', { duration: format.duration(ms) });
  // A first sync with nothing to download (a new team's server) is not worth a line of its own.
  const initial = status?.initial && (status.initial.total !== 0 || status.initial.pulled > 0) ? status.initial : undefined;
  const upload = status?.upload;
  const initialDone =
    initial === undefined
      ? ''
      : initial.total === undefined
        ? t('status.progress', { pulled: initial.pulled })
        : t('status.progressOf', { pulled: initial.pulled, total: initial.total });
  return {
    ...(initial
      ? {
          initial: {
            done: initialDone,
            brief: initialDone,
            left: left(initial.remainingMs),
          },
        }
      : {}),
    ...(upload
      ? {
          upload: {
            done: t('status.uploading', { sent: upload.sent, total: upload.total }),
            brief: t('status.uploadedShare', { share: format.percent(Math.floor((upload.sent / upload.total) * 100) / 100) }),
            left: left(upload.remainingMs),
          },
        }
      : {}),
  };
}

/** The words for a status, shared by the header indicator and the sync page so they never disagree. */
export function useStatusText(status: SyncStatus | undefined): StatusText | undefined {
  const { t } = useTranslation('sync');
  const format = useFormatters();
  const now = useNow();
  const progress = useProgressText(status);
  if (!status) return undefined;
  const progressDetail = progress.initial ?? progress.upload;
  const lastSynced = status.lastSyncedAt === undefined ? undefined : format.relative(status.lastSyncedAt, now);
  const synced = lastSynced === undefined ? t('status.neverSynced') : t('status.lastSynced', { when: lastSynced });
  let detail: string | undefined;
  switch (status.state) {
    case 'signed_out':
      detail = status.error ? t(`errors.${status.error.code}`) : t('status.signIn');
      break;
    case 'syncing':
      detail = progressDetail ? [progressDetail.brief, progressDetail.left].filter(Boolean).join(' · ') : undefined;
      break;
    case 'offline':
      // An upload cut short shows where it stopped; it carries on from there.
      detail = progress.upload ? progress.upload.brief : synced;
      break;
    case 'up_to_date':
      detail = synced;
      break;
    case 'error':
      detail = status.error ? t(`errors.${status.error.code}`) : undefined;
      break;
  }
  return { tone: TONES[status.state], label: t(`status.${status.state}`), detail, lastSynced };
}
