import { z } from 'zod';
import { defineRequest, Empty } from './ack.ts';
import { Id, Uuid } from '../common.ts';

/**
 * Robot control through the orchestrator. Only the worker holding the session's control
 * lease may drive; the kiosk applies its own speed limits and deadman on top, and the base
 * has its own `cmd_vel` timeout (0.5 s) below that.
 */

/** A velocity command, `geometry_msgs/msg/Twist` reduced to a differential base: linear.x in m/s, angular.z in rad/s. */
export const DriveCommand = z.object({
  /** Forward speed, m/s (negative = backwards). Clamped by the kiosk to the site limit. */
  linear: z.number().min(-2).max(2),
  /** Turn rate, rad/s (positive = counter-clockwise). Clamped by the kiosk to the site limit. */
  angular: z.number().min(-4).max(4),
});
export type DriveCommand = z.infer<typeof DriveCommand>;

/** Commands the orchestrator relays to a kiosk (with acknowledgement). */
export const RobotCommand = z.discriminatedUnion('type', [
  DriveCommand.extend({ type: z.literal('drive') }),
  /** Go to a named waypoint of the venue map (nav2 NavigateToPose). */
  z.object({ type: z.literal('navigate'), waypoint: z.string().min(1).max(64) }),
  /** Cancel the current navigation goal. */
  z.object({ type: z.literal('cancel') }),
  /** Return to the dock (charging). */
  z.object({ type: z.literal('dock') }),
  /** Stop now (zero velocity, cancel goals). */
  z.object({ type: z.literal('stop') }),
  /** Release a latched e-stop (facility staff only). */
  z.object({ type: z.literal('estop_release') }),
  /** Round-trip probe through rosbridge to the base (latency readout). */
  z.object({ type: z.literal('ping') }),
]);
export type RobotCommand = z.infer<typeof RobotCommand>;

/** The kiosk's answer to a {@link RobotCommand}. */
export const RobotCommandResult = z.object({
  ok: z.boolean(),
  /** Why it was refused: `estop`, `robot_link_down`, `no_robot`, `unknown_waypoint`... */
  reason: z.string().optional(),
  /** For `ping`: time in ms the kiosk spent on the rosbridge round trip. */
  rosRttMs: z.number().nonnegative().optional(),
});
export type RobotCommandResult = z.infer<typeof RobotCommandResult>;

/** Robot state reported by the kiosk (telemetry: parsed loosely so newer kiosks do not break). */
export const RobotState = z.looseObject({
  /** Latched emergency stop (local button or base). */
  estop: z.boolean(),
  /** Pose in the map frame: x, y in m, theta in rad; null before the first odometry. */
  pose: z.object({ x: z.number(), y: z.number(), theta: z.number() }).nullable(),
  /** Current navigation goal, if any. */
  navigation: z
    .object({ waypoint: z.string(), status: z.enum(['active', 'succeeded', 'canceled', 'aborted']), distanceRemaining: z.number().nullable() })
    .nullable(),
});
export type RobotState = z.infer<typeof RobotState>;

/** Who holds the control lease of a session's robot. */
export const ControlLease = z.object({ sessionId: Uuid, holder: Id.nullable() });
export type ControlLease = z.infer<typeof ControlLease>;

/** Console requests of robot control (role- and lease-checked). */
export const robotConsoleRequests = {
  /** Relay a command to the session's robot. Requires the control lease (drive, navigate, cancel, dock, stop, ping). */
  'robot:command': defineRequest(z.object({ sessionId: Uuid, command: RobotCommand }), RobotCommandResult, ['worker', 'supervisor']),
  /** Supervisor: revoke the control lease of a session. */
  'robot:revoke-lease': defineRequest(z.object({ sessionId: Uuid }), Empty, ['supervisor']),
  /** Facility staff: release a device's latched e-stop. */
  'robot:estop-release': defineRequest(z.object({ deviceId: Id }), RobotCommandResult, ['staff', 'supervisor']),
} as const;
