import { describe, expect, it } from 'vitest';
import { ask, consoleSocket, kioskSocket, next, ok, sharedOrchestrator } from './helpers.ts';

describe('supervisor view', () => {
  const t = sharedOrchestrator();

  it('sees queues, workers and calls; reassigns a waiting visitor; monitors and barges in', async () => {
    const kiosk = await kioskSocket(t.orch);
    const olivia = await consoleSocket(t.orch, 'olivia');
    const sam = await consoleSocket(t.orch, 'sam');
    t.sockets.push(kiosk, olivia, sam);
    await ok(olivia, 'console:hello');
    await ok(sam, 'console:hello');
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    const snap = await ok(olivia, 'supervisor:snapshot', {});
    expect(snap.queue).toEqual([expect.objectContaining({ sessionId: session.id, deviceName: 'Lobby robot 1', department: 'general', offered: false })]);
    expect(snap.workers.map((w: { id: string; state: string }) => `${w.id}:${w.state}`).sort()).toEqual(['s-olivia:away', 'w-sam:away']);
    expect(await ask(sam, 'supervisor:snapshot', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Reassign the waiting visitor to Sam directly (Sam is away but connected).
    const offer = next(sam, 'offer:new');
    await ok(olivia, 'supervisor:reassign', { sessionId: session.id, toWorkerId: 'w-sam' });
    const o = await offer;
    expect(o.transfer).toMatchObject({ fromWorkerId: 's-olivia' });
    await ok(sam, 'offer:accept', { offerId: o.id });
    const update = await next(olivia, 'supervisor:update', 20_000, (u: { calls: unknown[]; queue: unknown[] }) => u.calls.length === 1);
    expect(update.calls[0]).toMatchObject({ sessionId: session.id, workerId: 'w-sam', workerName: 'Sam Carter' });
    expect(update.queue).toEqual([]);

    // Monitor: context and transcript; media as a monitor that cannot send until barging in.
    const monitored = await ok(olivia, 'supervisor:monitor', { sessionId: session.id });
    expect(monitored.session.workerId).toBe('w-sam');
    const join = await ok(olivia, 'media:join', { sessionId: session.id });
    expect((join.routerRtpCapabilities as { codecs: { mimeType: string }[] }).codecs.map((c) => c.mimeType)).toContain('video/VP8');
    const transport = await ok(olivia, 'media:create-transport', { sessionId: session.id, direction: 'send' });
    const produce = { sessionId: session.id, transportId: transport.id, kind: 'audio', rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 1111 }] } };
    expect(await ask(olivia, 'media:produce', produce)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask(olivia, 'supervisor:message', { sessionId: session.id, text: 'hi' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const seen = next(olivia, 'transcript:entry', 20_000, (e: { text: string }) => e.text === 'Thank you');
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Thank you' });
    await seen;

    await ok(olivia, 'supervisor:barge-in', { sessionId: session.id });
    const onKiosk = next(kiosk, 'transcript:entry', 20_000, (e: { speaker: string; text: string }) => e.speaker === 'supervisor');
    const onWorker = next(sam, 'transcript:entry', 20_000, (e: { text: string }) => e.text === 'I am the supervisor, I can help.');
    await ok(olivia, 'supervisor:message', { sessionId: session.id, text: 'I am the supervisor, I can help.' });
    expect((await onKiosk).text).toBe('I am the supervisor, I can help.');
    await onWorker;
    const produced = await ask(olivia, 'media:produce', produce);
    expect(produced.ok).toBe(true); // allowed after barging in
    const events = (await t.orch.store.events(session.id)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['reassigned', 'monitored', 'barged_in']));
  });
});
