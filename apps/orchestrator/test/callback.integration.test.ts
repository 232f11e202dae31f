import { afterEach, describe, expect, it } from 'vitest';
import type { Orchestrator } from '../src/server.ts';
import { ask, consoleSocket, kioskSocket, next, ok, startTestOrchestrator } from './helpers.ts';

describe('callback instead of a wait', () => {
  let orch: Orchestrator | undefined;
  afterEach(async () => orch?.close());

  it('offers a callback when nobody can serve, stores it with a ticket, and workers complete it', async () => {
    orch = await startTestOrchestrator();
    const kiosk = await kioskSocket(orch);
    const status = next(kiosk, 'queue:status');
    const { session } = await ok(kiosk, 'session:start', { language: 'ja', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    expect((await status).callbackReason).toBe('no_workers');

    const bad = await ask(kiosk, 'visitor:callback', { sessionId: session.id, name: 'Yuki', contact: 'call me maybe' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'contact' }] } });
    const { ticket } = await ok(kiosk, 'visitor:callback', { sessionId: session.id, name: 'Yuki Sato', contact: '+81 3-1234-5678', note: '住民票について' });
    expect(ticket).toMatch(/^CB-[0-9A-F]{6}$/);
    expect(await orch.store.getSession(session.id)).toMatchObject({ state: 'ended', disposition: 'callback' });
    expect(await orch.sessions.queueStatus(session.id)).toBeUndefined();

    const aiko = await consoleSocket(orch, 'aiko');
    const kenji = await consoleSocket(orch, 'kenji');
    const sam = await consoleSocket(orch, 'sam');
    const { callbacks } = await ok(aiko, 'callbacks:list');
    // Lists mask the contact; the full contact is read one callback at a time, audited.
    expect(callbacks).toEqual([expect.objectContaining({ ticket, name: 'Yuki Sato', contact: '+•• •-••••-••78', language: 'ja', status: 'open' })]);
    expect(await ok(aiko, 'callback:contact', { callbackId: callbacks[0].id })).toEqual({ name: 'Yuki Sato', contact: '+81 3-1234-5678' });
    expect(await orch.store.events(session.id)).not.toContainEqual(expect.objectContaining({ type: 'callback.contact_viewed' }));
    const { AuthStore } = await import('../src/auth/authStore.ts');
    expect(await new AuthStore(orch.database.db).auditEvents({ subject: `callback:${callbacks[0].id}` })).toEqual([expect.objectContaining({ actor: 'worker:w-aiko', action: 'callback.contact_viewed' })]);
    // Least privilege: Sam speaks no Japanese, so he neither sees nor completes it; staff may not list callbacks.
    expect((await ok(sam, 'callbacks:list')).callbacks).toEqual([]);
    expect(await ask(sam, 'callback:contact', { callbackId: callbacks[0].id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ask(sam, 'callback:complete', { callbackId: callbacks[0].id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    sam.close();
    expect(await ask(kenji, 'callbacks:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await ok(aiko, 'callback:complete', { callbackId: callbacks[0].id })).callback).toMatchObject({ status: 'done', handledBy: 'w-aiko' });
    expect((await ok(aiko, 'callbacks:list')).callbacks).toEqual([]);
    for (const s of [kiosk, aiko, kenji]) s.close();
    // The first test of the file also starts the orchestrator (media worker, models): 11-14 s idle, 20 s and more on a loaded machine.
  }, 60_000);

  it('offers a callback after hours even when workers are available', async () => {
    orch = await startTestOrchestrator({ officeHours: 'sun 00:00-00:01' });
    const sam = await consoleSocket(orch, 'sam');
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const kiosk = await kioskSocket(orch);
    const status = next(kiosk, 'queue:status');
    await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'person' });
    expect((await status).callbackReason).toBe('after_hours');
    for (const s of [kiosk, sam]) s.close();
  });
});
