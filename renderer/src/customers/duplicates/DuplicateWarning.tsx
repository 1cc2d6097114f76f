import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateCandidateRow, DuplicateEntity } from '../../../../shared/contract/customers/duplicates-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { reasonsText, recordPath, scoreText } from './duplicate-text';
import type { DuplicateCheckState } from './use-duplicate-check';
import './duplicates.css';

/**
 * Records that look like the one being typed, each with why and a link to open it. A warning,
 * never a block: saving stays possible. The region is always in the page, so a screen reader
 * hears the warning when it appears.
 */
export function DuplicateWarning({
  entity,
  check,
  context = 'form',
}: {
  readonly entity: DuplicateEntity;
  readonly check: DuplicateCheckState;
  /** A create form ("save anyway") or lead conversion ("convert anyway"). */
  readonly context?: 'form' | 'convert';
}) {
  const { t } = useTranslation('duplicates');
  const candidates = check.status === 'ready' ? check.candidates : [];
  // Lead conversion has its own account candidates under the plain test ids.
  const prefix = context === 'convert' ? 'contact-' : '';
  return (
    <div className="dup-warning-region" aria-live="polite" data-state={check.status}>
      {check.status === 'error' ? (
        <p className="dup-check-note" data-testid="duplicate-check-failed">
          {t('warning.checkFailed', { reason: t(`errors.${check.error.code}`, { ns: 'translation' }) })}
        </p>
      ) : null}
      {candidates.length > 0 ? (
        <section className="dup-warning" aria-labelledby={`dup-warning-${context}-${entity}`} data-testid={`${prefix}duplicate-warning`}>
          <h3 id={`dup-warning-${context}-${entity}`} className="dup-warning-title">
            <WarningIcon />
            {context === 'convert'
              ? t('warning.convertTitle', { count: candidates.length })
              : t('warning.title', { count: candidates.length })}
          </h3>
          <p className="dup-warning-body">{context === 'convert' ? t('warning.convertBody') : t('warning.body')}</p>
          <CandidateList entity={entity} candidates={candidates} testIdPrefix={prefix} />
        </section>
      ) : null}
    </div>
  );
}

/** The candidates with their evidence; "Open existing" goes to the record. */
export function CandidateList({
  entity,
  candidates,
  testIdPrefix = '',
}: {
  readonly entity: DuplicateEntity;
  readonly candidates: ReadonlyArray<DuplicateCandidateRow>;
  readonly testIdPrefix?: string;
}) {
  const { t } = useTranslation('duplicates');
  const format = useFormatters();
  return (
    <ul className="dup-candidates">
      {candidates.map((candidate) => (
        <li key={candidate.id} className="dup-candidate" data-testid={`${testIdPrefix}duplicate-candidate`}>
          <span className="dup-candidate-text">
            <span className="dup-candidate-name">{candidate.name}</span>
            <span className="dup-candidate-detail">
              {[candidate.subtitle, candidate.email, candidate.phone].filter(Boolean).join(' · ')}
            </span>
            <span className="dup-candidate-why">
              {scoreText(t, format, candidate.score)} · {reasonsText(t, candidate.reasons)}
            </span>
          </span>
          <Link
            to={recordPath(entity, candidate.id)}
            className="dup-open-link"
            aria-label={t('warning.openLabel', { name: candidate.name })}
            data-testid={`${testIdPrefix}duplicate-open`}
          >
            {t('warning.open')}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function WarningIcon() {
  return (
    <svg
      className="dup-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
    >
      <path d="M8 1.8 15 14H1L8 1.8Z" strokeLinejoin="round" />
      <path d="M8 6.2v3.6M8 11.6v.2" strokeLinecap="round" />
    </svg>
  );
}
