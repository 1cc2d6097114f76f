import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignQueueResult, EmailDraft, EmailRecipient } from '../../../../shared/contract/marketing/outbox-requests';
import { contactName } from '../../../../shared/schemas/contact-name';
import type { TemplateLanguage } from '../../../../shared/marketing/render-template';
import { Dialog } from '../../common/Dialog';
import { useLiveQuery } from '../../data/use-live-query';
import { useCrmClient } from '../../transport/client-context';
import { DraftFields } from './DraftFields';
import { composeFormSchema, draftErrors, toDraft, type EmailFormValues } from './email-form';
import { EmailPreview } from './EmailPreview';
import { MemberPicker } from './MemberPicker';
import '../../customers/detail/record.css';
import './email.css';

/** To every member of a campaign (campaign page), or to one contact, optionally about a deal (contact and deal pages). */
export type ComposeDialogProps =
  | { readonly campaignId: string; readonly onClose: () => void }
  | { readonly contactId: string; readonly opportunityId?: string; readonly onClose: () => void };

type Sent = { readonly kind: 'campaign'; readonly result: CampaignQueueResult } | { readonly kind: 'followUp'; readonly name: string };

/**
 * Write an e-mail from a template (or blank), see it as a recipient will, and put it in the
 * outbox. Nothing leaves the laptop here: the outbox syncs to the server, which sends when it is
 * reachable; the dialog says so and links to the outbox, with what was queued and skipped.
 */
export function ComposeDialog(props: ComposeDialogProps) {
  if ('campaignId' in props) return <CampaignCompose campaignId={props.campaignId} onClose={props.onClose} />;
  return <FollowUpCompose contactId={props.contactId} opportunityId={props.opportunityId} onClose={props.onClose} />;
}

function CampaignCompose({ campaignId, onClose }: { readonly campaignId: string; readonly onClose: () => void }) {
  const { t } = useTranslation('marketing-email');
  const client = useCrmClient();
  const campaign = useLiveQuery('campaigns.get', { id: campaignId }, `compose-campaign:${campaignId}`);
  const [memberId, setMemberId] = useState<string | null>(null);
  const members = campaign.status === 'ready' ? campaign.result.members : null;
  return (
    <ComposeForm
      title={t('compose.titleCampaign')}
      note={members === null ? '\u00a0' : t('compose.recipientsCampaign', { count: members })}
      recipient={memberId ? { memberId } : null}
      picker={<MemberPicker campaignId={campaignId} value={memberId} onChange={setMemberId} />}
      emptyText={t('preview.noMembers')}
      onClose={onClose}
      queue={async (draft) => {
        const answer = await client.send('outbox.queueCampaign', { campaignId, draft });
        return answer.ok ? { ok: true, sent: { kind: 'campaign', result: answer.value } } : { ok: false, message: answer.error.message };
      }}
    />
  );
}

function FollowUpCompose({
  contactId,
  opportunityId,
  onClose,
}: {
  readonly contactId: string;
  readonly opportunityId: string | undefined;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation('marketing-email');
  const client = useCrmClient();
  const contact = useLiveQuery('contacts.get', { id: contactId }, `compose-contact:${contactId}`);
  const record = contact.status === 'ready' ? contact.result : null;
  const name = record ? contactName(record) : '';
  // The form starts in the contact's language, so it waits (a moment) for the contact.
  if (contact.status === 'loading') return null;
  return (
    <ComposeForm
      defaultLanguage={languageOf(record?.preferredLanguage)}
      title={t('compose.titleFollowUp', { name })}
      note={
        <>
          {record ? t('compose.recipientFollowUp', { name, email: record.email ?? t('preview.noAddress') }) : '\u00a0'}
          {opportunityId ? <DealNote opportunityId={opportunityId} /> : null}
        </>
      }
      recipient={{ contactId }}
      picker={null}
      emptyText={t('preview.noRecipient')}
      onClose={onClose}
      queue={async (draft) => {
        const answer = await client.send('outbox.queueFollowUp', { contactId, ...(opportunityId ? { opportunityId } : {}), draft });
        return answer.ok
          ? { ok: true, sent: { kind: 'followUp', name: answer.value.toName ?? name } }
          : { ok: false, message: answer.error.message };
      }}
    />
  );
}

function DealNote({ opportunityId }: { readonly opportunityId: string }) {
  const { t } = useTranslation('marketing-email');
  const deal = useLiveQuery('opportunities.get', { id: opportunityId }, `compose-deal:${opportunityId}`);
  return deal.status === 'ready' ? <span className="em-muted"> · {t('compose.aboutDeal', { name: deal.result.name })}</span> : null;
}

type ComposeFormProps = {
  readonly title: string;
  readonly note: ReactNode;
  readonly recipient: EmailRecipient | null;
  readonly picker: ReactNode;
  readonly emptyText: string;
  readonly onClose: () => void;
  readonly queue: (draft: EmailDraft) => Promise<{ ok: true; sent: Sent } | { ok: false; message: string }>;
  /** The language a blank message starts in (the recipient's, when known); default the rep's. */
  readonly defaultLanguage?: TemplateLanguage | undefined;
};

/** A contact's preferred language as a template language: Chinese for any `zh` tag, English for other tags. */
function languageOf(preferred: string | undefined): TemplateLanguage | undefined {
  if (!preferred) return undefined;
  return preferred.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function ComposeForm({ title, note, recipient, picker, emptyText, onClose, queue, defaultLanguage }: ComposeFormProps) {
  const { t, i18n } = useTranslation('marketing-email');
  const id = useId();
  const [templateId, setTemplateId] = useState('');
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);

  const form = useForm<EmailFormValues>({
    resolver: zodResolver(composeFormSchema),
    defaultValues: {
      name: '',
      language: defaultLanguage ?? (i18n.language === 'zh-CN' ? 'zh-CN' : 'en'),
      format: 'markdown',
      subject: '',
      body: '',
    },
    mode: 'onTouched',
  });
  const values = useWatch({ control: form.control }) as EmailFormValues;
  const mistakes = draftErrors(values);
  const hasMistakes = mistakes.subject.length + mistakes.body.length > 0 || /[\r\n]/.test(values.subject);
  const templates = useLiveQuery('templates.list', { language: values.language, limit: 200 }, `compose-templates:${values.language}`);
  const templateRows = templates.status === 'ready' ? templates.result.rows : [];

  const chooseTemplate = (chosen: string): void => {
    setTemplateId(chosen);
    const template = templateRows.find((row) => row.id === chosen);
    const language = form.getValues('language');
    if (!template) form.reset({ name: '', language, format: 'markdown', subject: '', body: '' });
    else form.reset({ name: '', language: template.language, format: template.format, subject: template.subject, body: template.body });
  };

  const send = form.handleSubmit(
    async (submitted) => {
      setTried(true);
      setFailure(null);
      if (hasMistakes) return;
      const answer = await queue(toDraft(submitted, templateId || undefined));
      if (answer.ok) setSent(answer.sent);
      else setFailure(t('compose.sendFailed', { message: answer.message }));
    },
    () => setTried(true),
  );

  if (sent) {
    return (
      <Dialog title={t('compose.queuedTitle')} onClose={onClose} className="rec-scope em-dialog em-dialog-done" testId="compose-done">
        <div className="em-done" role="status">
          {sent.kind === 'campaign' ? (
            <ul className="em-done-list">
              <li data-testid="compose-queued">{t('compose.queuedCampaign', { count: sent.result.queued })}</li>
              {sent.result.skippedOptedOut > 0 ? (
                <li data-testid="compose-skipped-opted-out">{t('compose.skippedOptedOut', { count: sent.result.skippedOptedOut })}</li>
              ) : null}
              {sent.result.skippedNoAddress > 0 ? <li>{t('compose.skippedNoAddress', { count: sent.result.skippedNoAddress })}</li> : null}
              {sent.result.skippedAlreadyQueued > 0 ? (
                <li>{t('compose.skippedAlreadyQueued', { count: sent.result.skippedAlreadyQueued })}</li>
              ) : null}
            </ul>
          ) : (
            <p data-testid="compose-queued">{t('compose.queuedFollowUp', { name: sent.name })}</p>
          )}
          <p className="em-note">{t('compose.waitNote')}</p>
        </div>
        <footer className="rec-form-actions">
          <Link to="/marketing/outbox" className="button rec-button-ghost" onClick={onClose} data-testid="compose-open-outbox">
            {t('compose.openOutbox')}
          </Link>
          <button type="button" className="button" onClick={onClose} autoFocus>
            {t('compose.close')}
          </button>
        </footer>
      </Dialog>
    );
  }

  return (
    <Dialog title={title} onClose={onClose} className="rec-scope em-dialog" testId="compose-dialog">
      <form className="em-compose" onSubmit={(event) => void send(event)} noValidate>
        <p className="em-note" data-testid="compose-recipients">
          {note}
        </p>
        <div className="em-split em-split-dialog">
          <div className="em-split-main">
            <DraftFields
              form={form}
              showAllErrors={tried}
              leading={
                <div className="rec-field em-field-grow">
                  <label htmlFor={`${id}-template`} className="rec-field-label">
                    {t('compose.template')}
                  </label>
                  <select
                    id={`${id}-template`}
                    className="rec-input select"
                    value={templateRows.some((row) => row.id === templateId) ? templateId : ''}
                    onChange={(event) => chooseTemplate(event.target.value)}
                    data-testid="compose-template"
                  >
                    <option value="">{t('compose.blank')}</option>
                    {templateRows.map((row) => (
                      <option key={row.id} value={row.id}>
                        {row.name}
                      </option>
                    ))}
                  </select>
                </div>
              }
            />
          </div>
          <EmailPreview
            draft={hasMistakes ? null : toDraft(values, templateId || undefined)}
            recipient={recipient}
            picker={picker}
            emptyText={emptyText}
          />
        </div>
        {failure ? (
          <p className="em-error-text" role="alert" data-testid="compose-failure">
            {failure}
          </p>
        ) : null}
        <footer className="rec-form-actions">
          <button type="button" className="button rec-button-ghost" onClick={onClose}>
            {t('compose.cancel')}
          </button>
          <button type="submit" className="button" disabled={form.formState.isSubmitting} data-testid="compose-send">
            {form.formState.isSubmitting ? t('compose.sending') : t('compose.send')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
