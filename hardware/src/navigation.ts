/**
 * Local controller of the simulator: follows a list of turn-in-place and straight-drive segments
 * ("turn, then drive") with a trapezoidal speed profile that respects the base's acceleration
 * limits, so the robot stops on the target instead of overshooting. It only computes velocity
 * commands (m/s, rad/s); the {@link RobotModel} does the motion.
 */
import { normalizeAngle, type Pose2D, type RobotState, type Velocity } from './model.ts';
import type { Point } from './planner.ts';

/** One step of a motion plan. `phase` labels it for feedback (e.g. `navigate`, `approach`). */
export type Segment =
  | {
    /** Turn in place to heading `theta` (rad). */
    kind: 'turn';
    theta: number;
    phase: string;
  }
  | {
    /** Drive straight to (`x`, `y`) (m), backwards when `reverse`, at most `maxSpeed` m/s. */
    kind: 'drive';
    x: number;
    y: number;
    reverse: boolean;
    maxSpeed: number;
    phase: string;
  };

/** Speed profile of the controller (kept below the base's limits). */
export interface MotionProfile {
  /** Cruise speed, m/s. */
  maxLinear: number;
  /** Turn rate, rad/s. */
  maxAngular: number;
  /** Deceleration planned for stopping on a target, m/s² (below the base's 0.5 m/s²). */
  linearDecel: number;
  /** Angular deceleration planned for stopping on a heading, rad/s² (below the base's 2 rad/s²). */
  angularDecel: number;
}

/** Default profile: 0.5 m/s, 1.0 rad/s, stopping at 0.4 m/s² and 1.5 rad/s². */
export const NAV_PROFILE: Readonly<MotionProfile> = Object.freeze({ maxLinear: 0.5, maxAngular: 1.0, linearDecel: 0.4, angularDecel: 1.5 });
/** A drive segment is complete within this distance of its end point, m. */
export const POSITION_TOLERANCE = 0.02;
/** A turn segment is complete within this heading error, rad. */
export const HEADING_TOLERANCE = 0.015;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Segments that drive along `path` (corner points, m): at each corner turn toward the next point,
 * then drive to it; finally turn to `finalTheta` (rad) when given.
 */
export function segmentsAlong(path: readonly Point[], finalTheta: number | undefined, phase: string, maxSpeed: number): Segment[] {
  const out: Segment[] = [];
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    if (Math.hypot(b.x - a.x, b.y - a.y) <= POSITION_TOLERANCE) continue;
    out.push({ kind: 'turn', theta: Math.atan2(b.y - a.y, b.x - a.x), phase });
    out.push({ kind: 'drive', x: b.x, y: b.y, reverse: false, maxSpeed, phase });
  }
  if (finalTheta !== undefined) out.push({ kind: 'turn', theta: normalizeAngle(finalTheta), phase });
  return out;
}

/** Follows {@link Segment}s one after the other; call {@link SegmentFollower.update} every control period. */
export class SegmentFollower {
  private readonly segments: readonly Segment[];
  private readonly profile: MotionProfile;
  private index = 0;
  private settling = false;
  private legStart: Point | undefined;

  /** @param segments the plan; @param profile speeds and decelerations (default {@link NAV_PROFILE}) */
  constructor(segments: readonly Segment[], profile: MotionProfile = NAV_PROFILE) {
    this.segments = segments;
    this.profile = profile;
  }

  /** True once every segment is complete and the base has come to rest. */
  get done(): boolean {
    return this.index >= this.segments.length;
  }

  /** `phase` of the current segment (the last one's when done). */
  get phase(): string {
    return (this.segments[Math.min(this.index, this.segments.length - 1)]?.phase) ?? 'idle';
  }

  /** The velocity command (m/s, rad/s) for the current state; zero when done. */
  update(state: Pick<RobotState, 'pose' | 'actual'>): Velocity {
    for (;;) {
      const seg = this.segments[this.index];
      if (!seg) return { linear: 0, angular: 0 };
      if (this.settling) {
        // Wait for the base to stop before the next segment, so turns happen in place.
        if (Math.abs(state.actual.linear) > 0.005 || Math.abs(state.actual.angular) > 0.01) return { linear: 0, angular: 0 };
        this.settling = false;
        this.index++;
        this.legStart = undefined;
        continue;
      }
      const cmd = seg.kind === 'turn' ? this.turn(seg.theta, state.pose) : this.drive(seg, state.pose);
      if (cmd) return cmd;
      this.settling = true;
    }
  }

  private turn(theta: number, pose: Pose2D): Velocity | undefined {
    const err = normalizeAngle(theta - pose.theta);
    if (Math.abs(err) <= HEADING_TOLERANCE) return undefined;
    const rate = clamp(Math.sqrt(2 * this.profile.angularDecel * Math.abs(err)), 0.12, this.profile.maxAngular);
    return { linear: 0, angular: Math.sign(err) * rate };
  }

  private drive(seg: Extract<Segment, { kind: 'drive' }>, pose: Pose2D): Velocity | undefined {
    this.legStart ??= { x: pose.x, y: pose.y };
    const lx = seg.x - this.legStart.x;
    const ly = seg.y - this.legStart.y;
    const len = Math.hypot(lx, ly);
    if (len < 1e-9) return undefined;
    const along = ((seg.x - pose.x) * lx + (seg.y - pose.y) * ly) / len; // remaining distance along the leg
    if (along <= POSITION_TOLERANCE) return undefined;
    const sign = seg.reverse ? -1 : 1;
    const bearing = along > 0.25 ? Math.atan2(seg.y - pose.y, seg.x - pose.x) : Math.atan2(ly, lx);
    const err = normalizeAngle(bearing + (seg.reverse ? Math.PI : 0) - pose.theta);
    if (Math.abs(err) > 0.5) return { linear: 0, angular: Math.sign(err) * this.profile.maxAngular * 0.5 }; // re-align first
    const speed = clamp(Math.sqrt(2 * this.profile.linearDecel * (along - POSITION_TOLERANCE / 2)), 0.04, Math.min(seg.maxSpeed, this.profile.maxLinear));
    return { linear: sign * speed * Math.cos(err), angular: clamp(2 * err, -0.5, 0.5) };
  }

  /** Distance still to drive, m: the rest of the current leg plus the later legs. */
  distanceRemaining(pose: Pose2D): number {
    let total = 0;
    let from: Point = { x: pose.x, y: pose.y };
    for (let i = this.index; i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      if (seg.kind !== 'drive') continue;
      total += Math.hypot(seg.x - from.x, seg.y - from.y);
      from = seg;
    }
    return total;
  }

  /** Estimated time to finish, s: remaining distance at cruise speed plus remaining turns at the turn rate. */
  timeRemaining(pose: Pose2D): number {
    let turning = 0;
    let heading = pose.theta;
    let from: Point = { x: pose.x, y: pose.y };
    let driving = 0;
    for (let i = this.index; i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      if (seg.kind === 'turn') {
        turning += Math.abs(normalizeAngle(seg.theta - heading));
        heading = seg.theta;
      } else {
        driving += Math.hypot(seg.x - from.x, seg.y - from.y) / Math.min(seg.maxSpeed, this.profile.maxLinear);
        from = seg;
      }
    }
    return driving + turning / this.profile.maxAngular;
  }
}
