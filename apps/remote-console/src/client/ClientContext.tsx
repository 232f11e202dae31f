import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConsoleClient } from './ConsoleClient.ts';
import type { ConsoleState } from './state.ts';

const ClientContext = createContext<ConsoleClient | null>(null);

export function ClientProvider({ client, children }: { client: ConsoleClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The console client (actions). */
export function useClient(): ConsoleClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}

/** The current console state snapshot; re-renders on every change. */
export function useConsoleState(): ConsoleState {
  const client = useClient();
  return useSyncExternalStore(client.subscribe, client.getSnapshot);
}
