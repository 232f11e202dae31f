import { describe, expect, it } from 'vitest';
import { ask, consoleSocket, disconnected, kioskSocket, next, ok, sharedOrchestrator } from './helpers.ts';

/** The control lease: only the assigned worker drives; it ends with the session; supervisors revoke. */
describe('robot control lease', () => {
  const t = sharedOrchestrator();

  it('relays commands of the lease holder only, and ends the lease with the session', async () => {
    const kiosk = await kioskSocket(t.orch);
    const sam = await consoleSocket(t.orch, 'sam');
    const maria = await consoleSocket(t.orch, 'maria');
    const olivia = await consoleSocket(t.orch, 'olivia');
    const kenji = await consoleSocket(t.orch, 'kenji');
    t.sockets.push(kiosk, sam, maria, olivia, kenji);
    const received: unknown[] = [];
    kiosk.on('robot:command', (cmd: unknown, ack: (r: unknown) => void) => {
      received.push(cmd);
      ack({ ok: true, ...(cmd as { type: string }).type === 'ping' ? { rosRttMs: 3 } : {} });
    });
    for (const s of [sam, maria, olivia, kenji]) await ok(s, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    const offer = await next(sam, 'offer:new');
    const lease = next(sam, 'robot:lease');
    await ok(sam, 'offer:accept', { offerId: offer.id });
    expect(await lease).toEqual({ sessionId: session.id, holder: 'w-sam' });

    expect(await ok(sam, 'robot:command', { sessionId: session.id, command: { type: 'drive', linear: 0.3, angular: 0 } })).toEqual({ ok: true });
    expect(received.at(-1)).toEqual({ type: 'drive', linear: 0.3, angular: 0 });
    expect(await ok(sam, 'robot:command', { sessionId: session.id, command: { type: 'ping' } })).toEqual({ ok: true, rosRttMs: 3 });

    // Bad input changes nothing: a speed out of range is refused with the field named.
    const bad = await ask(sam, 'robot:command', { sessionId: session.id, command: { type: 'drive', linear: 9, angular: 0 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'command.linear' }] } });
    // Another worker, and staff, cannot drive.
    expect(await ask(maria, 'robot:command', { sessionId: session.id, command: { type: 'drive', linear: 0.1, angular: 0 } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask(kenji, 'robot:command', { sessionId: session.id, command: { type: 'stop' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask(sam, 'robot:command', { sessionId: session.id, command: { type: 'estop_release' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const count = received.length;

    // Staff release an e-stop; workers cannot.
    expect(await ok(kenji, 'robot:estop-release', { deviceId: 'lobby-1' })).toEqual({ ok: true });
    expect(received.at(-1)).toEqual({ type: 'estop_release' });
    expect(await ask(sam, 'robot:estop-release', { deviceId: 'lobby-1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // A supervisor revokes the lease: the robot is told to stop and the worker can no longer drive.
    expect(await ask(sam, 'robot:revoke-lease', { sessionId: session.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const revoked = next(sam, 'robot:lease');
    await ok(olivia, 'robot:revoke-lease', { sessionId: session.id });
    expect((await revoked).holder).toBeNull();
    expect(await ask(sam, 'robot:command', { sessionId: session.id, command: { type: 'drive', linear: 0.1, angular: 0 } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(received.length).toBe(count + 2); // estop_release + stop on revoke
    expect(received.at(-1)).toEqual({ type: 'stop' });

    await ok(sam, 'session:end', { sessionId: session.id, disposition: 'resolved' });
    expect(await ask(sam, 'robot:command', { sessionId: session.id, command: { type: 'stop' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers device_offline when the kiosk is not connected', async () => {
    const kenji = await consoleSocket(t.orch, 'kenji');
    t.sockets.push(kenji);
    for (const s of t.sockets.splice(0, 1)) s.close(); // the kiosk from the previous test
    await disconnected(t.orch, 'device', t.orch.demo!.deviceId);
    expect(await ok(kenji, 'robot:estop-release', { deviceId: 'lobby-1' })).toEqual({ ok: false, reason: 'device_offline' });
    expect(await ask(kenji, 'robot:estop-release', { deviceId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
