import type { TFunction } from 'i18next';
import { CASE_CATEGORIES, type CaseStatus } from '../../../../shared/schemas/cases';

const KNOWN = new Set<string>(CASE_CATEGORIES);

/** A known category in the rep's language; one typed elsewhere (synced from another tool) as it is. */
export function categoryLabel(t: TFunction<'service'>, category: string | undefined): string {
  if (category === undefined) return t('case.noCategory');
  return KNOWN.has(category) ? t(`category.${category as (typeof CASE_CATEGORIES)[number]}`) : category;
}

/** The button that moves a case to `to`: "Reopen" from a finished case, "Back to open" from a paused one. */
export function transitionLabel(t: TFunction<'service'>, from: CaseStatus, to: CaseStatus): string {
  if (to !== 'open') return t(`transition.${to}`);
  if (from === 'resolved' || from === 'closed') return t('transition.reopen');
  if (from === 'new') return t('transition.start');
  return t('transition.backToOpen');
}
