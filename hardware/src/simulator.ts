/**
 * Robot-base simulator speaking rosbridge v2 over WebSocket, so the product runs without a robot.
 *
 * Wires the {@link RobotWorld} (physics, battery, deadman, venue, bumper, e-stop, faults, tasks) to a
 * {@link RosbridgeServer}: `/cmd_vel` in; `/odom` (10 Hz), `/battery_state`, `/diagnostics` (1 Hz),
 * `/estop` and `/bumper` (on change and 1 Hz) out; services `/get_robot_info`, `/get_waypoints`,
 * `/estop/engage`, `/estop/release`; actions `/navigate_to_pose`, `/dock`, `/undock`.
 */
import { diagnosticsMessage } from './diagnostics.ts';
import type { Twist } from './messages.ts';
import { LOW_BATTERY_PERCENT, type Clock, type RobotModelOptions, type RobotState } from './model.ts';
import { robotActions } from './robot-actions.ts';
import { RosbridgeServer } from './server.ts';
import { robotServices } from './services.ts';
import { batteryStateMessage, boolMessage, odometryMessage } from './telemetry.ts';
import { parseVenueMap, type VenueMap } from './venue.ts';
import { CONTROL_PERIOD_MS, RobotWorld, type TaskKind } from './world.ts';

export { ROBOT_INFO_SERVICE, ROBOT_INFO_SERVICE_TYPE } from './services.ts';
export { batteryStateMessage, FIRMWARE_VERSION, odometryMessage, ROBOT_MODEL_NAME, SERIAL_NUMBER } from './telemetry.ts';

/** Topic of velocity commands (geometry_msgs/msg/Twist; `geometry_msgs/Twist` accepted). */
export const CMD_VEL_TOPIC = '/cmd_vel';
/** Topic of odometry (nav_msgs/msg/Odometry), published at {@link ODOM_RATE_HZ}. */
export const ODOM_TOPIC = '/odom';
/** Topic of battery state (sensor_msgs/msg/BatteryState), published at {@link BATTERY_RATE_HZ}. */
export const BATTERY_TOPIC = '/battery_state';
/** Topic of diagnostics (diagnostic_msgs/msg/DiagnosticArray), published at {@link DIAGNOSTICS_RATE_HZ} and on e-stop and bumper changes. */
export const DIAGNOSTICS_TOPIC = '/diagnostics';
/** Topic of the e-stop state (std_msgs/msg/Bool, `data` true = engaged): on change, at {@link ESTOP_RATE_HZ}, and at once to each new subscriber. */
export const ESTOP_TOPIC = '/estop';
/** Topic of the bumper (std_msgs/msg/Bool, `data` true = pressed): on change, at 1 Hz, and at once to each new subscriber. */
export const BUMPER_TOPIC = '/bumper';
/** `/odom` publish rate, Hz. */
export const ODOM_RATE_HZ = 10;
/** `/battery_state` publish rate, Hz. */
export const BATTERY_RATE_HZ = 1;
/** `/diagnostics` publish rate, Hz. */
export const DIAGNOSTICS_RATE_HZ = 1;
/** `/estop` and `/bumper` repeat rate, Hz. */
export const ESTOP_RATE_HZ = 1;

/**
 * Test and demo scenarios, applied with {@link RobotSimulator.setScenario}, the `scenario` option or `--scenario`:
 * - `lowBattery`: battery set to 10 percent (and off the charger); one-shot. Diagnostics: battery WARN.
 * - `linkLost`: every connection is dropped (no close handshake) and new ones get HTTP 503 until `nominal`.
 * - `charging`: robot on a charger where it stands; battery rises, `power_supply_status` CHARGING (FULL at 100 percent).
 * - `stuck`: drive fault; the base does not move although commanded. Diagnostics: motors ERROR while commanded, then WARN.
 * - `estopPressed`: the hardware e-stop button is pressed: the base brakes, ignores `/cmd_vel`, goals abort. Diagnostics: estop ERROR.
 * - `cameraFailure`: the camera delivers no frames. Diagnostics: camera ERROR.
 * - `nominal`: clears everything above: link restored, off the charger, drive fault and camera fault cleared,
 *   e-stop released (battery level and pose unchanged).
 */
export type Scenario = 'lowBattery' | 'linkLost' | 'charging' | 'stuck' | 'estopPressed' | 'cameraFailure' | 'nominal';

/** Every {@link Scenario} name. */
export const SCENARIOS: readonly Scenario[] = Object.freeze(['lowBattery', 'linkLost', 'charging', 'stuck', 'estopPressed', 'cameraFailure', 'nominal']);

/** True when `name` is a {@link Scenario}. */
export function isScenario(name: string): name is Scenario {
  return (SCENARIOS as readonly string[]).includes(name);
}

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
  /** Further model options (limits, deadman timeout, charge rate, e-stop deceleration, initial pose). */
  model?: Omit<RobotModelOptions, 'clock' | 'initialBatteryPercent' | 'batteryDrainPercentPerMin' | 'collides'>;
  /** The venue (waypoints, obstacles, walls, docks); validated. Default `DEFAULT_VENUE`, the office lobby. */
  venue?: VenueMap;
  /** Scenario(s) applied right after start, in order. */
  scenario?: Scenario | readonly Scenario[];
  /**
   * When true, simulated time stands still except through {@link RobotSimulator.advance}: no physics
   * timer runs, and stamps start at `clock()` and move only with `advance`. For deterministic tests and
   * demos. Publishing timers (odom, battery, diagnostics) still run in wall-clock time. Default false.
   */
  manualTime?: boolean;
}

/** Snapshot returned by {@link RobotSimulator.state}: the model state plus link, e-stop, faults, dock and task. */
export interface SimulatorState extends RobotState {
  /** False while the `linkLost` scenario is active. */
  linkUp: boolean;
  /** Number of connected rosbridge clients. */
  clients: number;
  /** Why the e-stop is engaged, or null when released. */
  estopReason: string | null;
  /** False during the `cameraFailure` scenario. */
  cameraOk: boolean;
  /** Dock waypoint the robot is charging on, or null. */
  docked: string | null;
  /** Running motion task (goal of `/navigate_to_pose`, `/dock` or `/undock`), or null. */
  task: TaskKind | null;
  /** Number of action goals in progress. */
  activeGoals: number;
}

/** A running simulator. */
export interface RobotSimulator {
  /** Bound TCP port (the chosen one when started with port 0). */
  readonly port: number;
  /** WebSocket URL, `ws://host:port`. */
  readonly url: string;
  /** The venue map in use (frame `map`, m and rad). */
  readonly venue: VenueMap;
  /** Current state: pose (m, rad), commanded and actual velocity (m/s, rad/s), battery (percent), charging, link, safety, task. */
  state(): SimulatorState;
  /** Applies a {@link Scenario}; throws a RangeError for an unknown name. */
  setScenario(scenario: Scenario): void;
  /**
   * Advances simulated time by `ms` milliseconds at once (physics, controller, goals, feedback), in
   * control periods of 20 ms. With `manualTime` this is the only way time passes; otherwise it
   * fast-forwards. Throws a RangeError for a negative or non-finite `ms`.
   */
  advance(ms: number): void;
  /** Stops timers and the server. Idempotent: later calls return the same promise. */
  close(): Promise<void>;
}

/** Starts the simulator and resolves once it listens. Rejects on invalid options or a listen error (e.g. EADDRINUSE). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RobotSimulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 9090;
  const tickMs = options.tickMs ?? 50;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer 0..65535, got ${port}`);
  if (!(Number.isFinite(tickMs) && tickMs > 0)) throw new RangeError(`tickMs must be a positive number of ms, got ${tickMs}`);
  const scenarios = options.scenario === undefined ? [] : typeof options.scenario === 'string' ? [options.scenario] : [...options.scenario];
  for (const s of scenarios) if (!isScenario(s)) throw new RangeError(`unknown scenario '${String(s)}'; scenarios: ${SCENARIOS.join(', ')}`);
  const venue = options.venue ? parseVenueMap(options.venue) : undefined;
  const base = options.clock ?? Date.now;
  const startMs = base();
  let offsetMs = 0;
  const now: Clock = options.manualTime ? () => startMs + offsetMs : () => base() + offsetMs;

  const world = new RobotWorld({
    ...options.model,
    clock: now,
    venue,
    initialBatteryPercent: options.initialBatteryPercent,
    batteryDrainPercentPerMin: options.batteryDrainPercentPerMin,
  });
  const estopMsg = () => boolMessage(world.status().estop.engaged);
  const bumperMsg = () => boolMessage(world.model.state().bumperPressed);
  const server = await RosbridgeServer.listen({
    host,
    port,
    now,
    services: robotServices(world, now),
    actions: robotActions(world, now),
    topics: [
      {
        name: CMD_VEL_TOPIC,
        type: 'geometry_msgs/msg/Twist',
        direction: 'in',
        onMessage: (msg) => {
          const twist = msg as Twist;
          world.command(twist.linear.x, twist.angular.z);
        },
      },
      { name: ODOM_TOPIC, type: 'nav_msgs/msg/Odometry', direction: 'out' },
      { name: BATTERY_TOPIC, type: 'sensor_msgs/msg/BatteryState', direction: 'out' },
      { name: DIAGNOSTICS_TOPIC, type: 'diagnostic_msgs/msg/DiagnosticArray', direction: 'out' },
      { name: ESTOP_TOPIC, type: 'std_msgs/msg/Bool', direction: 'out', latest: estopMsg },
      { name: BUMPER_TOPIC, type: 'std_msgs/msg/Bool', direction: 'out', latest: bumperMsg },
    ],
  });

  const publishBattery = () => server.publish(BATTERY_TOPIC, batteryStateMessage(world.model.state()));
  const publishDiagnostics = () => server.publish(DIAGNOSTICS_TOPIC, diagnosticsMessage(world.model.state(), world.status()));
  const publishEstop = () => server.publish(ESTOP_TOPIC, estopMsg());
  const publishBumper = () => server.publish(BUMPER_TOPIC, bumperMsg());
  world.on((event) => {
    if (event.type === 'estop') publishEstop();
    if (event.type === 'bumper') publishBumper();
    if (event.type === 'charging') publishBattery();
    publishDiagnostics();
  });

  let last = now();
  const timers = [
    setInterval(() => server.publish(ODOM_TOPIC, odometryMessage(world.model.state())), 1000 / ODOM_RATE_HZ),
    setInterval(publishBattery, 1000 / BATTERY_RATE_HZ),
    setInterval(publishDiagnostics, 1000 / DIAGNOSTICS_RATE_HZ),
    setInterval(() => {
      publishEstop();
      publishBumper();
    }, 1000 / ESTOP_RATE_HZ),
  ];
  if (!options.manualTime) {
    timers.push(setInterval(() => {
      const t = now();
      world.step(Math.min(Math.max(t - last, 0), 1000)); // a stalled event loop does not teleport the robot
      last = t;
    }, tickMs));
  }

  const setScenario = (scenario: Scenario) => {
    switch (scenario) {
      case 'lowBattery':
        world.setCharging(false);
        world.model.setBatteryPercent(LOW_BATTERY_PERCENT);
        break;
      case 'linkLost':
        server.setAcceptingConnections(false);
        break;
      case 'charging':
        world.setCharging(true);
        break;
      case 'stuck':
        world.setStuck(true);
        break;
      case 'estopPressed':
        world.engageEstop('hardware button pressed');
        break;
      case 'cameraFailure':
        world.setCameraOk(false);
        break;
      case 'nominal':
        world.setCharging(false);
        world.setStuck(false);
        world.setCameraOk(true);
        world.releaseEstop();
        server.setAcceptingConnections(true);
        break;
      default:
        throw new RangeError(`unknown scenario '${String(scenario)}'; scenarios: ${SCENARIOS.join(', ')}`);
    }
    publishBattery();
    publishDiagnostics();
  };
  for (const s of scenarios) setScenario(s);

  let closing: Promise<void> | undefined;
  const url = `ws://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
  return {
    port: server.port,
    url,
    venue: world.venue,
    state: () => {
      const status = world.status();
      return {
        ...world.model.state(),
        linkUp: server.acceptingConnections,
        clients: server.clientCount,
        estopReason: status.estop.reason,
        cameraOk: status.cameraOk,
        docked: status.docked,
        task: status.task?.kind ?? null,
        activeGoals: server.goals.active().length,
      };
    },
    setScenario,
    advance(ms: number) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`advance: ms must be a finite number >= 0, got ${ms}`);
      for (let left = ms; left > 0; left -= CONTROL_PERIOD_MS) {
        const h = Math.min(CONTROL_PERIOD_MS, left);
        offsetMs += h; // stamps inside the step read the time at its end
        world.step(h);
      }
      last = now();
    },
    close() {
      closing ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        await server.close();
      })();
      return closing;
    },
  };
}
