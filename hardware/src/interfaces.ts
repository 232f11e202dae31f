/**
 * ROS 2 action and service interfaces the simulator serves, as zod schemas with defaults, and their
 * constants. Sources: nav2_msgs/action/NavigateToPose, DockRobot, UndockRobot (Nav2 Jazzy; DockRobot
 * and UndockRobot were opennav_docking_msgs before Nav2 merged opennav_docking), action_msgs/msg/GoalStatus,
 * action_msgs/srv/CancelGoal, std_srvs/srv/Trigger, and the simulator's own telekiosk_msgs services
 * (definitions in hardware/ros2/telekiosk_msgs/srv).
 */
import { z } from 'zod';
import { defaultHeader, PoseStampedSchema, TimeSchema, zeroPose, type MessageType, type PoseStamped, type RosDuration } from './messages.ts';

/** `status` constants of action_msgs/msg/GoalStatus, as sent in rosbridge `action_result.status`. */
export const GOAL_STATUS = Object.freeze({
  UNKNOWN: 0, ACCEPTED: 1, EXECUTING: 2, CANCELING: 3, SUCCEEDED: 4, CANCELED: 5, ABORTED: 6,
});
/** A goal status code (see {@link GOAL_STATUS}). */
export type GoalStatusCode = (typeof GOAL_STATUS)[keyof typeof GOAL_STATUS];

const uint16 = z.number().int().min(0).max(65535);
const float = z.number();

/** Goal of nav2_msgs/action/NavigateToPose: `pose` in `map` (or `odom`, identical here); `behavior_tree` is ignored. */
export const NavigateToPoseGoalSchema = z.strictObject({ pose: PoseStampedSchema, behavior_tree: z.string() });
/** NavigateToPose goal type for validation with defaults (header stamped now, identity orientation). */
export const NAVIGATE_TO_POSE_GOAL: MessageType = {
  name: 'nav2_msgs/action/NavigateToPose_Goal',
  schema: NavigateToPoseGoalSchema,
  defaults: (now) => ({ pose: { header: defaultHeader(now), pose: zeroPose() }, behavior_tree: '' }),
};
/** A validated NavigateToPose goal. */
export type NavigateToPoseGoal = z.infer<typeof NavigateToPoseGoalSchema>;

/** Feedback of nav2_msgs/action/NavigateToPose (Jazzy fields). */
export interface NavigateToPoseFeedback {
  /** Robot pose in `map`. */
  current_pose: PoseStamped;
  /** Time since the goal was accepted. */
  navigation_time: RosDuration;
  /** Estimated time to reach the goal. */
  estimated_time_remaining: RosDuration;
  /** Recovery behaviours run so far (always 0 in the simulator). */
  number_of_recoveries: number;
  /** Path length still to drive, m (float32). */
  distance_remaining: number;
}

/** Result of nav2_msgs/action/NavigateToPose (Jazzy): `error_code` (0 = NONE) and `error_msg`. */
export interface NavigateToPoseResult {
  error_code: number;
  error_msg: string;
}

/**
 * Error codes in NavigateToPose results. NavigateToPose's own (NONE, UNKNOWN=9000, TF_ERROR=9002) plus
 * those Nav2's behaviour tree passes up from its planner (nav2_msgs/action/ComputePathToPose, Jazzy:
 * GOAL_OUTSIDE_MAP=204, START_OCCUPIED=205, GOAL_OCCUPIED=206, NO_VALID_PATH=208) and controller
 * (nav2_msgs/action/FollowPath, Jazzy: FAILED_TO_MAKE_PROGRESS=105).
 */
export const NAVIGATE_TO_POSE_ERROR = Object.freeze({
  NONE: 0,
  FAILED_TO_MAKE_PROGRESS: 105,
  GOAL_OUTSIDE_MAP: 204,
  START_OCCUPIED: 205,
  GOAL_OCCUPIED: 206,
  NO_VALID_PATH: 208,
  UNKNOWN: 9000,
  TF_ERROR: 9002,
});

/** Goal of nav2_msgs/action/DockRobot. `max_staging_time` s; `dock_type` is ignored (one dock type). */
export const DockRobotGoalSchema = z.strictObject({
  use_dock_id: z.boolean(),
  dock_id: z.string(),
  dock_pose: PoseStampedSchema,
  dock_type: z.string(),
  max_staging_time: float,
  navigate_to_staging_pose: z.boolean(),
});
/** DockRobot goal type with the .action defaults (`use_dock_id` true, `max_staging_time` 1000 s, `navigate_to_staging_pose` true). */
export const DOCK_ROBOT_GOAL: MessageType = {
  name: 'nav2_msgs/action/DockRobot_Goal',
  schema: DockRobotGoalSchema,
  defaults: (now) => ({
    use_dock_id: true, dock_id: '', dock_pose: { header: defaultHeader(now), pose: zeroPose() }, dock_type: '',
    max_staging_time: 1000, navigate_to_staging_pose: true,
  }),
};
/** A validated DockRobot goal. */
export type DockRobotGoal = z.infer<typeof DockRobotGoalSchema>;

/** Feedback of nav2_msgs/action/DockRobot: `state` ({@link DOCK_STATE}), elapsed `docking_time`, `num_retries`. */
export interface DockRobotFeedback {
  state: number;
  docking_time: RosDuration;
  num_retries: number;
}
/** Result of nav2_msgs/action/DockRobot. */
export interface DockRobotResult {
  success: boolean;
  error_code: number;
  num_retries: number;
  error_msg: string;
}
/** `error_code` constants of nav2_msgs/action/DockRobot (UndockRobot uses the same numbers). */
export const DOCK_ERROR = Object.freeze({
  NONE: 0, DOCK_NOT_IN_DB: 901, DOCK_NOT_VALID: 902, FAILED_TO_STAGE: 903, FAILED_TO_DETECT_DOCK: 904,
  FAILED_TO_CONTROL: 905, FAILED_TO_CHARGE: 906, TIMEOUT: 907, UNKNOWN: 999,
});
/** Feedback `state` constants of nav2_msgs/action/DockRobot. */
export const DOCK_STATE = Object.freeze({
  NONE: 0, NAV_TO_STAGING_POSE: 1, INITIAL_PERCEPTION: 2, CONTROLLING: 3, WAIT_FOR_CHARGE: 4, RETRY: 5,
});

/** Goal of nav2_msgs/action/UndockRobot: `dock_type` (ignored), `max_undocking_time` s. */
export const UndockRobotGoalSchema = z.strictObject({ dock_type: z.string(), max_undocking_time: float });
/** UndockRobot goal type with the .action default `max_undocking_time` 30 s. */
export const UNDOCK_ROBOT_GOAL: MessageType = {
  name: 'nav2_msgs/action/UndockRobot_Goal',
  schema: UndockRobotGoalSchema,
  defaults: () => ({ dock_type: '', max_undocking_time: 30 }),
};
/** Result of nav2_msgs/action/UndockRobot (its feedback is empty). */
export interface UndockRobotResult {
  success: boolean;
  error_code: number;
}

/** Request of std_srvs/srv/Trigger: empty. */
export const TriggerRequestSchema = z.strictObject({});
/** Response of std_srvs/srv/Trigger. */
export interface TriggerResponse {
  success: boolean;
  message: string;
}

/** Request of telekiosk_msgs/srv/GetWaypoints: empty. */
export const GetWaypointsRequestSchema = z.strictObject({});
/** Response of telekiosk_msgs/srv/GetWaypoints: parallel lists of names and poses (frame `map`, yaw as quaternion). */
export interface GetWaypointsResponse {
  names: string[];
  poses: PoseStamped[];
}

/**
 * unique_identifier_msgs/msg/UUID `uuid` (uint8[16]): a list of 16 bytes or, as rosbridge encodes
 * uint8 arrays, a base64 string.
 */
const UuidSchema = z.union([z.array(z.number().int().min(0).max(255)).length(16), z.base64()]);
/**
 * Request of action_msgs/srv/CancelGoal (the `<action>/_action/cancel_goal` service roslib's
 * `Action.cancelAllGoals()` calls). All-zero uuid and zero stamp (or an empty request) = cancel all goals.
 */
export const CancelGoalRequestSchema = z.strictObject({
  goal_info: z.strictObject({
    goal_id: z.strictObject({ uuid: UuidSchema.default(new Array<number>(16).fill(0)) }).default({ uuid: new Array<number>(16).fill(0) }),
    stamp: TimeSchema.default({ sec: 0, nanosec: 0 }),
  }).default({ goal_id: { uuid: new Array<number>(16).fill(0) }, stamp: { sec: 0, nanosec: 0 } }),
});
/** `return_code` constants of action_msgs/srv/CancelGoal. */
export const CANCEL_RETURN_CODE = Object.freeze({ ERROR_NONE: 0, ERROR_REJECTED: 1, ERROR_UNKNOWN_GOAL_ID: 2, ERROR_GOAL_TERMINATED: 3 });
