/**
 * Robot-base simulator speaking rosbridge v2 over WebSocket, so the product runs without a robot.
 *
 * Wires the {@link RobotModel} (physics, battery, deadman) to a {@link RosbridgeServer}:
 * `/cmd_vel` in, `/odom` (10 Hz) and `/battery_state` (1 Hz) out, `/get_robot_info` service.
 */
import { z } from 'zod';
import {
  LOW_BATTERY_PERCENT, RobotModel,
  type Clock, type RobotModelOptions, type RobotState,
} from './model.ts';
import {
  POWER_SUPPLY_HEALTH, POWER_SUPPLY_STATUS, POWER_SUPPLY_TECHNOLOGY, toRosTime,
  type BatteryState, type Odometry, type Twist,
} from './messages.ts';
import { RosbridgeServer } from './server.ts';
import type { ServiceDefinition } from './session.ts';

/** Topic of velocity commands (geometry_msgs/msg/Twist; `geometry_msgs/Twist` accepted). */
export const CMD_VEL_TOPIC = '/cmd_vel';
/** Topic of odometry (nav_msgs/msg/Odometry), published at {@link ODOM_RATE_HZ}. */
export const ODOM_TOPIC = '/odom';
/** Topic of battery state (sensor_msgs/msg/BatteryState), published at {@link BATTERY_RATE_HZ}. */
export const BATTERY_TOPIC = '/battery_state';
/** Service returning model, firmware and battery (telekiosk_msgs/srv/GetRobotInfo). */
export const ROBOT_INFO_SERVICE = '/get_robot_info';
/** Type of {@link ROBOT_INFO_SERVICE}. */
export const ROBOT_INFO_SERVICE_TYPE = 'telekiosk_msgs/srv/GetRobotInfo';
/** `/odom` publish rate, Hz. */
export const ODOM_RATE_HZ = 10;
/** `/battery_state` publish rate, Hz. */
export const BATTERY_RATE_HZ = 1;
/** Model name reported by `/get_robot_info`. */
export const ROBOT_MODEL_NAME = 'TeleKiosk Base Sim';
/** Firmware version reported by `/get_robot_info`. */
export const FIRMWARE_VERSION = 'sim-1.0.0';
/** Serial number reported by `/get_robot_info` and `/battery_state`. */
export const SERIAL_NUMBER = 'SIM-0001';

/** Nominal battery pack: 7S Li-ion, 21.0 V empty to 29.4 V full, 20 Ah. */
const PACK = { emptyVolts: 21.0, fullVolts: 29.4, capacityAh: 20, cells: 7 } as const;

/**
 * Test and demo scenarios:
 * - `lowBattery`: battery set to 10 percent (and off the charger); one-shot.
 * - `linkLost`: every connection is dropped (no close handshake) and new ones get HTTP 503 until `nominal`.
 * - `charging`: robot on its charger; battery rises, `power_supply_status` CHARGING (FULL at 100 percent).
 * - `nominal`: link restored and off the charger; battery level unchanged.
 */
export type Scenario = 'lowBattery' | 'linkLost' | 'charging' | 'nominal';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** TCP port. Default 9090 (rosbridge's default); 0 picks a free port. */
  port?: number;
  /** Physics step period, ms. Default 50. */
  tickMs?: number;
  /** Battery drain while idle, percent per minute (3× at full speed). Default 0.5. */
  batteryDrainPercentPerMin?: number;
  /** Battery level at start, percent (0..100). Default 100. */
  initialBatteryPercent?: number;
  /** Time source, ms since epoch (default `Date.now`): drives the physics step and message stamps. */
  clock?: Clock;
  /** Further model options (limits, deadman timeout, charge rate). */
  model?: Omit<RobotModelOptions, 'clock' | 'initialBatteryPercent' | 'batteryDrainPercentPerMin'>;
}

/** Snapshot returned by {@link RobotSimulator.state}: the model state plus link status. */
export interface SimulatorState extends RobotState {
  /** False while the `linkLost` scenario is active. */
  linkUp: boolean;
  /** Number of connected rosbridge clients. */
  clients: number;
}

/** A running simulator. */
export interface RobotSimulator {
  /** Bound TCP port (the chosen one when started with port 0). */
  readonly port: number;
  /** WebSocket URL, `ws://host:port`. */
  readonly url: string;
  /** Current state: pose (m, rad), commanded and actual velocity (m/s, rad/s), battery (percent), charging, link. */
  state(): SimulatorState;
  /** Applies a {@link Scenario}. */
  setScenario(scenario: Scenario): void;
  /** Stops timers and the server. Idempotent: later calls return the same promise. */
  close(): Promise<void>;
}

/** Request of `/get_robot_info`: empty. */
const RobotInfoRequestSchema = z.strictObject({});

/** Builds the nav_msgs/msg/Odometry for a state (frame `odom`, child frame `base_link`). */
export function odometryMessage(state: RobotState): Odometry {
  const { x, y, theta } = state.pose;
  return {
    header: { stamp: toRosTime(state.stampMs), frame_id: 'odom' },
    child_frame_id: 'base_link',
    pose: {
      pose: { position: { x, y, z: 0 }, orientation: { x: 0, y: 0, z: Math.sin(theta / 2), w: Math.cos(theta / 2) } },
      covariance: new Array(36).fill(0),
    },
    twist: {
      twist: { linear: { x: state.actual.linear, y: 0, z: 0 }, angular: { x: 0, y: 0, z: state.actual.angular } },
      covariance: new Array(36).fill(0),
    },
  };
}

/**
 * Builds the sensor_msgs/msg/BatteryState for a state: `percentage` 0..1, voltage V (linear over
 * the pack range), current A (negative when discharging), charge and capacity Ah, and
 * `power_supply_status` per the message constants (CHARGING=1, DISCHARGING=2, FULL=4).
 */
export function batteryStateMessage(state: RobotState): BatteryState {
  const fraction = state.batteryPercent / 100;
  const moving = Math.abs(state.actual.linear) > 1e-3 || Math.abs(state.actual.angular) > 1e-3;
  const status = !state.charging
    ? POWER_SUPPLY_STATUS.DISCHARGING
    : state.batteryPercent >= 100 ? POWER_SUPPLY_STATUS.FULL : POWER_SUPPLY_STATUS.CHARGING;
  const voltage = PACK.emptyVolts + (PACK.fullVolts - PACK.emptyVolts) * fraction;
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

/** Starts the simulator and resolves once it listens. Rejects on invalid options or a listen error (e.g. EADDRINUSE). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RobotSimulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 9090;
  const tickMs = options.tickMs ?? 50;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer 0..65535, got ${port}`);
  if (!(Number.isFinite(tickMs) && tickMs > 0)) throw new RangeError(`tickMs must be a positive number of ms, got ${tickMs}`);
  const clock = options.clock ?? Date.now;
  const model = new RobotModel({
    ...options.model,
    clock,
    initialBatteryPercent: options.initialBatteryPercent,
    batteryDrainPercentPerMin: options.batteryDrainPercentPerMin,
  });

  const robotInfo: ServiceDefinition = {
    name: ROBOT_INFO_SERVICE,
    type: ROBOT_INFO_SERVICE_TYPE,
    request: RobotInfoRequestSchema,
    handle: () => {
      const s = model.state();
      return {
        model_name: ROBOT_MODEL_NAME,
        firmware_version: FIRMWARE_VERSION,
        serial_number: SERIAL_NUMBER,
        battery_percentage: s.batteryPercent / 100,
        charging: s.charging,
      };
    },
  };
  const server = await RosbridgeServer.listen({
    host,
    port,
    now: clock,
    services: [robotInfo],
    topics: [
      {
        name: CMD_VEL_TOPIC,
        type: 'geometry_msgs/msg/Twist',
        direction: 'in',
        onMessage: (msg) => {
          const twist = msg as Twist;
          model.setCommand(twist.linear.x, twist.angular.z);
        },
      },
      { name: ODOM_TOPIC, type: 'nav_msgs/msg/Odometry', direction: 'out' },
      { name: BATTERY_TOPIC, type: 'sensor_msgs/msg/BatteryState', direction: 'out' },
    ],
  });

  let last = clock();
  const physics = setInterval(() => {
    const now = clock();
    model.step(Math.min(Math.max(now - last, 0), 1000)); // a stalled event loop does not teleport the robot
    last = now;
  }, tickMs);
  const publishBattery = () => server.publish(BATTERY_TOPIC, batteryStateMessage(model.state()));
  const odom = setInterval(() => server.publish(ODOM_TOPIC, odometryMessage(model.state())), 1000 / ODOM_RATE_HZ);
  const battery = setInterval(publishBattery, 1000 / BATTERY_RATE_HZ);

  let closing: Promise<void> | undefined;
  const url = `ws://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
  return {
    port: server.port,
    url,
    state: () => ({ ...model.state(), linkUp: server.acceptingConnections, clients: server.clientCount }),
    setScenario(scenario: Scenario) {
      switch (scenario) {
        case 'lowBattery':
          model.setCharging(false);
          model.setBatteryPercent(LOW_BATTERY_PERCENT);
          break;
        case 'linkLost':
          server.setAcceptingConnections(false);
          break;
        case 'charging':
          model.setCharging(true);
          break;
        case 'nominal':
          model.setCharging(false);
          server.setAcceptingConnections(true);
          break;
        default:
          throw new RangeError(`unknown scenario '${String(scenario)}'`);
      }
      publishBattery();
    },
    close() {
      closing ??= (async () => {
        clearInterval(physics);
        clearInterval(odom);
        clearInterval(battery);
        await server.close();
      })();
      return closing;
    },
  };
}
