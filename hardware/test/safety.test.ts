/**
 * Safety and monitoring over rosbridge with roslib: the e-stop (/estop, /estop/engage, /estop/release),
 * the bumper (/bumper), /diagnostics for every scenario, /get_waypoints and the /cmd_vel deadman in
 * simulated time. The simulator runs with `manualTime`; a service call after a publish is used as a
 * barrier (rosbridge handles one connection's frames in order), so no test waits on wall-clock speed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Action, Service, Topic, type Ros } from 'roslib';
import {
  DEFAULT_VENUE, DIAGNOSTIC_LEVEL, DiagnosticArraySchema, quaternionToYaw, startSimulator, yawToQuaternion,
  type DiagnosticArray, type GetWaypointsResponse, type RobotSimulator, type Scenario, type SimulatorOptions,
  type TriggerResponse, type Twist,
} from '../src/index.ts';
import { connectRos, runUntil, waitFor } from '../src/test-utils.ts';

const twist = (x: number, z: number): Twist => ({ linear: { x, y: 0, z: 0 }, angular: { x: 0, y: 0, z } });

let sim: RobotSimulator;
let ros: Ros;
const cleanups: Array<() => unknown> = [];

async function start(options: SimulatorOptions = {}) {
  sim = await startSimulator({ port: 0, manualTime: true, ...options });
  cleanups.push(() => sim.close());
  ros = await connectRos(sim.url);
  cleanups.push(() => ros.close());
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function call<Res>(name: string, type: string): Promise<Res> {
  const svc = new Service<Record<string, never>, Res>({ ros, name, serviceType: type });
  return new Promise<Res>((resolve, reject) => svc.callService({}, resolve, (e) => reject(new Error(e))));
}
/** Waits until every frame sent before it has been handled (one connection's frames are handled in order). */
const barrier = () => call('/get_robot_info', 'telekiosk_msgs/srv/GetRobotInfo');

/** Publishes `cmd` on /cmd_vel and waits until the simulator has handled it. */
async function drive(cmd: Twist) {
  new Topic<Twist>({ ros, name: '/cmd_vel', messageType: 'geometry_msgs/msg/Twist' }).publish(cmd);
  await barrier();
}

describe('e-stop', () => {
  it('blocks /cmd_vel and actions until released; /estop is latched and follows the state', async () => {
    await start();
    const estop: boolean[] = [];
    new Topic<{ data: boolean }>({ ros, name: '/estop', messageType: 'std_msgs/msg/Bool' }).subscribe((m) => estop.push(m.data));
    await waitFor(() => estop.length > 0, { what: 'the latched /estop' });
    expect(estop[0]).toBe(false);

    // Engage while navigating: the goal aborts and the base brakes.
    const nav = new Action<object, unknown, unknown>({ ros, name: '/navigate_to_pose', actionType: 'nav2_msgs/action/NavigateToPose' });
    let failure: string | undefined;
    nav.sendGoal({ pose: { header: { frame_id: 'map' }, pose: { position: { x: 8, y: 0, z: 0 }, orientation: yawToQuaternion(0) } } },
      () => undefined, undefined, (e) => (failure = e));
    await runUntil(sim, () => sim.state().actual.linear > 0.3, { what: 'cruise speed' });
    const engaged = await call<TriggerResponse>('/estop/engage', 'std_srvs/srv/Trigger');
    expect(engaged).toEqual({ success: true, message: 'e-stop engaged (button pressed (/estop/engage))' });
    await waitFor(() => failure, { what: 'the aborted goal' });
    expect(failure).toMatch(/Action was aborted.*emergency stop engaged/);
    await waitFor(() => estop.at(-1) === true, { what: '/estop true' });
    sim.advance(500); // braking at 1.5 m/s² from ≤ 0.5 m/s takes ≤ 0.34 s
    expect(sim.state()).toMatchObject({ estopped: true, actual: { linear: 0, angular: 0 } });

    // /cmd_vel is ignored, new goals abort at once.
    const stoppedAt = sim.state().pose;
    await drive(twist(0.5, 0));
    sim.advance(400);
    expect(sim.state().pose).toEqual(stoppedAt);
    expect(sim.state().commanded).toEqual({ linear: 0, angular: 0 });
    let again: string | undefined;
    nav.sendGoal({ pose: { pose: { position: { x: 1, y: 1, z: 0 } } } }, () => undefined, undefined, (e) => (again = e));
    await waitFor(() => again, { what: 'the second abort' });
    expect(again).toContain('emergency stop');

    // Release: driving works again; a second release fails.
    expect(await call<TriggerResponse>('/estop/release', 'std_srvs/srv/Trigger')).toEqual({ success: true, message: 'e-stop released' });
    await waitFor(() => estop.at(-1) === false, { what: '/estop false' });
    expect(await call<TriggerResponse>('/estop/release', 'std_srvs/srv/Trigger')).toEqual({ success: false, message: 'e-stop is not engaged' });
    await drive(twist(0.5, 0));
    sim.advance(400);
    expect(sim.state().pose.x).toBeGreaterThan(stoppedAt.x);
  });

  it('the estopPressed scenario is the hardware button: released by /estop/release or nominal', async () => {
    await start({ scenario: 'estopPressed' });
    expect(sim.state()).toMatchObject({ estopped: true, estopReason: 'hardware button pressed' });
    const estop: boolean[] = [];
    new Topic<{ data: boolean }>({ ros, name: '/estop', messageType: 'std_msgs/msg/Bool' }).subscribe((m) => estop.push(m.data));
    await waitFor(() => estop[0] === true, { what: 'the latched /estop true' });
    sim.setScenario('nominal');
    expect(sim.state().estopped).toBe(false);
    await waitFor(() => estop.at(-1) === false, { what: '/estop false' });
  });
});

describe('bumper', () => {
  it('stops the base on contact, publishes /bumper and a diagnostics warning, and releases when backing off', async () => {
    await start({ model: { initialPose: { x: 5, y: 1.5, theta: 0 } } }); // 0.4 m in front of the column (r 0.3 m at x = 6)
    const bumper: boolean[] = [];
    const diags: DiagnosticArray[] = [];
    new Topic<{ data: boolean }>({ ros, name: '/bumper', messageType: 'std_msgs/msg/Bool' }).subscribe((m) => bumper.push(m.data));
    new Topic<DiagnosticArray>({ ros, name: '/diagnostics', messageType: 'diagnostic_msgs/msg/DiagnosticArray' }).subscribe((m) => diags.push(m));
    await waitFor(() => bumper[0] === false, { what: 'the latched /bumper' });
    for (let i = 0; i < 20 && !sim.state().bumperPressed; i++) {
      await drive(twist(0.3, 0)); // keep the deadman fed, like a joystick
      sim.advance(200);
    }
    const s = sim.state();
    expect(s).toMatchObject({ bumperPressed: true, bumperContact: 'column', actual: { linear: 0, angular: 0 }, commanded: { linear: 0, angular: 0 } });
    expect(s.pose.x).toBeGreaterThan(5.35);
    expect(s.pose.x).toBeLessThanOrEqual(5.4); // the footprint (0.3 m) never enters the column
    await waitFor(() => bumper.at(-1) === true, { what: '/bumper true' });
    const warn = await waitFor(() => diags.map((d) => d.status.find((st) => st.name === 'bumper')).find((st) => st?.level === DIAGNOSTIC_LEVEL.WARN));
    expect(warn.message).toBe('bumper pressed: contact with the column');

    await drive(twist(0.3, 0)); // pushing on does not move it
    sim.advance(300);
    expect(sim.state().pose.x).toBeLessThanOrEqual(5.4);
    await drive(twist(-0.2, 0)); // backing off releases the bumper
    sim.advance(300);
    expect(sim.state().bumperPressed).toBe(false);
    await waitFor(() => bumper.at(-1) === false, { what: '/bumper false' });
  });
});

describe('/diagnostics (diagnostic_msgs/msg/DiagnosticArray)', () => {
  const levels = (d: DiagnosticArray) => Object.fromEntries(d.status.map((s) => [s.name, s.level]));
  const OK = DIAGNOSTIC_LEVEL.OK;

  it('reports battery, motors, e-stop, camera and bumper for every scenario', async () => {
    await start({ initialBatteryPercent: 80 });
    const diags: DiagnosticArray[] = [];
    new Topic<DiagnosticArray>({ ros, name: '/diagnostics', messageType: 'diagnostic_msgs/msg/DiagnosticArray' }).subscribe((m) => diags.push(m));
    const next = async (what: string, match: (d: DiagnosticArray) => boolean) => {
      const from = diags.length;
      return waitFor(() => diags.slice(from).find(match), { what });
    };
    const apply = async (scenario: Scenario, match: (d: DiagnosticArray) => boolean) => {
      const from = diags.length;
      sim.setScenario(scenario); // publishes /diagnostics at once
      return waitFor(() => diags.slice(from).find(match), { what: `diagnostics after ${scenario}` });
    };

    const nominal = await next('diagnostics', () => true);
    expect(DiagnosticArraySchema.parse(nominal)).toEqual(nominal);
    expect(levels(nominal)).toEqual({ battery: OK, motors: OK, estop: OK, camera: OK, bumper: OK });
    expect(nominal.status.every((s) => s.hardware_id === 'SIM-0001')).toBe(true);
    expect(nominal.status.find((s) => s.name === 'camera')?.message).toBe('streaming 30 fps');

    const camera = await apply('cameraFailure', (d) => levels(d).camera === DIAGNOSTIC_LEVEL.ERROR);
    expect(camera.status.find((s) => s.name === 'camera')?.message).toBe('no frames from the camera');

    const estop = await apply('estopPressed', (d) => levels(d).estop === DIAGNOSTIC_LEVEL.ERROR);
    expect(estop.status.find((s) => s.name === 'estop')?.message).toBe('e-stop engaged (hardware button pressed)');
    expect(estop.status.find((s) => s.name === 'motors')).toMatchObject({ level: OK, message: 'disabled by the e-stop' });

    await apply('nominal', (d) => Object.values(levels(d)).every((l) => l === OK));
    sim.setScenario('stuck');
    await drive(twist(0.4, 0));
    sim.advance(200);
    expect(sim.state()).toMatchObject({ stuck: true, stalled: true, pose: { x: 0, y: 0, theta: 0 }, actual: { linear: 0, angular: 0 } });
    const stalled = await next('motors ERROR', (d) => levels(d).motors === DIAGNOSTIC_LEVEL.ERROR);
    expect(stalled.status.find((s) => s.name === 'motors')?.message).toBe('drive stalled: commanded 0.40 m/s, 0.00 rad/s but the wheels do not turn');
    sim.advance(1000); // deadman: the command is gone, the stall stays on record
    const after = await next('motors WARN', (d) => levels(d).motors === DIAGNOSTIC_LEVEL.WARN);
    expect(after.status.find((s) => s.name === 'motors')?.message).toBe('drive stalled at the last command; check the wheels');

    await apply('nominal', (d) => Object.values(levels(d)).every((l) => l === OK));
    expect(sim.state()).toMatchObject({ stuck: false, cameraOk: true, estopped: false, charging: false });

    const low = await apply('lowBattery', (d) => levels(d).battery === DIAGNOSTIC_LEVEL.WARN);
    expect(low.status.find((s) => s.name === 'battery')).toMatchObject({ message: 'battery low: 10.0 %', values: expect.arrayContaining([{ key: 'percentage', value: '10' }]) });

    const charging = await apply('charging', (d) => d.status.find((s) => s.name === 'battery')?.message.endsWith(', charging') === true);
    expect(charging.status.find((s) => s.name === 'battery')).toMatchObject({
      level: DIAGNOSTIC_LEVEL.WARN, message: 'battery low: 10.0 %, charging', values: expect.arrayContaining([{ key: 'charging', value: 'true' }]),
    });
  });
});

describe('/get_waypoints (telekiosk_msgs/srv/GetWaypoints)', () => {
  it('returns every named waypoint with its map-frame pose', async () => {
    await start();
    const res = await call<GetWaypointsResponse>('/get_waypoints', 'telekiosk_msgs/srv/GetWaypoints');
    expect(res.names).toEqual(['entrance', 'counter-1', 'counter-2', 'counter-3', 'counter-4', 'counter-5', 'counter-6', 'elevator', 'dock']);
    expect(res.poses).toHaveLength(res.names.length);
    res.names.forEach((name, i) => {
      const w = DEFAULT_VENUE.waypoints.find((v) => v.name === name)!;
      const p = res.poses[i]!;
      expect(p.header.frame_id).toBe('map');
      expect(p.pose.position).toEqual({ x: w.x, y: w.y, z: 0 });
      expect(quaternionToYaw(p.pose.orientation)).toBeCloseTo(w.theta, 9);
    });
  });
});

describe('deadman in simulated time', () => {
  it('zeroes the command 0.5 s after the last /cmd_vel, not before, then the base brakes to rest', async () => {
    await start();
    await drive(twist(0.5, 0.2));
    sim.advance(490);
    expect(sim.state().commanded).toEqual({ linear: 0.5, angular: 0.2 });
    expect(sim.state().deadmanStopped).toBe(false);
    sim.advance(20);
    expect(sim.state()).toMatchObject({ commanded: { linear: 0, angular: 0 }, deadmanStopped: true });
    sim.advance(1000);
    expect(sim.state().actual).toEqual({ linear: 0, angular: 0 });
    const rest = sim.state().pose;
    sim.advance(1000);
    expect(sim.state().pose).toEqual(rest);
  });
});
