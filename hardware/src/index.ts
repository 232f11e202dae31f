/**
 * @telekiosk/hardware: rosbridge v2 robot simulator, and the robot mapping used on real robots.
 *
 * `startSimulator` runs the simulator; `RobotWorld` is its I/O-free robot-in-the-venue (with the
 * `RobotModel` physics/battery model, the planner and the controller); `RosbridgeServer` is the
 * WebSocket edge; the zod schemas describe the rosbridge operations, ROS 2 messages, actions and
 * services it speaks; `loadRobotMapping` reads the mapping of our names to a real robot's interfaces.
 */
export {
  startSimulator, odometryMessage, batteryStateMessage, isScenario, SCENARIOS,
  CMD_VEL_TOPIC, ODOM_TOPIC, BATTERY_TOPIC, DIAGNOSTICS_TOPIC, ESTOP_TOPIC, BUMPER_TOPIC,
  ROBOT_INFO_SERVICE, ROBOT_INFO_SERVICE_TYPE,
  ODOM_RATE_HZ, BATTERY_RATE_HZ, DIAGNOSTICS_RATE_HZ, ESTOP_RATE_HZ, ROBOT_MODEL_NAME, FIRMWARE_VERSION, SERIAL_NUMBER,
  type RobotSimulator, type SimulatorOptions, type SimulatorState, type Scenario,
} from './simulator.ts';
export {
  RobotModel, ManualClock, normalizeAngle, DEFAULT_LIMITS, DEFAULT_CMD_VEL_TIMEOUT_MS, LOW_BATTERY_PERCENT,
  type Clock, type CollisionCheck, type DriveLimits, type RobotModelOptions, type RobotState, type Pose2D, type Velocity,
} from './model.ts';
export {
  RobotWorld, CONTROL_PERIOD_MS,
  type WorldOptions, type WorldStatus, type WorldEvent, type TaskKind, type TaskFailure, type TaskOutcome,
  type TaskProgress, type TaskRequest, type TaskHandle,
} from './world.ts';
export {
  DEFAULT_VENUE, MAP_BOUNDARY, VenueMapSchema, WaypointSchema, parseVenueMap, findWaypoint, clearance, inBounds,
  footprintContact, stagingPose,
  type VenueMap, type Waypoint, type Obstacle, type Wall, type DockSpec, type Clearance,
} from './venue.ts';
export { planPath, segmentClear, type PlanResult, type PlanFailure, type PlannerOptions, type Point } from './planner.ts';
export {
  SegmentFollower, segmentsAlong, NAV_PROFILE, POSITION_TOLERANCE, HEADING_TOLERANCE, type Segment, type MotionProfile,
} from './navigation.ts';
export {
  TimeSchema, HeaderSchema, Vector3Schema, QuaternionSchema, TwistSchema, OdometrySchema, BatteryStateSchema,
  StringMsgSchema, BoolMsgSchema, Float32MsgSchema, EmptyMsgSchema,
  DurationSchema, PoseSchema, PoseStampedSchema, KeyValueSchema, DiagnosticStatusSchema, DiagnosticArraySchema,
  POWER_SUPPLY_STATUS, POWER_SUPPLY_HEALTH, POWER_SUPPLY_TECHNOLOGY, DIAGNOSTIC_LEVEL, MESSAGE_TYPE_NAMES,
  canonicalTypeName, lookupMessageType, validateMessage, validateWith, toRosTime, toRosDuration, yawToQuaternion, quaternionToYaw,
  type Twist, type Odometry, type BatteryState, type RosTime, type RosDuration, type PoseStamped, type Quaternion,
  type DiagnosticStatus, type DiagnosticArray, type MessageType, type ValidationResult,
} from './messages.ts';
export {
  GOAL_STATUS, NAVIGATE_TO_POSE_ERROR, DOCK_ERROR, DOCK_STATE, CANCEL_RETURN_CODE,
  NavigateToPoseGoalSchema, DockRobotGoalSchema, UndockRobotGoalSchema, CancelGoalRequestSchema,
  NAVIGATE_TO_POSE_GOAL, DOCK_ROBOT_GOAL, UNDOCK_ROBOT_GOAL,
  type GoalStatusCode, type NavigateToPoseGoal, type NavigateToPoseFeedback, type NavigateToPoseResult,
  type DockRobotGoal, type DockRobotFeedback, type DockRobotResult, type UndockRobotResult,
  type TriggerResponse, type GetWaypointsResponse,
} from './interfaces.ts';
export {
  NAVIGATE_TO_POSE_ACTION, NAVIGATE_TO_POSE_TYPE, DOCK_ACTION, DOCK_TYPE, UNDOCK_ACTION, UNDOCK_TYPE,
  FEEDBACK_PERIOD_MS, DOCKING_SPEED, robotActions,
} from './robot-actions.ts';
export {
  WAYPOINTS_SERVICE, WAYPOINTS_SERVICE_TYPE, ESTOP_ENGAGE_SERVICE, ESTOP_RELEASE_SERVICE, TRIGGER_SERVICE_TYPE,
  robotServices, waypointsResponse,
} from './services.ts';
export {
  DIAGNOSTIC_NAMES, BATTERY_WARN_PERCENT, BATTERY_ERROR_PERCENT, CAMERA_FPS, diagnosticsMessage,
} from './diagnostics.ts';
export { poseStampedMessage, packVoltage, powerSupplyStatus } from './telemetry.ts';
export {
  GoalHandle, GoalRegistry, actionTypeMatches,
  type ActionDefinition, type GoalSink, type StartGoalOptions,
} from './actions.ts';
export {
  OP_SCHEMAS, AdvertiseSchema, UnadvertiseSchema, PublishSchema, SubscribeSchema, UnsubscribeSchema,
  CallServiceSchema, SetLevelSchema, SendActionGoalSchema, CancelActionGoalSchema, parseFrame,
  type InboundOp, type OpId, type StatusMessage, type StatusLevel, type ParsedFrame,
} from './protocol.ts';
export { RosbridgeServer, type RosbridgeServerOptions, type TopicDefinition } from './server.ts';
export type { ServiceDefinition, TopicInfo } from './session.ts';
export {
  RobotMappingSchema, loadRobotMapping, parseRobotMapping, RobotMappingError, SIMULATOR_ROBOT_MAPPING,
  type RobotMapping, type TopicMapping, type ServiceMapping, type ActionMapping,
} from './mapping.ts';
