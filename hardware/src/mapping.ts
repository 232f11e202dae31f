/**
 * The robot mapping: which topic, service or action on a real robot stands for each of our names
 * (cmdVel, odom, batteryState, diagnostics, estop, navigateToPose, dock, undock, getWaypoints, and
 * the optional bumper and robotInfo), with its ROS 2 type. The orchestrator and kiosk read it so the
 * same product drives the simulator and differently named robots. Example:
 * hardware/ros2/robot-mapping.example.json; the simulator's own names: {@link SIMULATOR_ROBOT_MAPPING}.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { formatIssues } from './messages.ts';

/** An absolute ROS 2 topic, service or action name, e.g. `/cmd_vel` or `/robot1/odom`. */
const RosName = z.string()
  .regex(/^(\/[A-Za-z][A-Za-z0-9_]*)+$/, "must be an absolute ROS 2 name like '/cmd_vel' (letters, digits, '_', separated by '/')")
  .describe('Absolute ROS 2 name on the robot');
const comment = z.string().optional().describe('Free text for people; ignored');
const oneOf = <T extends string>(types: readonly [T, ...T[]]) =>
  z.enum(types, { error: (issue) => `must be ${types.map((t) => `'${t}'`).join(' or ')}, got ${JSON.stringify(issue.input)}` });

/** A topic of the robot: `name` and message `type` (`pkg/msg/Type`). */
const topic = <T extends string>(types: readonly [T, ...T[]]) => z.strictObject({
  /** Topic name on the robot, e.g. `/cmd_vel`. */
  name: RosName,
  /** Message type, `pkg/msg/Type`. */
  type: oneOf(types),
  comment,
});
/** A service of the robot: `name` and service `type` (`pkg/srv/Type`). */
const service = <T extends string>(types: readonly [T, ...T[]]) => z.strictObject({
  /** Service name on the robot. */
  name: RosName,
  /** Service type, `pkg/srv/Type`. */
  type: oneOf(types),
  comment,
});
/** An action of the robot: `name` and action `type` (`pkg/action/Type`). */
const action = <T extends string>(types: readonly [T, ...T[]]) => z.strictObject({
  /** Action name on the robot, e.g. `/navigate_to_pose`. */
  name: RosName,
  /** Action type, `pkg/action/Type`. */
  type: oneOf(types),
  comment,
});

/** Schema of a robot mapping file (JSON). Every key is required; `null` marks a capability the robot lacks. */
export const RobotMappingSchema = z.strictObject({
  /** Optional JSON Schema reference for editors; ignored. */
  $schema: z.string().optional(),
  comment,
  /** The robot as a whole. */
  robot: z.strictObject({
    /** Display name for the console, e.g. `Lobby robot 1`. */
    name: z.string().min(1, 'must be a non-empty string'),
    /** rosbridge WebSocket URL the kiosk connects to, `ws://` or `wss://` (rosbridge_websocket's `port`, default 9090). */
    rosbridgeUrl: z.string().regex(/^wss?:\/\/[^\s/]+(\/\S*)?$/, "must be a ws:// or wss:// URL like 'ws://robot.local:9090'"),
    /** Frame of goals and waypoints; Nav2's global frame. Default `map`. */
    mapFrame: z.string().min(1).default('map'),
    /** The robot's base frame. Default `base_link`. */
    baseFrame: z.string().min(1).default('base_link'),
    comment,
  }),
  /**
   * Velocity commands (m/s, rad/s). ros2_control's diff_drive_controller takes geometry_msgs/msg/TwistStamped
   * from Jazzy on; the simulator takes Twist. Usually behind twist_mux so teleop can override Nav2.
   */
  cmdVel: topic(['geometry_msgs/msg/Twist', 'geometry_msgs/msg/TwistStamped']).extend({
    /** Speed the console may command, m/s (> 0). */
    maxLinear: z.number().positive().max(2).default(0.5),
    /** Turn rate the console may command, rad/s (> 0). */
    maxAngular: z.number().positive().max(4).default(1.0),
  }),
  /** Odometry (nav_msgs/msg/Odometry): pose (m, rad) and velocity. */
  odom: topic(['nav_msgs/msg/Odometry']),
  /** Battery (sensor_msgs/msg/BatteryState): `percentage` 0..1, `power_supply_status` 1 = CHARGING. */
  batteryState: topic(['sensor_msgs/msg/BatteryState']),
  /** Diagnostics (diagnostic_msgs/msg/DiagnosticArray); `/diagnostics_agg` if the robot runs diagnostic_aggregator. */
  diagnostics: topic(['diagnostic_msgs/msg/DiagnosticArray']),
  /** E-stop state topic (std_msgs/msg/Bool) and optional std_srvs/srv/Trigger services to engage and release it. */
  estop: topic(['std_msgs/msg/Bool']).extend({
    /** Value of `data` that means "e-stop engaged" (some robots publish `motors_enabled`, where false means stopped). Default true. */
    engagedValue: z.boolean().default(true),
    /** Service that engages the e-stop (software stop), or null. */
    engageService: service(['std_srvs/srv/Trigger']).nullable(),
    /** Service that releases the e-stop, or null when only the hardware button can release it. */
    releaseService: service(['std_srvs/srv/Trigger']).nullable(),
  }),
  /** Navigation (nav2_msgs/action/NavigateToPose; goal frame `robot.mapFrame`). */
  navigateToPose: action(['nav2_msgs/action/NavigateToPose']),
  /** Docking (Nav2 docking server `/dock_robot`), or null without a dock. */
  dock: action(['nav2_msgs/action/DockRobot', 'opennav_docking_msgs/action/DockRobot']).extend({
    /** `dock_id` to send (a dock of the docking server's database); empty = the only dock. */
    dockId: z.string().default(''),
  }).nullable(),
  /** Undocking (Nav2 docking server `/undock_robot`), or null. */
  undock: action(['nav2_msgs/action/UndockRobot', 'opennav_docking_msgs/action/UndockRobot']).nullable(),
  /** Named waypoints (telekiosk_msgs/srv/GetWaypoints, see hardware/ros2/telekiosk_msgs), or null. */
  getWaypoints: service(['telekiosk_msgs/srv/GetWaypoints']).nullable(),
  /** Bumper (std_msgs/msg/Bool, true = pressed), or null. Optional key. */
  bumper: topic(['std_msgs/msg/Bool']).nullable().default(null),
  /** Robot identity and battery (telekiosk_msgs/srv/GetRobotInfo), or null. Optional key. */
  robotInfo: service(['telekiosk_msgs/srv/GetRobotInfo']).nullable().default(null),
});

/** A validated robot mapping (defaults applied). */
export type RobotMapping = z.infer<typeof RobotMappingSchema>;
/** A topic entry of a mapping. */
export type TopicMapping = RobotMapping['odom'];
/** A service entry of a mapping. */
export type ServiceMapping = NonNullable<RobotMapping['getWaypoints']>;
/** An action entry of a mapping. */
export type ActionMapping = RobotMapping['navigateToPose'];

/** A mapping file that cannot be read or is invalid. `field` names the first bad field (dotted path), if any. */
export class RobotMappingError extends Error {
  /** Where the mapping came from (file path or a label). */
  readonly source: string;
  /** Dotted path of the first bad field, e.g. `cmdVel.name`; undefined for read and JSON errors. */
  readonly field: string | undefined;

  /** @param source file or label; @param message what is wrong; @param field the first bad field */
  constructor(source: string, message: string, field?: string) {
    super(`robot mapping ${source}: ${message}`);
    this.name = 'RobotMappingError';
    this.source = source;
    this.field = field;
  }
}

/** Validates a parsed mapping; throws a {@link RobotMappingError} naming the bad field (e.g. `field 'dock.type': ...`). */
export function parseRobotMapping(value: unknown, source = '(inline)'): RobotMapping {
  const parsed = RobotMappingSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const field = first ? [...first.path, ...(first.code === 'unrecognized_keys' ? [first.keys[0]] : [])].map(String).join('.') : undefined;
  throw new RobotMappingError(source, formatIssues(parsed.error), field || undefined);
}

/** Reads and validates a mapping JSON file. Throws a {@link RobotMappingError} (unreadable file, invalid JSON, bad field). */
export function loadRobotMapping(path: string): RobotMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RobotMappingError(path, `cannot read the file: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RobotMappingError(path, `invalid JSON: ${(err as Error).message}`);
  }
  return parseRobotMapping(json, path);
}

/** The mapping of the simulator (`ws://127.0.0.1:9090`): every name is our own. */
export const SIMULATOR_ROBOT_MAPPING: RobotMapping = parseRobotMapping({
  robot: { name: 'TeleKiosk simulator', rosbridgeUrl: 'ws://127.0.0.1:9090' },
  cmdVel: { name: '/cmd_vel', type: 'geometry_msgs/msg/Twist', maxLinear: 0.8, maxAngular: 1.5 },
  odom: { name: '/odom', type: 'nav_msgs/msg/Odometry' },
  batteryState: { name: '/battery_state', type: 'sensor_msgs/msg/BatteryState' },
  diagnostics: { name: '/diagnostics', type: 'diagnostic_msgs/msg/DiagnosticArray' },
  estop: {
    name: '/estop', type: 'std_msgs/msg/Bool',
    engageService: { name: '/estop/engage', type: 'std_srvs/srv/Trigger' },
    releaseService: { name: '/estop/release', type: 'std_srvs/srv/Trigger' },
  },
  navigateToPose: { name: '/navigate_to_pose', type: 'nav2_msgs/action/NavigateToPose' },
  dock: { name: '/dock', type: 'nav2_msgs/action/DockRobot', dockId: 'dock' },
  undock: { name: '/undock', type: 'nav2_msgs/action/UndockRobot' },
  getWaypoints: { name: '/get_waypoints', type: 'telekiosk_msgs/srv/GetWaypoints' },
  bumper: { name: '/bumper', type: 'std_msgs/msg/Bool' },
  robotInfo: { name: '/get_robot_info', type: 'telekiosk_msgs/srv/GetRobotInfo' },
}, 'simulator');
