import { useTranslation } from 'react-i18next';
import type { OutboxRecord } from '../../../../shared/contract/marketing/outbox-requests';
import { Dialog } from '../../common/Dialog';
import { useFormatters } from '../../i18n/use-formatters';

/** One outbox message as it will go (or went) out, in plain text, with Cancel while it still waits here. */
export function MessageDialog({
  message,
  onCancel,
  onClose,
}: {
  readonly message: OutboxRecord;
  readonly onCancel: (message: OutboxRecord) => Promise<void>;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation('marketing-email');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const to = message.toName ? `${message.toName} <${message.to}>` : message.to;
  return (
    <Dialog
      title={t('outbox.detailTitle', { to: message.toName ?? message.to })}
      onClose={onClose}
      className="rec-scope em-dialog em-message"
      testId="outbox-message"
    >
      <dl className="em-headers">
        <dt>{t('preview.to')}</dt>
        <dd>{to}</dd>
        <dt>{t('preview.subject')}</dt>
        <dd lang={message.language}>{message.subject}</dd>
        <dt>{t('outbox.detailStatus')}</dt>
        <dd>
          <span className={`em-chip em-status-${message.status}`}>{tm(`outboxStatus.${message.status}`)}</span>{' '}
          {message.sentAt !== undefined
            ? t('outbox.sentAt', { time: format.dateTime(message.sentAt) })
            : t('outbox.queuedAt', { time: format.dateTime(message.queuedAt) })}
          {message.attempts > 0 ? ` · ${t('outbox.attempts', { count: message.attempts })}` : ''}
        </dd>
        <dt>{t('outbox.detailCampaign')}</dt>
        <dd>{message.campaignName ?? t('outbox.followUp')}</dd>
        {message.accountName ? (
          <>
            <dt>{t('outbox.detailAccount')}</dt>
            <dd>{message.accountName}</dd>
          </>
        ) : null}
        {message.error ? (
          <>
            <dt>{t('outbox.detailError')}</dt>
            <dd className="em-error-text">{message.error}</dd>
          </>
        ) : null}
      </dl>
      <h3 className="em-section-title">{t('outbox.detailText')}</h3>
      <pre className="em-preview-text em-message-text" lang={message.language} tabIndex={0}>
        {message.text}
      </pre>
      <footer className="rec-form-actions">
        {message.status === 'queued' ? (
          <button
            type="button"
            className="button rec-button-danger-ghost"
            onClick={() => void onCancel(message).then(onClose)}
            data-testid="outbox-message-cancel"
          >
            {t('outbox.cancel')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('outbox.close')}
        </button>
      </footer>
    </Dialog>
  );
}
