const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * A contact's name as every screen, e-mail and duplicate check writes it: "Wei Zhang", or "张伟"
 * when both parts are Chinese (family name first, no space).
 */
export function contactName(contact: { readonly firstName?: string | undefined; readonly lastName?: string | undefined }): string {
  const first = contact.firstName?.trim() ?? '';
  const last = contact.lastName?.trim() ?? '';
  if (HAN_ONLY.test(first) && HAN_ONLY.test(last)) return `${last}${first}`;
  return [first, last].filter((part) => part.length > 0).join(' ');
}
