import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Orchestrator } from '../src/server.ts';
import { ask, consoleSocket, disconnected, kioskSocket, next, ok, startTestOrchestrator } from './helpers.ts';

/** Worker loss, transfers and handback: the visitor is never dropped and nothing of the transcript is lost. */
describe('handover during a call', () => {
  let orch: Orchestrator | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await orch?.close();
  });

  async function inCall(overrides: Record<string, unknown> = {}) {
    orch = await startTestOrchestrator(overrides);
    const kiosk = await kioskSocket(orch);
    const sam = await consoleSocket(orch, 'sam');
    const olivia = await consoleSocket(orch, 'olivia');
    sockets.push(kiosk, sam, olivia);
    await ok(sam, 'console:hello');
    await ok(olivia, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'My tax certificate is wrong' });
    const offer = next(sam, 'offer:new');
    await ok(kiosk, 'visitor:request-person', { sessionId: session.id });
    await ok(sam, 'offer:accept', { offerId: (await offer).id });
    return { orch, kiosk, sam, olivia, session };
  }

  it('requeues the visitor at the head of the queue when the worker drops and does not come back', async () => {
    const { orch, kiosk, sam, olivia, session } = await inCall({ reconnectGraceMs: 300 });
    const update = next(kiosk, 'session:update', 20_000, (s: { state: string; workerId: string | null }) => s.state === 'queued');
    const notice = next(kiosk, 'transcript:entry', 20_000, (e: { speaker: string; text: string }) => e.speaker === 'system' && /disconnected/.test(e.text));
    sam.close();
    expect((await update).workerId).toBeNull();
    expect((await notice).text).toMatch(/disconnected/);
    // The next available worker gets the offer with the whole transcript.
    const offer = next(olivia, 'offer:new');
    await ok(olivia, 'worker:set-state', { state: 'available' });
    const o = await offer;
    expect(o.handoff.transcript.map((e: { text: string }) => e.text)).toContain('My tax certificate is wrong');
    expect((await orch.store.events(session.id)).map((e) => e.type)).toContain('worker_lost');
    // The first test of the file also starts the orchestrator (media worker, models): 11-14 s idle, 20 s and more on a loaded machine.
  }, 60_000);

  it('keeps the call when the worker reconnects within the grace period', async () => {
    const { orch, sam, session } = await inCall({ reconnectGraceMs: 2000 });
    sam.close();
    await disconnected(orch, 'console', 'w-sam');
    const again = await consoleSocket(orch, 'sam');
    sockets.push(again);
    const hello = await ok(again, 'console:hello');
    expect(hello.assignment?.session.id).toBe(session.id);
    await new Promise((r) => setTimeout(r, 2300));
    expect((await orch.store.getSession(session.id))?.state).toBe('in_call');
  });

  it('cold-transfers to a department queue and the worker wraps up', async () => {
    const { orch, kiosk, sam, session } = await inCall();
    const queued = next(kiosk, 'session:update', 20_000, (s: { state: string; workerId: string | null }) => s.state === 'queued');
    const wrap = next(sam, 'worker:update', 20_000, (w: { state: string }) => w.state === 'wrap_up');
    await ok(sam, 'session:transfer', { sessionId: session.id, mode: 'cold', department: 'tax', note: 'certificate error' });
    await queued;
    await wrap;
    const ev = (await orch.store.events(session.id)).find((e) => e.type === 'transferred');
    expect(ev?.data).toMatchObject({ mode: 'cold', department: 'tax' });
    expect(await ask(sam, 'session:transfer', { sessionId: session.id, mode: 'cold', department: 'Tax Dept' })).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'department' }] } });
  });

  it('warm-transfers to a colleague with the note; decline keeps the call, accept passes it over', async () => {
    const { orch, kiosk, sam, olivia, session } = await inCall();
    expect((await ok(sam, 'workers:list')).workers.map((w: { id: string }) => w.id).sort()).toEqual(['s-olivia', 'w-sam']);
    let offer = next(olivia, 'offer:new');
    await ok(sam, 'session:transfer', { sessionId: session.id, mode: 'warm', toWorkerId: 's-olivia', note: 'Needs a supervisor for the fee' });
    let o = await offer;
    expect(o.transfer).toEqual({ fromWorkerId: 'w-sam', fromName: 'Sam Carter', note: 'Needs a supervisor for the fee' });
    const failed = next(sam, 'transfer:failed');
    await ok(olivia, 'offer:decline', { offerId: o.id });
    expect(await failed).toMatchObject({ reason: 'declined', toWorkerId: 's-olivia' });
    expect((await orch.store.getSession(session.id))?.workerId).toBe('w-sam');

    offer = next(olivia, 'offer:new');
    await ok(sam, 'session:transfer', { sessionId: session.id, mode: 'warm', toWorkerId: 's-olivia', note: 'Second try' });
    o = await offer;
    const started = next(kiosk, 'call:started');
    const assignment = await ok(olivia, 'offer:accept', { offerId: o.id });
    expect(assignment.session.workerId).toBe('s-olivia');
    expect(assignment.transcript.map((e: { text: string }) => e.text)).toContain('My tax certificate is wrong');
    expect((await started).worker.displayName).toBe('Olivia Brown');
    expect(await ask(sam, 'worker:message', { sessionId: session.id, text: 'still here?' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ask(sam, 'session:transfer', { sessionId: session.id, mode: 'warm', toWorkerId: 'nobody', note: 'x' })).toMatchObject({ ok: false });
  });

  it('hands the visitor back to the AI assistant', async () => {
    const { orch, kiosk, sam, session } = await inCall();
    const back = next(kiosk, 'session:update', 20_000, (s: { state: string; workerId: string | null }) => s.state === 'intake');
    await ok(sam, 'session:handback', { sessionId: session.id, note: 'only needed the hours' });
    expect((await back).workerId).toBeNull();
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'When are you open?' });
    expect(res.entries[1].speaker).toBe('assistant');
    await ok(kiosk, 'session:leave', { sessionId: session.id, reason: 'visitor_left' });
    expect((await orch.store.getSession(session.id))?.disposition).toBe('handback_ai');
  });
});
