import { sql, type Kysely } from 'kysely';
import type { DeviceStatus, SessionState } from '@telekiosk/shared';
import type { AlertRow, DatabaseSchema, DeviceRow } from './schema.ts';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * The fleet's records: devices (credentials, telemetry, presence, service flag), battery
 * samples and alerts (`devices`, `telemetry_samples`, `alerts`). Methods throw the database's errors.
 */
export class FleetStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Creates or updates a device (token stored as a SHA-256 hex hash). */
  async upsertDevice(d: { id: string; name: string; location: string; tokenHash: string }): Promise<void> {
    await this.db
      .insertInto('devices')
      .values({ id: d.id, name: d.name, location: d.location, token_hash: d.tokenHash, robot_link: 'none' })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: d.name, location: d.location, token_hash: d.tokenHash }))
      .execute();
  }
  async getDevice(id: string): Promise<DeviceRow | undefined> {
    return this.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
  }
  /**
   * What decides whether a device is in service, in one statement: its manual `in_service` flag
   * and the kinds of its unresolved critical alerts (oldest first); with `activeSessions`, also
   * the ids of its sessions not yet ended (oldest first), which a new session start ends.
   * Undefined for an unknown device.
   */
  async serviceState(id: string, opts: { activeSessions?: boolean } = {}): Promise<{ inService: boolean; criticalAlertKinds: string[]; activeSessionIds: string[] } | undefined> {
    const r = await this.db
      .selectFrom('devices')
      .select((eb) => [
        'devices.in_service',
        eb
          .fn<string[] | null>('array', [
            eb.selectFrom('alerts').select('alerts.kind').whereRef('alerts.device_id', '=', 'devices.id').where('alerts.state', '!=', 'resolved').where('alerts.severity', '=', 'critical').orderBy('alerts.opened_at'),
          ])
          .as('critical_kinds'),
        opts.activeSessions
          ? eb
              .fn<string[] | null>('array', [eb.selectFrom('sessions').select('sessions.id').whereRef('sessions.device_id', '=', 'devices.id').where('sessions.state', '!=', 'ended').orderBy('sessions.created_at')])
              .as('active_sessions')
          : sql<string[] | null>`null`.as('active_sessions'),
      ])
      .where('devices.id', '=', id)
      .executeTakeFirst();
    return r ? { inService: r.in_service, criticalAlertKinds: r.critical_kinds ?? [], activeSessionIds: r.active_sessions ?? [] } : undefined;
  }
  async listDevices(): Promise<DeviceRow[]> {
    return this.db.selectFrom('devices').selectAll().orderBy('id').execute();
  }
  /** Records telemetry and the last-seen time. */
  async updateDeviceTelemetry(
    id: string,
    t: {
      batteryPercent: number | null;
      charging: boolean | null;
      robotLink: string;
      appVersion: string | null;
      robot?: { estop: boolean; pose: { x: number; y: number; theta: number } | null } | null;
      media?: { camera: string; microphone: string };
    },
    at: Date,
  ) {
    await this.db
      .updateTable('devices')
      .set({
        battery_percent: t.batteryPercent,
        charging: t.charging,
        robot_link: t.robotLink,
        app_version: t.appVersion,
        last_seen_at: at,
        estop: t.robot ? t.robot.estop : null,
        pose: t.robot?.pose ? JSON.stringify({ x: t.robot.pose.x, y: t.robot.pose.y, theta: t.robot.pose.theta }) : null,
        ...(t.media ? { camera: t.media.camera, microphone: t.media.microphone } : {}),
      })
      .where('id', '=', id)
      .execute();
  }
  async setDeviceInService(id: string, inService: boolean): Promise<void> {
    await this.db.updateTable('devices').set({ in_service: inService }).where('id', '=', id).execute();
  }
  async addTelemetrySample(id: string, at: Date, batteryPercent: number | null, charging: boolean | null): Promise<void> {
    await this.db.insertInto('telemetry_samples').values({ device_id: id, at, battery_percent: batteryPercent, charging }).execute();
  }
  /** Battery samples of a device since `since`, oldest first (at most 2000, evenly thinned). */
  async batteryHistory(id: string, since: Date): Promise<{ at: string; batteryPercent: number; charging: boolean | null }[]> {
    const rows = await this.db
      .selectFrom('telemetry_samples')
      .select(['at', 'battery_percent', 'charging'])
      .where('device_id', '=', id)
      .where('at', '>=', since)
      .where('battery_percent', 'is not', null)
      .orderBy('at')
      .execute();
    const step = Math.max(1, Math.ceil(rows.length / 2000));
    return rows.filter((_, i) => i % step === 0).map((r) => ({ at: iso(r.at)!, batteryPercent: r.battery_percent!, charging: r.charging }));
  }

  // --- alerts --------------------------------------------------------------------------
  async insertAlert(a: { id: string; deviceId: string; kind: string; severity: string; detail: string; openedAt: Date }): Promise<AlertRow> {
    return this.db
      .insertInto('alerts')
      .values({ id: a.id, device_id: a.deviceId, kind: a.kind, severity: a.severity, state: 'open', detail: a.detail, opened_at: a.openedAt })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  /** Alerts not yet resolved (of one device, or all). */
  async activeAlerts(deviceId?: string): Promise<AlertRow[]> {
    let q = this.db.selectFrom('alerts').selectAll().where('state', '!=', 'resolved');
    if (deviceId) q = q.where('device_id', '=', deviceId);
    return q.orderBy('opened_at').execute();
  }
  async getAlert(id: string): Promise<AlertRow | undefined> {
    return this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  }
  async acknowledgeAlert(id: string, by: string): Promise<AlertRow | undefined> {
    return this.db.updateTable('alerts').set({ state: 'acknowledged', acknowledged_by: by }).where('id', '=', id).where('state', '=', 'open').returningAll().executeTakeFirst();
  }
  async resolveAlert(id: string, at: Date): Promise<AlertRow | undefined> {
    return this.db.updateTable('alerts').set({ state: 'resolved', resolved_at: at }).where('id', '=', id).where('state', '!=', 'resolved').returningAll().executeTakeFirst();
  }

  async touchDevice(id: string, at: Date) {
    await this.db.updateTable('devices').set({ last_seen_at: at }).where('id', '=', id).execute();
  }
  /** Records a device's kiosk connection (`at` = connect or drop time; the visitor's reconnect grace counts from a drop). */
  async setDeviceConnected(id: string, connected: boolean, at: Date): Promise<void> {
    await this.db
      .updateTable('devices')
      .set(connected ? { connected: true, disconnected_at: null, last_seen_at: at } : { connected: false, disconnected_at: at })
      .where('id', '=', id)
      .execute();
  }
}

/** Device status view from a row plus live connection state. */
/** `inService` is the effective state: manual flag and no open critical alert (decided by the fleet service). */
export function toDeviceStatus(r: DeviceRow, online: boolean, sessionState: SessionState | null, inService = r.in_service, navigation: DeviceStatus['navigation'] = null): DeviceStatus {
  return {
    device: { id: r.id, name: r.name, location: r.location },
    online,
    lastSeenAt: iso(r.last_seen_at),
    batteryPercent: r.battery_percent,
    charging: r.charging,
    robotLink: (['up', 'down', 'none'].includes(r.robot_link) ? r.robot_link : 'none') as DeviceStatus['robotLink'],
    appVersion: r.app_version,
    sessionState,
    estop: r.estop ?? null,
    pose: r.pose ?? null,
    navigation,
    inService,
    camera: (['ok', 'failed', 'unknown'].includes(r.camera) ? r.camera : 'unknown') as DeviceStatus['camera'],
    microphone: (['ok', 'failed', 'unknown'].includes(r.microphone) ? r.microphone : 'unknown') as DeviceStatus['microphone'],
  };
}
