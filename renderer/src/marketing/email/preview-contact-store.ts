import { create } from 'zustand';
import type { PickedContact } from './ContactPicker';

/**
 * The contact the rep last previewed templates for: kept across templates and across the save of
 * a new template (which opens it under its id), so the rep picks a recipient once. Not durable.
 */
export const usePreviewContactStore = create<{ readonly picked: PickedContact | null; pick(contact: PickedContact): void }>()((set) => ({
  picked: null,
  pick: (contact) => set({ picked: contact }),
}));
