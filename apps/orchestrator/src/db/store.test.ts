import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { Store } from './store.ts';
import { POSTGRES_ADMIN_URL, postgresReachable } from '../../test/postgres.ts';

const ADMIN_URL = POSTGRES_ADMIN_URL;
const hasPostgres = await postgresReachable();

async function exerciseStore(database: Database) {
  const store = new Store(database.db);
  await store.fleet.upsertDevice({ id: 'kiosk-a', name: 'Kiosk A', location: 'Lobby', tokenHash: 'ab'.repeat(32) });
  await store.upsertWorker({ id: 'w1', username: 'w1', displayName: 'W One', role: 'worker', languages: ['en'], passwordHash: 'x' });
  await store.upsertWorker({ id: 'w2', username: 'w2', displayName: 'W Two', role: 'worker', languages: ['ja'], passwordHash: 'x' });
  const now = new Date();
  const s = await store.createSession({ deviceId: 'kiosk-a', language: 'en', mode: 'assistant', consentAt: now, now });
  // Concurrent appends get distinct, gap-free sequence numbers.
  await Promise.all(Array.from({ length: 8 }, (_, i) => store.appendTranscript({ sessionId: s.id, speaker: 'visitor', text: `m${i}`, language: 'en', translation: null, translationStatus: 'same_language' }, now)));
  expect((await store.transcript(s.id)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  // A change and its audit event are stored in one statement: both, or (no change) neither.
  const escalated = { type: 'escalated', actor: 'system', data: { priority: 2 } };
  expect(await store.markQueued(s.id, now, escalated)).toMatchObject({ state: 'queued' });
  expect(await store.markQueued(s.id, now, escalated)).toBeNull();
  expect((await store.events(s.id)).map((e) => [e.type, e.actor, e.data])).toEqual([['escalated', 'system', { priority: 2 }]]);
  // Two concurrent accepts: exactly one wins.
  const [a, b] = await Promise.all([store.assignWorker(s.id, 'w1', now), store.assignWorker(s.id, 'w2', now)]);
  expect([a, b].filter(Boolean)).toHaveLength(1);
  expect((await store.getSession(s.id))?.workerId).toBe((a ?? b)!.workerId);
  // A transcript line for an unknown session is refused and nothing else changes.
  await expect(store.appendTranscript({ sessionId: '00000000-0000-4000-8000-000000000000', speaker: 'visitor', text: 'x', language: 'en', translation: null, translationStatus: 'same_language' }, now)).rejects.toThrow();
  expect(await store.transcript(s.id)).toHaveLength(8);
  // A retried client request (same client id) is recognised by the unique key: the stored line
  // comes back as a duplicate, and the refused insert took no sequence number.
  const once = { sessionId: s.id, speaker: 'visitor' as const, text: 'again', language: 'en' as const, translation: null, translationStatus: 'same_language' as const, clientId: 'c-1' };
  const first = await store.appendLine(once, now);
  const retry = await store.appendLine(once, now);
  expect(first).toMatchObject({ duplicate: false, entry: { seq: 9 } });
  expect(retry).toMatchObject({ duplicate: true, entry: { id: first.entry.id, seq: 9, text: 'again' }, session: { state: 'in_call' } });
  expect((await store.appendLine({ ...once, clientId: 'c-2' }, now)).entry.seq).toBe(10);
  const rated = { type: 'rated', actor: 'device:kiosk-a', data: { rating: 5 } };
  expect(await store.rateSession(s.id, 5, { deviceId: 'kiosk-a', event: rated })).toBe(false); // not ended yet
  // The device check at a start sees the open session (one statement).
  expect(await store.fleet.serviceState('kiosk-a', { activeSessions: true })).toEqual({ inService: true, criticalAlertKinds: [], activeSessionIds: [s.id] });
  await store.addMonitor(s.id, 'w2', now);
  expect(await store.endSession(s.id, now, 'resolved')).toMatchObject({ state: 'ended' });
  // Ending removed the monitor rows in the same statement.
  expect(await store.monitors(s.id)).toEqual([]);
  expect((await store.fleet.serviceState('kiosk-a', { activeSessions: true }))?.activeSessionIds).toEqual([]);
  expect(await store.rateSession(s.id, 5, { deviceId: 'kiosk-b', event: rated })).toBe(false); // another device's session
  expect(await store.rateSession(s.id, 5, { deviceId: 'kiosk-a', event: rated })).toBe(true);
  await expect(store.rateSession(s.id, 9, { event: { ...rated, data: { rating: 9 } } })).rejects.toThrow(); // check constraint
  expect((await store.getSession(s.id))?.rating).toBe(5);
  // The refused changes left no event; the failed statement (constraint) stored neither.
  expect((await store.events(s.id)).map((e) => e.type)).toEqual(['escalated', 'rated']);
}

describe('Store on embedded PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tk-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates, keeps the rules, and persists across reopen', async () => {
    const first = await openDatabase({ dataDir: dir });
    await exerciseStore(first);
    await first.close();
    await first.close(); // idempotent
    const second = await openDatabase({ dataDir: dir });
    const store = new Store(second.db);
    expect((await store.fleet.listDevices()).map((d) => d.id)).toEqual(['kiosk-a']);
    expect((await store.activeSessions()).length).toBe(0);
    await second.close();
  });
});

describe.runIf(hasPostgres)('Store on PostgreSQL (machine server or DATABASE_URL)', () => {
  const dbName = `tk_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  afterAll(async () => {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  it('runs the same migrations and rules', async () => {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
    expect(database.kind).toBe('postgres');
    try {
      await exerciseStore(database);
      // Data statements ran as named (server-side prepared) statements; the migrations' DDL did not.
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(database.db);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => /^\s*(select|insert|update|delete|with)\b/i.test(r.statement))).toBe(true);
    } finally {
      await database.close();
    }
  });
});
