import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordSurveyParams } from '../../../../shared/contract/service/surveys-requests';
import { Dialog } from '../../common/Dialog';
import { FieldShell } from '../../common/Field';
import { useToastStore } from '../../common/toast-store';
import { useCrmClient } from '../../transport/client-context';

type CsatTarget = {
  readonly survey: 'csat';
  readonly accountId: string;
  readonly contactId?: string;
  readonly caseId?: string;
  readonly visitId?: string;
};
type NpsTarget = { readonly survey: 'nps'; readonly accountId: string; readonly contactId: string; readonly contactName: string };
export type SurveyTarget = CsatTarget | NpsTarget;

const CSAT_SCORES = [1, 2, 3, 4, 5] as const;
const NPS_SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * Records what the customer answered: a CSAT (1–5) after a resolved case or a visit, or an NPS
 * (0–10, "how likely to recommend us") for one contact. Saved locally; it syncs like any record.
 */
export function SurveyDialog({ target, onClose }: { readonly target: SurveyTarget; readonly onClose: () => void }) {
  const { t } = useTranslation('service');
  const client = useCrmClient();
  const show = useToastStore((state) => state.show);
  const id = useId();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const csat = target.survey === 'csat';
  const scores = csat ? CSAT_SCORES : NPS_SCORES;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (score === null) {
      setError(t('survey.pickScore'));
      return;
    }
    const extra = comment.trim() ? { comment: comment.trim() } : {};
    const params: RecordSurveyParams =
      target.survey === 'csat'
        ? {
            survey: 'csat',
            score,
            accountId: target.accountId,
            ...(target.contactId ? { contactId: target.contactId } : {}),
            ...(target.caseId ? { caseId: target.caseId } : {}),
            ...(target.visitId ? { visitId: target.visitId } : {}),
            ...extra,
          }
        : { survey: 'nps', score, accountId: target.accountId, contactId: target.contactId, ...extra };
    setSaving(true);
    const answer = await client.send('surveys.record', params);
    setSaving(false);
    if (!answer.ok) {
      setError(t('survey.failed', { message: answer.error.message }));
      return;
    }
    show({ message: csat ? t('survey.csatSaved', { score }) : t('survey.npsSaved', { score }) });
    onClose();
  };

  const question = target.survey === 'csat' ? t('survey.csatQuestion') : t('survey.npsQuestion', { name: target.contactName });
  return (
    <Dialog
      title={csat ? (target.visitId ? t('survey.csatVisitTitle') : t('survey.csatTitle')) : t('survey.npsTitle')}
      onClose={onClose}
      testId={csat ? 'csat-dialog' : 'nps-dialog'}
      className="case-dialog"
    >
      <form className="rec-dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className={`survey-scale${csat ? '' : ' survey-scale-nps'}`} aria-describedby={error ? `${id}-error` : undefined}>
          <legend>{question}</legend>
          <div className="survey-options">
            {scores.map((value) => (
              <label key={value} className={`survey-option${score === value ? ' survey-option-on' : ''}`}>
                <input
                  type="radio"
                  className="survey-radio"
                  // A CSAT score is read with its meaning ("5, very satisfied"); an NPS score is its number.
                  aria-label={csat ? t(`survey.csatScore.${value as 1 | 2 | 3 | 4 | 5}`) : undefined}
                  name={`${id}-score`}
                  value={value}
                  checked={score === value}
                  onChange={() => {
                    setScore(value);
                    setError(null);
                  }}
                />
                <span>{value}</span>
              </label>
            ))}
          </div>
          <div className="survey-ends" aria-hidden="true">
            <span>{csat ? t('survey.csatLow') : t('survey.npsLow')}</span>
            <span>{csat ? t('survey.csatHigh') : t('survey.npsHigh')}</span>
          </div>
        </fieldset>
        <FieldShell id={`${id}-comment`} label={t('survey.comment')}>
          <textarea
            id={`${id}-comment`}
            className="rec-input rec-textarea"
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </FieldShell>
        {error ? (
          <p id={`${id}-error`} className="rec-banner rec-banner-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="rec-form-actions">
          <button type="button" className="button rec-button-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button" disabled={saving}>
            {t('survey.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
