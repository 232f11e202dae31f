import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Orchestrator } from '../src/server.ts';
import { ask, consoleSocket, kioskSocket, next, ok, startTestOrchestrator } from './helpers.ts';
import { POSTGRES_ADMIN_URL, postgresReachable } from './postgres.ts';

const ADMIN_URL = POSTGRES_ADMIN_URL;
const hasPostgres = await postgresReachable();

/**
 * Two orchestrators (each with its own connection pool, as two processes would have) share one
 * PostgreSQL database. Both offer the same waiting visitor to a worker of their own, and both
 * workers accept at the same moment: the conditional UPDATE lets exactly one win.
 */
describe.runIf(hasPostgres)('never two workers on one task across orchestrators (PostgreSQL)', () => {
  const dbName = `tk_accept_${process.pid}_${Date.now()}`;
  const orchs: Orchestrator[] = [];
  const sockets: Socket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const o of orchs) await o.close();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  it('exactly one of two concurrent accepts wins', async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    const secret = 'shared-secret-shared-secret-shared-secret';
    const a = await startTestOrchestrator({ databaseUrl: url.toString(), authSecret: secret });
    orchs.push(a);
    const b = await startTestOrchestrator({ databaseUrl: url.toString(), authSecret: secret, seedDemo: 'false' });
    orchs.push(b);
    // Both orchestrators run the same migrations on one database and see the same device.
    expect((await b.store.fleet.getDevice('lobby-1'))?.name).toBe('Lobby robot 1');

    const kiosk = await kioskSocket(a);
    const sam = await consoleSocket(a, 'sam'); // on orchestrator A
    const aiko = await consoleSocket(b, 'aiko'); // on orchestrator B
    sockets.push(kiosk, sam, aiko);
    await ok(sam, 'console:hello');
    await ok(aiko, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    await ok(aiko, 'worker:set-state', { state: 'available' });
    const samOffer = next(sam, 'offer:new');
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    // Split brain: B also routes the same waiting visitor. The database allows one open offer per
    // session, so A's offer row is closed first (as if B had taken over routing) while A still
    // holds it in memory; then both workers hold an offer and accept at once.
    const o1 = await samOffer;
    await a.database.db.updateTable('offers').set({ status: 'revoked', close_reason: 'test split brain' }).where('id', '=', o1.id).execute();
    const aikoOffer = next(aiko, 'offer:new');
    expect(await b.store.latestHandoff(session.id)).toMatchObject({ sessionId: session.id, version: 1 });
    await b.sessions.routing.enqueue({ sessionId: session.id, deviceId: session.deviceId, language: 'en', priority: 5 });
    const o2 = await aikoOffer;
    const [r1, r2] = await Promise.all([ask(sam, 'offer:accept', { offerId: o1.id }), ask(aiko, 'offer:accept', { offerId: o2.id })]);
    const wins = [r1, r2].filter((r) => r.ok);
    const losses = [r1, r2].filter((r) => !r.ok);
    expect(wins).toHaveLength(1);
    expect(losses[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const stored = await a.store.getSession(session.id);
    expect(stored?.state).toBe('in_call');
    expect([r1.ok ? 'w-sam' : 'w-aiko']).toEqual([stored?.workerId]);
  });
});
