import { RobotCommandResult, type RobotCommand, type Role } from '@telekiosk/shared';
import { AuthError, SessionError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../db/store.ts';
import type { Notifier } from './ports.ts';

/** How long a node trusts its cached copy of a call's lease before reading it again (ms). */
export const LEASE_CACHE_MS = 5000;

/** How long the orchestrator waits for a kiosk to acknowledge a robot command (ms). */
export const ROBOT_COMMAND_TIMEOUT_MS = 2000;

/**
 * The robot control lease: only the worker assigned to a session may drive its device's
 * robot. Granted on accept, ended with the session, revocable by a supervisor. The holder is the
 * call's worker unless revoked (stored on the session row, so every node agrees; nodes cache it
 * briefly and drop the cache at once on changes). Commands are relayed to the kiosk, which
 * applies its own speed limits and deadman.
 */
export class RobotControl {
  /** Lease cache of this node: sessionId -> device and holder (null when revoked or ended). The database is the truth. */
  private readonly leases = new Map<string, { deviceId: string; holder: string | null; at: number }>();
  private readonly log: Logger;
  /** Tells the other nodes of a cluster to drop a cached lease (revocation takes effect at once everywhere). */
  invalidateElsewhere: (sessionId: string) => void = () => {};

  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    logger: Logger,
  ) {
    this.log = logger.child({ module: 'robot-control' });
  }

  /**
   * Grants the lease of `sessionId` to `workerId` on accept. Any earlier revocation was cleared in
   * the database by the assignment itself (`Store.assignWorker` / `Store.reassign`), so this
   * only caches the lease and tells the nodes and the worker.
   */
  async grant(sessionId: string, deviceId: string, workerId: string): Promise<void> {
    this.leases.set(sessionId, { deviceId, holder: workerId, at: Date.now() });
    this.invalidateElsewhere(sessionId);
    this.notifier.toWorker(workerId, 'robot:lease', { sessionId, holder: workerId });
    this.log.info({ sessionId, workerId }, 'control lease granted');
  }

  /** Ends the lease with the call (session ended, transferred, handed back); the kiosk is told to stop. */
  end(sessionId: string, deviceId?: string, holder?: string | null): void {
    const lease = this.leases.get(sessionId);
    this.leases.delete(sessionId);
    this.invalidateElsewhere(sessionId);
    const h = holder !== undefined ? holder : lease?.holder;
    const d = deviceId ?? lease?.deviceId;
    if (h) this.notifier.toWorker(h, 'robot:lease', { sessionId, holder: null });
    if (d) void this.relay(d, { type: 'stop' }).catch((err: unknown) => this.log.warn({ err, sessionId, deviceId: d }, 'stop command at the end of the lease not acknowledged'));
  }

  /** Drops a cached lease (another node changed it). */
  forget(sessionId: string): void {
    this.leases.delete(sessionId);
  }

  /** The lease of a call: from this node's cache (kept {@link LEASE_CACHE_MS}), else the database. */
  private async lease(sessionId: string): Promise<{ deviceId: string; holder: string | null } | undefined> {
    const c = this.leases.get(sessionId);
    if (c && Date.now() - c.at < LEASE_CACHE_MS) return c;
    const r = await this.store.robotLeaseHolder(sessionId);
    if (!r) return undefined;
    this.leases.set(sessionId, { ...r, at: Date.now() });
    return r;
  }

  /** Current holder of a session's lease, or null. */
  async holder(sessionId: string): Promise<string | null> {
    return (await this.lease(sessionId))?.holder ?? null;
  }

  /**
   * Relays a command from a console user. Drive, navigate, dock, cancel, stop and ping need the
   * lease; `estop_release` is refused here (staff use {@link releaseEstop}).
   * @throws AuthError `forbidden` without the lease; SessionError `not_found` for unknown sessions.
   */
  async command(workerId: string, sessionId: string, command: RobotCommand): Promise<RobotCommandResult> {
    const lease = await this.lease(sessionId);
    if (!lease) throw SessionError.notFound(sessionId);
    if (command.type === 'estop_release') throw AuthError.forbidden('e-stop release is for facility staff');
    if (lease.holder !== workerId) throw AuthError.forbidden('robot control: you do not hold the control lease');
    return this.relay(lease.deviceId, command);
  }

  /** Supervisor revokes a session's lease; the robot stops. */
  async revoke(role: Role, sessionId: string): Promise<void> {
    if (role !== 'supervisor') throw AuthError.forbidden('only supervisors revoke control leases');
    const lease = await this.store.robotLeaseHolder(sessionId);
    if (!lease) throw SessionError.notFound(sessionId);
    await this.store.setRobotLeaseRevoked(sessionId, true);
    this.leases.set(sessionId, { deviceId: lease.deviceId, holder: null, at: Date.now() });
    this.invalidateElsewhere(sessionId);
    if (lease.holder) this.notifier.toWorker(lease.holder, 'robot:lease', { sessionId, holder: null });
    void this.relay(lease.deviceId, { type: 'stop' }).catch((err: unknown) => this.log.warn({ err, sessionId, deviceId: lease.deviceId }, 'stop command after revocation not acknowledged'));
    this.log.info({ sessionId, previous: lease.holder }, 'control lease revoked');
  }

  /** Facility staff (or a supervisor) send a device's robot to its dock or stop it, outside a session. */
  async staffCommand(role: Role, deviceId: string, command: Extract<RobotCommand, { type: 'dock' | 'stop' }>): Promise<RobotCommandResult> {
    if (role !== 'staff' && role !== 'supervisor') throw AuthError.forbidden('only facility staff send robots to the dock');
    if (!(await this.store.fleet.getDevice(deviceId))) throw new SessionError('not_found', `device ${deviceId} not found`);
    return this.relay(deviceId, command);
  }

  /** Facility staff (or a supervisor) release a device's latched e-stop. */
  async releaseEstop(role: Role, deviceId: string): Promise<RobotCommandResult> {
    if (role !== 'staff' && role !== 'supervisor') throw AuthError.forbidden('only facility staff release an e-stop');
    if (!(await this.store.fleet.getDevice(deviceId))) throw new SessionError('not_found', `device ${deviceId} not found`);
    return this.relay(deviceId, { type: 'estop_release' });
  }

  private async relay(deviceId: string, command: RobotCommand): Promise<RobotCommandResult> {
    let answer: unknown;
    try {
      answer = await this.notifier.requestDevice(deviceId, 'robot:command', command, ROBOT_COMMAND_TIMEOUT_MS);
    } catch {
      return { ok: false, reason: 'device_timeout' };
    }
    if (answer === undefined) return { ok: false, reason: 'device_offline' };
    const parsed = RobotCommandResult.safeParse(answer);
    return parsed.success ? parsed.data : { ok: false, reason: 'bad_device_answer' };
  }
}
