/**
 * @telekiosk/hardware: rosbridge v2 robot-base simulator.
 *
 * `startSimulator` runs the simulator; `RobotModel` is its I/O-free physics/battery model;
 * `RosbridgeServer` is the WebSocket edge; the zod schemas describe the rosbridge operations and
 * ROS 2 messages it speaks.
 */
export {
  startSimulator, odometryMessage, batteryStateMessage,
  CMD_VEL_TOPIC, ODOM_TOPIC, BATTERY_TOPIC, ROBOT_INFO_SERVICE, ROBOT_INFO_SERVICE_TYPE,
  ODOM_RATE_HZ, BATTERY_RATE_HZ, ROBOT_MODEL_NAME, FIRMWARE_VERSION, SERIAL_NUMBER,
  type RobotSimulator, type SimulatorOptions, type SimulatorState, type Scenario,
} from './simulator.ts';
export {
  RobotModel, ManualClock, normalizeAngle, DEFAULT_LIMITS, DEFAULT_CMD_VEL_TIMEOUT_MS, LOW_BATTERY_PERCENT,
  type Clock, type DriveLimits, type RobotModelOptions, type RobotState, type Pose2D, type Velocity,
} from './model.ts';
export {
  TimeSchema, HeaderSchema, Vector3Schema, QuaternionSchema, TwistSchema, OdometrySchema, BatteryStateSchema,
  StringMsgSchema, BoolMsgSchema, Float32MsgSchema, EmptyMsgSchema,
  POWER_SUPPLY_STATUS, POWER_SUPPLY_HEALTH, POWER_SUPPLY_TECHNOLOGY, MESSAGE_TYPE_NAMES,
  canonicalTypeName, lookupMessageType, validateMessage, toRosTime,
  type Twist, type Odometry, type BatteryState, type RosTime, type MessageType, type ValidationResult,
} from './messages.ts';
export {
  OP_SCHEMAS, AdvertiseSchema, UnadvertiseSchema, PublishSchema, SubscribeSchema, UnsubscribeSchema,
  CallServiceSchema, SetLevelSchema, parseFrame,
  type InboundOp, type OpId, type StatusMessage, type StatusLevel, type ParsedFrame,
} from './protocol.ts';
export { RosbridgeServer, type RosbridgeServerOptions, type TopicDefinition } from './server.ts';
export type { ServiceDefinition, TopicInfo } from './session.ts';
