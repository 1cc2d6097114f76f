import { create } from 'zustand';
import type { CaseQueue } from '../../../../shared/contract/service/cases-requests';
import type { Case } from '../../../../shared/schemas/cases';

export type CaseSortField = 'openedAt' | 'updatedAt' | 'priority' | 'caseNumber';

export type CasesView = {
  readonly queue: CaseQueue;
  readonly status: '' | Case['status'];
  readonly priority: '' | Case['priority'];
  readonly channel: '' | Case['channel'];
  readonly category: string;
  readonly sort: { readonly field: CaseSortField; readonly direction: 'asc' | 'desc' };
};

const DEFAULT_VIEW: CasesView = {
  queue: 'open',
  status: '',
  priority: '',
  channel: '',
  category: '',
  sort: { field: 'openedAt', direction: 'desc' },
};

/** The case list's queue, filters and sort for this window's session: back from a case finds the list as left. */
export const useCasesView = create<CasesView & { update(patch: Partial<CasesView>): void; clearFilters(): void }>()((set) => ({
  ...DEFAULT_VIEW,
  update: (patch) => set(patch),
  clearFilters: () => set({ status: '', priority: '', channel: '', category: '' }),
}));
