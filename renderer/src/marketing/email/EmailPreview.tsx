import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailDraft, EmailRecipient, PreviewResult } from '../../../../shared/contract/marketing/outbox-requests';
import { useCrmClient } from '../../transport/client-context';
import { previewHtml } from './preview-html';
import { templateErrorText } from './template-error-text';

type Props = {
  /** Null while the draft has mistakes: nothing is asked of the core. */
  readonly draft: EmailDraft | null;
  readonly recipient: EmailRecipient | null;
  /** Who it is for: a contact picker, a member select. */
  readonly picker: ReactNode;
  readonly emptyText: string;
};

/** Quiet time after a keystroke before the core renders the preview again. */
const PREVIEW_DELAY_MS = 250;

type State =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'done'; readonly result: PreviewResult }
  | { readonly status: 'failed'; readonly message: string };

/**
 * The message as one recipient will receive it, rendered by the core (`outbox.preview`, the same
 * renderer that fills the outbox): the subject, the formatted part and the plain-text part. The
 * formatted part is the core's safe HTML, sanitized once more here and with links made inert
 * (preview-html.ts); it sits in the page like a knowledge article, since the page's CSP allows no frames.
 */
export function EmailPreview({ draft, recipient, picker, emptyText }: Props) {
  const { t } = useTranslation('marketing-email');
  const client = useCrmClient();
  const id = useId();
  const [tab, setTab] = useState<'html' | 'text'>('html');
  const [state, setState] = useState<State>({ status: 'idle' });
  const key = JSON.stringify([draft, recipient]);

  useEffect(() => {
    if (!draft || !recipient) return;
    let live = true;
    const timer = setTimeout(() => {
      setState((previous) => (previous.status === 'done' ? previous : { status: 'loading' }));
      void client.send('outbox.preview', { draft, recipient }).then((answer) => {
        if (!live) return;
        setState(answer.ok ? { status: 'done', result: answer.value } : { status: 'failed', message: answer.error.message });
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` describes draft and recipient.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);

  const html = useMemo(() => (state.status === 'done' && state.result.ok ? previewHtml(state.result.html) : ''), [state]);

  let content: ReactNode;
  if (!recipient) content = <p className="em-muted">{emptyText}</p>;
  else if (!draft) content = <p className="em-muted">{t('preview.hasMistakes')}</p>;
  else if (state.status === 'failed')
    content = (
      <p className="em-error-text" role="alert">
        {t('preview.failed', { message: state.message })}
      </p>
    );
  else if (state.status !== 'done')
    content = (
      <p className="em-muted" role="status">
        {t('preview.loading')}
      </p>
    );
  else if (!state.result.ok)
    content = (
      <ul className="em-errors" role="alert">
        {state.result.errors.map((error, index) => (
          <li key={index}>{templateErrorText(t, error)}</li>
        ))}
      </ul>
    );
  else {
    const result = state.result;
    content = (
      <>
        {result.optedOut ? (
          <p className="em-warning" role="status" data-testid="preview-opted-out">
            {t('preview.optedOut')}
          </p>
        ) : null}
        <dl className="em-headers">
          <dt>{t('preview.to')}</dt>
          <dd data-testid="preview-to">
            {result.toName ? `${result.toName} ` : ''}
            {result.to ? `<${result.to}>` : <span className="em-muted">{t('preview.noAddress')}</span>}
          </dd>
          <dt>{t('preview.subject')}</dt>
          <dd data-testid="preview-subject" lang={draft.language}>
            {result.subject}
          </dd>
        </dl>
        <div className="em-tabs" role="tablist" aria-label={t('preview.tabsLabel')}>
          {(['html', 'text'] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="tab"
              id={`${id}-tab-${value}`}
              aria-selected={tab === value}
              aria-controls={`${id}-panel`}
              tabIndex={tab === value ? 0 : -1}
              className={`em-tab${tab === value ? ' em-tab-active' : ''}`}
              onClick={() => setTab(value)}
              onKeyDown={(event) => {
                if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
                event.preventDefault();
                const next = value === 'html' ? 'text' : 'html';
                setTab(next);
                document.getElementById(`${id}-tab-${next}`)?.focus();
              }}
              data-testid={`preview-tab-${value}`}
            >
              {t(`preview.${value}`)}
            </button>
          ))}
        </div>
        <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${tab}`} className="em-preview-panel" tabIndex={0}>
          {tab === 'html' ? (
            <div className="em-preview-html" lang={draft.language} data-testid="preview-html" dangerouslySetInnerHTML={{ __html: html }} />
          ) : (
            <pre className="em-preview-text" lang={draft.language} data-testid="preview-text">
              {result.text}
            </pre>
          )}
        </div>
      </>
    );
  }

  return (
    <section className="em-preview" aria-labelledby={`${id}-title`} data-testid="email-preview">
      <h3 id={`${id}-title`} className="em-section-title">
        {t('preview.title')}
      </h3>
      {picker}
      {content}
    </section>
  );
}
