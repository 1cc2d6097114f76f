import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityRecord } from '../../../../shared/contract/customers/activities-requests';
import { NewCaseDialog } from './NewCaseDialog';
import { SurveyDialog } from './SurveyDialog';
import './cases.css';

/** A visit's service actions: a case raised on site (channel "visit"), and the customer's CSAT for the visit. */
export function VisitServiceActions({ visit }: { readonly visit: ActivityRecord }) {
  const { t } = useTranslation('service');
  const [open, setOpen] = useState<'case' | 'csat' | null>(null);
  const accountId = visit.accountId;
  if (visit.type !== 'visit' || accountId === undefined) return null;
  return (
    <div className="case-visit-actions" role="group" aria-label={t('visit.actions', { subject: visit.subject })}>
      <button type="button" className="button rec-button-ghost rec-button-small" onClick={() => setOpen('case')}>
        {t('visit.newCase')}
      </button>
      <button type="button" className="button rec-button-ghost rec-button-small" onClick={() => setOpen('csat')}>
        {t('visit.recordCsat')}
      </button>
      {open === 'case' ? (
        <NewCaseDialog accountId={accountId} contactId={visit.contactId} visitId={visit.id} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'csat' ? (
        <SurveyDialog
          target={{ survey: 'csat', accountId, visitId: visit.id, ...(visit.contactId ? { contactId: visit.contactId } : {}) }}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}
