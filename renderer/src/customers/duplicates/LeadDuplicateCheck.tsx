import type { DuplicateCandidateRow } from '../../../../shared/contract/customers/duplicates-requests';
import { DuplicateWarning } from './DuplicateWarning';

/**
 * Lead conversion writes a contact: the contacts that look like the lead's person (the core's
 * `leads.convertCandidates` answers them with the account candidates) are listed before the rep
 * converts, each with a link to open it.
 */
export function LeadDuplicateCheck({ candidates }: { readonly candidates: ReadonlyArray<DuplicateCandidateRow> }) {
  return <DuplicateWarning entity="contact" check={{ status: 'ready', candidates }} context="convert" />;
}
