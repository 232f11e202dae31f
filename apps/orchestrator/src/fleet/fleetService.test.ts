import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, DeviceStatus } from '@telekiosk/shared';
import { openDatabase, type Database } from '../db/database.ts';
import { Store } from '../db/store.ts';
import { createLogger } from '../logger.ts';
import { FleetService } from './fleetService.ts';

/** A clock whose timers the test fires by hand, at whatever time the test sets (also early). */
function handClock() {
  let now = 1_000_000;
  const timers: { fn: () => void; at: number }[] = [];
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      const t = { fn, at: now + ms };
      timers.push(t);
      return t;
    },
    clearTimeout: (h: unknown) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    /** Sets the clock to `t` and fires the first pending timer (whatever its due time). */
    fireAt(t: number) {
      now = t;
      const next = timers.shift();
      next?.fn();
    },
    pending: () => timers.length,
  };
}

describe('fleet offline alert', () => {
  let database: Database;
  let store: Store;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    store = new Store(database.db);
    await store.fleet.upsertDevice({ id: 'k1', name: 'Kiosk 1', location: 'Hall', tokenHash: 'a'.repeat(64) });
  });
  afterAll(() => database.close());

  it('opens even when the grace timer fires a millisecond early (it waits out the rest)', async () => {
    const clock = handClock();
    const alerts: Alert[] = [];
    const fleet = new FleetService(store, clock, createLogger('silent'), { alert: (a) => alerts.push(a), service: () => undefined }, { offlineGraceMs: 300, lowBatteryWarnPercent: 20, lowBatteryCriticalPercent: 8 });
    const status = { device: { id: 'k1', name: 'Kiosk 1', location: 'Hall' }, online: false, lastSeenAt: null, batteryPercent: null, charging: null, robotLink: 'none', appVersion: null, sessionState: null, estop: null, pose: null, navigation: null, inService: true, camera: 'unknown', microphone: 'unknown' } as unknown as DeviceStatus;
    const start = clock.now();
    fleet.connectionChanged('k1', false, async () => status);
    await new Promise((r) => setTimeout(r, 50)); // the immediate evaluation (not yet offline long enough)
    expect(alerts).toEqual([]);
    clock.fireAt(start + 299); // early
    await new Promise((r) => setTimeout(r, 50));
    expect(alerts).toEqual([]);
    expect(clock.pending()).toBe(1); // re-armed for the last millisecond
    clock.fireAt(start + 300);
    for (let i = 0; i < 100 && alerts.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(alerts).toEqual([expect.objectContaining({ deviceId: 'k1', kind: 'offline', severity: 'critical', state: 'open' })]);
  });
});
