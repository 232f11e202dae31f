import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Orchestrator } from '../src/server.ts';
import { consoleSocket, fakeIntake, kioskSocket, next, ok, startTestOrchestrator } from './helpers.ts';

/** The escalation policy decides after every visitor turn, with reasons, evidence and priority. */
describe('escalation policy in a session', () => {
  let orch: Orchestrator;
  beforeAll(async () => {
    orch = await startTestOrchestrator({}, fakeIntake);
  });
  afterAll(async () => orch.close());

  it('escalates a safety case at top priority, alerts facility staff, and keeps the device in service', async () => {
    const kiosk = await kioskSocket(orch);
    const kenji = await consoleSocket(orch, 'kenji');
    const sam = await consoleSocket(orch, 'sam');
    await ok(kenji, 'console:hello');
    await ok(sam, 'console:hello');
    await ok(sam, 'worker:set-state', { state: 'available' });
    const { session } = await ok(kiosk, 'session:start', { language: 'es', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    const staffAlert = next(kenji, 'alert:update', 20_000, (a: { kind: string }) => a.kind === 'safety');
    const offer = next(sam, 'offer:new');
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Un señor se ha desmayado, llamen a una ambulancia' });
    expect(res.session.state).toBe('queued');
    const handoff = (await offer).handoff;
    expect(handoff.reasons[0]).toMatchObject({ code: 'safety' });
    expect(handoff.reasons[0].evidence).toMatch(/ambulancia|desmayado/);
    expect(handoff.urgency).toBe('critical');
    expect(handoff.skills).toMatchObject({ language: 'es', department: 'security' });
    expect(await staffAlert).toMatchObject({ kind: 'safety', severity: 'critical', deviceId: 'lobby-1' });
    const snap = await ok(kenji, 'fleet:snapshot');
    expect(snap.devices[0].inService).toBe(true);
    const escalated = (await orch.store.events(session.id)).find((e) => e.type === 'escalated');
    expect(escalated?.data).toMatchObject({ priority: 0, department: 'security' });
    for (const s of [kiosk, kenji, sam]) s.close();
  });

  it('does not escalate an ordinary question', async () => {
    const kiosk = await kioskSocket(orch);
    const { session } = await ok(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    const res = await ok(kiosk, 'visitor:message', { sessionId: session.id, text: 'Where do I recycle plastic bottles?' });
    expect(res.session.state).toBe('intake');
    kiosk.close();
  });
});
