import { useTranslation } from 'react-i18next';
import type { CrmError } from '../../../shared/contract';

export function LoadingState({ label }: { readonly label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('list.loading')}</span>
    </div>
  );
}

export function EmptyState({ title, body }: { readonly title: string; readonly body?: string }) {
  return (
    <div className="state state-empty">
      <div className="state-illustration" aria-hidden="true">
        <svg
          viewBox="0 0 24 24"
          width="32"
          height="32"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M3 13h5l1.5 3h5L16 13h5M5.5 5h13L21 13v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-6Z" />
        </svg>
      </div>
      <h2 className="state-title">{title}</h2>
      {body ? <p className="state-body">{body}</p> : null}
    </div>
  );
}

/** Shows the translated text for the error code; the core's message stays available as detail. */
export function ErrorState({ title, error, onRetry }: { readonly title: string; readonly error: CrmError; readonly onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      <h2 className="state-title">{title}</h2>
      <p className="state-body">{t(`errors.${error.code}`)}</p>
      <details className="state-detail">
        <summary>{error.code}</summary>
        <code>{error.message}</code>
      </details>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('list.retry')}
        </button>
      ) : null}
    </div>
  );
}
