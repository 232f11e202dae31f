import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Orchestrator } from '../src/server.ts';
import { ask, consoleSocket, kioskSocket, next, ok, startTestOrchestrator } from './helpers.ts';

const telemetry = (over: Record<string, unknown> = {}) => ({
  batteryPercent: 80,
  charging: false,
  robotLink: 'up',
  appVersion: '0.1.0',
  robot: { estop: false, pose: { x: 1, y: 2, theta: 0 }, navigation: null },
  media: { camera: 'ok', microphone: 'ok' },
  ...over,
});

/** Fleet monitoring: alerts from telemetry, out of service on critical alerts, staff actions. */
describe('fleet alerts and service state', () => {
  let orch: Orchestrator;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    orch = await startTestOrchestrator({ offlineGraceMs: 300 });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await orch.close();
  });

  it('opens, acknowledges and resolves alerts; a critical alert takes the device out of service', { timeout: 60_000 }, async () => {
    const kenji = await consoleSocket(orch, 'kenji');
    const sam = await consoleSocket(orch, 'sam');
    const kiosk = await kioskSocket(orch);
    sockets.push(kenji, sam, kiosk);
    await ok(kenji, 'console:hello');
    await ok(sam, 'console:hello');
    await ok(kiosk, 'device:telemetry', telemetry());
    expect((await ok(kenji, 'fleet:snapshot')).alerts).toEqual([]);

    // Low battery: a warning, still in service.
    const lowAlert = next(kenji, 'alert:update', 20_000, (a: { kind: string }) => a.kind === 'low_battery');
    await ok(kiosk, 'device:telemetry', telemetry({ batteryPercent: 12 }));
    expect(await lowAlert).toMatchObject({ deviceId: 'lobby-1', severity: 'warning', state: 'open', detail: 'Battery 12%' });
    const snap = await ok(kenji, 'fleet:snapshot');
    expect(snap.devices[0]).toMatchObject({ batteryPercent: 12, inService: true, pose: { x: 1, y: 2, theta: 0 }, camera: 'ok', navigation: null });
    // Navigation progress reported by the kiosk reaches the console.
    const nav = next(kenji, 'device:update', 20_000, (d: { navigation: unknown }) => d.navigation !== null);
    await ok(kiosk, 'device:telemetry', telemetry({ batteryPercent: 12, robot: { estop: false, pose: { x: 1, y: 2, theta: 0 }, navigation: { waypoint: 'counter-3', status: 'active', distanceRemaining: 4.2 } } }));
    expect((await nav).navigation).toEqual({ waypoint: 'counter-3', status: 'active', distanceRemaining: 4.2 });

    // E-stop: critical; the kiosk is told it is out of service and new sessions are refused.
    const outOfService = next(kiosk, 'device:service');
    await ok(kiosk, 'device:telemetry', telemetry({ batteryPercent: 12, robot: { estop: true, pose: null, navigation: null } }));
    expect(await outOfService).toEqual({ inService: false, reasons: ['estop'] });
    const refused = await ask(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    // Workers cannot acknowledge; staff can.
    const estop = (await ok(kenji, 'fleet:snapshot')).alerts.find((a: { kind: string }) => a.kind === 'estop');
    expect(await ask(sam, 'alert:ack', { alertId: estop.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await ok(kenji, 'alert:ack', { alertId: estop.id })).alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'f-kenji' });

    // The condition clears: the alert resolves itself and the device is back in service.
    const backInService = next(kiosk, 'device:service');
    await ok(kiosk, 'device:telemetry', telemetry({ batteryPercent: 12 }));
    expect(await backInService).toEqual({ inService: true, reasons: [] });
    expect((await ok(kenji, 'fleet:snapshot')).alerts.map((a: { kind: string }) => a.kind)).toEqual(['low_battery']);

    // Staff put it out of service by hand, and back.
    expect((await ok(kenji, 'device:set-service', { deviceId: 'lobby-1', inService: false })).device.inService).toBe(false);
    expect(await ask(kiosk, 'session:start', { language: 'en', consentAcceptedAt: new Date().toISOString(), mode: 'assistant' })).toMatchObject({ ok: false });
    expect((await ok(kenji, 'device:set-service', { deviceId: 'lobby-1', inService: true })).device.inService).toBe(true);

    // Battery history was recorded: condition changes at once, other reports at most every
    // TELEMETRY_STORE_MS (the navigation-only report is coalesced into the next one). Bad input names the field.
    await orch.sessions.flushTelemetry();
    const history = await ok(kenji, 'device:history', { deviceId: 'lobby-1', hours: 1 });
    expect(history.samples.map((s: { batteryPercent: number }) => s.batteryPercent)).toEqual([80, 12, 12, 12]);
    expect(await ask(kenji, 'device:history', { deviceId: 'lobby-1', hours: 0 })).toMatchObject({ ok: false, error: { issues: [{ path: 'hours' }] } });
    expect(await ask(kiosk, 'device:telemetry', telemetry({ batteryPercent: 140 }))).toMatchObject({ ok: false, error: { issues: [{ path: 'batteryPercent' }] } });
    await orch.sessions.flushTelemetry();
    expect((await ok(kenji, 'device:history', { deviceId: 'lobby-1', hours: 1 })).samples).toHaveLength(4);

    // Reload reaches the kiosk.
    const reload = next(kiosk, 'device:reload');
    await ok(kenji, 'device:reload', { deviceId: 'lobby-1' });
    await reload;

    // Disconnect: offline after the grace period.
    const offline = next(kenji, 'alert:update', 20_000, (a: { kind: string }) => a.kind === 'offline');
    kiosk.close();
    expect(await offline).toMatchObject({ severity: 'critical', state: 'open' });
    expect((await ok(kenji, 'fleet:snapshot')).devices[0]).toMatchObject({ online: false, inService: false });
  });
});
