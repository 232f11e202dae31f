import type { ConsoleRequests } from '@telekiosk/shared';
import type { z } from 'zod';
import type { ConsoleState } from './state.ts';

/** Sends a console request and resolves with its validated response (ConsoleClient's socket). */
export type RequestFn = <K extends keyof ConsoleRequests & string>(event: K, payload: z.input<ConsoleRequests[K]['request']>, timeoutMs?: number) => Promise<z.output<ConsoleRequests[K]['response']>>;

/**
 * What a feature client (knowledgeClient.ts, reviewClient.ts) gets from {@link ConsoleClient}:
 * requests over its socket, the shared state store, and file downloads.
 */
export interface SubClientDeps {
  req: RequestFn;
  getState(): ConsoleState;
  update(fn: (s: ConsoleState) => ConsoleState): void;
  saveFile(blob: Blob, filename: string): void;
}
