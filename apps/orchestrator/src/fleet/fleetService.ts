import { randomUUID } from 'node:crypto';
import type { Alert, AlertKind, DeviceStatus } from '@telekiosk/shared';
import type { Store } from '../db/store.ts';
import type { AlertRow } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../routing/types.ts';
import { DEFAULT_THRESHOLDS, desiredAlerts, type AlertThresholds } from './alertRules.ts';

/** Alert kinds that are not derived from device condition: never auto-resolved, never take a device out of service. */
const MANUAL_KINDS = new Set<string>(['safety']);

/** Why a device is out of service: taken out by staff (`manual`), and its open critical alerts other than the manually resolved kinds. */
function reasonsFrom(state: { inService: boolean; criticalAlertKinds: string[] }): (AlertKind | 'manual')[] {
  const critical = state.criticalAlertKinds.filter((k) => !MANUAL_KINDS.has(k)) as AlertKind[];
  return [...(state.inService ? [] : (['manual'] as const)), ...critical];
}

/** Maps an alert row to the wire shape. */
export function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    deviceId: r.device_id,
    kind: r.kind as AlertKind,
    severity: r.severity as Alert['severity'],
    state: r.state as Alert['state'],
    detail: r.detail,
    openedAt: new Date(r.opened_at).toISOString(),
    acknowledgedBy: r.acknowledged_by,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  };
}

export interface FleetEvents {
  alert(alert: Alert): void;
  /** The device's effective service state changed. */
  service(deviceId: string, inService: boolean, reasons: (AlertKind | 'manual')[]): void;
}

/**
 * Fleet health: opens and resolves alerts from device status (pure rules in alertRules.ts),
 * keeps battery history, and decides whether a device is in service (manual flag and no open
 * critical alert). Devices out of service are not routed and show an out-of-service screen.
 */
export class FleetService {
  private readonly offlineSince = new Map<string, number>();
  private readonly offlineTimers = new Map<string, unknown>();
  private readonly serviceState = new Map<string, boolean>();
  private readonly log: Logger;
  /** Serializes evaluations per device so alerts are not opened twice. */
  private readonly chains = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    logger: Logger,
    private readonly events: FleetEvents,
    private readonly thresholds: AlertThresholds = DEFAULT_THRESHOLDS,
  ) {
    this.log = logger.child({ module: 'fleet' });
  }

  /** Effective service state (true until evaluated). */
  inService(deviceId: string): boolean {
    return this.serviceState.get(deviceId) ?? true;
  }

  /** Connection changes: offline raises an alert after the grace period. */
  connectionChanged(deviceId: string, online: boolean, status: () => Promise<DeviceStatus | undefined>): void {
    const timer = this.offlineTimers.get(deviceId);
    if (timer) this.clock.clearTimeout(timer);
    this.offlineTimers.delete(deviceId);
    if (online) {
      this.offlineSince.delete(deviceId);
    } else {
      this.offlineSince.set(deviceId, this.clock.now());
      // A timer can fire a millisecond before the clock says the grace is over (Node rounds
      // timers): then the device is not yet "offline for the grace" and the alert would never
      // open. Check against the clock and wait out the rest.
      const fire = () => {
        const since = this.offlineSince.get(deviceId);
        if (since === undefined) return;
        const left = since + this.thresholds.offlineGraceMs - this.clock.now();
        if (left > 0) {
          this.offlineTimers.set(deviceId, this.clock.setTimeout(fire, left));
          return;
        }
        this.offlineTimers.delete(deviceId);
        this.evaluateLater(status);
      };
      this.offlineTimers.set(deviceId, this.clock.setTimeout(fire, this.thresholds.offlineGraceMs));
    }
    this.evaluateLater(status);
  }

  private evaluateLater(status: () => Promise<DeviceStatus | undefined>): void {
    if (this.closed) return;
    status()
      .then((s) => (s && !this.closed ? this.evaluate(s) : undefined))
      .catch((err) => {
        if (!this.closed) this.log.error({ err }, 'device status for alerts failed');
      });
  }

  /** Records a battery sample. */
  async sample(deviceId: string, batteryPercent: number | null, charging: boolean | null): Promise<void> {
    if (batteryPercent !== null) await this.store.fleet.addTelemetrySample(deviceId, new Date(this.clock.now()), batteryPercent, charging);
  }

  /** Reconciles the device's alerts with its condition and updates its service state. */
  evaluate(status: DeviceStatus & { stuck?: boolean }): Promise<void> {
    const id = status.device.id;
    const run = (this.chains.get(id) ?? Promise.resolve()).then(() => this.reconcile(status)).catch((err) => this.log.error({ err, deviceId: id }, 'alert evaluation failed'));
    this.chains.set(id, run);
    return run;
  }

  private async reconcile(status: DeviceStatus & { stuck?: boolean }): Promise<void> {
    const id = status.device.id;
    const since = this.offlineSince.get(id);
    const offlineFor = status.online || since === undefined ? 0 : this.clock.now() - since;
    const desired = desiredAlerts(status, offlineFor, this.thresholds);
    const active = (await this.store.fleet.activeAlerts(id)).filter((a) => !MANUAL_KINDS.has(a.kind));
    const now = new Date(this.clock.now());
    for (const a of active) {
      if (!desired.has(a.kind as AlertKind)) {
        const resolved = await this.store.fleet.resolveAlert(a.id, now);
        if (resolved) this.events.alert(toAlert(resolved));
      }
    }
    for (const [kind, d] of desired) {
      if (active.some((a) => a.kind === kind)) continue;
      const row = await this.store.fleet.insertAlert({ id: randomUUID(), deviceId: id, kind, severity: d.severity, detail: d.detail, openedAt: now });
      this.log.info({ deviceId: id, kind, severity: d.severity }, 'alert opened');
      this.events.alert(toAlert(row));
    }
    await this.updateService(id);
  }

  /** Recomputes the effective service state and reports changes. */
  async updateService(deviceId: string): Promise<void> {
    const reasons = await this.reasonsOf(deviceId);
    if (!reasons) return;
    const inService = reasons.length === 0;
    if (this.serviceState.get(deviceId) !== inService) {
      this.serviceState.set(deviceId, inService);
      this.log.info({ deviceId, inService, reasons }, 'device service state');
      this.events.service(deviceId, inService, reasons);
    }
  }

  /** Reasons a device is out of service right now (empty when in service, or unknown). */
  async outOfServiceReasons(deviceId: string): Promise<(AlertKind | 'manual')[]> {
    return (await this.reasonsOf(deviceId)) ?? [];
  }

  /**
   * Before a new session at a device, in one statement: why it is out of service (empty when
   * in service or unknown) and the ids of its sessions not yet ended (oldest first).
   */
  async startCheck(deviceId: string): Promise<{ outOfService: (AlertKind | 'manual')[]; activeSessionIds: string[] }> {
    const state = await this.store.fleet.serviceState(deviceId, { activeSessions: true });
    return { outOfService: state ? reasonsFrom(state) : [], activeSessionIds: state?.activeSessionIds ?? [] };
  }

  /** Reasons a device is out of service (empty when in service), undefined for an unknown device; one statement. */
  private async reasonsOf(deviceId: string): Promise<(AlertKind | 'manual')[] | undefined> {
    const state = await this.store.fleet.serviceState(deviceId);
    return state ? reasonsFrom(state) : undefined;
  }

  /**
   * A safety escalation at a device (emergency, threat, injury): a critical alert for facility
   * staff, resolved by hand; the device stays in service.
   */
  async raiseSafety(deviceId: string, detail: string): Promise<Alert> {
    const row = await this.store.fleet.insertAlert({ id: randomUUID(), deviceId, kind: 'safety', severity: 'critical', detail: detail.slice(0, 500), openedAt: new Date(this.clock.now()) });
    this.log.warn({ deviceId }, 'safety alert raised');
    const alert = toAlert(row);
    this.events.alert(alert);
    return alert;
  }

  async acknowledge(alertId: string, by: string): Promise<Alert | undefined> {
    const row = (await this.store.fleet.acknowledgeAlert(alertId, by)) ?? (await this.store.fleet.getAlert(alertId));
    if (row) this.events.alert(toAlert(row));
    return row ? toAlert(row) : undefined;
  }

  async resolve(alertId: string): Promise<Alert | undefined> {
    const row = (await this.store.fleet.resolveAlert(alertId, new Date(this.clock.now()))) ?? (await this.store.fleet.getAlert(alertId));
    if (!row) return undefined;
    this.events.alert(toAlert(row));
    await this.updateService(row.device_id);
    return toAlert(row);
  }

  async activeAlerts(): Promise<Alert[]> {
    return (await this.store.fleet.activeAlerts()).map(toAlert);
  }

  close(): void {
    this.closed = true;
    for (const t of this.offlineTimers.values()) this.clock.clearTimeout(t);
    this.offlineTimers.clear();
  }
}
