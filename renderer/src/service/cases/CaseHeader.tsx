import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/service/cases-requests';
import type { CaseStatus } from '../../../../shared/schemas/cases';
import { showToast } from '../../common/toast-store';
import { useCrmClient } from '../../transport/client-context';
import { categoryLabel, transitionLabel } from './case-labels';
import { refusalText } from './refusal';

/** The case at a glance (number, subject, status, who), who works on it, and the workflow moves it allows now. */
export function CaseHeader({ detail }: { readonly detail: CaseDetail }) {
  const { t } = useTranslation('service');
  const client = useCrmClient();
  const assigneeId = useId();
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const move = async (status: CaseStatus): Promise<void> => {
    setBusy(true);
    const answer = await client.send('cases.transition', { id: detail.id, status, expectedRevision: detail.revision });
    setBusy(false);
    if (answer.ok) {
      setRefused(null);
      showToast({ message: t('transition.done', { number: detail.caseNumber, status: t(`status.${status}`) }) });
    } else setRefused(refusalText(t, answer.error));
  };
  const assign = async (value: string): Promise<void> => {
    const answer = await client.send('cases.assign', {
      id: detail.id,
      assigneeId: value === '' ? null : value,
      expectedRevision: detail.revision,
    });
    if (!answer.ok) showToast({ tone: 'error', message: t('case.assignFailed', { message: refusalText(t, answer.error) }) });
  };

  const assignees =
    detail.assignees.some((a) => a.id === detail.assigneeId) || !detail.assigneeId
      ? detail.assignees
      : [...detail.assignees, { id: detail.assigneeId, name: detail.assigneeName ?? detail.assigneeId }];

  return (
    <header className="rec-card case-header" data-testid="case-header">
      <div className="case-heading">
        <h2 className="case-title" data-testid="case-title">
          <span className="case-number">{detail.caseNumber}</span> {detail.subject}
        </h2>
        <div className="case-badges">
          <span className={`badge case-status case-status-${detail.status}`} data-testid="case-status">
            {t(`status.${detail.status}`)}
          </span>
          <span className={`badge case-priority-badge case-priority-${detail.priority}`}>
            {t('case.priorityBadge', { priority: t(`priority.${detail.priority}`) })}
          </span>
          <span className="badge rec-badge-outline">{t(`channel.${detail.channel}`)}</span>
          <span className="badge rec-badge-outline">{categoryLabel(t, detail.category)}</span>
        </div>
        <p className="case-who">
          <Link to={`/customers/accounts/${encodeURIComponent(detail.accountId)}`} data-testid="case-account">
            {detail.accountName}
          </Link>
          {detail.contactId ? (
            <>
              {' · '}
              <Link to={`/customers/contacts/${encodeURIComponent(detail.contactId)}`}>{detail.contactName ?? t('case.contactGone')}</Link>
            </>
          ) : null}
        </p>
      </div>
      <div className="case-header-side">
        <div className="rec-field case-assignee">
          <label htmlFor={assigneeId} className="rec-field-label">
            {t('fields.assignee')}
          </label>
          <select
            id={assigneeId}
            className="rec-input select"
            value={detail.assigneeId ?? ''}
            onChange={(e) => void assign(e.target.value)}
            data-testid="case-assignee"
          >
            <option value="">{t('case.unassigned')}</option>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        {detail.allowedTransitions.length > 0 ? (
          <div className="case-moves" role="group" aria-label={t('transition.label')}>
            {detail.allowedTransitions.map((to) => (
              <button
                key={to}
                type="button"
                disabled={busy}
                className={`button${to === 'resolved' ? '' : ' rec-button-ghost'}`}
                data-testid={`move-${to}`}
                onClick={() => void move(to)}
              >
                {transitionLabel(t, detail.status, to)}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {refused ? (
        <p className="rec-banner rec-banner-error case-refused" role="alert">
          {refused}
        </p>
      ) : null}
    </header>
  );
}
