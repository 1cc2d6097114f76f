import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastStore, type Toast } from './toast-store';
import '../customers/detail/record.css';

/** Renders the toasts of toast-store.ts; mounted once beside the router so it outlives screens. */
export function ToastHost() {
  const { t } = useTranslation('customers-record');
  const toasts = useToastStore((state) => state.toasts);
  return (
    <section className="rec-toast-region" aria-label={t('notifications')} aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </section>
  );
}

function ToastItem({ toast }: { readonly toast: Toast }) {
  const { t } = useTranslation('customers-record');
  const dismiss = useToastStore((state) => state.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), toast.durationMs);
    return () => clearTimeout(timer);
  }, [dismiss, toast.id, toast.durationMs]);

  return (
    <div className={`rec-toast rec-toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'} data-testid="toast">
      <span className="rec-toast-message">{toast.message}</span>
      {toast.action ? (
        <button
          type="button"
          className="rec-toast-action"
          onClick={() => {
            dismiss(toast.id);
            toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      <button type="button" className="rec-toast-close" aria-label={t('actions.dismiss')} onClick={() => dismiss(toast.id)}>
        ×
      </button>
      <span className="rec-toast-timer" style={{ animationDuration: `${toast.durationMs}ms` }} aria-hidden="true" />
    </div>
  );
}
