/**
 * Physics and battery model of a differential-drive robot base.
 *
 * Plain class, no I/O and no timers: the owner calls {@link RobotModel.step} with the elapsed time.
 * The rules follow ros2_control's diff_drive_controller: commanded velocities are clamped to
 * velocity limits, the actual velocity follows the command within acceleration limits, and the
 * command is zeroed when `/cmd_vel` has been silent for longer than `cmd_vel_timeout` (0.5 s).
 * Safety: an engaged e-stop zeroes and blocks commands and brakes harder; a motion into an
 * obstacle (injected {@link CollisionCheck}) is undone and stops the base (bumper); the `stuck`
 * drive fault keeps the wheels still although commanded.
 */

/** Time source returning milliseconds since the Unix epoch (like `Date.now`). Injected so tests control time. */
export type Clock = () => number;

/** A {@link Clock} whose time only moves when {@link ManualClock.advance} is called. For tests. */
export class ManualClock {
  /** Current time, ms since the Unix epoch. */
  nowMs: number;

  /** @param startMs initial time, ms since the Unix epoch (default 1 700 000 000 000 ms, a fixed instant). */
  constructor(startMs = 1_700_000_000_000) {
    this.nowMs = startMs;
  }

  /** The clock function to inject; returns {@link ManualClock.nowMs} in ms. */
  readonly now: Clock = () => this.nowMs;

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** Velocity and acceleration limits, as in diff_drive_controller's `linear.x.*` / `angular.z.*` parameters. */
export interface DriveLimits {
  /** Maximum |linear.x| velocity, m/s. */
  maxLinearVelocity: number;
  /** Maximum |angular.z| velocity, rad/s. */
  maxAngularVelocity: number;
  /** Maximum |linear| acceleration (and deceleration), m/s². */
  maxLinearAcceleration: number;
  /** Maximum |angular| acceleration (and deceleration), rad/s². */
  maxAngularAcceleration: number;
}

/** Default limits of the simulated base: 0.8 m/s, 1.5 rad/s, 0.5 m/s², 2 rad/s². */
export const DEFAULT_LIMITS: Readonly<DriveLimits> = Object.freeze({
  maxLinearVelocity: 0.8,
  maxAngularVelocity: 1.5,
  maxLinearAcceleration: 0.5,
  maxAngularAcceleration: 2.0,
});

/** Default deadman timeout in ms; the default `cmd_vel_timeout` (0.5 s) of ros2_control's diff_drive_controller. */
export const DEFAULT_CMD_VEL_TIMEOUT_MS = 500;

/** Battery percentage the `lowBattery` scenario sets, percent (0..100). */
export const LOW_BATTERY_PERCENT = 10;

/** Internal integration step, ms: `step(dtMs)` is split into sub-steps no longer than this. */
const MAX_SUBSTEP_MS = 10;

/**
 * Collision test injected into the model (the venue map supplies it): returns the name of the
 * obstacle or wall the robot footprint would touch at `pose` (m, m, rad), or undefined when clear.
 */
export type CollisionCheck = (pose: Pose2D) => string | undefined;

/** Options of {@link RobotModel}. Every field is optional. */
export interface RobotModelOptions {
  /** Time source used to stamp commands and state, ms since epoch. Default `Date.now`. */
  clock?: Clock;
  /** Battery level at start, percent (0..100). Default 100. */
  initialBatteryPercent?: number;
  /** Battery drain while standing still, percent per minute. Default 0.5. */
  batteryDrainPercentPerMin?: number;
  /** Drain multiplier at full speed: drain = idle × (1 + (multiplier − 1) × speed fraction). Default 3. */
  movingDrainMultiplier?: number;
  /** Charge rate while `charging`, percent per minute. Default 5. */
  chargeRatePercentPerMin?: number;
  /** Deadman timeout, ms (diff_drive_controller `cmd_vel_timeout`). Default 500. */
  cmdVelTimeoutMs?: number;
  /** Overrides of {@link DEFAULT_LIMITS}. */
  limits?: Partial<DriveLimits>;
  /** Braking deceleration while the e-stop is engaged, m/s². Default 1.5 (3× the normal limit). */
  estopLinearDeceleration?: number;
  /** Angular braking deceleration while the e-stop is engaged, rad/s². Default 6. */
  estopAngularDeceleration?: number;
  /** Bumper: a motion into a pose where this returns a name is undone and the base stopped. Default: no obstacles. */
  collides?: CollisionCheck;
  /** Start pose (m, m, rad). Default the origin facing +x. */
  initialPose?: Pose2D;
}

/** Planar pose of `base_link` in the `odom` frame. */
export interface Pose2D {
  /** Position x, m. */
  x: number;
  /** Position y, m. */
  y: number;
  /** Heading (yaw), rad, normalised to (−π, π]. */
  theta: number;
}

/** Linear and angular velocity of the base. */
export interface Velocity {
  /** Forward velocity (linear.x), m/s. */
  linear: number;
  /** Yaw rate (angular.z), rad/s. */
  angular: number;
}

/** Snapshot of the simulated robot returned by {@link RobotModel.state}. */
export interface RobotState {
  /** Time of the snapshot from the injected clock, ms since epoch. */
  stampMs: number;
  /** Pose in the `odom` frame (m, m, rad). */
  pose: Pose2D;
  /** Commanded velocity after clamping to the velocity limits (m/s, rad/s); zeroed by the deadman. */
  commanded: Velocity;
  /** Actual velocity after the acceleration limits (m/s, rad/s). */
  actual: Velocity;
  /** Battery level, percent (0..100). */
  batteryPercent: number;
  /** Whether the robot is on its charger. */
  charging: boolean;
  /** Time since the last velocity command in simulated time, ms (Infinity if none yet). */
  msSinceLastCommand: number;
  /** True when the deadman zeroed the command because `/cmd_vel` went silent. */
  deadmanStopped: boolean;
  /** E-stop engaged: commands are ignored and the base brakes at the e-stop deceleration. */
  estopped: boolean;
  /** Drive fault (the `stuck` scenario): the wheels do not turn, pose and actual velocity stay put. */
  stuck: boolean;
  /** True while stuck and commanded to move (a stalled drive). */
  stalled: boolean;
  /** True while the bumper is pressed: the last motion ran into an obstacle and was stopped. */
  bumperPressed: boolean;
  /** Name of the obstacle or wall the bumper touches, or null when clear. */
  bumperContact: string | null;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** Normalises an angle in rad to (−π, π]. */
export function normalizeAngle(theta: number): number {
  let a = theta % (2 * Math.PI);
  if (a <= -Math.PI) a += 2 * Math.PI;
  else if (a > Math.PI) a -= 2 * Math.PI;
  return a;
}

/** Moves `current` toward `target` by at most `maxDelta`. */
function approach(current: number, target: number, maxDelta: number): number {
  return current + clamp(target - current, -maxDelta, maxDelta);
}

/**
 * Differential-drive kinematics, battery and deadman of the simulated base.
 * All rates are per simulated time, which advances only through {@link RobotModel.step}.
 */
export class RobotModel {
  /** Effective limits (m/s, rad/s, m/s², rad/s²). */
  readonly limits: Readonly<DriveLimits>;
  /** Deadman timeout, ms. */
  readonly cmdVelTimeoutMs: number;
  private readonly clock: Clock;
  private readonly drainPerMin: number;
  private readonly movingDrainMultiplier: number;
  private readonly chargePerMin: number;
  private pose: Pose2D = { x: 0, y: 0, theta: 0 };
  private commanded: Velocity = { linear: 0, angular: 0 };
  private actual: Velocity = { linear: 0, angular: 0 };
  private battery: number;
  private charging = false;
  private sinceCommandMs = Number.POSITIVE_INFINITY;
  private deadmanStopped = false;
  private estopped = false;
  private stuck = false;
  private contact: string | null = null;
  private readonly estopDecel: Velocity;
  private readonly collides: CollisionCheck | undefined;

  /** @param options see {@link RobotModelOptions}; invalid numbers throw a RangeError. */
  constructor(options: RobotModelOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.limits = Object.freeze({ ...DEFAULT_LIMITS, ...options.limits });
    this.cmdVelTimeoutMs = nonNegative('cmdVelTimeoutMs', options.cmdVelTimeoutMs ?? DEFAULT_CMD_VEL_TIMEOUT_MS);
    this.drainPerMin = nonNegative('batteryDrainPercentPerMin', options.batteryDrainPercentPerMin ?? 0.5);
    this.movingDrainMultiplier = nonNegative('movingDrainMultiplier', options.movingDrainMultiplier ?? 3);
    this.chargePerMin = nonNegative('chargeRatePercentPerMin', options.chargeRatePercentPerMin ?? 5);
    const initial = options.initialBatteryPercent ?? 100;
    if (!(initial >= 0 && initial <= 100)) throw new RangeError(`initialBatteryPercent must be within 0..100 percent, got ${initial}`);
    this.battery = initial;
    for (const [key, value] of Object.entries(this.limits)) nonNegative(key, value);
    this.estopDecel = {
      linear: nonNegative('estopLinearDeceleration', options.estopLinearDeceleration ?? 1.5),
      angular: nonNegative('estopAngularDeceleration', options.estopAngularDeceleration ?? 6),
    };
    this.collides = options.collides;
    if (options.initialPose) this.setPose(options.initialPose);
  }

  /**
   * Sets the velocity command, as a `/cmd_vel` Twist does (linear.x in m/s, angular.z in rad/s).
   * Values are clamped to the velocity limits; non-finite values are rejected with a RangeError.
   * Resets the deadman timer. Ignored (command stays zero) while the battery is empty or the e-stop is engaged.
   */
  setCommand(linear: number, angular: number): void {
    if (!Number.isFinite(linear) || !Number.isFinite(angular)) throw new RangeError('velocity command must be finite');
    this.sinceCommandMs = 0;
    this.deadmanStopped = false;
    if (this.battery <= 0 || this.estopped) {
      this.commanded = { linear: 0, angular: 0 };
      return;
    }
    this.commanded = {
      linear: clamp(linear, -this.limits.maxLinearVelocity, this.limits.maxLinearVelocity),
      angular: clamp(angular, -this.limits.maxAngularVelocity, this.limits.maxAngularVelocity),
    };
  }

  /** Sets the battery level, percent (clamped to 0..100). */
  setBatteryPercent(percent: number): void {
    if (!Number.isFinite(percent)) throw new RangeError('battery percent must be finite');
    this.battery = clamp(percent, 0, 100);
  }

  /** Puts the robot on (true) or off (false) its charger. */
  setCharging(charging: boolean): void {
    this.charging = charging;
  }

  /**
   * Engages (true) or releases (false) the e-stop. While engaged the command is zero, new commands
   * are ignored and the base brakes at the e-stop deceleration (m/s², rad/s²).
   */
  setEstop(engaged: boolean): void {
    this.estopped = engaged;
    if (engaged) this.commanded = { linear: 0, angular: 0 };
  }

  /** Sets or clears the drive fault of the `stuck` scenario: while set, the wheels do not turn although commanded. */
  setStuck(stuck: boolean): void {
    this.stuck = stuck;
    if (stuck) this.actual = { linear: 0, angular: 0 };
  }

  /** Places the robot at `pose` (m, m, rad) at rest and clears the bumper. For scenarios and tests. */
  setPose(pose: Pose2D): void {
    if (![pose.x, pose.y, pose.theta].every(Number.isFinite)) throw new RangeError('pose must be finite');
    this.pose = { x: pose.x, y: pose.y, theta: normalizeAngle(pose.theta) };
    this.actual = { linear: 0, angular: 0 };
    this.commanded = { linear: 0, angular: 0 };
    this.contact = null;
  }

  /**
   * Advances simulated time by `dtMs` milliseconds (negative or non-finite values count as 0):
   * applies the deadman, ramps the actual velocity toward the command within the acceleration
   * limits, integrates the pose (exact arc of a unicycle) and drains or charges the battery.
   */
  step(dtMs: number): void {
    let remaining = Number.isFinite(dtMs) && dtMs > 0 ? dtMs : 0;
    while (remaining > 0) {
      const h = Math.min(MAX_SUBSTEP_MS, remaining);
      remaining -= h;
      this.substep(h / 1000);
    }
  }

  private substep(dt: number): void {
    this.sinceCommandMs += dt * 1000;
    // diff_drive_controller: if (age of last command > cmd_vel_timeout) command = 0.
    if (this.sinceCommandMs > this.cmdVelTimeoutMs && (this.commanded.linear !== 0 || this.commanded.angular !== 0)) {
      this.commanded = { linear: 0, angular: 0 };
      this.deadmanStopped = true;
    }
    if (this.battery <= 0 || this.estopped) this.commanded = { linear: 0, angular: 0 };
    if (this.stuck) {
      this.actual = { linear: 0, angular: 0 };
      this.updateBattery(dt);
      return;
    }

    const before = this.actual;
    const linearAccel = this.estopped ? this.estopDecel.linear : this.limits.maxLinearAcceleration;
    const angularAccel = this.estopped ? this.estopDecel.angular : this.limits.maxAngularAcceleration;
    const after: Velocity = {
      linear: approach(before.linear, this.commanded.linear, linearAccel * dt),
      angular: approach(before.angular, this.commanded.angular, angularAccel * dt),
    };
    this.actual = after;
    const previous = this.pose;
    this.integratePose((before.linear + after.linear) / 2, (before.angular + after.angular) / 2, dt);
    const moving = before.linear !== 0 || before.angular !== 0 || after.linear !== 0 || after.angular !== 0;
    const hit = moving && this.collides ? this.collides(this.pose) : undefined;
    // A pose that already overlaps (placed there by setPose) must not trap the robot: only new contacts count.
    if (hit !== undefined && this.collides?.(previous) === undefined) {
      // Bumper: the motion is undone and the base stops at once, like a safety controller on a bumper event.
      this.pose = previous;
      this.actual = { linear: 0, angular: 0 };
      this.commanded = { linear: 0, angular: 0 };
      this.contact = hit;
    } else if (this.contact !== null && (after.linear !== 0 || after.angular !== 0)) {
      this.contact = null; // moved away without touching
    }
    this.updateBattery(dt);
  }

  private integratePose(v: number, w: number, dt: number): void {
    const { x, y, theta } = this.pose;
    if (Math.abs(w) < 1e-9) {
      this.pose = { x: x + v * Math.cos(theta) * dt, y: y + v * Math.sin(theta) * dt, theta };
      return;
    }
    const next = theta + w * dt;
    const r = v / w;
    this.pose = {
      x: x + r * (Math.sin(next) - Math.sin(theta)),
      y: y - r * (Math.cos(next) - Math.cos(theta)),
      theta: normalizeAngle(next),
    };
  }

  private updateBattery(dt: number): void {
    const minutes = dt / 60;
    if (this.charging) {
      this.battery = clamp(this.battery + this.chargePerMin * minutes, 0, 100);
      return;
    }
    const speedFraction = Math.max(
      Math.abs(this.actual.linear) / (this.limits.maxLinearVelocity || 1),
      Math.abs(this.actual.angular) / (this.limits.maxAngularVelocity || 1),
    );
    const rate = this.drainPerMin * (1 + (this.movingDrainMultiplier - 1) * clamp(speedFraction, 0, 1));
    this.battery = clamp(this.battery - rate * minutes, 0, 100);
  }

  /** Snapshot of the current state (copies; safe to keep). */
  state(): RobotState {
    return {
      stampMs: this.clock(),
      pose: { ...this.pose },
      commanded: { ...this.commanded },
      actual: { ...this.actual },
      batteryPercent: this.battery,
      charging: this.charging,
      msSinceLastCommand: this.sinceCommandMs,
      deadmanStopped: this.deadmanStopped,
      estopped: this.estopped,
      stuck: this.stuck,
      stalled: this.stuck && (this.commanded.linear !== 0 || this.commanded.angular !== 0),
      bumperPressed: this.contact !== null,
      bumperContact: this.contact,
    };
  }
}

function nonNegative(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  return value;
}
