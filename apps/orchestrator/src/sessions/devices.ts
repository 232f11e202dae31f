import type { DeviceStatus, DeviceTelemetry, SessionState } from '@telekiosk/shared';
import { SessionError } from '../errors.ts';
import { toDeviceStatus } from '../db/fleetStore.ts';
import { DEFAULT_THRESHOLDS, desiredAlerts } from '../fleet/alertRules.ts';
import { DEAD_AFTER_MS } from '../cluster/nodes.ts';
import type { SessionContext } from './context.ts';

/** Default reconnect grace of a kiosk whose visitor waits (ms). */
export const DEFAULT_KIOSK_GRACE_MS = 30_000;
/** Default interval between two stored telemetry reports of one device (ms). */
export const DEFAULT_TELEMETRY_STORE_MS = 5_000;
/** Fleet screens get at most one `device:update` per device per this interval (ms). */
export const FLEET_PUSH_MS = 500;

/**
 * Devices' presence and health, held in memory and written behind: the kiosk connection
 * (stored, so a restart honours the visitor's reconnect grace), telemetry coalesced (latest
 * wins; stored at most every `telemetryStoreMs` per device; alerts evaluated at once when the
 * device's condition changes, not on every report), and status pushes to fleet screens at most
 * every {@link FLEET_PUSH_MS} per device and only when the status changed (workers' desks only
 * when its availability changed: online, service, session, robot link, camera, microphone, e-stop,
 * or its battery by a 10-point step). A kiosk that drops
 * while its visitor waits has `kioskGraceMs` to come back; then the visitor is marked abandoned.
 */
export class DevicePresence {
  private readonly online = new Set<string>();
  private readonly statuses = new Map<string, DeviceStatus & { stuck: boolean }>();
  /** Latest unsaved telemetry per device. */
  private readonly unsaved = new Map<string, DeviceTelemetry>();
  private readonly lastStoredAt = new Map<string, number>();
  private readonly storeTimers = new Map<string, unknown>();
  /** Per-device write chains (telemetry, alerts) so writes of one device stay in order. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Alert kinds last reconciled per device (reconcile again only when they change). */
  private readonly evaluatedKinds = new Map<string, string>();
  private readonly pushTimers = new Map<string, unknown>();
  private readonly lastPushed = new Map<string, string>();
  private readonly lastDesk = new Map<string, string>();
  /** Reconnect grace of a waiting visitor, by device id. */
  private readonly grace = new Map<string, unknown>();

  constructor(private readonly ctx: SessionContext) {}

  private get graceMs(): number {
    return this.ctx.options.kioskGraceMs ?? DEFAULT_KIOSK_GRACE_MS;
  }
  private get storeMs(): number {
    return this.ctx.options.telemetryStoreMs ?? DEFAULT_TELEMETRY_STORE_MS;
  }

  /**
   * On becoming the routing leader: a waiting visitor whose kiosk is not connected to a live node
   * gets the rest of the reconnect grace from the drop (from now when the kiosk was connected
   * when the orchestrator stopped); abandoned at once if it ran out.
   */
  async restore(): Promise<void> {
    const now = this.ctx.clock.now();
    const devices = await this.ctx.store.fleet.listDevices();
    const active = await this.ctx.store.activeSessions();
    const connected = new Set(await this.ctx.store.cluster.connectedSubjects('device', DEAD_AFTER_MS));
    for (const d of devices) {
      const session = active.find((s) => s.deviceId === d.id);
      if (!this.statuses.has(d.id)) this.statuses.set(d.id, { ...toDeviceStatus(d, connected.has(d.id), session?.state ?? null, d.in_service), stuck: false });
      if (session?.state !== 'queued' || connected.has(d.id)) continue;
      const droppedAt = d.connected ? now : d.disconnected_at ? new Date(d.disconnected_at).getTime() : now;
      this.armGrace(d.id, Math.max(0, droppedAt + this.graceMs - now));
    }
  }

  /** The device's kiosk connected to this node (the namespace keeps one connection per device). */
  async connected(deviceId: string, socketId: string): Promise<void> {
    this.online.add(deviceId);
    this.clearGrace(deviceId);
    await this.ctx.store.cluster.addConnection({ socketId, nodeId: this.ctx.nodeId, kind: 'device', subjectId: deviceId, at: this.ctx.now() });
    await this.ctx.store.fleet.setDeviceConnected(deviceId, true, this.ctx.now());
    const status = await this.load(deviceId);
    if (status) status.online = true;
    this.ctx.fleet.connectionChanged(deviceId, true, async () => this.statuses.get(deviceId));
    const reasons = await this.ctx.fleet.outOfServiceReasons(deviceId);
    this.ctx.notifier.toDevice(deviceId, 'device:service', { inService: reasons.length === 0, reasons });
    this.changed(deviceId);
  }

  /** The device's kiosk socket on this node closed: unless it is connected elsewhere, a waiting visitor gets the reconnect grace. */
  async disconnected(deviceId: string, socketId: string): Promise<void> {
    if (this.ctx.closed) return;
    await this.ctx.store.cluster.removeConnection(socketId);
    this.online.delete(deviceId);
    // Replaced by a newer connection (maybe on another node): the device stays online.
    if ((await this.ctx.store.cluster.liveConnections('device', deviceId, DEAD_AFTER_MS)) > 0) return;
    await this.dropped(deviceId);
  }

  /** The kiosk's socket was on a node that died (the leader's sweeper found it). */
  async droppedWithNode(deviceId: string): Promise<void> {
    if ((await this.ctx.store.cluster.liveConnections('device', deviceId, DEAD_AFTER_MS)) > 0) return;
    await this.dropped(deviceId);
  }

  private async dropped(deviceId: string): Promise<void> {
    const status = this.statuses.get(deviceId);
    if (status) status.online = false;
    await this.ctx.store.fleet.setDeviceConnected(deviceId, false, this.ctx.now());
    this.ctx.fleet.connectionChanged(deviceId, false, async () => this.statuses.get(deviceId) ?? (await this.status(deviceId)));
    const queued = (await this.ctx.store.activeSessions(deviceId)).some((s) => s.state === 'queued');
    if (queued) this.armGrace(deviceId, this.graceMs);
    this.changed(deviceId);
  }

  isOnline(deviceId: string): boolean {
    return this.online.has(deviceId);
  }
  /** Devices with a connected kiosk. */
  onlineCount(): number {
    return this.online.size;
  }

  /**
   * A telemetry report: kept in memory at once; stored at most every `telemetryStoreMs` (latest
   * wins), or at once when the device's condition changed (e-stop, link, camera, microphone,
   * an alert threshold crossed).
   */
  async telemetry(deviceId: string, t: DeviceTelemetry): Promise<void> {
    const status = await this.load(deviceId);
    if (!status) throw new SessionError('not_found', `device ${deviceId} not found`);
    const before = this.conditionKey(status);
    const robot = t.robot ?? null;
    Object.assign(status, {
      batteryPercent: t.batteryPercent,
      charging: t.charging,
      robotLink: t.robotLink,
      appVersion: t.appVersion,
      estop: robot ? robot.estop : null,
      pose: robot?.pose ?? null,
      navigation: (robot as { navigation?: DeviceStatus['navigation'] } | null)?.navigation ?? null,
      stuck: (robot as { stuck?: unknown } | null)?.stuck === true,
      lastSeenAt: this.ctx.now().toISOString(),
      ...(t.media ? { camera: t.media.camera, microphone: t.media.microphone } : {}),
    });
    this.unsaved.set(deviceId, t);
    const due = (this.lastStoredAt.get(deviceId) ?? 0) + this.storeMs;
    if (this.conditionKey(status) !== before || due <= this.ctx.clock.now()) this.storeSoon(deviceId, 0);
    else this.storeSoon(deviceId, due - this.ctx.clock.now());
    this.changed(deviceId);
  }

  /** Status of one device (memory, loaded once from the database). */
  async status(deviceId: string): Promise<DeviceStatus | undefined> {
    const s = await this.load(deviceId);
    return s && this.view(s);
  }

  /** Status of every device (the device list from the database, live fields from memory). */
  async all(): Promise<DeviceStatus[]> {
    const rows = await this.ctx.store.fleet.listDevices();
    const connected = new Set(await this.ctx.store.cluster.connectedSubjects('device', DEAD_AFTER_MS));
    const active = await this.ctx.store.activeSessions();
    const out: DeviceStatus[] = [];
    for (const r of rows) {
      const sessionState = active.find((x) => x.deviceId === r.id)?.state ?? null;
      let s = this.statuses.get(r.id);
      // Devices on other nodes: the stored row (telemetry is stored every few seconds).
      if (!s || !this.online.has(r.id)) {
        s = { ...toDeviceStatus(r, connected.has(r.id), sessionState, r.in_service), navigation: s?.navigation ?? null, stuck: s?.stuck ?? false };
        this.statuses.set(r.id, s);
      }
      s.device = { id: r.id, name: r.name, location: r.location };
      s.sessionState = sessionState;
      s.inService = r.in_service && this.ctx.fleet.inService(r.id);
      out.push({ ...this.view(s), online: this.online.has(r.id) || connected.has(r.id) });
    }
    return out;
  }

  /** A session of the device changed state (or ended: null). */
  sessionStateChanged(deviceId: string, state: SessionState | null): void {
    const s = this.statuses.get(deviceId);
    if (s) s.sessionState = state === 'ended' ? null : state;
    if (state !== 'queued') this.clearGrace(deviceId);
    else if (!this.online.has(deviceId)) this.armGrace(deviceId, this.graceMs);
    this.changed(deviceId);
  }

  /** The fleet service changed the effective service state. */
  serviceChanged(deviceId: string, inService: boolean): void {
    const s = this.statuses.get(deviceId);
    if (s) s.inService = inService;
    this.changed(deviceId);
  }

  /** Staff put a device out of service or back (manual flag). */
  async setInService(deviceId: string, inService: boolean, actor: string): Promise<DeviceStatus> {
    if (!(await this.ctx.store.fleet.getDevice(deviceId))) throw new SessionError('not_found', `device ${deviceId} not found`);
    await this.ctx.store.fleet.setDeviceInService(deviceId, inService);
    this.ctx.log.info({ deviceId, inService, actor }, 'device service set by staff');
    await this.ctx.fleet.updateService(deviceId);
    const s = await this.load(deviceId);
    if (s) s.inService = inService && this.ctx.fleet.inService(deviceId);
    this.changed(deviceId);
    return (await this.status(deviceId))!;
  }

  /** Something about the device changed: one `device:update` to fleet screens soon, if the status differs. */
  changed(deviceId: string): void {
    if (this.ctx.closed || this.pushTimers.has(deviceId)) return;
    this.pushTimers.set(
      deviceId,
      this.ctx.clock.setTimeout(() => {
        this.pushTimers.delete(deviceId);
        if (this.ctx.closed) return;
        this.ctx.background('fleet push', async () => {
          // A device on this node: its live status; elsewhere: the stored one.
          const s = this.online.has(deviceId) ? this.statuses.get(deviceId) : await this.reload(deviceId);
          if (!s || this.ctx.closed) return;
          const view = this.view(s);
          const json = JSON.stringify(view);
          if (this.lastPushed.get(deviceId) === json) return;
          this.lastPushed.set(deviceId, json);
          this.ctx.notifier.toFleet('device:update', view);
          // Workers' desks show whether a device can serve: they hear of availability changes (not
          // pose), and of the battery only in 10-point steps (and when a first reading arrives).
          const battery = view.batteryPercent === null ? null : Math.floor(view.batteryPercent / 10);
          const desk = JSON.stringify([view.online, view.inService, view.sessionState, view.robotLink, view.camera, view.microphone, view.estop, battery, view.charging]);
          if (this.lastDesk.get(deviceId) !== desk) {
            this.lastDesk.set(deviceId, desk);
            this.ctx.notifier.toDesk('device:update', view);
          }
        }, { deviceId });
      }, FLEET_PUSH_MS),
    );
  }

  /** Stores pending telemetry now (tests and shutdown). */
  async flush(): Promise<void> {
    for (const id of [...this.unsaved.keys()]) this.storeSoon(id, 0);
    await Promise.all([...this.chains.values()]);
  }

  /** Stops timers; idempotent. */
  close(): void {
    for (const m of [this.storeTimers, this.pushTimers, this.grace]) {
      for (const t of m.values()) this.ctx.clock.clearTimeout(t);
      m.clear();
    }
  }

  // --- internals -----------------------------------------------------------------------

  private view(s: DeviceStatus & { stuck: boolean }): DeviceStatus {
    const { stuck: _stuck, ...view } = s;
    return { ...view, online: this.online.has(s.device.id) || s.online };
  }

  /** Rebuilds a device's status from the database (devices on other nodes). */
  private async reload(deviceId: string): Promise<(DeviceStatus & { stuck: boolean }) | undefined> {
    const row = await this.ctx.store.fleet.getDevice(deviceId);
    if (!row) return undefined;
    const active = await this.ctx.store.activeSessions(deviceId);
    const online = (await this.ctx.store.cluster.liveConnections('device', deviceId, DEAD_AFTER_MS)) > 0;
    const prev = this.statuses.get(deviceId);
    const s = { ...toDeviceStatus(row, online, active[0]?.state ?? null, row.in_service && this.ctx.fleet.inService(deviceId)), navigation: prev?.navigation ?? null, stuck: prev?.stuck ?? false };
    this.statuses.set(deviceId, s);
    return s;
  }

  private async load(deviceId: string): Promise<(DeviceStatus & { stuck: boolean }) | undefined> {
    const cached = this.statuses.get(deviceId);
    if (cached) return cached;
    const row = await this.ctx.store.fleet.getDevice(deviceId);
    if (!row) return undefined;
    const active = await this.ctx.store.activeSessions(deviceId);
    const s = { ...toDeviceStatus(row, this.online.has(deviceId), active[0]?.state ?? null, row.in_service && this.ctx.fleet.inService(deviceId)), stuck: false };
    this.statuses.set(deviceId, this.statuses.get(deviceId) ?? s);
    return this.statuses.get(deviceId);
  }

  /** What decides alerts and the service screen: changes are stored and evaluated at once. */
  private conditionKey(s: DeviceStatus & { stuck: boolean }): string {
    const kinds = [...desiredAlerts({ ...s, online: true }, 0, this.ctx.options.alertThresholds ?? DEFAULT_THRESHOLDS).entries()].map(([k, a]) => `${k}:${a.severity}`).sort();
    return `${kinds.join(',')}|${s.estop}|${s.robotLink}|${s.camera}|${s.microphone}`;
  }

  private storeSoon(deviceId: string, delayMs: number): void {
    const pending = this.storeTimers.get(deviceId);
    if (pending !== undefined) {
      if (delayMs > 0) return; // already scheduled
      this.ctx.clock.clearTimeout(pending);
    }
    this.storeTimers.set(
      deviceId,
      this.ctx.clock.setTimeout(() => {
        this.storeTimers.delete(deviceId);
        this.serial(deviceId, () => this.store(deviceId));
      }, delayMs),
    );
  }

  private async store(deviceId: string): Promise<void> {
    const t = this.unsaved.get(deviceId);
    const status = this.statuses.get(deviceId);
    if (!t || !status || this.ctx.closed) return;
    this.unsaved.delete(deviceId);
    const now = this.ctx.now();
    this.lastStoredAt.set(deviceId, now.getTime());
    await this.ctx.store.fleet.updateDeviceTelemetry(deviceId, t, now);
    await this.ctx.fleet.sample(deviceId, t.batteryPercent, t.charging);
    const kinds = this.conditionKey(status);
    if (this.evaluatedKinds.get(deviceId) !== kinds) {
      this.evaluatedKinds.set(deviceId, kinds);
      await this.ctx.fleet.evaluate({ ...this.view(status), stuck: status.stuck });
    }
  }

  private serial(deviceId: string, fn: () => Promise<void>): void {
    const run = (this.chains.get(deviceId) ?? Promise.resolve()).then(fn).catch((err: unknown) => {
      if (!this.ctx.closed) this.ctx.log.error({ err, deviceId }, 'telemetry could not be stored; the latest report is kept in memory');
    });
    this.chains.set(deviceId, run);
    void run.then(() => {
      if (this.chains.get(deviceId) === run) this.chains.delete(deviceId);
    });
  }

  private armGrace(deviceId: string, ms: number): void {
    this.clearGrace(deviceId);
    this.grace.set(
      deviceId,
      this.ctx.clock.setTimeout(() => {
        this.grace.delete(deviceId);
        if (this.online.has(deviceId)) return;
        this.ctx.background('abandon after kiosk grace', async () => {
          if ((await this.ctx.store.cluster.liveConnections('device', deviceId, DEAD_AFTER_MS)) > 0) return; // back on another node
          await this.ctx.lifecycle.abandonWaiting(deviceId);
        }, { deviceId });
      }, ms),
    );
  }

  private clearGrace(deviceId: string): void {
    const t = this.grace.get(deviceId);
    if (t === undefined) return;
    this.ctx.clock.clearTimeout(t);
    this.grace.delete(deviceId);
  }
}
