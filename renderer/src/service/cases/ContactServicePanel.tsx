import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewCaseDialog } from './NewCaseDialog';
import { SurveyDialog } from './SurveyDialog';
import './cases.css';

type Props = { readonly accountId: string; readonly contactId: string; readonly contactName: string };

/** On a contact's page: a case raised by this person, and their answer to "would you recommend us?". */
export function ContactServicePanel({ accountId, contactId, contactName }: Props) {
  const { t } = useTranslation('service');
  const [open, setOpen] = useState<'case' | 'nps' | null>(null);
  return (
    <section className="rec-card rec-panel" aria-labelledby="contact-service-title" data-testid="contact-service">
      <header className="rec-panel-header">
        <h3 id="contact-service-title" className="rec-panel-title">
          {t('accountPanel.title')}
        </h3>
      </header>
      <div className="case-pad case-button-row">
        <button type="button" className="button rec-button-small" onClick={() => setOpen('case')}>
          {t('newCase.action')}
        </button>
        <button type="button" className="button rec-button-ghost rec-button-small" onClick={() => setOpen('nps')}>
          {t('survey.recordNps')}
        </button>
      </div>
      {open === 'case' ? <NewCaseDialog accountId={accountId} contactId={contactId} onClose={() => setOpen(null)} /> : null}
      {open === 'nps' ? <SurveyDialog target={{ survey: 'nps', accountId, contactId, contactName }} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
