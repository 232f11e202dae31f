import type { AlertKind, DeviceStatus } from '@telekiosk/shared';

/** Alert thresholds (per deployment). */
export interface AlertThresholds {
  /** A disconnected device raises `offline` after this grace (ms), so a quick reconnect is not an alert. Default 5000 ms (staff see it within 10 s). */
  offlineGraceMs: number;
  /** Battery percent below which `low_battery` is a warning (not charging). Default 20 %. */
  lowBatteryWarnPercent: number;
  /** Battery percent below which `low_battery` is critical. Default 8 %. */
  lowBatteryCriticalPercent: number;
}
export const DEFAULT_THRESHOLDS: AlertThresholds = { offlineGraceMs: 5000, lowBatteryWarnPercent: 20, lowBatteryCriticalPercent: 8 };

/** An alert a device's condition calls for. */
export interface DesiredAlert {
  severity: 'warning' | 'critical';
  detail: string;
}

/**
 * The alerts a device's current condition calls for. Pure. `offlineForMs` is how long the
 * device has been disconnected (0 when online). Critical: offline, e-stop engaged, camera or
 * microphone failure (a telepresence kiosk cannot serve without them), battery below the
 * critical threshold. Warnings: low battery, robot link lost, stuck.
 */
export function desiredAlerts(d: DeviceStatus & { stuck?: boolean }, offlineForMs: number, th: AlertThresholds = DEFAULT_THRESHOLDS): Map<AlertKind, DesiredAlert> {
  const out = new Map<AlertKind, DesiredAlert>();
  if (!d.online) {
    if (offlineForMs >= th.offlineGraceMs) out.set('offline', { severity: 'critical', detail: `No connection for ${Math.round(offlineForMs / 1000)} s` });
    return out; // other readings are stale while offline
  }
  if (d.batteryPercent !== null && !d.charging && d.batteryPercent < th.lowBatteryWarnPercent) {
    out.set('low_battery', { severity: d.batteryPercent < th.lowBatteryCriticalPercent ? 'critical' : 'warning', detail: `Battery ${Math.round(d.batteryPercent)}%` });
  }
  if (d.estop) out.set('estop', { severity: 'critical', detail: 'Emergency stop engaged' });
  if (d.robotLink === 'down') out.set('robot_link_lost', { severity: 'warning', detail: 'Robot base not reachable over rosbridge' });
  if (d.camera === 'failed') out.set('camera_failure', { severity: 'critical', detail: 'Camera not available' });
  if (d.microphone === 'failed') out.set('microphone_failure', { severity: 'critical', detail: 'Microphone not available' });
  if (d.stuck) out.set('stuck', { severity: 'warning', detail: 'Robot base cannot move' });
  return out;
}
