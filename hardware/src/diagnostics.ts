/**
 * The `/diagnostics` message (diagnostic_msgs/msg/DiagnosticArray) of the simulated robot: one
 * diagnostic_msgs/msg/DiagnosticStatus each for the battery, the motors/base, the e-stop, the camera
 * and the bumper, with levels OK=0, WARN=1, ERROR=2 (STALE=3 is not used: the simulator always knows).
 */
import { DIAGNOSTIC_LEVEL, toRosTime, type DiagnosticArray, type DiagnosticStatus } from './messages.ts';
import type { RobotState } from './model.ts';
import { packVoltage, powerSupplyStatus, SERIAL_NUMBER } from './telemetry.ts';
import type { WorldStatus } from './world.ts';

/** `name` of each DiagnosticStatus in `/diagnostics`. */
export const DIAGNOSTIC_NAMES = Object.freeze({
  battery: 'battery', motors: 'motors', estop: 'estop', camera: 'camera', bumper: 'bumper',
});
/** Battery level below which the battery status is WARN, percent. */
export const BATTERY_WARN_PERCENT = 20;
/** Battery level below which the battery status is ERROR, percent. */
export const BATTERY_ERROR_PERCENT = 5;
/** Frame rate the simulated camera reports while healthy, frames per second. */
export const CAMERA_FPS = 30;

const kv = (values: Record<string, string | number | boolean | null>) =>
  Object.entries(values).map(([key, value]) => ({ key, value: typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value) }));

function status(level: number, name: string, message: string, values: Record<string, string | number | boolean | null>): DiagnosticStatus {
  return { level, name, message, hardware_id: SERIAL_NUMBER, values: kv(values) };
}

/**
 * Builds the DiagnosticArray for a model state and world status, stamped with `state.stampMs`.
 * Battery: OK, WARN below 20 percent, ERROR below 5 percent. Motors: OK; ERROR while stalled (stuck
 * and commanded); WARN after a stall. E-stop: OK released, ERROR engaged. Camera: OK or ERROR
 * (`cameraFailure`). Bumper: OK clear, WARN while pressed, naming the obstacle.
 */
export function diagnosticsMessage(state: RobotState, world: WorldStatus): DiagnosticArray {
  const pct = state.batteryPercent;
  const charging = state.charging ? ', charging' : '';
  const batteryValues = { percentage: pct, voltage: packVoltage(pct), charging: state.charging, power_supply_status: powerSupplyStatus(state), docked: world.docked };
  const battery = pct < BATTERY_ERROR_PERCENT
    ? status(DIAGNOSTIC_LEVEL.ERROR, DIAGNOSTIC_NAMES.battery, `battery critical: ${pct.toFixed(1)} %${charging}`, batteryValues)
    : pct < BATTERY_WARN_PERCENT
      ? status(DIAGNOSTIC_LEVEL.WARN, DIAGNOSTIC_NAMES.battery, `battery low: ${pct.toFixed(1)} %${charging}`, batteryValues)
      : status(DIAGNOSTIC_LEVEL.OK, DIAGNOSTIC_NAMES.battery, state.charging ? 'charging' : 'ok', batteryValues);

  const motion = { commanded_linear: state.commanded.linear, commanded_angular: state.commanded.angular, measured_linear: state.actual.linear, measured_angular: state.actual.angular };
  const motors = state.stalled
    ? status(DIAGNOSTIC_LEVEL.ERROR, DIAGNOSTIC_NAMES.motors,
      `drive stalled: commanded ${state.commanded.linear.toFixed(2)} m/s, ${state.commanded.angular.toFixed(2)} rad/s but the wheels do not turn`, motion)
    : world.stallSeen
      ? status(DIAGNOSTIC_LEVEL.WARN, DIAGNOSTIC_NAMES.motors, 'drive stalled at the last command; check the wheels', motion)
      : state.estopped
        ? status(DIAGNOSTIC_LEVEL.OK, DIAGNOSTIC_NAMES.motors, 'disabled by the e-stop', motion)
        : status(DIAGNOSTIC_LEVEL.OK, DIAGNOSTIC_NAMES.motors, 'ok', motion);

  const estop = world.estop.engaged
    ? status(DIAGNOSTIC_LEVEL.ERROR, DIAGNOSTIC_NAMES.estop, `e-stop engaged (${world.estop.reason})`, {
      engaged: true, since: world.estop.sinceMs !== null ? new Date(world.estop.sinceMs).toISOString() : null,
    })
    : status(DIAGNOSTIC_LEVEL.OK, DIAGNOSTIC_NAMES.estop, 'released', { engaged: false });

  const camera = world.cameraOk
    ? status(DIAGNOSTIC_LEVEL.OK, DIAGNOSTIC_NAMES.camera, `streaming ${CAMERA_FPS} fps`, { fps: CAMERA_FPS })
    : status(DIAGNOSTIC_LEVEL.ERROR, DIAGNOSTIC_NAMES.camera, 'no frames from the camera', { fps: 0 });

  const bumper = state.bumperPressed
    ? status(DIAGNOSTIC_LEVEL.WARN, DIAGNOSTIC_NAMES.bumper, `bumper pressed: contact with the ${state.bumperContact}`, {
      pressed: true, contact: state.bumperContact,
    })
    : status(DIAGNOSTIC_LEVEL.OK, DIAGNOSTIC_NAMES.bumper, 'clear', { pressed: false });

  return { header: { stamp: toRosTime(state.stampMs), frame_id: '' }, status: [battery, motors, estop, camera, bumper] };
}
