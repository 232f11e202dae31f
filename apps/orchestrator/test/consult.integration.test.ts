import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { ask, consoleSocket, kioskSocket, next, ok, sharedOrchestrator } from './helpers.ts';

/** Opus audio as a client would send it (the SFU accepts it without a connected transport). */
const opus = (ssrc: number) => ({ codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc }] });

/**
 * Warm transfer with a private consult, against the real SFU (mediasoup) over socket.io: the
 * visitor is on hold and cannot consume the workers' producers (the consult audio) while the
 * two workers talk; then the colleague joins and the first worker leaves.
 */
describe('warm transfer with a private consult', () => {
  const t = sharedOrchestrator();

  async function produceAudio(s: Socket, sessionId: string, ssrc: number): Promise<string> {
    await ok(s, 'media:join', { sessionId });
    const send = await ok(s, 'media:create-transport', { sessionId, direction: 'send' });
    return (await ok<{ producerId: string }>(s, 'media:produce', { sessionId, transportId: send.id, kind: 'audio', rtpParameters: opus(ssrc) })).producerId;
  }

  it('puts the visitor on hold, keeps the consult audio and text from the kiosk, then joins and hands over', async () => {
    const { orch } = t;
    const kiosk = await kioskSocket(orch);
    const sam = await consoleSocket(orch, 'sam');
    const maria = await consoleSocket(orch, 'maria');
    t.sockets.push(kiosk, sam, maria);
    await ok(sam, 'console:hello');
    await ok(maria, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const offer = next(sam, 'offer:new');
    const { session } = await ok(kiosk, 'session:start', { language: 'es', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    await ok(sam, 'offer:accept', { offerId: (await offer).id });
    await ok(maria, 'worker:set-state', { state: 'available' });

    // The call: the kiosk consumes Sam's audio.
    const kioskJoin = await ok(kiosk, 'media:join', { sessionId: session.id });
    const caps = kioskJoin.routerRtpCapabilities;
    let kioskRecv = await ok(kiosk, 'media:create-transport', { sessionId: session.id, direction: 'recv' });
    const samAudio = await produceAudio(sam, session.id, 1111);
    const consumed = await ok(kiosk, 'media:consume', { sessionId: session.id, transportId: kioskRecv.id, producerId: samAudio, rtpCapabilities: caps });
    expect(consumed.producerId).toBe(samAudio);

    // Warm transfer with a consult; María accepts: she owns the session, Sam stays, the visitor is on hold.
    const transferOffer = next(maria, 'offer:new');
    await ok(sam, 'session:transfer', { sessionId: session.id, mode: 'warm', toWorkerId: 'w-maria', note: 'Needs a tax certificate, already gave her case number', consult: true });
    const o = await transferOffer;
    expect(o.transfer).toMatchObject({ fromWorkerId: 'w-sam', note: expect.stringContaining('tax certificate') });
    const hold = next(kiosk, 'call:hold');
    const lost = next(kiosk, 'media:producer-closed', 20_000, (p: { producerId: string }) => p.producerId === samAudio);
    const samUpdate = next(sam, 'consult:update');
    const samSessionUpdates: unknown[] = [];
    sam.on('session:update', (u) => samSessionUpdates.push(u));
    const assignment = await ok(maria, 'offer:accept', { offerId: o.id });
    expect(assignment.session.workerId).toBe('w-maria');
    expect(assignment.handoff.transcript.length).toBeGreaterThan(0); // the package before joining
    expect(await hold).toEqual({ sessionId: session.id, hold: true });
    await lost;
    expect(await samUpdate).toMatchObject({ phase: 'consult', fromWorkerId: 'w-sam', toWorkerId: 'w-maria', toName: 'María López' });
    expect(samSessionUpdates).toEqual([]); // Sam's call view stays

    // The consult: both workers' audio in the room; the kiosk has no consumer of either and cannot make one.
    const mariaAudio = await produceAudio(maria, session.id, 2222);
    const samRecv = await ok(sam, 'media:create-transport', { sessionId: session.id, direction: 'recv' });
    expect((await ok(sam, 'media:consume', { sessionId: session.id, transportId: samRecv.id, producerId: mariaAudio, rtpCapabilities: caps })).producerId).toBe(mariaAudio);
    const mariaRecv = await ok(maria, 'media:create-transport', { sessionId: session.id, direction: 'recv' });
    expect((await ok(maria, 'media:consume', { sessionId: session.id, transportId: mariaRecv.id, producerId: samAudio, rtpCapabilities: caps })).producerId).toBe(samAudio);
    for (const producerId of [samAudio, mariaAudio]) {
      expect(await ask(kiosk, 'media:consume', { sessionId: session.id, transportId: kioskRecv.id, producerId, rtpCapabilities: caps })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    const room = orch.media.existingRoom(session.id)!;
    expect(room.onHold).toBe(true);
    expect(room.producersFor('kiosk')).toEqual([]);
    // A kiosk (re)join during the hold is not given the workers' producers either.
    expect((await ok(kiosk, 'media:join', { sessionId: session.id })).producers).toEqual([]);
    kioskRecv = await ok(kiosk, 'media:create-transport', { sessionId: session.id, direction: 'recv' }); // the rejoin replaced the kiosk's transports

    // A reload of Sam's console during the consult: the call and the consult come back.
    const samAgain = await consoleSocket(orch, 'sam');
    t.sockets.push(samAgain);
    const hello = await ok(samAgain, 'console:hello');
    expect(hello.assignment?.session.id).toBe(session.id);
    expect(hello.consult).toMatchObject({ sessionId: session.id, phase: 'consult', fromWorkerId: 'w-sam', toWorkerId: 'w-maria' });
    expect((await ok(maria, 'console:hello')).consult).toMatchObject({ phase: 'consult' });
    samAgain.close();

    // Private text: both workers, never the kiosk or the transcript.
    const kioskLines: { text: string }[] = [];
    kiosk.on('transcript:entry', (e) => kioskLines.push(e));
    const onMaria = next(maria, 'consult:message');
    await ok(sam, 'consult:message', { sessionId: session.id, text: 'She is upset about the fee, be gentle' });
    expect(await onMaria).toMatchObject({ from: 'w-sam', fromName: 'Sam Carter', text: 'She is upset about the fee, be gentle' });
    expect((await orch.store.transcript(session.id)).map((e) => e.text).join('\n')).not.toContain('upset about the fee');
    // Only the two workers of the consult: another worker cannot read or join it.
    const wei = await consoleSocket(orch, 'wei');
    t.sockets.push(wei);
    expect(await ask(wei, 'consult:message', { sessionId: session.id, text: 'hi' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ask(sam, 'consult:join', { sessionId: session.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The visitor was told, in Spanish, that they are on hold.
    expect((await orch.store.transcript(session.id)).some((e) => e.speaker === 'system' && e.text.startsWith('Espere un momento'))).toBe(true);

    // María joins the visitor: the hold ends; the kiosk may consume both workers (three-way).
    const unhold = next(kiosk, 'call:hold');
    const started = next(kiosk, 'call:started');
    await ok(maria, 'consult:join', { sessionId: session.id });
    expect(await unhold).toEqual({ sessionId: session.id, hold: false });
    expect((await started).worker.displayName).toBe('María López');
    expect(room.producersFor('kiosk').map((p) => p.producerId).sort()).toEqual([samAudio, mariaAudio].sort());
    expect((await ok(kiosk, 'media:consume', { sessionId: session.id, transportId: kioskRecv.id, producerId: mariaAudio, rtpCapabilities: caps })).producerId).toBe(mariaAudio);
    expect(kioskLines.map((l) => l.text).join('\n')).not.toContain('upset');
    // In the three-way call Sam still follows the transcript.
    const samLine = next(sam, 'transcript:entry', 20_000, (e: { text: string }) => e.text === 'Gracias a los dos');
    await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Gracias a los dos' });
    await samLine;

    // Sam introduces the visitor and leaves: his media closes, he wraps up, María keeps the call.
    const ended = next(sam, 'consult:update', 20_000, (u: { phase: string }) => u.phase === 'ended');
    const samOut = next(sam, 'session:update');
    const samGone = next(kiosk, 'media:producer-closed', 20_000, (p: { producerId: string }) => p.producerId === samAudio);
    await ok(sam, 'consult:leave', { sessionId: session.id });
    await ended;
    expect((await samOut).workerId).toBe('w-maria');
    await samGone;
    expect(room.producersFor('kiosk').map((p) => p.producerId)).toEqual([mariaAudio]);
    expect(await ask(sam, 'media:join', { sessionId: session.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const events = (await orch.store.events(session.id)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['transferred', 'consult_started', 'consult_message', 'consult_joined', 'consult_left']));
    await ok(maria, 'session:end', { sessionId: session.id, disposition: 'resolved' });
  }, 120_000);

  it('without consult a warm transfer hands the call over at once, as before', async () => {
    const { orch } = t;
    const kiosk = await kioskSocket(orch);
    const sam = await consoleSocket(orch, 'sam');
    const aiko = await consoleSocket(orch, 'aiko');
    t.sockets.push(kiosk, sam, aiko);
    await ok(sam, 'console:hello');
    await ok(aiko, 'console:hello');
    await ok(aiko, 'worker:set-state', { state: 'away' });
    await ok(sam, 'worker:set-state', { state: 'available' });
    const offer = next(sam, 'offer:new');
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    await ok(sam, 'offer:accept', { offerId: (await offer).id });
    await ok(aiko, 'worker:set-state', { state: 'available' });
    const o = next(aiko, 'offer:new');
    await ok(sam, 'session:transfer', { sessionId: session.id, mode: 'warm', toWorkerId: 'w-aiko', note: 'over to you' });
    const out = next(sam, 'session:update');
    const started = next(kiosk, 'call:started');
    await ok(aiko, 'offer:accept', { offerId: (await o).id });
    expect((await out).workerId).toBe('w-aiko');
    expect((await started).worker.displayName).toBe('Aiko Tanaka');
    expect(await orch.store.consults.get(session.id)).toBeUndefined();
    await ok(aiko, 'session:end', { sessionId: session.id, disposition: 'resolved' });
  }, 120_000);
});
