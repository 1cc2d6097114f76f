import { createContext, useContext, type ReactNode } from 'react';
import type { CrmClient } from './crm-client';

const ClientContext = createContext<CrmClient | null>(null);

export function ClientProvider({ client, children }: { readonly client: CrmClient; readonly children: ReactNode }) {
  return <ClientContext value={client}>{children}</ClientContext>;
}

export function useCrmClient(): CrmClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useCrmClient outside <ClientProvider>');
  return client;
}
