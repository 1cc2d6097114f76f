import { create } from 'zustand';
import type { ConnectionState } from '../transport/connection-state';

/**
 * Short-lived UI state shared across screens. Durable preferences live in Dexie (prefs/), and
 * records live in the core; nothing here must survive a restart.
 */
export type UiState = {
  readonly connection: ConnectionState;
  readonly sidebarCollapsed: boolean;
  /** Bumped to ask the header search box to take focus (Ctrl/Cmd+K, menu command). */
  readonly searchFocusRequest: number;
  setConnection(state: ConnectionState): void;
  toggleSidebar(): void;
  requestSearchFocus(): void;
};

export const useUiStore = create<UiState>()((set) => ({
  connection: 'connecting',
  sidebarCollapsed: false,
  searchFocusRequest: 0,
  setConnection: (connection) => set({ connection }),
  toggleSidebar: () => set((state) => ({ sidebarCollapsed: !state.sidebarCollapsed })),
  requestSearchFocus: () => set((state) => ({ searchFocusRequest: state.searchFocusRequest + 1 })),
}));
