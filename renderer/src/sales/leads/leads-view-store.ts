import { create } from 'zustand';
import type { Lead } from '../../../../shared/schemas';

/** The owner filter: anyone (''), the current user (':mine', resolved by the core), or one owner's id. */
export const ANY_OWNER = '';
export const MY_LEADS = ':mine';

export type LeadsView = {
  readonly status: '' | Lead['status'];
  readonly source: '' | Lead['source'];
  readonly owner: string;
  readonly sort: { readonly field: 'updatedAt' | 'lastName'; readonly direction: 'asc' | 'desc' };
};

const DEFAULT_VIEW: LeadsView = { status: '', source: '', owner: ANY_OWNER, sort: { field: 'updatedAt', direction: 'desc' } };

/**
 * The leads list's filters and sort for this window's session, outside the page, so opening a
 * lead and coming back finds the list as the rep left it.
 */
export const useLeadsView = create<LeadsView & { update(patch: Partial<LeadsView>): void; clearFilters(): void }>()((set) => ({
  ...DEFAULT_VIEW,
  update: (patch) => set(patch),
  clearFilters: () => set({ status: '', source: '', owner: ANY_OWNER }),
}));
