import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Orchestrator } from '../src/server.ts';
import { ask, connect, consoleSocket, kioskSocket, login, next, ok, startTestOrchestrator } from './helpers.ts';

/**
 * Integration: real socket.io, real PGlite (in memory), real mediasoup worker. Plays a
 * session from kiosk to worker and checks authorization and bad input on the way.
 */
describe('session lifecycle over socket.io', () => {
  let orch: Orchestrator;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    orch = await startTestOrchestrator();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await orch.close();
  });
  const track = <T extends Socket>(s: T) => (sockets.push(s), s);

  it('refuses kiosks with a wrong device token and consoles without a valid token', async () => {
    await expect(connect(`${orch.url}/kiosk`, { deviceId: orch.demo!.deviceId, deviceToken: 'x'.repeat(32) })).rejects.toThrow(/unauthorized/);
    await expect(connect(`${orch.url}/kiosk`, { deviceId: 'lobby-1' })).rejects.toThrow(/unauthorized: invalid auth: deviceToken/);
    await expect(connect(`${orch.url}/console`, { token: 'not-a-token' })).rejects.toThrow(/unauthorized/);
  });

  it('rejects a wrong password and a malformed login body with named fields', async () => {
    const wrong = await login(orch, 'aiko', 'nope');
    expect(wrong.status).toBe(401);
    const res = await fetch(`${orch.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: '' }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['password', 'username']);
  });

  it('plays a session: intake, escalation, decline and re-offer, accept, messages, end, rating', async () => {
    const kiosk = track(await kioskSocket(orch));
    const aiko = track(await consoleSocket(orch, 'aiko'));
    const sam = track(await consoleSocket(orch, 'sam'));
    const kenji = track(await consoleSocket(orch, 'kenji')); // facility staff

    const { session } = await ok(kiosk, 'session:start', { language: 'ja', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    expect(session.state).toBe('intake');

    // Bad input: empty text and unknown session are refused, nothing is stored.
    const before = await orch.store.transcript(session.id);
    const bad = await ask(kiosk, 'visitor:message', { sessionId: session.id, text: '   ' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!bad.ok && bad.error.issues?.[0]?.path).toBe('text');
    const badId = await ask(kiosk, 'visitor:message', { sessionId: 'nope', text: 'hi' });
    expect(!badId.ok && badId.error.issues?.[0]?.path).toBe('sessionId');
    kiosk.emit('visitor:message', { sessionId: session.id, text: 'no ack' }); // no ack callback: dropped, nothing stored
    expect(await orch.store.transcript(session.id)).toEqual(before);

    const answered = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'When are you open?' });
    expect(answered.entries.map((e: { speaker: string }) => e.speaker)).toEqual(['visitor', 'assistant']);
    expect(answered.session.state).toBe('intake');

    // Both workers available; the Japanese speaker gets the offer first.
    await ok(aiko, 'console:hello');
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    await ok(aiko, 'worker:set-state', { state: 'available' });
    const staffSet = await ask(kenji, 'worker:set-state', { state: 'available' });
    expect(staffSet).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const samOffers: unknown[] = [];
    sam.on('offer:new', (o) => samOffers.push(o));
    const offerToAiko = next(aiko, 'offer:new');
    const escalated = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: '人と話したい' });
    expect(escalated.session.state).toBe('queued');
    const offer1 = await offerToAiko;
    expect(offer1.handoff.reasons[0]).toMatchObject({ code: 'explicit_request' });
    expect(offer1.handoff.transcript.map((e: { text: string }) => e.text)).toContain('When are you open?');
    expect(offer1.handoff.device.id).toBe('lobby-1');
    expect(samOffers).toHaveLength(0); // never two workers on one offer

    // Staff cannot accept; another worker cannot accept someone else's offer.
    expect(await ask(kenji, 'offer:accept', { offerId: offer1.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask(sam, 'offer:accept', { offerId: offer1.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Decline re-offers to the next available worker.
    const offerToSam = next(sam, 'offer:new');
    await ok(aiko, 'offer:decline', { offerId: offer1.id });
    const offer2 = await offerToSam;
    expect(offer2.sessionId).toBe(session.id);
    expect(await ask(aiko, 'offer:accept', { offerId: offer1.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const callStarted = next(kiosk, 'call:started');
    const assignment = await ok(sam, 'offer:accept', { offerId: offer2.id });
    expect(assignment.session.state).toBe('in_call');
    expect(assignment.handoff.owner).toBe('w-sam');
    expect((await callStarted).worker.displayName).toBe('Sam Carter');

    // Media: the router exists for the session and only its peers can use it.
    const join = await ok(sam, 'media:join', { sessionId: session.id });
    expect((join.routerRtpCapabilities as { codecs: unknown[] }).codecs.length).toBeGreaterThan(0);
    const transport = await ok(kiosk, 'media:create-transport', { sessionId: session.id, direction: 'send' });
    expect(transport.iceCandidates.length).toBeGreaterThan(0);
    expect(await ask(aiko, 'media:join', { sessionId: session.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ask(sam, 'media:produce', { sessionId: session.id, transportId: transport.id, kind: 'video', rtpParameters: { codecs: [] } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });

    // Worker message reaches the kiosk; another worker cannot post into the session.
    const entryOnKiosk = next(kiosk, 'transcript:entry', 20_000, (e: { speaker: string; text: string }) => e.speaker === 'worker');
    await ok(sam, 'worker:message', { sessionId: session.id, text: 'Hello, how can I help?' });
    expect((await entryOnKiosk).text).toBe('Hello, how can I help?');
    expect(await ask(aiko, 'worker:message', { sessionId: session.id, text: 'intrude' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // Visitor message during the call reaches the worker.
    const entryOnConsole = next(sam, 'transcript:entry', 20_000, (e: { speaker: string; text: string }) => e.speaker === 'visitor');
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'ありがとう' });
    expect((await entryOnConsole).text).toBe('ありがとう');

    // Rating before the end is refused; end with disposition; media room closed.
    expect(await ask(kiosk, 'session:rate', { sessionId: session.id, rating: 5 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const callEnded = next(kiosk, 'call:ended');
    const wrapUp = next(sam, 'worker:update', 20_000, (w: { state: string }) => w.state === 'wrap_up');
    await ok(sam, 'session:end', { sessionId: session.id, disposition: 'resolved', notes: 'explained hours' });
    expect((await callEnded).disposition).toBe('resolved');
    await wrapUp;
    await next(sam, 'worker:update', 20_000, (w: { state: string }) => w.state === 'available');
    expect(orch.media.roomCount).toBe(0);
    expect(await ask(kiosk, 'session:rate', { sessionId: session.id, rating: 9 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await ok(kiosk, 'session:rate', { sessionId: session.id, rating: 4 });

    // Persisted: session, transcript, handoff package and the audit trail.
    const stored = await orch.store.getSession(session.id);
    expect(stored).toMatchObject({ state: 'ended', disposition: 'resolved', rating: 4, workerId: 'w-sam' });
    const transcript = await orch.store.transcript(session.id);
    expect(transcript.map((e) => e.text)).toEqual(expect.arrayContaining(['When are you open?', '人と話したい', 'Hello, how can I help?', 'ありがとう']));
    expect(transcript.map((e) => e.seq)).toEqual(transcript.map((_, i) => i + 1));
    expect((await orch.store.latestHandoff(session.id))?.reasons[0]?.code).toBe('explicit_request');
    const events = (await orch.store.events(session.id)).map((e) => e.type);
    // The waiting visitor's first estimate is recorded once (predicted vs actual wait for KPIs).
    expect(events.filter((e) => e === 'wait_predicted')).toHaveLength(1);
    // What the assistant did with each question (article and version, or unknown) is recorded per turn.
    expect(events.filter((e) => e === 'intake_answered')).toHaveLength(2);
    expect(events.filter((e) => e !== 'wait_predicted' && e !== 'intake_answered')).toEqual(['started', 'policy_checked', 'escalated', 'offered', 'offer_declined', 'offered', 'accepted', 'ended', 'rated']);
  });

  it('starts with a person when the visitor chooses it, and shows queue status', async () => {
    const kiosk = track(await kioskSocket(orch));
    const queueStatus = next(kiosk, 'queue:status');
    const { session } = await ok(kiosk, 'session:start', { language: 'es', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    expect(session.state).toBe('queued');
    const q = await queueStatus;
    expect(q).toMatchObject({ sessionId: session.id, position: 1 });
    expect(q.estimatedWaitMs).toBeGreaterThan(0);
    expect((await orch.store.latestHandoff(session.id))?.reasons[0]?.code).toBe('visitor_choice');
    await ok(kiosk, 'session:leave', { sessionId: session.id, reason: 'visitor_left' });
    expect((await orch.store.getSession(session.id))?.state).toBe('ended');
    expect(await orch.sessions.queueStatus(session.id)).toBeUndefined();
  });
});

describe('session record API', () => {
  it('requires a token, checks the id, and limits workers to their own sessions', async () => {
    const orch = await startTestOrchestrator();
    try {
      const kiosk = await kioskSocket(orch);
      const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
      kiosk.close();
      const get = (id: string, token?: string) => fetch(`${orch.url}/api/sessions/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect((await get(session.id)).status).toBe(401);
      const sup = (await login(orch, 'olivia')).body.token;
      const worker = (await login(orch, 'sam')).body.token;
      expect((await get('not-a-uuid', sup)).status).toBe(400);
      expect((await get(session.id, worker)).status).toBe(404);
      const res = await get(session.id, sup);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { session: { id: string }; transcript: { speaker: string }[]; events: { type: string }[] };
      expect(body.session.id).toBe(session.id);
      expect(body.transcript[0]?.speaker).toBe('assistant');
      expect(body.events.map((e) => e.type)).toEqual(['started']);
    } finally {
      await orch.close();
    }
  });
});

describe('KPI, CSV and metrics endpoints', () => {
  it('serve supervisors only, and /metrics in Prometheus text format', async () => {
    const orch = await startTestOrchestrator();
    try {
      const kiosk = await kioskSocket(orch);
      const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
      await ok(kiosk, 'session:leave', { sessionId: session.id, reason: 'visitor_left' });
      kiosk.close();
      const sup = (await login(orch, 'olivia')).body.token;
      const worker = (await login(orch, 'sam')).body.token;
      const get = (path: string, token?: string) => fetch(`${orch.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect((await get('/api/kpi')).status).toBe(401);
      expect((await get('/api/kpi', worker)).status).toBe(403);
      const report = (await (await get('/api/kpi', sup)).json()) as { sessionsTotal: number; abandonmentRatePercent: number; escalationByReason: { code: string; sessions: number }[] };
      expect(report.sessionsTotal).toBe(1);
      expect(report.abandonmentRatePercent).toBe(100);
      expect(report.escalationByReason.find((r) => r.code === 'visitor_choice')?.sessions).toBe(1);
      const bad = await get('/api/kpi?from=yesterday', sup);
      expect(bad.status).toBe(400);
      const csv = await get('/api/sessions.csv', sup);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      expect(await csv.text()).toContain(session.id);
      const metrics = await (await get('/metrics')).text();
      expect(metrics).toMatch(/^telekiosk_sessions_total 1$/m);
      expect(metrics).toMatch(/^telekiosk_devices_online 0$/m);
      const ws = await consoleSocket(orch, 'olivia');
      expect((await ok(ws, 'kpi:report', {})).sessionsTotal).toBe(1);
      const samWs = await consoleSocket(orch, 'sam');
      expect(await ask(samWs, 'kpi:report', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      ws.close();
      samWs.close();
    } finally {
      await orch.close();
    }
  });
});
