import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '@telekiosk/shared';
import { desiredAlerts } from './alertRules.ts';

const base: DeviceStatus = {
  device: { id: 'd1', name: 'D1', location: 'Lobby' },
  online: true,
  lastSeenAt: null,
  batteryPercent: 80,
  charging: false,
  robotLink: 'up',
  appVersion: '1',
  sessionState: null,
  estop: false,
  pose: null,
  navigation: null,
  inService: true,
  camera: 'ok',
  microphone: 'ok',
};

describe('desiredAlerts', () => {
  it('raises nothing for a healthy device', () => {
    expect([...desiredAlerts(base, 0).keys()]).toEqual([]);
  });
  it('raises offline only after the grace period, and nothing else while offline', () => {
    const off = { ...base, online: false, estop: true };
    expect(desiredAlerts(off, 4999).size).toBe(0);
    expect([...desiredAlerts(off, 5000)]).toEqual([['offline', { severity: 'critical', detail: 'No connection for 5 s' }]]);
  });
  it('grades low battery, ignores it while charging', () => {
    expect(desiredAlerts({ ...base, batteryPercent: 15 }, 0).get('low_battery')?.severity).toBe('warning');
    expect(desiredAlerts({ ...base, batteryPercent: 5 }, 0).get('low_battery')?.severity).toBe('critical');
    expect(desiredAlerts({ ...base, batteryPercent: 5, charging: true }, 0).has('low_battery')).toBe(false);
  });
  it('maps e-stop, camera and microphone failures to critical, robot link and stuck to warnings', () => {
    const a = desiredAlerts({ ...base, estop: true, camera: 'failed', microphone: 'failed', robotLink: 'down', stuck: true }, 0);
    expect(Object.fromEntries([...a].map(([k, v]) => [k, v.severity]))).toEqual({
      estop: 'critical',
      camera_failure: 'critical',
      microphone_failure: 'critical',
      robot_link_lost: 'warning',
      stuck: 'warning',
    });
  });
});
