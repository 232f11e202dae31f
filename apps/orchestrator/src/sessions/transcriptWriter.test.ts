import { describe, expect, it, vi } from 'vitest';
import type { Language } from '@telekiosk/shared';
import { openDatabase } from '../db/database.ts';
import { Store } from '../db/store.ts';
import { createLogger } from '../logger.ts';
import { TranscriptWriter } from './transcriptWriter.ts';
import type { Notifier } from './ports.ts';

describe('transcript writer', () => {
  it('pushes a line to the worker who holds the session now, and translates it for them, even when the caller read the session before the accept', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const store = new Store(database.db);
      await store.fleet.upsertDevice({ id: 'kiosk-a', name: 'Kiosk A', location: 'Lobby', tokenHash: 'ab'.repeat(32) });
      await store.upsertWorker({ id: 'w-ja', username: 'w-ja', displayName: 'W', role: 'worker', languages: ['ja'], passwordHash: 'x' });
      const now = new Date();
      const stale = await store.createSession({ deviceId: 'kiosk-a', language: 'en', mode: 'assistant', consentAt: now, now });
      await store.markQueued(stale.id, now);
      await store.assignWorker(stale.id, 'w-ja', now);
      const toWorker = vi.fn();
      const notifier = { toDevice: vi.fn(), toWorker, toMonitors: vi.fn() } as unknown as Notifier;
      const translate = vi.fn(async (text: string, to: Language) => ({ text: `[${to}] ${text}`, provider: 'fake' }));
      const languages: Record<string, Language[]> = { 'w-ja': ['ja'] };
      const writer = new TranscriptWriter({ store, notifier, translator: { id: 'fake', translate } as never, clock: { now: () => Date.now() } as never, log: createLogger('silent'), workerLanguages: async (id) => languages[id] });
      // `stale` says intake, no worker: the append itself sees the worker.
      const entry = await writer.append(stale, 'visitor', 'Where is the passport office?');
      expect(entry.translation).toMatchObject({ language: 'ja', text: '[ja] Where is the passport office?' });
      expect(toWorker).toHaveBeenCalledWith('w-ja', 'transcript:entry', expect.objectContaining({ id: entry.id }));
      const [stored] = await store.transcript(stale.id);
      expect(stored).toMatchObject({ translationStatus: 'translated', translation: { language: 'ja' } });
      // A session that was never assigned: no push to any worker, nothing translated.
      const other = await store.createSession({ deviceId: 'kiosk-a', language: 'en', mode: 'assistant', consentAt: now, now });
      toWorker.mockClear();
      translate.mockClear();
      const plain = await writer.append(other, 'visitor', 'Hello');
      expect(plain.translationStatus).toBe('same_language');
      expect(toWorker).not.toHaveBeenCalled();
      expect(translate).not.toHaveBeenCalled();
    } finally {
      await database.close();
    }
  }, 60_000);
});
