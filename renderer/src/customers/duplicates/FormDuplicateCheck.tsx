import { useWatch, type Control } from 'react-hook-form';
import type { AccountFormInput, AccountFormOutput } from '../forms/account-form-schema';
import type { ContactFormInput, ContactFormOutput } from '../forms/contact-form-schema';
import { DuplicateWarning } from './DuplicateWarning';
import { toProbe, useDuplicateCheck } from './use-duplicate-check';

/** The new-account form's duplicate warning: name, e-mail, phone, website and place as typed. */
export function AccountDuplicateCheck({ control }: { readonly control: Control<AccountFormInput, unknown, AccountFormOutput> }) {
  const [name, email, phone, website, city, country] = useWatch({
    control,
    name: ['name', 'email', 'phone', 'website', 'city', 'country'],
  });
  const check = useDuplicateCheck('account', toProbe({ name, email, phone, website, city, country }));
  return <DuplicateWarning entity="account" check={check} />;
}

/** The new-contact form's duplicate warning, at the account the contact is added to. */
export function ContactDuplicateCheck({
  control,
  accountId,
}: {
  readonly control: Control<ContactFormInput, unknown, ContactFormOutput>;
  readonly accountId: string;
}) {
  const [firstName, lastName, email, phone, mobile] = useWatch({ control, name: ['firstName', 'lastName', 'email', 'phone', 'mobile'] });
  const name = [firstName, lastName]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
  const check = useDuplicateCheck('contact', toProbe({ name, email, phone: phone || mobile, accountId }));
  return <DuplicateWarning entity="contact" check={check} />;
}
