import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../data/use-live-query';
import { useUiStore } from '../../state/ui-store';

/** On the sidebar's Marketing entry: how many e-mails still wait to be sent (queued here or being sent), live. */
export function OutboxNavBadge() {
  const { t } = useTranslation('marketing-email');
  // The core forgets subscriptions when the connection drops: a reopened connection subscribes again.
  const connection = useUiStore((state) => state.connection);
  const counts = useLiveQuery('outbox.counts', {}, `outbox-nav-badge:${connection}`);
  const waiting = counts.status === 'ready' ? counts.result.queued + counts.result.sending : 0;
  if (waiting === 0) return null;
  return (
    <span className="nav-badge" data-testid="outbox-badge">
      <span aria-hidden="true">{waiting}</span>
      <span className="visually-hidden">{t('badge', { count: waiting })}</span>
    </span>
  );
}
