import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadAccountCandidate, LeadConverted, LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { Dialog } from '../../common/Dialog';
import { LeadDuplicateCheck } from '../../customers/duplicates/LeadDuplicateCheck';
import { localIsoDate, useRequest, useSend } from '../use-request';
import { leadName } from './lead-columns';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CNY', 'JPY', 'CAD', 'AUD', 'SGD', 'BRL'] as const;
/** The radio value for "create a new account"; any other value is an existing account's id. */
const NEW_ACCOUNT = '';

/**
 * Converts in one step: the core writes account (or uses an existing one), contact and opportunity
 * together or not at all. Before that, the core's duplicate check lists accounts that look like
 * the lead's company, and the likeliest one is preselected, so a second "Acme" takes a decision.
 */
export function ConvertLeadDialog({
  lead,
  onDone,
  onClose,
}: {
  readonly lead: LeadRecord;
  readonly onDone: (converted: LeadConverted) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation('leads');
  const send = useSend();
  const check = useRequest('leads.convertCandidates', { id: lead.id }, lead.id);
  const candidates: ReadonlyArray<LeadAccountCandidate> = check.status === 'ready' ? check.value.candidates : [];
  const company = lead.company ?? lead.lastName;
  // Undefined until the rep picks: then the first candidate (if any) is the default choice.
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const target = picked ?? candidates[0]?.id ?? NEW_ACCOUNT;
  const [accountName, setAccountName] = useState(company);
  const [opportunityName, setOpportunityName] = useState(t('convert.opportunityDefault', { company }));
  const [currency, setCurrency] = useState<string>('EUR');
  const [closeDate, setCloseDate] = useState(localIsoDate(90));

  return (
    <Dialog title={t('convert.title', { name: leadName(lead) })} onClose={onClose} testId="convert-dialog" className="convert-dialog">
      <form
        className="sales-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const account = target === NEW_ACCOUNT ? { accountName } : { existingAccountId: target };
          const converted = await send(
            'leads.convert',
            { id: lead.id, ...account, opportunityName, currency, closeDate, expectedRevision: lead.revision },
            (message) => t('convert.failed', { message }),
          );
          if (converted) onDone(converted);
        }}
      >
        {check.status === 'loading' ? (
          <p className="convert-check" role="status">
            {t('convert.checking')}
          </p>
        ) : null}
        {check.status === 'error' ? (
          <p className="convert-check" role="alert">
            {t('convert.checkFailed', { message: check.error.message })}
          </p>
        ) : null}
        {check.status === 'ready' && candidates.length === 0 ? (
          <p className="convert-check" data-testid="no-duplicates">
            {t('convert.noDuplicates')}
          </p>
        ) : null}
        <fieldset className="convert-choice" data-testid="convert-choice">
          {candidates.length > 0 ? (
            <legend className="convert-warning" data-testid="duplicate-warning">
              <strong>{t('convert.duplicatesTitle')}</strong>
              <span>{t('convert.duplicatesBody')}</span>
            </legend>
          ) : (
            <legend className="visually-hidden">{t('convert.accountName')}</legend>
          )}
          {candidates.map((candidate) => (
            <label key={candidate.id} className="convert-option" data-testid="duplicate-candidate">
              <input
                type="radio"
                name="account"
                value={candidate.id}
                checked={target === candidate.id}
                onChange={() => setPicked(candidate.id)}
              />
              <span className="convert-option-text">
                <span className="convert-option-name">{t('convert.attach', { name: candidate.name })}</span>
                <span className="convert-option-detail">
                  {[
                    candidate.reasons.map((reason) => t(`convert.reason.${reason}`)).join(', '),
                    [candidate.city, candidate.country].filter(Boolean).join(', '),
                    candidate.domain ?? candidate.phone ?? '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
            </label>
          ))}
          {candidates.length > 0 ? (
            <label className="convert-option">
              <input
                type="radio"
                name="account"
                value={NEW_ACCOUNT}
                checked={target === NEW_ACCOUNT}
                onChange={() => setPicked(NEW_ACCOUNT)}
              />
              <span className="convert-option-name">{t('convert.createNew')}</span>
            </label>
          ) : null}
        </fieldset>
        <LeadDuplicateCheck candidates={check.status === 'ready' ? check.value.contactCandidates : []} />
        {target === NEW_ACCOUNT ? (
          <label className="rec-field">
            <span className="rec-field-label">{t('convert.accountName')}</span>
            <input className="rec-input" value={accountName} required maxLength={200} onChange={(e) => setAccountName(e.target.value)} />
          </label>
        ) : null}
        <label className="rec-field">
          <span className="rec-field-label">{t('convert.opportunityName')}</span>
          <input
            className="rec-input"
            value={opportunityName}
            required
            maxLength={200}
            onChange={(e) => setOpportunityName(e.target.value)}
          />
        </label>
        <div className="sales-row">
          <label className="rec-field">
            <span className="rec-field-label">{t('convert.currency')}</span>
            <select className="rec-input select" value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {CURRENCIES.map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </label>
          <label className="rec-field">
            <span className="rec-field-label">{t('convert.closeDate')}</span>
            <input className="rec-input" type="date" value={closeDate} required onChange={(e) => setCloseDate(e.target.value)} />
          </label>
        </div>
        <div className="sales-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('convert.cancel')}
          </button>
          <button type="submit" className="button" disabled={check.status === 'loading'} data-testid="convert-submit">
            {t('convert.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
