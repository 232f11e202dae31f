/**
 * Builders of the ROS 2 messages the simulator publishes: nav_msgs/msg/Odometry,
 * sensor_msgs/msg/BatteryState, geometry_msgs/msg/PoseStamped, std_msgs/msg/Bool, plus the
 * robot's identity constants.
 */
import type { Pose2D, RobotState } from './model.ts';
import {
  POWER_SUPPLY_HEALTH, POWER_SUPPLY_STATUS, POWER_SUPPLY_TECHNOLOGY, toRosTime, yawToQuaternion,
  type BatteryState, type Odometry, type PoseStamped,
} from './messages.ts';

/** Model name reported by `/get_robot_info`. */
export const ROBOT_MODEL_NAME = 'TeleKiosk Base Sim';
/** Firmware version reported by `/get_robot_info`. */
export const FIRMWARE_VERSION = 'sim-1.0.0';
/** Serial number reported by `/get_robot_info`, `/battery_state` and as `hardware_id` in `/diagnostics`. */
export const SERIAL_NUMBER = 'SIM-0001';

/** Nominal battery pack: 7S Li-ion, 21.0 V empty to 29.4 V full, 20 Ah. */
const PACK = { emptyVolts: 21.0, fullVolts: 29.4, capacityAh: 20, cells: 7 } as const;

/** Builds the nav_msgs/msg/Odometry for a state (frame `odom`, child frame `base_link`). */
export function odometryMessage(state: RobotState): Odometry {
  const { x, y, theta } = state.pose;
  return {
    header: { stamp: toRosTime(state.stampMs), frame_id: 'odom' },
    child_frame_id: 'base_link',
    pose: {
      pose: { position: { x, y, z: 0 }, orientation: yawToQuaternion(theta) },
      covariance: new Array(36).fill(0),
    },
    twist: {
      twist: { linear: { x: state.actual.linear, y: 0, z: 0 }, angular: { x: 0, y: 0, z: state.actual.angular } },
      covariance: new Array(36).fill(0),
    },
  };
}

/** Pack voltage at a battery level, V (linear between 21.0 V empty and 29.4 V full). */
export function packVoltage(batteryPercent: number): number {
  return PACK.emptyVolts + (PACK.fullVolts - PACK.emptyVolts) * (batteryPercent / 100);
}

/** `power_supply_status` of a state: DISCHARGING off the charger, CHARGING on it, FULL on it at 100 percent. */
export function powerSupplyStatus(state: Pick<RobotState, 'charging' | 'batteryPercent'>): number {
  if (!state.charging) return POWER_SUPPLY_STATUS.DISCHARGING;
  return state.batteryPercent >= 100 ? POWER_SUPPLY_STATUS.FULL : POWER_SUPPLY_STATUS.CHARGING;
}

/**
 * Builds the sensor_msgs/msg/BatteryState for a state: `percentage` 0..1, voltage V (linear over
 * the pack range), current A (negative when discharging), charge and capacity Ah, and
 * `power_supply_status` per the message constants (CHARGING=1, DISCHARGING=2, FULL=4).
 */
export function batteryStateMessage(state: RobotState): BatteryState {
  const fraction = state.batteryPercent / 100;
  const moving = Math.abs(state.actual.linear) > 1e-3 || Math.abs(state.actual.angular) > 1e-3;
  const status = powerSupplyStatus(state);
  const voltage = packVoltage(state.batteryPercent);
  return {
    header: { stamp: toRosTime(state.stampMs), frame_id: 'base_link' },
    voltage,
    temperature: 25,
    current: state.charging ? (status === POWER_SUPPLY_STATUS.FULL ? 0 : 5) : moving ? -4 : -1.5,
    charge: PACK.capacityAh * fraction,
    capacity: PACK.capacityAh,
    design_capacity: PACK.capacityAh,
    percentage: fraction,
    power_supply_status: status,
    power_supply_health: fraction > 0 ? POWER_SUPPLY_HEALTH.GOOD : POWER_SUPPLY_HEALTH.DEAD,
    power_supply_technology: POWER_SUPPLY_TECHNOLOGY.LION,
    present: true,
    cell_voltage: new Array<number>(PACK.cells).fill(voltage / PACK.cells),
    cell_temperature: new Array<number>(PACK.cells).fill(25),
    location: 'base',
    serial_number: SERIAL_NUMBER,
  };
}

/** A geometry_msgs/msg/PoseStamped of a planar pose (m, m, rad) in `frameId` (default `map`), stamped `stampMs` (ms since epoch). */
export function poseStampedMessage(pose: Pose2D, stampMs: number, frameId = 'map'): PoseStamped {
  return {
    header: { stamp: toRosTime(stampMs), frame_id: frameId },
    pose: { position: { x: pose.x, y: pose.y, z: 0 }, orientation: yawToQuaternion(pose.theta) },
  };
}

/** A std_msgs/msg/Bool. */
export function boolMessage(data: boolean): { data: boolean } {
  return { data };
}
