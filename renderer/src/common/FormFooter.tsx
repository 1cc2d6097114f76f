import { useTranslation } from 'react-i18next';

/**
 * The Cancel / Save row at the foot of a record form. Save submits the surrounding form and is
 * disabled, saying "Saving…", while the submit runs, so a double click cannot send twice.
 */
export function FormFooter({ submitting, onCancel }: { readonly submitting: boolean; readonly onCancel: () => void }) {
  const { t } = useTranslation('customers-record');
  return (
    <footer className="rec-form-actions">
      <button type="button" className="button rec-button-ghost" onClick={onCancel}>
        {t('actions.cancel')}
      </button>
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? t('actions.saving') : t('actions.save')}
      </button>
    </footer>
  );
}
