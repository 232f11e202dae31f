/**
 * Kiosk-side teleoperation safety, pure logic (no roslib, no DOM): speed limits per site, a
 * deadman that publishes a zero Twist when commands stop arriving, and a latching e-stop.
 * This sits on top of the base's own `cmd_vel` timeout (0.5 s, as ros2_control's
 * diff_drive_controller `cmd_vel_timeout`).
 */

/** Site speed limits (configurable per deployment). */
export interface SpeedLimits {
  /** Maximum forward/backward speed, m/s. */
  maxLinear: number;
  /** Maximum turn rate, rad/s. */
  maxAngular: number;
  /** Maximum linear acceleration when speeding up, m/s² (stops are never ramped). Default 0.5. */
  maxLinearAccel?: number;
  /** Maximum angular acceleration when speeding up, rad/s². Default 1.5. */
  maxAngularAccel?: number;
}
/** Conservative indoor defaults for a public lobby: 0.5 m/s (walking pace is ~1.4 m/s), 1.0 rad/s, gentle acceleration. */
export const DEFAULT_LIMITS: SpeedLimits = { maxLinear: 0.5, maxAngular: 1.0, maxLinearAccel: 0.5, maxAngularAccel: 1.5 };

/** Timers the controller uses, injectable for tests. */
export interface TeleopClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(h: unknown): void;
}
export const browserClock: TeleopClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as number),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as number),
};

/** A velocity to publish on `/cmd_vel` (linear.x m/s, angular.z rad/s). */
export interface Velocity {
  linear: number;
  angular: number;
}

export interface TeleopOptions {
  limits?: SpeedLimits;
  /** Silence after which a zero Twist is published (ms). Default 300 ms (issue requirement: within 300 ms). */
  deadmanMs?: number;
  /** Republish period while commands are fresh (ms), keeping the base's 0.5 s timeout fed. Default 100 ms. */
  publishPeriodMs?: number;
  clock?: TeleopClock;
  publish: (v: Velocity) => void;
}

const clamp = (v: number, max: number) => Math.max(-max, Math.min(max, v));

/** Hold-to-move teleop with deadman and a latching e-stop. */
export class TeleopController {
  private readonly limits: SpeedLimits;
  private readonly deadmanMs: number;
  private readonly periodMs: number;
  private readonly clock: TeleopClock;
  /** Velocity being published (ramps toward `target` within the acceleration limits). */
  private current: Velocity = { linear: 0, angular: 0 };
  /** Velocity the operator asks for (clamped to the speed limits). */
  private target: Velocity = { linear: 0, angular: 0 };
  private lastPublishAt = 0;
  private deadman: unknown = null;
  private loop: unknown = null;
  private latched = false;

  constructor(private readonly opts: TeleopOptions) {
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.deadmanMs = opts.deadmanMs ?? 300;
    this.periodMs = opts.publishPeriodMs ?? 100;
    this.clock = opts.clock ?? browserClock;
  }

  /** True while the e-stop is latched. */
  get estopped(): boolean {
    return this.latched;
  }

  /** True while a non-zero command is being published. */
  get moving(): boolean {
    return this.loop !== null;
  }

  /**
   * A drive command (hold-to-move: the console repeats it while the control is held).
   * Clamped to the site limits. Refused (returns false) while the e-stop is latched.
   */
  command(linear: number, angular: number): boolean {
    if (this.latched) return false;
    this.target = { linear: clamp(linear, this.limits.maxLinear), angular: clamp(angular, this.limits.maxAngular) };
    if (this.target.linear === 0 && this.target.angular === 0) {
      this.halt();
      return true;
    }
    this.step();
    if (this.deadman !== null) this.clock.clearTimeout(this.deadman);
    this.deadman = this.clock.setTimeout(() => this.halt(), this.deadmanMs);
    if (this.loop === null) this.loop = this.clock.setInterval(() => this.step(), this.periodMs);
    return true;
  }

  /**
   * Publishes the next velocity: toward the target, changing by at most accel x elapsed time
   * (speeding up is ramped; slowing down toward zero or reversing direction is not limited
   * below zero crossing, so an operator letting go always stops at once).
   */
  private step(): void {
    const now = this.clock.now();
    const dt = this.lastPublishAt === 0 ? this.periodMs / 1000 : Math.min(0.5, (now - this.lastPublishAt) / 1000);
    this.lastPublishAt = now;
    const ramp = (cur: number, tgt: number, accel: number) => {
      const slowing = Math.abs(tgt) < Math.abs(cur) && Math.sign(tgt) === Math.sign(cur);
      if (slowing || tgt === 0) return tgt;
      const maxStep = accel * dt;
      return cur + Math.max(-maxStep, Math.min(maxStep, tgt - cur));
    };
    this.current = {
      linear: ramp(this.current.linear, this.target.linear, this.limits.maxLinearAccel ?? 0.5),
      angular: ramp(this.current.angular, this.target.angular, this.limits.maxAngularAccel ?? 1.5),
    };
    this.opts.publish(this.current);
  }

  /** Stops now: publishes a zero Twist and stops republishing. */
  halt(): void {
    if (this.deadman !== null) this.clock.clearTimeout(this.deadman);
    if (this.loop !== null) this.clock.clearInterval(this.loop);
    this.deadman = null;
    this.loop = null;
    this.current = { linear: 0, angular: 0 };
    this.target = { linear: 0, angular: 0 };
    this.lastPublishAt = 0;
    this.opts.publish(this.current);
  }

  /** Engages the local e-stop: halts and refuses commands until {@link releaseEstop}. */
  engageEstop(): void {
    this.latched = true;
    this.halt();
  }

  /** Releases the latched e-stop (facility staff). */
  releaseEstop(): void {
    this.latched = false;
  }

  /** Stops timers (kiosk shutting down). */
  close(): void {
    this.halt();
  }
}
