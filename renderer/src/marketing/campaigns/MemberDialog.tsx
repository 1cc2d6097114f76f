import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOGGABLE_MEMBER_STATUSES, type CampaignMemberRow } from '../../../../shared/contract/marketing/campaigns-requests';
import { Dialog } from '../../common/Dialog';
import { showToast } from '../../common/toast-store';
import { useFormatters } from '../../i18n/use-formatters';
import { useCrmClient } from '../../transport/client-context';

type Loggable = (typeof LOGGABLE_MEMBER_STATUSES)[number];

/** One member: where they are, why a delivery failed, and the response the rep saw (an ordinary local write, offline too). */
export function MemberDialog({ member, onClose }: { readonly member: CampaignMemberRow; readonly onClose: () => void }) {
  const { t } = useTranslation('marketing-campaigns');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const client = useCrmClient();
  const statusId = useId();
  // A response is what a rep usually logs; after one, the next stage of the funnel.
  const at = (LOGGABLE_MEMBER_STATUSES as ReadonlyArray<string>).indexOf(member.status);
  const next: Loggable = at < 1 ? 'responded' : (LOGGABLE_MEMBER_STATUSES[at + 1] ?? 'converted');
  const [status, setStatus] = useState<Loggable>(next);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const log = async (): Promise<void> => {
    setBusy(true);
    const answer = await client.send('campaigns.logResponse', { memberId: member.id, status, expectedRevision: member.revision });
    setBusy(false);
    if (!answer.ok) return setError(t('response.failed', { reason: answer.error.message }));
    showToast({ message: t('response.done', { name: member.name, status: tm(`memberStatus.${status}`) }) });
    onClose();
  };
  const remove = async (): Promise<void> => {
    setBusy(true);
    const answer = await client.send('campaigns.removeMember', { memberId: member.id });
    setBusy(false);
    if (!answer.ok) return setError(t('response.removeFailed', { reason: answer.error.message }));
    showToast({ message: t('response.removed', { name: member.name }) });
    onClose();
  };

  const failed = member.status === 'bounced' || member.status === 'failed';
  return (
    <Dialog title={t('response.title', { name: member.name })} onClose={onClose} testId="member-dialog" className="campaign-dialog">
      <form
        className="rec-dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          void log();
        }}
      >
        <ul className="campaign-member-facts">
          <li data-testid="member-dialog-status">{t('response.current', { status: tm(`memberStatus.${member.status}`) })}</li>
          {member.accountName ? <li>{member.accountName}</li> : null}
          {member.email ? <li>{member.email}</li> : null}
          {member.sentAt !== undefined ? <li>{t('response.sentAt', { date: format.dateTime(member.sentAt) })}</li> : null}
          {member.respondedAt !== undefined ? <li>{t('response.respondedAt', { date: format.dateTime(member.respondedAt) })}</li> : null}
          {failed && member.deliveryError ? (
            <li className="campaign-delivery-error">{t('response.deliveryError', { error: member.deliveryError })}</li>
          ) : null}
          {member.optedOut ? <li>{t('response.optedOut')}</li> : null}
        </ul>
        {error ? (
          <p className="rec-banner rec-banner-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="rec-field">
          <label htmlFor={statusId} className="rec-field-label">
            {t('response.status')}
          </label>
          <select
            id={statusId}
            className="rec-input select"
            value={status}
            onChange={(e) => setStatus(e.target.value as Loggable)}
            data-testid="member-response-status"
          >
            {LOGGABLE_MEMBER_STATUSES.map((s) => (
              <option key={s} value={s} disabled={s === member.status}>
                {tm(`memberStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <footer className="rec-form-actions campaign-dialog-actions">
          <button type="button" className="button rec-button-ghost campaign-remove" disabled={busy} onClick={() => void remove()}>
            {t('response.remove')}
          </button>
          <span className="campaign-spacer" />
          <button type="button" className="button rec-button-ghost" onClick={onClose}>
            {t('response.cancel')}
          </button>
          <button type="submit" className="button" disabled={busy || status === member.status} data-testid="member-response-submit">
            {busy ? t('response.saving') : t('response.submit')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
