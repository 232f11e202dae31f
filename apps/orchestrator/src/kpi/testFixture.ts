import type { EscalationReason, ReasonCode } from '@telekiosk/shared';
import { openDatabase, type Database } from '../db/database.ts';
import { Store } from '../db/store.ts';

/**
 * Test fixture of the KPI tests: an in-memory PGlite database filled through {@link Store}
 * (as the session service does) with nine sessions at fixed times. The expected KPIs in the
 * tests are hand-computed from the table below.
 *
 * | id | device | lang | created (UTC)     | escalated (reasons)                       | answered (wait) | ended, disposition      | rating |
 * |----|--------|------|-------------------|-------------------------------------------|-----------------|-------------------------|--------|
 * | S1 | a      | en   | 03-02 09:00       | -                                         | -               | 09:05 visitor_left      | 5      |
 * | S2 | a      | en   | 03-02 10:00       | 10:01 explicit_request (recorded twice)   | 10:01:30 (30 s) | 10:10 resolved          | 4      |
 * | S3 | b      | ja   | 03-02 11:00       | 11:02 negative_sentiment, sensitive_topic | -               | 11:05 visitor_left      | -      |
 * | S4 | a      | es   | 03-03 09:00       | 09:00 visitor_choice                      | 09:02 (120 s)   | 09:20 handback_ai       | 2      |
 * | S5 | b      | en   | 03-03 12:00       | 12:05 safety, explicit_request            | 12:05:10 (10 s) | 12:30 resolved          | 5      |
 * | S6 | a      | en   | 03-03 13:00       | -                                         | -               | 13:03 visitor_left      | 3      |
 * | S7 | b      | en   | 03-05 08:00       | - (still in intake)                       | -               | -                       | -      |
 * | S8 | a      | ja   | 03-05 09:00       | 09:01 out_of_scope (+ a malformed event)  | - (waiting)     | -                       | -      |
 * | S9 | a      | en   | 03-05 23:30       | 23:31 explicit_request                    | 23:31:40 (40 s) | - (in call)             | -      |
 *
 * Device a is `kiosk-a` at `City Hall, Lobby`; b is `kiosk-b` at {@link SITE_B} (commas,
 * quotes and non-ASCII on purpose). S9 is on 03-06 in Asia/Tokyo (UTC+9). No session on 03-04.
 */
export const SITE_B = 'Annex, 2F "East" — 別館';

/** 2026-03-DD at hh:mm:ss UTC. */
export const at = (day: number, hh: number, mm: number, ss = 0) => new Date(Date.UTC(2026, 2, day, hh, mm, ss));

export interface Fixture {
  database: Database;
  store: Store;
  ids: Record<'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'S6' | 'S7' | 'S8' | 'S9', string>;
}

/** An empty migrated database (default: in-memory PGlite) with the two devices and a worker. */
export async function emptyFixtureDb(open: () => Promise<Database> = () => openDatabase({ dataDir: 'memory://' })): Promise<{ database: Database; store: Store }> {
  const database = await open();
  const store = new Store(database.db);
  await store.fleet.upsertDevice({ id: 'kiosk-a', name: 'Kiosk A', location: 'City Hall, Lobby', tokenHash: 'a'.repeat(64) });
  await store.fleet.upsertDevice({ id: 'kiosk-b', name: 'Kiosk B', location: SITE_B, tokenHash: 'b'.repeat(64) });
  await store.upsertWorker({ id: 'w1', username: 'w1', displayName: 'Worker One', role: 'worker', languages: ['en', 'ja', 'es'], passwordHash: 'x' });
  return { database, store };
}

interface Plan {
  device: 'kiosk-a' | 'kiosk-b';
  language: 'en' | 'ja' | 'es';
  created: Date;
  escalated?: { at: Date; codes: ReasonCode[] };
  answered?: Date;
  ended?: { at: Date; disposition: string };
  rating?: number;
}

/** Creates a session the way the session service records it (state changes plus audit events). */
async function play(store: Store, p: Plan): Promise<string> {
  const s = await store.createSession({ deviceId: p.device, language: p.language, mode: 'assistant', consentAt: p.created, now: p.created });
  await store.recordEvent(s.id, 'started', `device:${p.device}`, { language: p.language, mode: 'assistant' }, p.created);
  if (p.escalated) {
    const reasons: EscalationReason[] = p.escalated.codes.map((code) => ({ code, evidence: `rule ${code}: "help, please"`, entryId: null }));
    await store.markQueued(s.id, p.escalated.at);
    await store.saveHandoff(
      {
        version: 1, sessionId: s.id, createdAt: p.escalated.at.toISOString(), device: { id: p.device, name: p.device, location: '' }, language: p.language,
        reasons, summary: 'summary', intent: 'unknown', category: null, urgency: 'normal', sentiment: 'neutral', transcript: [], actionsTaken: [],
        articlesUsed: [], collectedFields: {}, flags: [], suggestedNextStep: '', owner: 'queue',
      },
      p.escalated.at,
    );
    await store.recordEvent(s.id, 'escalated', 'system', { reasons }, p.escalated.at);
    await store.recordEvent(s.id, 'offered', 'system', { workerId: 'w1', offerId: 'o1' }, p.escalated.at);
  }
  if (p.answered) {
    await store.assignWorker(s.id, 'w1', p.answered);
    await store.recordEvent(s.id, 'accepted', 'worker:w1', { offerId: 'o1' }, p.answered);
  } else if (p.escalated && p.ended) {
    await store.recordEvent(s.id, 'offer_abandoned', 'system', { workerId: 'w1', offerId: 'o1' }, p.ended.at);
  }
  if (p.ended) {
    await store.endSession(s.id, p.ended.at, p.ended.disposition);
    await store.recordEvent(s.id, 'ended', p.answered ? 'worker:w1' : `device:${p.device}`, { disposition: p.ended.disposition }, p.ended.at);
  }
  if (p.rating !== undefined) {
    if (!(await store.rateSession(s.id, p.rating))) throw new Error('rating refused');
    await store.recordEvent(s.id, 'rated', `device:${p.device}`, { rating: p.rating }, p.ended!.at);
  }
  return s.id;
}

/** The nine-session fixture described above (default: in-memory PGlite). Close `database` after use. */
export async function kpiFixture(open?: () => Promise<Database>): Promise<Fixture> {
  const { database, store } = await emptyFixtureDb(open);
  const ids = {
    S1: await play(store, { device: 'kiosk-a', language: 'en', created: at(2, 9, 0), ended: { at: at(2, 9, 5), disposition: 'visitor_left' }, rating: 5 }),
    S2: await play(store, { device: 'kiosk-a', language: 'en', created: at(2, 10, 0), escalated: { at: at(2, 10, 1), codes: ['explicit_request'] }, answered: at(2, 10, 1, 30), ended: { at: at(2, 10, 10), disposition: 'resolved' }, rating: 4 }),
    S3: await play(store, { device: 'kiosk-b', language: 'ja', created: at(2, 11, 0), escalated: { at: at(2, 11, 2), codes: ['negative_sentiment', 'sensitive_topic'] }, ended: { at: at(2, 11, 5), disposition: 'visitor_left' } }),
    S4: await play(store, { device: 'kiosk-a', language: 'es', created: at(3, 9, 0), escalated: { at: at(3, 9, 0), codes: ['visitor_choice'] }, answered: at(3, 9, 2), ended: { at: at(3, 9, 20), disposition: 'handback_ai' }, rating: 2 }),
    S5: await play(store, { device: 'kiosk-b', language: 'en', created: at(3, 12, 0), escalated: { at: at(3, 12, 5), codes: ['safety', 'explicit_request'] }, answered: at(3, 12, 5, 10), ended: { at: at(3, 12, 30), disposition: 'resolved' }, rating: 5 }),
    S6: await play(store, { device: 'kiosk-a', language: 'en', created: at(3, 13, 0), ended: { at: at(3, 13, 3), disposition: 'visitor_left' }, rating: 3 }),
    S7: await play(store, { device: 'kiosk-b', language: 'en', created: at(5, 8, 0) }),
    S8: await play(store, { device: 'kiosk-a', language: 'ja', created: at(5, 9, 0), escalated: { at: at(5, 9, 1), codes: ['out_of_scope'] } }),
    S9: await play(store, { device: 'kiosk-a', language: 'en', created: at(5, 23, 30), escalated: { at: at(5, 23, 31), codes: ['explicit_request'] }, answered: at(5, 23, 31, 40) }),
  };
  // Robustness: a duplicate escalated event (must not count S2 twice) and malformed ones (ignored).
  await store.recordEvent(ids.S2, 'escalated', 'system', { reasons: [{ code: 'explicit_request', evidence: 'again', entryId: null }] }, at(2, 10, 2));
  await store.recordEvent(ids.S8, 'escalated', 'system', { reasons: 'not-an-array' }, at(5, 9, 2));
  await store.recordEvent(ids.S8, 'escalated', 'system', {}, at(5, 9, 2));
  // Wait estimates shown: S2 told 20 s (10-40 s), waited 30 s; S4 told 150 s (120.5-180 s), waited
  // 120 s; a later S2 estimate (only the first counts), an `unknown` one without a range (S5),
  // one of a session never answered (S8) and a malformed one (S9) are not counted.
  await store.recordEvent(ids.S2, 'wait_predicted', 'system', { waitState: 'busy', estimateMs: 20_000, range: { low: 10_000, high: 40_000 } }, at(2, 10, 1));
  await store.recordEvent(ids.S2, 'wait_predicted', 'system', { waitState: 'busy', estimateMs: 90_000, range: { low: 60_000, high: 120_000 } }, at(2, 10, 1, 10));
  await store.recordEvent(ids.S4, 'wait_predicted', 'system', { waitState: 'busy', estimateMs: 150_000, range: { low: 120_500, high: 180_000 } }, at(3, 9, 0));
  await store.recordEvent(ids.S5, 'wait_predicted', 'system', { waitState: 'unknown', estimateMs: null, range: null }, at(3, 12, 5));
  await store.recordEvent(ids.S8, 'wait_predicted', 'system', { waitState: 'busy', estimateMs: 30_000, range: { low: 20_000, high: 60_000 } }, at(5, 9, 1));
  await store.recordEvent(ids.S9, 'wait_predicted', 'system', { waitState: 'busy', estimateMs: 'soon', range: { low: 1 } }, at(5, 23, 31));
  return { database, store, ids };
}
