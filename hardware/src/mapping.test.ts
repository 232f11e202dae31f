import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRobotMapping, parseRobotMapping, RobotMappingError, SIMULATOR_ROBOT_MAPPING } from './mapping.ts';
import { DOCK_ACTION, NAVIGATE_TO_POSE_ACTION, UNDOCK_ACTION } from './robot-actions.ts';
import { ESTOP_ENGAGE_SERVICE, ESTOP_RELEASE_SERVICE, WAYPOINTS_SERVICE } from './services.ts';
import { BATTERY_TOPIC, BUMPER_TOPIC, CMD_VEL_TOPIC, DIAGNOSTICS_TOPIC, ESTOP_TOPIC, ODOM_TOPIC } from './simulator.ts';

const EXAMPLE = fileURLToPath(new URL('../ros2/robot-mapping.example.json', import.meta.url));
const PARAMS = fileURLToPath(new URL('../ros2/telekiosk_bridge.params.yaml', import.meta.url));
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;

function writeTemp(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mapping-')), 'robot.json');
  writeFileSync(path, content);
  return path;
}

function errorOf(fn: () => unknown): RobotMappingError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RobotMappingError) return err;
    throw err;
  }
  throw new Error('expected a RobotMappingError');
}

describe('robot mapping', () => {
  it('loads the example and applies defaults', () => {
    const m = loadRobotMapping(EXAMPLE);
    expect(m.cmdVel).toMatchObject({ name: '/cmd_vel_teleop', type: 'geometry_msgs/msg/TwistStamped', maxLinear: 0.5 });
    expect(m.dock).toMatchObject({ name: '/dock_robot', type: 'nav2_msgs/action/DockRobot', dockId: 'lobby_dock' });
    expect(m.estop).toMatchObject({ engagedValue: true, releaseService: null });
    expect(m.bumper).toBeNull();
    expect(m.robot.mapFrame).toBe('map');
  });

  it('every name in the example is allowed by the bridge allow-lists', () => {
    const yaml = readFileSync(PARAMS, 'utf8');
    const m = loadRobotMapping(EXAMPLE);
    const names = [m.cmdVel, m.odom, m.batteryState, m.diagnostics, m.estop, m.estop.engageService, m.navigateToPose, m.dock, m.undock, m.getWaypoints, m.robotInfo]
      .flatMap((e) => (e ? [e.name] : []));
    for (const name of names) expect(yaml, name).toContain(`'${name}'`);
  });

  it('describes the simulator with its own names', () => {
    const m = SIMULATOR_ROBOT_MAPPING;
    expect([m.cmdVel.name, m.odom.name, m.batteryState.name, m.diagnostics.name, m.estop.name, m.bumper?.name])
      .toEqual([CMD_VEL_TOPIC, ODOM_TOPIC, BATTERY_TOPIC, DIAGNOSTICS_TOPIC, ESTOP_TOPIC, BUMPER_TOPIC]);
    expect([m.navigateToPose.name, m.dock?.name, m.undock?.name]).toEqual([NAVIGATE_TO_POSE_ACTION, DOCK_ACTION, UNDOCK_ACTION]);
    expect([m.getWaypoints?.name, m.estop.engageService?.name, m.estop.releaseService?.name]).toEqual([WAYPOINTS_SERVICE, ESTOP_ENGAGE_SERVICE, ESTOP_RELEASE_SERVICE]);
  });

  it('names the bad field', () => {
    const bad = (patch: (m: Record<string, any>) => void) => {
      const m = example();
      patch(m);
      return errorOf(() => loadRobotMapping(writeTemp(JSON.stringify(m))));
    };
    const missing = bad((m) => delete m.odom);
    expect(missing.field).toBe('odom');
    expect(missing.message).toMatch(/^robot mapping .*robot\.json: field 'odom': expected object, received undefined/);

    expect(bad((m) => (m.cmdVel.name = 'cmd_vel')).message).toContain("field 'cmdVel.name': must be an absolute ROS 2 name");
    const type = bad((m) => (m.dock.type = 'nav2_msgs/action/Dock'));
    expect(type.field).toBe('dock.type');
    expect(type.message).toContain("must be 'nav2_msgs/action/DockRobot' or 'opennav_docking_msgs/action/DockRobot', got \"nav2_msgs/action/Dock\"");
    expect(bad((m) => (m.navigateToPose.typo = 1)).field).toBe('navigateToPose.typo');
    expect(bad((m) => (m.robot.rosbridgeUrl = 'http://robot:9090')).message).toContain("field 'robot.rosbridgeUrl': must be a ws:// or wss:// URL");
    expect(bad((m) => (m.cmdVel.maxLinear = -1)).field).toBe('cmdVel.maxLinear');
    expect(bad((m) => (m.estop.engageService = { name: '/x', type: 'std_srvs/srv/SetBool' })).field).toBe('estop.engageService.type');
  });

  it('reports unreadable files and invalid JSON', () => {
    const missing = errorOf(() => loadRobotMapping('/nonexistent/robot.json'));
    expect(missing.message).toContain('cannot read the file');
    expect(missing.field).toBeUndefined();
    expect(errorOf(() => loadRobotMapping(writeTemp('{ "robot": '))).message).toContain('invalid JSON');
    expect(errorOf(() => parseRobotMapping([], 'inline')).message).toBe('robot mapping inline: expected object, received array');
  });
});
