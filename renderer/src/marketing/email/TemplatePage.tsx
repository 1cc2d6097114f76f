import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Stored } from '../../../../shared/contract';
import type { EmailTemplate } from '../../../../shared/schemas/marketing';
import { TextField } from '../../common/Field';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useToastStore } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useCrmClient } from '../../transport/client-context';
import { DraftFields } from './DraftFields';
import { draftErrors, templateFormSchema, toDraft, type EmailFormValues } from './email-form';
import { PreviewForContact } from './PreviewForContact';
import '../../customers/detail/record.css';
import './email.css';

/** `/marketing/templates/:id`, or `new`: the editor with a live preview for a contact. */
export function TemplatePage() {
  const { id = 'new' } = useParams();
  if (id === 'new') return <TemplateEditor key="new" template={null} />;
  return <LoadedTemplate id={id} key={id} />;
}

function LoadedTemplate({ id }: { readonly id: string }) {
  const { t } = useTranslation('marketing-email');
  const loaded = useLiveQuery('templates.get', { id }, `template:${id}`);
  if (loaded.status === 'loading') return <LoadingState />;
  if (loaded.status === 'error') {
    return (
      <div className="rec-scope em-page">
        <Link to="/marketing/templates" className="back-link">
          ← {t('editor.back')}
        </Link>
        <ErrorState title={loaded.error.code === 'not_found' ? t('editor.notFound') : t('editor.loadFailed')} error={loaded.error} />
      </div>
    );
  }
  return <TemplateEditor template={loaded.result} />;
}

function initialValues(template: EmailTemplate | null, uiLanguage: string): EmailFormValues {
  if (template)
    return { name: template.name, language: template.language, format: template.format, subject: template.subject, body: template.body };
  return { name: '', language: uiLanguage === 'zh-CN' ? 'zh-CN' : 'en', format: 'markdown', subject: '', body: '' };
}

/**
 * Name, language, format, subject and body, with mistakes in words beside their field and the
 * message as a chosen contact will receive it beside the editor. The revision the editor started
 * from goes with every save, so another rep's change is never overwritten unseen.
 */
function TemplateEditor({ template }: { readonly template: Stored<EmailTemplate> | null }) {
  const { t, i18n } = useTranslation('marketing-email');
  const client = useCrmClient();
  const navigate = useNavigate();
  const show = useToastStore((state) => state.show);
  const id = useId();
  const [baseRevision, setBaseRevision] = useState(template?.revision);
  const [failure, setFailure] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const form = useForm<EmailFormValues>({
    resolver: zodResolver(templateFormSchema),
    defaultValues: initialValues(template, i18n.language),
    mode: 'onTouched',
  });
  const { register, handleSubmit, formState, control } = form;
  const values = useWatch({ control }) as EmailFormValues;
  const mistakes = draftErrors(values);
  const hasMistakes = mistakes.subject.length + mistakes.body.length > 0 || /[\r\n]/.test(values.subject);

  const save = handleSubmit(
    async (submitted) => {
      setTried(true);
      setFailure(null);
      if (hasMistakes) return;
      const fields = {
        name: submitted.name,
        language: submitted.language,
        format: submitted.format,
        subject: submitted.subject,
        body: submitted.body,
      };
      const answer = template
        ? await client.send('templates.update', {
            id: template.id,
            patch: fields,
            ...(baseRevision ? { expectedRevision: baseRevision } : {}),
          })
        : await client.send('templates.create', { values: fields });
      if (!answer.ok) {
        setFailure(answer.error.code === 'conflict' ? t('editor.conflict') : t('editor.saveFailed', { message: answer.error.message }));
        return;
      }
      setBaseRevision(answer.value.revision);
      form.reset(initialValues(answer.value, i18n.language));
      show({ message: t('editor.saved'), tone: 'info' });
      if (!template) void navigate(`/marketing/templates/${encodeURIComponent(answer.value.id)}`, { replace: true });
    },
    () => setTried(true),
  );

  const archive = async (archived: boolean): Promise<void> => {
    if (!template) return;
    const answer = await client.send('templates.archive', { id: template.id, archived });
    if (!answer.ok) {
      setFailure(t('editor.saveFailed', { message: answer.error.message }));
      return;
    }
    setBaseRevision(answer.value.revision);
    show({ message: archived ? t('editor.archivedDone') : t('editor.restoredDone'), tone: 'info' });
  };

  const nameError = formState.errors.name?.message;
  return (
    <div className="rec-scope em-page em-editor-page">
      <Link to="/marketing/templates" className="back-link">
        ← {t('editor.back')}
      </Link>
      <form
        className="em-editor"
        onSubmit={(event) => void save(event)}
        aria-labelledby={`${id}-heading`}
        noValidate
        data-testid="template-editor"
      >
        <div className="em-editor-head">
          <h2 id={`${id}-heading`} className="em-heading">
            {template ? t('editor.editTitle') : t('editor.newTitle')}
          </h2>
          {formState.isDirty ? <span className="em-chip em-chip-muted">{t('editor.unsaved')}</span> : null}
          {template?.archived ? <span className="em-chip em-chip-muted">{t('templates.archived')}</span> : null}
        </div>
        {template?.archived ? <p className="em-note">{t('editor.archivedNote')}</p> : null}
        <div className="em-split">
          <div className="em-split-main">
            <DraftFields
              form={form}
              showAllErrors={tried}
              leading={
                <TextField
                  label={t('editor.name')}
                  className="em-field-grow"
                  required
                  maxLength={200}
                  registration={register('name')}
                  error={nameError ? t(nameError as 'editor.nameRequired') : undefined}
                />
              }
            />
          </div>
          <PreviewForContact draft={hasMistakes ? null : toDraft(values, template?.id)} />
        </div>
        {failure || (tried && hasMistakes) ? (
          <p className="em-error-text" role="alert" data-testid="template-failure">
            {failure ?? t('editor.fixMistakes')}
          </p>
        ) : null}
        <div className="em-actions">
          {template ? (
            <button
              type="button"
              className="button rec-button-ghost"
              onClick={() => void archive(!template.archived)}
              data-testid="template-archive"
            >
              {template.archived ? t('editor.restore') : t('editor.archive')}
            </button>
          ) : null}
          <button type="submit" className="button em-actions-end" disabled={formState.isSubmitting} data-testid="template-save">
            {formState.isSubmitting ? t('editor.saving') : t('editor.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
