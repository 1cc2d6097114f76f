import type { EmailDraft } from '../../../../shared/contract/marketing/outbox-requests';
import { mergeValuesFor, type MergeRecipient, type MergeRep } from '../../../../shared/marketing/merge-fields';
import { renderTemplate, type RenderError, type RenderedEmail } from '../../../../shared/marketing/render-template';
import { UNSUBSCRIBE_PLACEHOLDER_URL } from '../../../../shared/schemas/marketing';
import type { Account, Contact, Lead, User } from '../../../../shared/schemas';
import { contactName } from '../../../../shared/schemas/contact-name';
import type { CrmDatabase } from '../../db/open-crm-database';

/** Who a message goes to, resolved from a contact or a lead, with what its merge fields read. */
export type ResolvedRecipient = {
  readonly to: string | null;
  readonly toName: string | null;
  readonly optedOut: boolean;
  readonly contactId?: string;
  readonly leadId?: string;
  readonly accountId?: string;
  readonly merge: MergeRecipient;
};

/** Display name of a person for the To header, written as every screen writes it. */
function personName(firstName: string | undefined, lastName: string | undefined): string | null {
  return contactName({ firstName, lastName }) || null;
}

export function contactRecipient(contact: Contact, account: Account | undefined, rep: MergeRep | undefined): ResolvedRecipient {
  return {
    to: contact.email ?? null,
    toName: personName(contact.firstName, contact.lastName),
    optedOut: contact.doNotContact,
    contactId: contact.id,
    accountId: contact.accountId,
    merge: { contact, account, rep },
  };
}

/** A lead reads like a contact whose account is the company it names. */
export function leadRecipient(lead: Lead, rep: MergeRep | undefined): ResolvedRecipient {
  return {
    to: lead.email ?? null,
    toName: personName(lead.firstName, lead.lastName),
    optedOut: false,
    leadId: lead.id,
    merge: {
      contact: { firstName: lead.firstName ?? '', lastName: lead.lastName, email: lead.email, title: lead.title },
      account: lead.company ? { name: lead.company, city: lead.city } : undefined,
      rep,
    },
  };
}

/** The sending rep as merge fields see them; users carry no phone number. */
export async function repOf(db: CrmDatabase, userId: string): Promise<MergeRep | undefined> {
  const doc = await db.org.findOne(userId).exec();
  if (!doc) return undefined;
  const user = doc.toJSON() as User;
  return user.kind === 'user' ? { name: user.name, email: user.email } : undefined;
}

export type DraftRender = ({ ok: true } & RenderedEmail) | { ok: false; errors: RenderError[] };

/**
 * The draft rendered for one recipient with the placeholder opt-out address: the laptop renders
 * (so it works offline and the rep sees what goes out) and the server swaps in the real link.
 */
export function renderDraft(draft: EmailDraft, merge: MergeRecipient): DraftRender {
  return renderTemplate({ subject: draft.subject, body: draft.body, format: draft.format }, mergeValuesFor(merge), {
    unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER_URL,
    language: draft.language,
  });
}

/** The render errors in words, for a refusal message. */
export function describeErrors(errors: ReadonlyArray<RenderError>): string {
  return errors.map((error) => `${error.part}: ${error.message}`).join('; ');
}
