import { createContext, useContext, type ReactNode } from 'react';
import type { PrefsApi } from './prefs-api';

const PrefsContext = createContext<PrefsApi | null>(null);

export function PrefsProvider({ prefs, children }: { readonly prefs: PrefsApi; readonly children: ReactNode }) {
  return <PrefsContext value={prefs}>{children}</PrefsContext>;
}

export function usePrefs(): PrefsApi {
  const prefs = useContext(PrefsContext);
  if (!prefs) throw new Error('usePrefs outside <PrefsProvider>');
  return prefs;
}
