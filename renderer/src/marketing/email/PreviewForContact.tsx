import { useTranslation } from 'react-i18next';
import type { EmailDraft } from '../../../../shared/contract/marketing/outbox-requests';
import { contactName } from '../../../../shared/schemas/contact-name';
import { useLiveQuery } from '../../data/use-live-query';
import { ContactPicker, type PickedContact } from './ContactPicker';
import { EmailPreview } from './EmailPreview';
import { usePreviewContactStore } from './preview-contact-store';

/**
 * The template editor's preview: for a contact the rep picks, or until then for the first contact
 * who has not opted out, so a new template shows real names from the first keystroke.
 */
export function PreviewForContact({ draft }: { readonly draft: EmailDraft | null }) {
  const { t } = useTranslation('marketing-email');
  const picked = usePreviewContactStore((state) => state.picked);
  const setPicked = usePreviewContactStore((state) => state.pick);
  const first = useLiveQuery('contacts.list', { filter: { doNotContact: false }, limit: 1 }, 'preview-first-contact');
  const firstRow = first.status === 'ready' ? first.result.rows[0] : undefined;
  const fallback: PickedContact | null = firstRow
    ? { id: firstRow.id, name: contactName(firstRow), subtitle: firstRow.accountName ?? '' }
    : null;
  const contact = picked ?? fallback;
  return (
    <EmailPreview
      draft={draft}
      recipient={contact ? { contactId: contact.id } : null}
      picker={<ContactPicker value={contact} onChange={setPicked} />}
      emptyText={t('preview.noRecipient')}
    />
  );
}
