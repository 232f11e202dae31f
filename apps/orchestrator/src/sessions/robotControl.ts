import { RobotCommandResult, type RobotCommand, type Role } from '@telekiosk/shared';
import { AuthError, SessionError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../db/store.ts';
import type { Notifier } from './ports.ts';

/** How long the orchestrator waits for a kiosk to acknowledge a robot command (ms). */
export const ROBOT_COMMAND_TIMEOUT_MS = 2000;

/**
 * The robot control lease: only the worker assigned to a session may drive its device's
 * robot. Granted on accept, ended with the session, revocable by a supervisor. Commands are
 * relayed to the kiosk, which applies its own speed limits and deadman.
 */
export class RobotControl {
  /** sessionId -> lease holder (worker id) or null when revoked. */
  private readonly leases = new Map<string, { deviceId: string; holder: string | null }>();
  private readonly log: Logger;

  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    logger: Logger,
  ) {
    this.log = logger.child({ module: 'robot-control' });
  }

  /** Grants the lease of `sessionId` to `workerId` (on accept). */
  grant(sessionId: string, deviceId: string, workerId: string): void {
    this.leases.set(sessionId, { deviceId, holder: workerId });
    this.notifier.toWorker(workerId, 'robot:lease', { sessionId, holder: workerId });
    this.log.info({ sessionId, workerId }, 'control lease granted');
  }

  /** Ends the lease with the session; the kiosk is told to stop. */
  end(sessionId: string): void {
    const lease = this.leases.get(sessionId);
    if (!lease) return;
    this.leases.delete(sessionId);
    if (lease.holder) this.notifier.toWorker(lease.holder, 'robot:lease', { sessionId, holder: null });
    void this.relay(lease.deviceId, { type: 'stop' }).catch((err: unknown) => this.log.warn({ err, sessionId, deviceId: lease.deviceId }, 'stop command at the end of the lease not acknowledged'));
  }

  /** Current holder of a session's lease, or null. */
  holder(sessionId: string): string | null {
    return this.leases.get(sessionId)?.holder ?? null;
  }

  /**
   * Relays a command from a console user. Drive, navigate, dock, cancel, stop and ping need the
   * lease; `estop_release` is refused here (staff use {@link releaseEstop}).
   * @throws AuthError `forbidden` without the lease; SessionError `not_found` for unknown sessions.
   */
  async command(workerId: string, sessionId: string, command: RobotCommand): Promise<RobotCommandResult> {
    const lease = this.leases.get(sessionId);
    if (!lease) throw SessionError.notFound(sessionId);
    if (command.type === 'estop_release') throw AuthError.forbidden('e-stop release is for facility staff');
    if (lease.holder !== workerId) throw AuthError.forbidden('robot control: you do not hold the control lease');
    return this.relay(lease.deviceId, command);
  }

  /** Supervisor revokes a session's lease; the robot stops. */
  revoke(role: Role, sessionId: string): void {
    if (role !== 'supervisor') throw AuthError.forbidden('only supervisors revoke control leases');
    const lease = this.leases.get(sessionId);
    if (!lease) throw SessionError.notFound(sessionId);
    const previous = lease.holder;
    lease.holder = null;
    if (previous) this.notifier.toWorker(previous, 'robot:lease', { sessionId, holder: null });
    void this.relay(lease.deviceId, { type: 'stop' }).catch((err: unknown) => this.log.warn({ err, sessionId, deviceId: lease.deviceId }, 'stop command at the end of the lease not acknowledged'));
    this.log.info({ sessionId, previous }, 'control lease revoked');
  }

  /** Facility staff (or a supervisor) send a device's robot to its dock or stop it, outside a session. */
  async staffCommand(role: Role, deviceId: string, command: Extract<RobotCommand, { type: 'dock' | 'stop' }>): Promise<RobotCommandResult> {
    if (role !== 'staff' && role !== 'supervisor') throw AuthError.forbidden('only facility staff send robots to the dock');
    if (!(await this.store.getDevice(deviceId))) throw new SessionError('not_found', `device ${deviceId} not found`);
    return this.relay(deviceId, command);
  }

  /** Facility staff (or a supervisor) release a device's latched e-stop. */
  async releaseEstop(role: Role, deviceId: string): Promise<RobotCommandResult> {
    if (role !== 'staff' && role !== 'supervisor') throw AuthError.forbidden('only facility staff release an e-stop');
    if (!(await this.store.getDevice(deviceId))) throw new SessionError('not_found', `device ${deviceId} not found`);
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
