/**
 * The simulated robot in its venue, without I/O: the {@link RobotModel} plus the venue map
 * (bumper), the e-stop, injected faults (stuck drive, camera failure), the dock and charging, and
 * at most one motion task (navigate, dock, undock) driven by a {@link SegmentFollower}.
 * Time advances only through {@link RobotWorld.step}; the owner turns events into ROS messages.
 */
import { RobotModel, type Clock, type Pose2D, type RobotModelOptions, type RobotState } from './model.ts';
import { SegmentFollower, NAV_PROFILE, type MotionProfile, type Segment } from './navigation.ts';
import type { PlanFailure } from './planner.ts';
import { DEFAULT_VENUE, findWaypoint, footprintContact, type VenueMap } from './venue.ts';

/** Kind of motion task; one runs at a time (a new one preempts the old). */
export type TaskKind = 'navigate' | 'dock' | 'undock';

/** Why a task ended without success. */
export type TaskFailure = PlanFailure | 'estop' | 'bumper' | 'no_progress' | 'timeout' | 'preempted' | 'operator' | 'canceled' | 'invalid';

/** How a task ended. */
export type TaskOutcome = { ok: true } | { ok: false; reason: TaskFailure; message: string };

/** Progress of the running task, for action feedback. */
export interface TaskProgress {
  /** Phase label of the current segment (e.g. `navigate`, `staging`, `approach`). */
  phase: string;
  /** Time since the task started, ms of simulated time. */
  elapsedMs: number;
  /** Distance still to drive along the plan, m. */
  distanceRemaining: number;
  /** Estimated time to finish, s. */
  timeRemaining: number;
  /** Current pose (m, m, rad). */
  pose: Pose2D;
}

/** What {@link RobotWorld.startTask} needs. */
export interface TaskRequest {
  kind: TaskKind;
  /** Builds the segments from the current pose, or fails (e.g. the goal is occupied). */
  plan(pose: Pose2D): { ok: true; segments: Segment[] } | { ok: false; reason: TaskFailure; message: string };
  /** Called after every control period while the task runs. */
  onProgress?(progress: TaskProgress): void;
  /** Called exactly once when the task ends (also when it fails at once). */
  onEnd(outcome: TaskOutcome, progress: TaskProgress): void;
}

/** Control of a started task. */
export interface TaskHandle {
  /** Ends the task with reason `canceled` (no-op once ended); the base then brakes to a stop. */
  cancel(): void;
  /** True until the task has ended. */
  readonly active: boolean;
}

/** Something that happened during a step or a call, for the owner to publish. */
export type WorldEvent =
  | { type: 'bumper'; contact: string | null }
  | { type: 'estop'; engaged: boolean; reason: string }
  | { type: 'charging'; charging: boolean };

/** State outside the physics model, for diagnostics and the simulator's state snapshot. */
export interface WorldStatus {
  /** E-stop engaged, why, and since when (ms since epoch, simulated clock). */
  estop: { engaged: boolean; reason: string | null; sinceMs: number | null };
  /** False during the `cameraFailure` scenario. */
  cameraOk: boolean;
  /** True once the drive has stalled in the `stuck` scenario (latched until the fault is cleared). */
  stallSeen: boolean;
  /** Name of the dock waypoint the robot is charging on, or null. */
  docked: string | null;
  /** The running task, or null. */
  task: { kind: TaskKind; phase: string } | null;
}

/** Options of {@link RobotWorld}. */
export interface WorldOptions extends RobotModelOptions {
  /** The venue; default {@link DEFAULT_VENUE}. */
  venue?: VenueMap;
  /** Controller speeds; default {@link NAV_PROFILE}. */
  profile?: MotionProfile;
  /** A task that neither moves 0.05 m nor turns 0.1 rad for this long fails with `no_progress`, ms. Default 5000 (like nav2's progress checker). */
  progressTimeoutMs?: number;
}

/** Control period of the task controller, ms: {@link RobotWorld.step} runs the controller this often. */
export const CONTROL_PERIOD_MS = 20;
/** Moving this far from where charging began (m) lifts the robot off its charger. */
const CHARGER_CONTACT_RANGE = 0.05;

interface ActiveTask {
  request: TaskRequest;
  follower: SegmentFollower;
  elapsedMs: number;
  checkPose: Pose2D;
  checkMs: number;
}

/** The simulated robot in its venue. */
export class RobotWorld {
  /** Kinematics, battery, deadman, e-stop braking and bumper of the base. */
  readonly model: RobotModel;
  /** The venue map (waypoints, obstacles, walls, docks). */
  readonly venue: VenueMap;
  private readonly clock: Clock;
  private readonly profile: MotionProfile;
  private readonly progressTimeoutMs: number;
  private readonly listeners = new Set<(event: WorldEvent) => void>();
  private estop: WorldStatus['estop'] = { engaged: false, reason: null, sinceMs: null };
  private cameraOk = true;
  private stallSeen = false;
  private chargeAnchor: Pose2D | undefined;
  private docked: string | null = null;
  private task: ActiveTask | undefined;

  /** @param options model options plus venue, controller profile and progress timeout */
  constructor(options: WorldOptions = {}) {
    const { venue, profile, progressTimeoutMs, ...modelOptions } = options;
    this.venue = venue ?? DEFAULT_VENUE;
    this.clock = options.clock ?? Date.now;
    this.profile = profile ?? NAV_PROFILE;
    this.progressTimeoutMs = progressTimeoutMs ?? 5000;
    this.model = new RobotModel({ ...modelOptions, collides: (pose) => footprintContact(this.venue, pose) });
  }

  /** Registers a listener for {@link WorldEvent}s; returns a function that removes it. */
  on(listener: (event: WorldEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: WorldEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * A `/cmd_vel` command (m/s, rad/s). Ignored while the e-stop is engaged (`estop`). While a task
   * runs, a zero command is ignored and a non-zero one takes over: the task ends with `operator`.
   */
  command(linear: number, angular: number): 'applied' | 'estop' | 'ignored' {
    if (this.estop.engaged) return 'estop';
    if (this.task) {
      if (linear === 0 && angular === 0) return 'ignored';
      this.endTask({ ok: false, reason: 'operator', message: 'manual /cmd_vel took over from the task' });
    }
    this.model.setCommand(linear, angular);
    return 'applied';
  }

  /** Engages the e-stop (the base brakes, commands are ignored, the running task fails with `estop`). */
  engageEstop(reason: string): { success: boolean; message: string } {
    if (this.estop.engaged) return { success: true, message: `e-stop already engaged (${this.estop.reason})` };
    this.estop = { engaged: true, reason, sinceMs: this.clock() };
    this.model.setEstop(true);
    if (this.task) this.endTask({ ok: false, reason: 'estop', message: `emergency stop engaged (${reason})` });
    this.emit({ type: 'estop', engaged: true, reason });
    return { success: true, message: `e-stop engaged (${reason})` };
  }

  /** Releases the e-stop; fails (success false) when it is not engaged. */
  releaseEstop(): { success: boolean; message: string } {
    if (!this.estop.engaged) return { success: false, message: 'e-stop is not engaged' };
    this.estop = { engaged: false, reason: null, sinceMs: null };
    this.model.setEstop(false);
    this.emit({ type: 'estop', engaged: false, reason: 'released' });
    return { success: true, message: 'e-stop released' };
  }

  /** Sets or clears the stuck drive fault (clearing also clears the latched stall). */
  setStuck(stuck: boolean): void {
    this.model.setStuck(stuck);
    if (!stuck) this.stallSeen = false;
  }

  /** Sets the camera health (false = no frames, diagnostics ERROR). */
  setCameraOk(ok: boolean): void {
    this.cameraOk = ok;
  }

  /**
   * Puts the robot on (true) or off (false) a charger where it stands. On a dock waypoint (within
   * 0.1 m) it counts as docked. Driving more than 0.05 m away ends charging.
   */
  setCharging(charging: boolean): void {
    const { pose } = this.model.state();
    const was = this.model.state().charging;
    this.model.setCharging(charging);
    this.chargeAnchor = charging ? pose : undefined;
    this.docked = charging ? (this.dockAt(pose, 0.1) ?? null) : null;
    if (was !== charging) this.emit({ type: 'charging', charging });
  }

  /** Name of a dock whose docked pose is within `range` m of `pose`. */
  dockAt(pose: Pose2D, range: number): string | undefined {
    return this.venue.docks.find((d) => {
      const w = findWaypoint(this.venue, d.waypoint);
      return w !== undefined && Math.hypot(w.x - pose.x, w.y - pose.y) <= range;
    })?.waypoint;
  }

  /** Starts a motion task, preempting a running one (which ends with `preempted`). */
  startTask(request: TaskRequest): TaskHandle {
    if (this.task) this.endTask({ ok: false, reason: 'preempted', message: 'preempted by a newer goal' });
    let ended = false;
    const wrapped: TaskRequest = {
      ...request,
      onEnd: (outcome, progress) => {
        ended = true;
        request.onEnd(outcome, progress);
      },
    };
    const handle: TaskHandle = {
      cancel: () => {
        if (this.task?.request === wrapped) this.endTask({ ok: false, reason: 'canceled', message: 'canceled' });
      },
      get active() {
        return !ended;
      },
    };
    const { pose } = this.model.state();
    const idle: TaskProgress = { phase: request.kind, elapsedMs: 0, distanceRemaining: 0, timeRemaining: 0, pose };
    if (this.estop.engaged) {
      wrapped.onEnd({ ok: false, reason: 'estop', message: `emergency stop engaged (${this.estop.reason})` }, idle);
      return handle;
    }
    const plan = request.plan(pose);
    if (!plan.ok) {
      wrapped.onEnd(plan, idle);
      return handle;
    }
    this.task = { request: wrapped, follower: new SegmentFollower(plan.segments, this.profile), elapsedMs: 0, checkPose: pose, checkMs: 0 };
    return handle;
  }

  private progress(task: ActiveTask, state: RobotState): TaskProgress {
    return {
      phase: task.follower.phase,
      elapsedMs: task.elapsedMs,
      distanceRemaining: task.follower.distanceRemaining(state.pose),
      timeRemaining: task.follower.timeRemaining(state.pose),
      pose: state.pose,
    };
  }

  private endTask(outcome: TaskOutcome): void {
    const task = this.task;
    if (!task) return;
    this.task = undefined;
    this.model.setCommand(0, 0);
    task.request.onEnd(outcome, this.progress(task, this.model.state()));
  }

  /** Advances simulated time by `dtMs` ms: controller, physics, bumper, charging contact and task checks. */
  step(dtMs: number): void {
    let remaining = Number.isFinite(dtMs) && dtMs > 0 ? dtMs : 0;
    while (remaining > 0) {
      const h = Math.min(CONTROL_PERIOD_MS, remaining);
      remaining -= h;
      this.controlStep(h);
    }
  }

  private controlStep(h: number): void {
    const task = this.task;
    const before = this.model.state();
    if (task) {
      const cmd = task.follower.update(before);
      this.model.setCommand(cmd.linear, cmd.angular);
    }
    this.model.step(h);
    const s = this.model.state();
    if (s.stalled) this.stallSeen = true;
    if (s.bumperContact !== before.bumperContact) this.emit({ type: 'bumper', contact: s.bumperContact });
    if (s.charging && this.chargeAnchor && Math.hypot(s.pose.x - this.chargeAnchor.x, s.pose.y - this.chargeAnchor.y) > CHARGER_CONTACT_RANGE) {
      this.setCharging(false);
    }
    if (!task || this.task !== task) return;
    task.elapsedMs += h;
    if (s.bumperContact !== null && before.bumperContact === null) {
      return this.endTask({ ok: false, reason: 'bumper', message: `bumper hit the ${s.bumperContact}` });
    }
    if (task.follower.done) return this.endTask({ ok: true });
    const moved = Math.hypot(s.pose.x - task.checkPose.x, s.pose.y - task.checkPose.y);
    const turned = Math.abs(s.pose.theta - task.checkPose.theta);
    if (moved >= 0.05 || Math.min(turned, 2 * Math.PI - turned) >= 0.1) {
      task.checkPose = s.pose;
      task.checkMs = task.elapsedMs;
    } else if (task.elapsedMs - task.checkMs > this.progressTimeoutMs) {
      const why = s.stalled ? 'the drive is stalled' : s.batteryPercent <= 0 ? 'the battery is empty' : 'the base is not moving';
      return this.endTask({ ok: false, reason: 'no_progress', message: `failed to make progress for ${this.progressTimeoutMs / 1000} s: ${why}` });
    }
    task.request.onProgress?.(this.progress(task, s));
  }

  /** Non-physics state (e-stop, camera, stall, dock, task). */
  status(): WorldStatus {
    return {
      estop: { ...this.estop },
      cameraOk: this.cameraOk,
      stallSeen: this.stallSeen,
      docked: this.docked,
      task: this.task ? { kind: this.task.request.kind, phase: this.task.follower.phase } : null,
    };
  }
}
