import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/use-formatters';
import type { DraftOffer, FormDraft } from './use-form-draft';

export function DraftBanner<V>({
  offer,
  onRestore,
  onDiscard,
}: {
  readonly offer: DraftOffer<V>;
  readonly onRestore: () => void;
  readonly onDiscard: () => void;
}) {
  const { t } = useTranslation('customers-record');
  const format = useFormatters();
  return (
    <div className="rec-banner rec-banner-info" role="status" data-testid="draft-banner">
      <span>{t('draft.found', { date: format.dateTime(offer.updatedAt) })}</span>
      <span className="rec-banner-actions">
        <button type="button" className="button" onClick={onRestore}>
          {t('actions.restoreDraft')}
        </button>
        <button type="button" className="button rec-button-ghost" onClick={onDiscard}>
          {t('actions.discardDraft')}
        </button>
      </span>
    </div>
  );
}

/** Shown when a save came back `conflict`: the record changed since the form loaded it. */
export function ConflictBanner({ onReload }: { readonly onReload: () => void }) {
  const { t } = useTranslation('customers-record');
  return (
    <div className="rec-banner rec-banner-warning" role="alert" data-testid="conflict-banner">
      <span>
        <strong>{t('conflict.title')}</strong> {t('conflict.body')}
      </span>
      <span className="rec-banner-actions">
        <button type="button" className="button" onClick={onReload}>
          {t('actions.reload')}
        </button>
      </span>
    </div>
  );
}

/** What stands above a record form's fields: an earlier draft to restore, a save conflict, a save error. */
export function FormBanners<V>({
  draft,
  conflict,
  onReload,
  saveError,
}: {
  readonly draft: FormDraft<V>;
  readonly conflict: boolean;
  readonly onReload: () => void;
  readonly saveError: string | null;
}) {
  return (
    <>
      {draft.offer ? <DraftBanner offer={draft.offer} onRestore={draft.restore} onDiscard={() => void draft.discard()} /> : null}
      {conflict ? <ConflictBanner onReload={onReload} /> : null}
      {saveError ? (
        <p className="rec-banner rec-banner-error" role="alert">
          {saveError}
        </p>
      ) : null}
    </>
  );
}
