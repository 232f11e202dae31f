import { describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { sql } from 'kysely';
import type { Offer, TranscriptEntry } from '@telekiosk/shared';
import type { Orchestrator } from '../src/server.ts';
import type { IntakeEngine } from '../src/sessions/sessionService.ts';
import { PrivacyService, type PurgeReport } from '../src/privacy/retention.ts';
import { ask, consoleSocket, fakeIntake, kioskSocket, login, next, ok, sharedOrchestrator } from './helpers.ts';

/**
 * Integration (real socket.io, PGlite in memory): the data-protection duties of
 * privacy/retention.ts and the store's PII redaction, end to end.
 *
 * Proves that:
 * 1. A visitor line with a phone number, an e-mail address, a Luhn-valid card number and a
 *    Japanese My Number is stored redacted (transcript, handoff package, session events: the
 *    escalation evidence, notes, end notes), as read back through the session record API, while
 *    the live pushes (the worker's `transcript:entry`, the offer's handoff, the kiosk's copy of the
 *    worker's line) carry what was said.
 * 2. The retention purge removes transcripts, handoff packages, notes (also those given at the
 *    end) and intake facts of ended sessions older than RETENTION_TRANSCRIPT_DAYS and keeps younger
 *    ones; erases name/contact/note of callbacks completed before RETENTION_CALLBACK_DAYS and keeps
 *    open ones; deletes audit events older than RETENTION_AUDIT_DAYS and session events past it
 *    except the escalation reason codes (evidence removed); reports each count, audits itself, is
 *    idempotent; and the KPI report still counts every session and its escalation reasons.
 *    Rows are back-dated for the purge on the real clock; a second PrivacyService on a clock
 *    300 days ahead checks the audit period. The routing leader runs it every RETENTION_SWEEP_MS.
 * 3. `GET /api/sessions/:id/export` gives supervisors everything stored about a session as an
 *    attachment, refuses workers (403), bad ids (400) and unknown ids (404, not as an attachment),
 *    and audits each export.
 * 4. `DELETE /api/sessions/:id/personal-data` (supervisors; 403 for workers, 409 while the session
 *    runs) removes that session's transcript, handoff packages, notes and callback contact, keeps
 *    the KPI row and reason codes, returns the counts, is audited, and leaves other sessions alone.
 */

const DAY_MS = 86_400_000;
/** Generous: two cores shared with an end-to-end suite. */
const WAIT_MS = 20_000;
const TEST_MS = 90_000;

const PII = { myNumber: '123456789018', card: '4111 1111 1111 1111', email: 'yuki.sato@example.jp', phone: '+81 90-1234-5678' };
const PII_LINE = `My number is ${PII.myNumber}, card ${PII.card}, mail ${PII.email}, call ${PII.phone}`;
const REDACTED_LINE = 'My number is [jp-my-number], card [card], mail [email], call [phone]';
const ESCALATION_LINE = `person please, write to ${PII.email}`;
const WORKER_LINE = `I will call you back on ${PII.phone}`;

/** Fails when any raw personal datum of {@link PII} appears anywhere in `value`. */
function expectNoRawPii(value: unknown): void {
  const s = JSON.stringify(value);
  for (const raw of Object.values(PII)) expect(s, `stored data contains ${raw}`).not.toContain(raw);
}

async function tokenOf(orch: Orchestrator, username: string): Promise<string> {
  const { status, body } = await login(orch, username);
  expect(status).toBe(200);
  return body.token;
}

function api(orch: Orchestrator, path: string, token?: string, method = 'GET'): Promise<Response> {
  return fetch(`${orch.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

const sessionEvents = (orch: Orchestrator, sessionId: string) =>
  orch.database.db.selectFrom('session_events').select(['type', 'data']).where('session_id', '=', sessionId).orderBy('id').execute();

/** Signs a worker in, says hello and makes them available for offers. */
async function availableWorker(orch: Orchestrator, username: string, sockets: Socket[]): Promise<Socket> {
  const s = await consoleSocket(orch, username);
  sockets.push(s);
  await ok(s, 'console:hello');
  await ok(s, 'worker:set-state', { state: 'available' });
  return s;
}

/**
 * A whole served session: an intake line, escalation on request, the worker accepts, a visitor
 * line in the call, the worker's answer and note, end with notes; resolves once the worker is
 * available again. Returns the live pushes seen on the way.
 */
async function servedSession(kiosk: Socket, worker: Socket, lines: { intake: string; escalation: string; inCall: string; worker: string; note: string; endNotes: string }) {
  const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
  const sessionId: string = session.id;
  await ok(kiosk, 'visitor:message', { sessionId, text: lines.intake });
  const offered = next<Offer>(worker, 'offer:new', WAIT_MS, (o) => o.sessionId === sessionId);
  expect((await ok(kiosk, 'visitor:message', { sessionId, text: lines.escalation })).session.state).toBe('queued');
  const offer = await offered;
  expect((await ok(worker, 'offer:accept', { offerId: offer.id })).session.state).toBe('in_call');
  const onWorker = next<TranscriptEntry>(worker, 'transcript:entry', WAIT_MS, (e) => e.sessionId === sessionId && e.speaker === 'visitor');
  await ok(kiosk, 'visitor:message', { sessionId, text: lines.inCall });
  const visitorPush = await onWorker;
  const onKiosk = next<TranscriptEntry>(kiosk, 'transcript:entry', WAIT_MS, (e) => e.sessionId === sessionId && e.speaker === 'worker');
  await ok(worker, 'worker:message', { sessionId, text: lines.worker });
  const workerPush = await onKiosk;
  await ok(worker, 'session:note', { sessionId, text: lines.note });
  const available = next(worker, 'worker:update', WAIT_MS, (w: { state: string }) => w.state === 'available');
  await ok(worker, 'session:end', { sessionId, disposition: 'resolved', notes: lines.endNotes });
  await available;
  return { sessionId, offer, visitorPush, workerPush };
}

/** A session in which the visitor chooses a person, nobody takes it, and they leave a callback. */
async function callbackSession(orch: Orchestrator, kiosk: Socket, c: { name: string; contact: string; note: string }) {
  const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
  await ok(kiosk, 'visitor:callback', { sessionId: session.id, ...c });
  const row = await orch.database.db.selectFrom('callbacks').selectAll().where('session_id', '=', session.id).executeTakeFirstOrThrow();
  return { sessionId: session.id as string, callbackId: row.id };
}

describe('redaction, export and erasure', () => {
  // A 1 s sweep: the leader's schedule is checked at the end (nothing else here is old enough to purge).
  const ctx = sharedOrchestrator({ retentionSweepMs: 1000 });
  let served: Awaited<ReturnType<typeof servedSession>>;
  let samWs: Socket;

  it('stores transcript, handoff and events redacted while the live pushes carry the original', { timeout: TEST_MS }, async () => {
    const { orch } = ctx;
    const kiosk = await kioskSocket(orch);
    ctx.sockets.push(kiosk);
    const sam = (samWs = await availableWorker(orch, 'sam', ctx.sockets));
    served = await servedSession(kiosk, sam, { intake: PII_LINE, escalation: ESCALATION_LINE, inCall: PII_LINE, worker: WORKER_LINE, note: `card ${PII.card} declined`, endNotes: `sent details to ${PII.email}` });

    // Live: the worker hears the visitor as they spoke, the kiosk gets the worker's line unchanged,
    // and the offer's handoff names the escalation evidence as said.
    expect(served.visitorPush.text).toBe(PII_LINE);
    expect(served.workerPush.text).toBe(WORKER_LINE);
    expect(served.offer.handoff.reasons[0]).toMatchObject({ code: 'explicit_request' });
    expect(served.offer.handoff.reasons[0]?.evidence).toContain(PII.email);

    // Stored, read back through the session record API.
    const res = await api(orch, `/api/sessions/${served.sessionId}`, await tokenOf(orch, 'olivia'));
    expect(res.status).toBe(200);
    const record = (await res.json()) as { transcript: { speaker: string; text: string }[]; handoff: { reasons: { code: string; evidence: string }[]; summary: string } | null; events: { type: string; data: Record<string, unknown> }[] };
    expectNoRawPii(record);
    const texts = record.transcript.map((e) => `${e.speaker}: ${e.text}`);
    expect(texts).toEqual(expect.arrayContaining([`visitor: ${REDACTED_LINE}`, `assistant: Answer to: ${REDACTED_LINE}`, 'visitor: person please, write to [email]', 'worker: I will call you back on [phone]']));
    expect(texts.filter((t) => t === `visitor: ${REDACTED_LINE}`)).toHaveLength(2);
    expect(record.handoff?.reasons[0]).toMatchObject({ code: 'explicit_request', evidence: expect.stringContaining('[email]') });
    expect(record.handoff?.summary).toContain(REDACTED_LINE);
    const escalated = record.events.find((e) => e.type === 'escalated');
    expect(JSON.stringify(escalated?.data)).toContain('[email]');
    expect(record.events.find((e) => e.type === 'note')?.data).toEqual({ text: 'card [card] declined' });
    expect(record.events.find((e) => e.type === 'ended')?.data).toEqual({ disposition: 'resolved', notes: 'sent details to [email]' });
    // The same straight from the store, and what the intake collected (kept on the session row).
    const facts = await orch.store.intakeFacts(served.sessionId);
    expect(facts).toMatchObject({ collectedFields: expect.any(Object) });
    expectNoRawPii(facts);
    expectNoRawPii(await orch.store.transcript(served.sessionId));
    expectNoRawPii(await orch.store.latestHandoff(served.sessionId));
    expectNoRawPii(await orch.store.events(served.sessionId));
  });

  it('exports a session to supervisors as an audited attachment; 403 for workers, 400 for a bad id, 404 for an unknown one', { timeout: TEST_MS }, async () => {
    const { orch } = ctx;
    const id = served.sessionId;
    const olivia = await tokenOf(orch, 'olivia');
    const sam = await tokenOf(orch, 'sam');
    const exportOf = (sid: string, token?: string) => api(orch, `/api/sessions/${sid}/export`, token);
    const audited = async () => (await orch.trust.auth.auditEvents({ subject: `session:${id}` })).filter((a) => a.action === 'session.exported');
    expect(await audited()).toEqual([]);

    expect((await exportOf(id)).status).toBe(401);
    expect((await exportOf(id, sam)).status).toBe(403);
    const bad = await exportOf('not-a-uuid', olivia);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    const unknown = await exportOf('00000000-0000-4000-8000-000000000000', olivia);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(unknown.headers.get('content-disposition')).toBeNull();
    expect(await audited()).toEqual([]);

    const res = await exportOf(id, olivia);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="session-${id}.json"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { exportedAt: string; session: { id: string; state: string; disposition: string }; transcript: { text: string }[]; handoffPackages: unknown[]; events: { type: string }[]; callbacks: unknown[]; audit: unknown[] };
    expect(body.session).toMatchObject({ id, state: 'ended', disposition: 'resolved' });
    expect(body.transcript.map((e) => e.text)).toContain(REDACTED_LINE);
    expect(body.transcript).toHaveLength((await orch.store.transcript(id)).length);
    expect(body.handoffPackages.length).toBeGreaterThanOrEqual(1);
    expect(body.events.map((e) => e.type)).toEqual(expect.arrayContaining(['started', 'escalated', 'accepted', 'note', 'ended']));
    expect(body.callbacks).toEqual([]);
    expectNoRawPii(body);
    expect(await audited()).toEqual([expect.objectContaining({ actor: 'worker:s-olivia', action: 'session.exported', subject: `session:${id}` })]);
  });

  it('erases one ended session’s personal data for supervisors (403 for workers, 409 while it runs), audited, others untouched', { timeout: TEST_MS }, async () => {
    const { orch } = ctx;
    const db = orch.database.db;
    const olivia = await tokenOf(orch, 'olivia');
    const samToken = await tokenOf(orch, 'sam');
    const erase = (sid: string, token?: string) => api(orch, `/api/sessions/${sid}/personal-data`, token, 'DELETE');
    const other = served.sessionId;
    const otherBefore = { transcript: await orch.store.transcript(other), handoff: await orch.store.latestHandoff(other), events: await orch.store.events(other) };

    // Nobody available: the visitor escalates, then leaves a callback instead of waiting.
    await ok(samWs, 'worker:set-state', { state: 'away' });
    const kiosk = await kioskSocket(orch);
    ctx.sockets.push(kiosk);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    const id: string = session.id;
    await ok(kiosk, 'visitor:message', { sessionId: id, text: PII_LINE });
    expect((await ok(kiosk, 'visitor:message', { sessionId: id, text: ESCALATION_LINE })).session.state).toBe('queued');
    const running = await erase(id, olivia);
    expect(running.status).toBe(409);
    expect(((await running.json()) as { error: { code: string } }).error.code).toBe('conflict');
    await ok(kiosk, 'visitor:callback', { sessionId: id, name: 'Yuki Sato', contact: PII.phone, note: `or mail ${PII.email}` });
    expect(await orch.store.getSession(id)).toMatchObject({ state: 'ended', disposition: 'callback' });
    const transcriptLines = (await orch.store.transcript(id)).length;
    expect(transcriptLines).toBeGreaterThanOrEqual(3);
    expect(await orch.store.latestHandoff(id)).toBeDefined();

    expect((await erase(id)).status).toBe(401);
    expect((await erase(id, samToken)).status).toBe(403);
    expect((await erase('not-a-uuid', olivia)).status).toBe(400);
    expect((await erase('00000000-0000-4000-8000-000000000000', olivia)).status).toBe(404);
    expect((await orch.trust.auth.auditEvents({ action: 'session.erased' }))).toEqual([]);

    const res = await erase(id, olivia);
    expect(res.status).toBe(200);
    const { erased } = (await res.json()) as { erased: Record<string, number> };
    expect(erased).toEqual({ transcriptEntries: transcriptLines, handoffPackages: 1, events: 0, callbacks: 1 });

    expect(await orch.store.transcript(id)).toEqual([]);
    expect(await orch.store.latestHandoff(id)).toBeUndefined();
    const cb = await db.selectFrom('callbacks').selectAll().where('session_id', '=', id).executeTakeFirstOrThrow();
    expect(cb).toMatchObject({ name: '[erased]', contact: '[erased]', note: null });
    expect(cb.erased_at).not.toBeNull();
    const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'ended', disposition: 'callback', intake_facts: null });
    expect(row.erased_at).not.toBeNull();
    // Events keep their type (KPIs) but no data; the escalation keeps only its reason codes.
    for (const e of await sessionEvents(orch, id)) {
      expect(e.data).toEqual(e.type === 'escalated' ? { reasons: [{ code: 'explicit_request' }], purged: true } : { erased: true });
    }
    const audit = await orch.trust.auth.auditEvents({ subject: `session:${id}` });
    expect(audit).toEqual([expect.objectContaining({ actor: 'worker:s-olivia', action: 'session.erased', data: erased })]);
    // The KPI report still counts the session and its reason.
    const kpi = (await (await api(orch, '/api/kpi', olivia)).json()) as { sessionsTotal: number; escalationByReason: { code: string; sessions: number }[] };
    expect(kpi.sessionsTotal).toBe(2);
    expect(kpi.escalationByReason.find((r) => r.code === 'explicit_request')?.sessions).toBe(2);

    // The other session is as it was.
    expect({ transcript: await orch.store.transcript(other), handoff: await orch.store.latestHandoff(other), events: await orch.store.events(other) }).toEqual(otherBefore);
  });

  it('the routing leader runs the purge every RETENTION_SWEEP_MS', { timeout: TEST_MS }, async () => {
    const { orch } = ctx;
    await orch.trust.auth.audit({ actor: 'system', action: 'test.ancient', subject: 'test:sweep' }, new Date(Date.now() - 400 * DAY_MS));
    await vi.waitFor(async () => expect(await orch.trust.auth.auditEvents({ subject: 'test:sweep' })).toEqual([]), { timeout: 45_000, interval: 250 });
    const purged = await orch.trust.auth.auditEvents({ action: 'retention.purged' });
    expect(purged[0]).toMatchObject({ actor: 'system', subject: 'retention', data: expect.objectContaining({ auditEvents: 1 }) });
  });
});

describe('retention purge', () => {
  /** The fake intake, also collecting details in passing (stored as the session's intake facts). */
  const collectingIntake: IntakeEngine = { ...fakeIntake, respond: async (input) => ({ ...(await fakeIntake.respond(input)), collectedFields: { name: 'Yuki Sato', phone: PII.phone } }) };
  const ctx = sharedOrchestrator({ retentionTranscriptDays: 90, retentionCallbackDays: 30, retentionAuditDays: 365 }, collectingIntake);

  it('purges per data class, keeps what is younger and the KPI aggregates, reports the counts', { timeout: 2 * TEST_MS }, async () => {
    const { orch } = ctx;
    const db = orch.database.db;
    // The leader's sweep ran once at start (nothing to purge); stop it so the counts below are ours alone.
    await orch.trust.privacy.stop();
    const count = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n);

    // Two callbacks while nobody is available: one is completed, one stays open.
    const kiosk = await kioskSocket(orch);
    ctx.sockets.push(kiosk);
    const oliviaWs = await consoleSocket(orch, 'olivia');
    ctx.sockets.push(oliviaWs);
    const done = await callbackSession(orch, kiosk, { name: 'Old Caller', contact: PII.phone, note: 'about the tax form' });
    const open = await callbackSession(orch, kiosk, { name: 'Open Caller', contact: PII.email, note: 'still waiting' });
    await ok(oliviaWs, 'callback:complete', { callbackId: done.callbackId });

    // Two served sessions: A will be older than the transcript retention, B younger.
    const sam = await availableWorker(orch, 'sam', ctx.sockets);
    const lines = { intake: PII_LINE, escalation: 'person please', inCall: 'thanks', worker: 'You are welcome', note: 'a note', endNotes: 'end notes' };
    const a = (await servedSession(kiosk, sam, lines)).sessionId;
    const b = (await servedSession(kiosk, sam, lines)).sessionId;
    const intakeFacts = async (id: string) => (await db.selectFrom('sessions').select('intake_facts').where('id', '=', id).executeTakeFirstOrThrow()).intake_facts;
    expect(await intakeFacts(a)).toMatchObject({ collectedFields: { name: 'Yuki Sato' } });
    const bBefore = { transcript: await orch.store.transcript(b), handoff: await orch.store.latestHandoff(b), events: await sessionEvents(orch, b), facts: await intakeFacts(b) };

    // Back-date: A ended 100 days ago; the completed callback was completed 40 days ago, the open
    // one created 40 days ago; audit events 400 (twice) and 300 days old.
    for (const stmt of [
      sql`update sessions set created_at = created_at - interval '100 days', consent_at = consent_at - interval '100 days', escalated_at = escalated_at - interval '100 days', answered_at = answered_at - interval '100 days', ended_at = ended_at - interval '100 days' where id = ${a}`,
      sql`update transcript_entries set created_at = created_at - interval '100 days' where session_id = ${a}`,
      sql`update handoff_packages set created_at = created_at - interval '100 days' where session_id = ${a}`,
      sql`update session_events set created_at = created_at - interval '100 days' where session_id = ${a}`,
      sql`update callbacks set completed_at = completed_at - interval '40 days', created_at = created_at - interval '40 days' where id = ${done.callbackId}`,
      sql`update callbacks set created_at = created_at - interval '40 days' where id = ${open.callbackId}`,
    ]) await stmt.execute(db);
    const now = Date.now();
    for (const days of [400, 400, 300]) await orch.trust.auth.audit({ actor: 'system', action: 'test.old', subject: 'test:retention', data: { days } }, new Date(now - days * DAY_MS));

    const aTranscript = await count(db.selectFrom('transcript_entries').select((eb) => eb.fn.countAll().as('n')).where('session_id', '=', a).executeTakeFirstOrThrow());
    const aHandoffs = await count(db.selectFrom('handoff_packages').select((eb) => eb.fn.countAll().as('n')).where('session_id', '=', a).executeTakeFirstOrThrow());
    expect(aTranscript).toBeGreaterThanOrEqual(6);
    expect(aHandoffs).toBeGreaterThanOrEqual(1);

    // --- purge on the real clock, with the configured policy (90 / 30 / 365 days).
    const first = await orch.trust.privacy.purge();
    expect(first).toEqual({ transcriptEntries: aTranscript, handoffPackages: aHandoffs, notes: 2, callbacksErased: 1, auditEvents: 2, sessionEvents: 0, signInSessions: 0 } satisfies PurgeReport);

    // A: transcript, handoff, notes (the note event and the end notes) and intake facts gone; the rest stays.
    expect(await orch.store.transcript(a)).toEqual([]);
    expect(await orch.store.latestHandoff(a)).toBeUndefined();
    expect(await intakeFacts(a)).toBeNull();
    const aEvents = await sessionEvents(orch, a);
    expect(aEvents.map((e) => e.type)).not.toContain('note');
    expect(aEvents.find((e) => e.type === 'ended')?.data).toEqual({ disposition: 'resolved' });
    expect(aEvents.find((e) => e.type === 'escalated')?.data).toMatchObject({ reasons: [{ code: 'explicit_request', evidence: expect.any(String) }] });
    expect((await ok(oliviaWs, 'session:notes', { sessionId: a })).notes).toEqual([]);
    expect(await orch.store.getSession(a)).toMatchObject({ state: 'ended', disposition: 'resolved', workerId: 'w-sam' });
    // B is younger than the retention: untouched.
    expect({ transcript: await orch.store.transcript(b), handoff: await orch.store.latestHandoff(b), events: await sessionEvents(orch, b), facts: await intakeFacts(b) }).toEqual(bBefore);
    expect((await ok(oliviaWs, 'session:notes', { sessionId: b })).notes).toHaveLength(1);
    // Callbacks: the completed one erased, the open one kept.
    const cbDone = await db.selectFrom('callbacks').selectAll().where('id', '=', done.callbackId).executeTakeFirstOrThrow();
    expect(cbDone).toMatchObject({ status: 'done', name: '[erased]', contact: '[erased]', note: null, ticket: expect.stringMatching(/^CB-/) });
    expect(cbDone.erased_at).not.toBeNull();
    expect(await db.selectFrom('callbacks').selectAll().where('id', '=', open.callbackId).executeTakeFirstOrThrow()).toMatchObject({ status: 'open', name: 'Open Caller', contact: PII.email, note: 'still waiting', erased_at: null });
    // Audit: the two events past 365 days gone, the 300-day one kept; the purge audited itself.
    expect((await orch.trust.auth.auditEvents({ subject: 'test:retention' })).map((e) => e.data)).toEqual([{ days: 300 }]);
    expect(await orch.trust.auth.auditEvents({ action: 'retention.purged' })).toEqual([expect.objectContaining({ actor: 'system', subject: 'retention', data: { ...first } })]);

    // --- 300 days later (fake clock): everything is past the transcript retention, A's events past the audit period.
    const later = new Date(now + 300 * DAY_MS);
    const lateService = new PrivacyService({ db, auth: orch.trust.auth, logger: orch.logger, policy: { transcriptDays: 90, callbackDays: 30, auditDays: 365 }, now: () => later });
    const auditCutoff = new Date(later.getTime() - 365 * DAY_MS);
    expect(await db.selectFrom('sessions').select('id').where('state', '!=', 'ended').execute()).toEqual([]);
    const expected: PurgeReport = {
      transcriptEntries: await count(db.selectFrom('transcript_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()),
      handoffPackages: await count(db.selectFrom('handoff_packages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()),
      notes:
        (await count(db.selectFrom('session_events').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'note').executeTakeFirstOrThrow())) +
        (await count(db.selectFrom('session_events').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'ended').where(sql<boolean>`data ? 'notes'`).executeTakeFirstOrThrow())),
      callbacksErased: 0,
      auditEvents: 1,
      sessionEvents: await count(db.selectFrom('session_events').select((eb) => eb.fn.countAll().as('n')).where('type', 'not in', ['escalated', 'note']).where('created_at', '<', auditCutoff).executeTakeFirstOrThrow()),
      signInSessions: 0,
    };
    expect(expected.notes).toBe(2); // B's note and end notes
    expect(expected.sessionEvents).toBeGreaterThanOrEqual(4); // A's started, accepted, ended...
    expect(await lateService.purge()).toEqual(expected);
    // A keeps only its escalation, reduced to the reason code; B's events are within the audit period.
    expect(await sessionEvents(orch, a)).toEqual([{ type: 'escalated', data: { reasons: [{ code: 'explicit_request' }], purged: true } }]);
    expect((await sessionEvents(orch, b)).map((e) => e.type)).toEqual(bBefore.events.filter((e) => e.type !== 'note').map((e) => e.type));
    expect(await orch.store.transcript(b)).toEqual([]);
    expect(await intakeFacts(b)).toBeNull();
    expect(await db.selectFrom('callbacks').select('name').where('id', '=', open.callbackId).executeTakeFirstOrThrow()).toEqual({ name: 'Open Caller' });
    // Idempotent.
    expect(await lateService.purge()).toEqual({ transcriptEntries: 0, handoffPackages: 0, notes: 0, callbacksErased: 0, auditEvents: 0, sessionEvents: 0, signInSessions: 0 });

    // KPIs still count all four sessions and both sessions of each escalation reason.
    const kpi = (await (await api(orch, '/api/kpi', await tokenOf(orch, 'olivia'))).json()) as { sessionsTotal: number; escalationByReason: { code: string; sessions: number }[]; csat: unknown };
    expect(kpi.sessionsTotal).toBe(4);
    expect(Object.fromEntries(kpi.escalationByReason.filter((r) => r.sessions > 0).map((r) => [r.code, r.sessions]))).toEqual({ explicit_request: 2, visitor_choice: 2 });
    expect(await ask(oliviaWs, 'kpi:report', {})).toMatchObject({ ok: true, data: { sessionsTotal: 4 } });
  });
});
