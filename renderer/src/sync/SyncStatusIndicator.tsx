import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './sync.css';
import { useSync } from './sync-context';
import { useStatusText } from './use-status-text';

/**
 * Always in the header: what sync is doing and how many local changes wait. Signed out it offers
 * sign-in (local-only mode is a normal way to work, so it is an offer, not a warning).
 */
export function SyncStatusIndicator() {
  const { t } = useTranslation('sync');
  const { status } = useSync();
  const text = useStatusText(status);
  if (!status || !text) return null;
  const waiting = status.pendingChanges;
  const refused = status.rejectedChanges;
  const target = status.state === 'signed_out' ? '/account' : '/sync';
  const full = [text.label, text.detail, waiting > 0 ? t('status.pending', { count: waiting }) : undefined].filter(Boolean).join(' · ');
  return (
    <Link
      to={target}
      className={`sync-indicator tone-${text.tone}`}
      data-testid="sync-indicator"
      data-state={status.state}
      title={status.error?.message ? `${full}\n${status.error.message}` : full}
      aria-label={`${t('status.open')}: ${full}`}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-label" data-testid="sync-state-label">
        {text.label}
      </span>
      {text.detail ? <span className="sync-detail">{text.detail}</span> : null}
      {status.initial?.total ? (
        <progress className="sync-mini-progress" max={status.initial.total} value={status.initial.pulled} aria-hidden="true" />
      ) : status.upload ? (
        <progress className="sync-mini-progress" max={status.upload.total} value={status.upload.sent} aria-hidden="true" />
      ) : null}
      {/* Rendered at 0 too (visually hidden): the count is always readable, by tests and screen readers. */}
      <span className={waiting > 0 ? 'sync-count' : 'visually-hidden'} data-testid="sync-pending-count" data-count={waiting}>
        {t('status.pending', { count: waiting })}
      </span>
      {refused > 0 ? <span className="sync-count sync-count-refused">{t('status.refused', { count: refused })}</span> : null}
    </Link>
  );
}
