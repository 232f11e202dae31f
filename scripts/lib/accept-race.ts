/**
 * Accept races across processes: `node --import tsx scripts/lib/accept-race.ts --races N --processes P`
 * with DATABASE_URL set (a migrated orchestrator database).
 *
 * Creates N queued sessions, each with an open offer, then starts P worker processes that, for
 * every session at the same moment (a shared start time), claim the offer and assign the
 * session to their own worker through the orchestrator's store (the same conditional updates the
 * accept path uses: offer open -> accepted, session queued -> in_call). Counts the winners per
 * session. The last line is one JSON object: `{ races, doubleAssignments, unassigned, winsByProcess, ms }`.
 * Exits 1 when any session was assigned twice or not at all.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { SqlRoutingStore } from '../../apps/orchestrator/src/db/routingStore.ts';
import { Store } from '../../apps/orchestrator/src/db/store.ts';
import type { DatabaseSchema } from '../../apps/orchestrator/src/db/schema.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 8 }) }) });

async function child(index: number, ids: string[], startAt: number): Promise<void> {
  const store = new Store(db);
  const routing = new SqlRoutingStore(db);
  const workerId = `race-w${index}`;
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  let wins = 0;
  await Promise.all(
    ids.map(async (offerAndSession) => {
      const [offerId, sessionId] = offerAndSession.split('|') as [string, string];
      // The accept path: claim the offer row, then the session row; both are conditional.
      const claimed = await routing.claimOffer(offerId, workerId, Date.now());
      const s = await store.assignWorker(sessionId, workerId, new Date());
      if (s) wins++;
      void claimed;
    }),
  );
  process.send?.({ wins });
  await db.destroy();
}

async function main() {
  const { values } = parseArgs({ options: { races: { type: 'string', default: '1000' }, processes: { type: 'string', default: '3' }, child: { type: 'string' }, start: { type: 'string' } } });
  if (values.child !== undefined) {
    // The ids come over the IPC channel (10,000 of them do not fit in an environment variable).
    const ids = await new Promise<string[]>((resolve) => process.once('message', (m) => resolve((m as { ids: string[] }).ids)));
    await child(Number(values.child), ids, Number(values.start));
    return;
  }
  const races = Number(values.races);
  const procs = Number(values.processes);
  // Fixture: a device, one worker per process, N queued sessions each with an open offer.
  await db.insertInto('devices').values({ id: 'race-device', name: 'race', location: 'race', token_hash: 'x', robot_link: 'none' }).onConflict((oc) => oc.column('id').doNothing()).execute();
  for (let i = 0; i < procs; i++) {
    await db.insertInto('workers').values({ id: `race-w${i}`, username: `race-w${i}`, display_name: `Race ${i}`, role: 'worker', languages: '["en"]', password_hash: 'x', departments: '["general"]' }).onConflict((oc) => oc.column('id').doNothing()).execute();
  }
  const pairs: string[] = [];
  const now = new Date();
  for (let i = 0; i < races; i += 500) {
    const batch = Array.from({ length: Math.min(500, races - i) }, () => ({ session: randomUUID(), offer: randomUUID() }));
    await db.insertInto('sessions').values(batch.map((b) => ({ id: b.session, device_id: 'race-device', language: 'en', state: 'queued', mode: 'person', consent_at: now, created_at: now, escalated_at: now }))).execute();
    await db.insertInto('offers').values(batch.map((b) => ({ id: b.offer, session_id: b.session, worker_id: 'race-w0', kind: 'routed', from_worker_id: null, note: null, needs_translation: false, created_at: now, expires_at: new Date(now.getTime() + 3_600_000), status: 'open', closed_at: null, close_reason: null }))).execute();
    pairs.push(...batch.map((b) => `${b.offer}|${b.session}`));
  }
  // A shared start a few seconds ahead: every child has loaded (tsx, pg) and waits for it.
  const startAt = Date.now() + 5000;
  const t0 = Date.now();
  const wins = await Promise.all(
    Array.from({ length: procs }, (_, i) =>
      new Promise<number>((resolve, reject) => {
        const p = fork(process.argv[1]!, ['--child', String(i), '--start', String(startAt)], { execArgv: ['--import', 'tsx'] });
        p.send({ ids: pairs });
        p.once('message', (m) => resolve((m as { wins: number }).wins));
        p.once('exit', (code) => code !== 0 && reject(new Error(`race process ${i} exited ${code}`)));
      }),
    ),
  );
  const ms = Date.now() - t0;
  const counts = await db
    .selectFrom('sessions')
    .select(['state', sql<number>`count(*)::int`.as('n')])
    .where('device_id', '=', 'race-device')
    .groupBy('state')
    .execute();
  const assigned = counts.find((r) => r.state === 'in_call')?.n ?? 0;
  const result = { races, processes: procs, doubleAssignments: Math.max(0, wins.reduce((a, b) => a + b, 0) - assigned), unassigned: races - assigned, winsByProcess: wins, ms };
  await db.deleteFrom('offers').where('session_id', 'in', (eb) => eb.selectFrom('sessions').select('id').where('device_id', '=', 'race-device')).execute();
  await db.deleteFrom('sessions').where('device_id', '=', 'race-device').execute();
  await db.destroy();
  console.log(`${races} accept races across ${procs} processes in ${ms} ms: ${result.doubleAssignments} double assignments, ${result.unassigned} unassigned`);
  console.log(JSON.stringify(result));
  if (result.doubleAssignments > 0 || result.unassigned > 0) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
