/**
 * The simulator's action servers: `/navigate_to_pose` (nav2_msgs/action/NavigateToPose), `/dock`
 * (nav2_msgs/action/DockRobot) and `/undock` (nav2_msgs/action/UndockRobot). Each goal becomes a
 * {@link RobotWorld} motion task; outcomes map to action_msgs/msg/GoalStatus (SUCCEEDED=4,
 * CANCELED=5, ABORTED=6) and the actions' own error codes.
 */
import type { ActionDefinition, GoalHandle } from './actions.ts';
import {
  DOCK_ERROR, DOCK_ROBOT_GOAL, DOCK_STATE, NAVIGATE_TO_POSE_ERROR, NAVIGATE_TO_POSE_GOAL, UNDOCK_ROBOT_GOAL,
  type DockRobotFeedback, type DockRobotGoal, type DockRobotResult, type NavigateToPoseFeedback, type NavigateToPoseGoal,
  type NavigateToPoseResult, type UndockRobotResult,
} from './interfaces.ts';
import { quaternionToYaw, toRosDuration } from './messages.ts';
import type { Pose2D } from './model.ts';
import { NAV_PROFILE, segmentsAlong, type Segment } from './navigation.ts';
import { planPath } from './planner.ts';
import { poseStampedMessage } from './telemetry.ts';
import { findWaypoint, stagingPose } from './venue.ts';
import type { RobotWorld, TaskFailure, TaskOutcome, TaskProgress, TaskRequest } from './world.ts';

/** Name of the navigation action. */
export const NAVIGATE_TO_POSE_ACTION = '/navigate_to_pose';
/** Type of {@link NAVIGATE_TO_POSE_ACTION}. */
export const NAVIGATE_TO_POSE_TYPE = 'nav2_msgs/action/NavigateToPose';
/** Name of the docking action (Nav2's docking server calls it `/dock_robot`; map it in the robot mapping). */
export const DOCK_ACTION = '/dock';
/** Type of {@link DOCK_ACTION}; `opennav_docking_msgs/action/DockRobot` is accepted too. */
export const DOCK_TYPE = 'nav2_msgs/action/DockRobot';
/** Name of the undocking action (Nav2: `/undock_robot`). */
export const UNDOCK_ACTION = '/undock';
/** Type of {@link UNDOCK_ACTION}; `opennav_docking_msgs/action/UndockRobot` is accepted too. */
export const UNDOCK_TYPE = 'nav2_msgs/action/UndockRobot';
/** Minimum simulated time between two feedback messages of a goal, ms (5 Hz). */
export const FEEDBACK_PERIOD_MS = 200;
/** Speed of the final approach onto the dock and of backing off it, m/s. */
export const DOCKING_SPEED = 0.15;

const NAV_CODES: Partial<Record<TaskFailure, number>> = {
  goal_outside_map: NAVIGATE_TO_POSE_ERROR.GOAL_OUTSIDE_MAP,
  start_occupied: NAVIGATE_TO_POSE_ERROR.START_OCCUPIED,
  goal_occupied: NAVIGATE_TO_POSE_ERROR.GOAL_OCCUPIED,
  no_valid_path: NAVIGATE_TO_POSE_ERROR.NO_VALID_PATH,
  no_progress: NAVIGATE_TO_POSE_ERROR.FAILED_TO_MAKE_PROGRESS,
};
const PLAN_FAILURES: readonly TaskFailure[] = ['goal_outside_map', 'start_occupied', 'goal_occupied', 'no_valid_path'];

/** Sends feedback at most every {@link FEEDBACK_PERIOD_MS} of simulated time. */
function throttled(send: (p: TaskProgress) => void): (p: TaskProgress) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (p) => {
    if (p.elapsedMs - last < FEEDBACK_PERIOD_MS) return;
    last = p.elapsedMs;
    send(p);
  };
}

/** Runs a task for a goal and wires cancel requests to it; when `expired(progress)` turns true the task ends with `timeout`. */
function runTask(world: RobotWorld, handle: GoalHandle, request: TaskRequest, expired?: (p: TaskProgress) => string | undefined): void {
  let timeout: string | undefined;
  const onProgress = request.onProgress;
  const task = world.startTask({
    ...request,
    onProgress: (p) => {
      timeout ??= expired?.(p);
      if (timeout !== undefined) return task.cancel();
      onProgress?.(p);
    },
    onEnd: (outcome, p) => request.onEnd(timeout !== undefined ? { ok: false, reason: 'timeout', message: timeout } : outcome, p),
  });
  handle.onCancel(() => task.cancel());
}

/** Ends a goal from a task outcome: ok → SUCCEEDED, canceled → CANCELED, otherwise ABORTED. */
function finish<R>(handle: GoalHandle, outcome: TaskOutcome, ok: () => R, canceled: () => R, failed: (reason: TaskFailure, message: string) => R): void {
  if (outcome.ok) handle.succeed(ok());
  else if (outcome.reason === 'canceled') handle.canceled(canceled());
  else handle.abort(failed(outcome.reason, outcome.message));
}

function navigateToPose(world: RobotWorld, now: () => number): ActionDefinition {
  return {
    name: NAVIGATE_TO_POSE_ACTION,
    type: NAVIGATE_TO_POSE_TYPE,
    goal: NAVIGATE_TO_POSE_GOAL,
    execute(goal, handle) {
      const { pose } = goal as NavigateToPoseGoal;
      const result = (error_code: number, error_msg: string): NavigateToPoseResult => ({ error_code, error_msg });
      const frame = pose.header.frame_id;
      if (!['', 'map', 'odom'].includes(frame)) {
        return handle.abort(result(NAVIGATE_TO_POSE_ERROR.TF_ERROR, `unknown frame '${frame}': goals must be in 'map' (or 'odom', identical here)`));
      }
      const theta = quaternionToYaw(pose.pose.orientation);
      if (Number.isNaN(theta)) return handle.abort(result(NAVIGATE_TO_POSE_ERROR.UNKNOWN, 'invalid goal orientation: zero quaternion'));
      const target: Pose2D = { x: pose.pose.position.x, y: pose.pose.position.y, theta };
      runTask(world, handle, {
        kind: 'navigate',
        plan: (from) => {
          const planned = planPath(world.venue, from, target);
          return planned.ok ? { ok: true, segments: segmentsAlong(planned.path, theta, 'navigate', NAV_PROFILE.maxLinear) } : planned;
        },
        onProgress: throttled((p) => handle.feedback({
          current_pose: poseStampedMessage(p.pose, now()),
          navigation_time: toRosDuration(p.elapsedMs),
          estimated_time_remaining: toRosDuration(p.timeRemaining * 1000),
          number_of_recoveries: 0,
          distance_remaining: p.distanceRemaining,
        } satisfies NavigateToPoseFeedback)),
        onEnd: (outcome) => finish(handle, outcome, () => result(0, ''), () => result(0, ''),
          (reason, message) => result(NAV_CODES[reason] ?? NAVIGATE_TO_POSE_ERROR.UNKNOWN, message)),
      });
    },
  };
}

function dock(world: RobotWorld): ActionDefinition {
  return {
    name: DOCK_ACTION,
    type: DOCK_TYPE,
    aliases: ['opennav_docking_msgs/action/DockRobot'],
    goal: DOCK_ROBOT_GOAL,
    execute(goal, handle) {
      const g = goal as DockRobotGoal;
      const result = (success: boolean, error_code: number, error_msg: string): DockRobotResult => ({ success, error_code, num_retries: 0, error_msg });
      const { venue } = world;
      const known = venue.docks.map((d) => d.waypoint);
      let spec;
      if (g.use_dock_id) {
        const id = g.dock_id || (known.length === 1 ? known[0]! : '');
        spec = venue.docks.find((d) => d.waypoint === id);
        if (!spec) return handle.abort(result(false, DOCK_ERROR.DOCK_NOT_IN_DB, `no dock '${g.dock_id}' in the database; docks: ${known.join(', ')}`));
      } else {
        const p = g.dock_pose.pose.position;
        spec = venue.docks.find((d) => {
          const w = findWaypoint(venue, d.waypoint);
          return w !== undefined && Math.hypot(w.x - p.x, w.y - p.y) <= 0.3;
        });
        if (!spec) return handle.abort(result(false, DOCK_ERROR.FAILED_TO_DETECT_DOCK, `no dock detected near (${p.x.toFixed(2)}, ${p.y.toFixed(2)})`));
      }
      if (world.status().docked === spec.waypoint) return handle.succeed(result(true, DOCK_ERROR.NONE, ''));
      const docked = findWaypoint(venue, spec.waypoint)!;
      const staging = stagingPose(docked, spec.stagingDistance);
      const approach: Segment = { kind: 'drive', x: docked.x, y: docked.y, reverse: false, maxSpeed: DOCKING_SPEED, phase: 'approach' };
      runTask(world, handle, {
        kind: 'dock',
        plan: (from) => {
          if (!g.navigate_to_staging_pose) {
            if (Math.hypot(from.x - staging.x, from.y - staging.y) > 0.3) {
              return { ok: false, reason: 'invalid', message: 'not at the staging pose and navigate_to_staging_pose is false' };
            }
            return { ok: true, segments: [...segmentsAlong([from, staging], staging.theta, 'staging', DOCKING_SPEED), approach] };
          }
          const planned = planPath(venue, from, staging);
          return planned.ok ? { ok: true, segments: [...segmentsAlong(planned.path, staging.theta, 'staging', NAV_PROFILE.maxLinear), approach] } : planned;
        },
        onProgress: throttled((p) => handle.feedback({
          state: p.phase === 'approach' ? DOCK_STATE.CONTROLLING : DOCK_STATE.NAV_TO_STAGING_POSE,
          docking_time: toRosDuration(p.elapsedMs),
          num_retries: 0,
        } satisfies DockRobotFeedback)),
        onEnd: (outcome) => {
          if (outcome.ok) world.setCharging(true);
          finish(handle, outcome, () => result(true, DOCK_ERROR.NONE, ''), () => result(false, DOCK_ERROR.NONE, 'canceled'),
            (reason, message) => result(false, reason === 'timeout' ? DOCK_ERROR.TIMEOUT
              : PLAN_FAILURES.includes(reason) || reason === 'invalid' ? DOCK_ERROR.FAILED_TO_STAGE : DOCK_ERROR.FAILED_TO_CONTROL, message));
        },
      }, (p) => (p.phase === 'staging' && p.elapsedMs > g.max_staging_time * 1000 ? `staging took longer than ${g.max_staging_time} s` : undefined));
    },
  };
}

function undock(world: RobotWorld): ActionDefinition {
  return {
    name: UNDOCK_ACTION,
    type: UNDOCK_TYPE,
    aliases: ['opennav_docking_msgs/action/UndockRobot'],
    goal: UNDOCK_ROBOT_GOAL,
    execute(goal, handle) {
      const { max_undocking_time } = goal as { max_undocking_time: number };
      const result = (success: boolean, error_code: number): UndockRobotResult => ({ success, error_code });
      const { pose } = world.model.state();
      const name = world.status().docked ?? world.dockAt(pose, 0.1);
      const spec = world.venue.docks.find((d) => d.waypoint === name);
      if (!spec) return handle.abort(result(false, DOCK_ERROR.DOCK_NOT_VALID));
      const staging = stagingPose(findWaypoint(world.venue, spec.waypoint)!, spec.stagingDistance);
      runTask(world, handle, {
        kind: 'undock',
        plan: () => ({ ok: true, segments: [{ kind: 'drive', x: staging.x, y: staging.y, reverse: true, maxSpeed: DOCKING_SPEED, phase: 'undock' }] }),
        onEnd: (outcome) => {
          if (outcome.ok) world.setCharging(false);
          finish(handle, outcome, () => result(true, DOCK_ERROR.NONE), () => result(false, DOCK_ERROR.NONE), () => result(false, DOCK_ERROR.FAILED_TO_CONTROL));
        },
      }, (p) => (p.elapsedMs > max_undocking_time * 1000 ? `undocking took longer than ${max_undocking_time} s` : undefined));
    },
  };
}

/** The three action servers of the simulator, bound to `world`; `now` stamps feedback poses (ms since epoch). */
export function robotActions(world: RobotWorld, now: () => number): ActionDefinition[] {
  return [navigateToPose(world, now), dock(world), undock(world)];
}
