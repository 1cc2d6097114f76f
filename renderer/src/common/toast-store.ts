import { create } from 'zustand';

/** How long an Undo stays on screen: long enough to notice a mistake, short enough to not pile up. */
export const UNDO_MS = 8_000;
const INFO_MS = 4_000;

export type Toast = {
  readonly id: number;
  readonly message: string;
  readonly tone: 'info' | 'error';
  /** An action button, e.g. Undo; the toast closes when it is pressed. */
  readonly action?: { readonly label: string; readonly run: () => void };
  readonly durationMs: number;
};

export type ToastInput = Omit<Toast, 'id' | 'durationMs' | 'tone'> & { readonly tone?: Toast['tone']; readonly durationMs?: number };

type ToastState = {
  readonly toasts: ReadonlyArray<Toast>;
  show(toast: ToastInput): number;
  dismiss(id: number): void;
};

let nextId = 1;

/**
 * App-wide notices. A zustand store rather than React context so a screen that navigates away
 * right after a delete (the account page) can still leave its Undo behind.
 */
export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  show: (input) => {
    const id = nextId++;
    const durationMs = input.durationMs ?? (input.action ? UNDO_MS : INFO_MS);
    // At most three on screen: the oldest go first.
    set((state) => ({ toasts: [...state.toasts.slice(-2), { tone: 'info', ...input, id, durationMs }] }));
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

export const showToast = (toast: ToastInput): number => useToastStore.getState().show(toast);
