/**
 * ROS 2 actions over rosbridge with the real roslib 2.x `Action` client: /navigate_to_pose (feedback,
 * success, cancel, abort on blocked goals, preemption), /dock and /undock. The simulator runs with
 * `manualTime`, so physics advances only through `sim.advance` and nothing depends on wall-clock speed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Action, Service, Topic, type Ros } from 'roslib';
import {
  DEFAULT_VENUE, findWaypoint, GOAL_STATUS, POWER_SUPPLY_STATUS, quaternionToYaw, startSimulator, yawToQuaternion,
  type BatteryState, type DockRobotFeedback, type DockRobotResult, type NavigateToPoseFeedback, type NavigateToPoseResult,
  type RobotSimulator, type UndockRobotResult,
} from '../src/index.ts';
import { connectRos, RawClient, runUntil, waitFor } from '../src/test-utils.ts';

const goalTo = (x: number, y: number, theta: number, frame_id = 'map') => ({
  pose: { header: { frame_id }, pose: { position: { x, y, z: 0 }, orientation: yawToQuaternion(theta) } },
});
const waypoint = (name: string) => findWaypoint(DEFAULT_VENUE, name)!;

/** One goal's callbacks, recorded. */
function recorder<F, R>() {
  const rec = { feedback: [] as F[], result: undefined as R | undefined, failure: undefined as string | undefined };
  return {
    rec,
    onResult: (r: R) => (rec.result = r),
    onFeedback: (f: F) => rec.feedback.push(f),
    onFailure: (e: string) => (rec.failure = e),
    done: () => rec.result !== undefined || rec.failure !== undefined,
  };
}

let sim: RobotSimulator;
let ros: Ros;
let nav: Action<ReturnType<typeof goalTo>, NavigateToPoseFeedback, NavigateToPoseResult>;
const cleanups: Array<() => unknown> = [];

beforeEach(async () => {
  sim = await startSimulator({ port: 0, manualTime: true, initialBatteryPercent: 50 });
  ros = await connectRos(sim.url);
  cleanups.push(() => ros.close());
  nav = new Action({ ros, name: '/navigate_to_pose', actionType: 'nav2_msgs/action/NavigateToPose' });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sim.close();
});

describe('/navigate_to_pose (nav2_msgs/action/NavigateToPose)', () => {
  it('drives to a waypoint, sends feedback while driving and succeeds', async () => {
    const target = waypoint('counter-3');
    const goal = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    nav.sendGoal(goalTo(target.x, target.y, target.theta), goal.onResult, goal.onFeedback, goal.onFailure);
    await waitFor(() => sim.state().task === 'navigate', { what: 'the goal to start' });
    await runUntil(sim, goal.done, { what: 'the navigation result' });

    expect(goal.rec.failure).toBeUndefined();
    expect(goal.rec.result).toEqual({ error_code: 0, error_msg: '' });
    const s = sim.state();
    expect(Math.hypot(s.pose.x - target.x, s.pose.y - target.y)).toBeLessThan(0.05);
    expect(Math.abs(s.pose.theta - target.theta)).toBeLessThan(0.05);
    expect(s).toMatchObject({ task: null, activeGoals: 0, bumperPressed: false });

    const fb = goal.rec.feedback;
    expect(fb.length).toBeGreaterThan(20); // 5 Hz of simulated time over ~18 s
    expect(fb[0]!.distance_remaining).toBeCloseTo(Math.hypot(target.x, target.y), 1); // straight line: the way is clear
    expect(fb.at(-1)!.distance_remaining).toBeLessThan(0.5);
    for (let i = 1; i < fb.length; i++) {
      expect(fb[i]!.distance_remaining).toBeLessThanOrEqual(fb[i - 1]!.distance_remaining + 1e-6);
      const t = (d: { sec: number; nanosec: number }) => d.sec + d.nanosec / 1e9;
      expect(t(fb[i]!.navigation_time)).toBeGreaterThan(t(fb[i - 1]!.navigation_time));
    }
    const mid = fb[Math.floor(fb.length / 2)]!;
    expect(mid.current_pose.header.frame_id).toBe('map');
    expect(mid.current_pose.pose.position.x).toBeGreaterThan(0.5);
    expect(mid.estimated_time_remaining.sec).toBeGreaterThan(0);
    expect(mid.number_of_recoveries).toBe(0);
    expect(quaternionToYaw(fb.at(-1)!.current_pose.pose.orientation)).toBeCloseTo(target.theta, 1);
  });

  it('plans around obstacles (the planter lies on the straight line)', async () => {
    const goal = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    nav.sendGoal(goalTo(7, -2.5, 0), goal.onResult, goal.onFeedback, goal.onFailure);
    await runUntil(sim, goal.done, { what: 'the navigation result' });
    expect(goal.rec.result).toEqual({ error_code: 0, error_msg: '' });
    expect(goal.rec.feedback[0]!.distance_remaining).toBeGreaterThan(Math.hypot(7, 2.5) + 0.05); // a detour
    expect(sim.state().bumperPressed).toBe(false);
  });

  it('cancels: the goal ends CANCELED and the base stops short of the goal', async () => {
    const target = waypoint('entrance');
    const goal = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    const id = nav.sendGoal(goalTo(target.x, target.y, target.theta), goal.onResult, goal.onFeedback, goal.onFailure)!;
    await runUntil(sim, () => goal.rec.feedback.length >= 10, { what: 'feedback' });
    nav.cancelGoal(id);
    await runUntil(sim, goal.done, { stepMs: 20, what: 'the cancel result' });
    expect(goal.rec.failure).toMatch(/^GoalError: Action was canceled/); // roslib reports non-SUCCEEDED results as failures
    await runUntil(sim, () => sim.state().actual.linear === 0 && sim.state().actual.angular === 0, { what: 'the base to stop' });
    expect(sim.state().pose.x).toBeLessThan(target.x - 5);
    expect(sim.state()).toMatchObject({ task: null, activeGoals: 0 });
  });

  it('cancelAllGoals() uses the <action>/_action/cancel_goal service', async () => {
    const goal = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    nav.sendGoal(goalTo(10, 2, 0), goal.onResult, goal.onFeedback, goal.onFailure);
    await waitFor(() => sim.state().task === 'navigate', { what: 'the goal to start' });
    nav.cancelAllGoals();
    await runUntil(sim, goal.done, { stepMs: 20, what: 'the cancel result' });
    expect(goal.rec.failure).toMatch(/Action was canceled/);
  });

  it('aborts a goal inside an obstacle (GOAL_OCCUPIED 206) or outside the map (GOAL_OUTSIDE_MAP 204) without moving', async () => {
    const occupied = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    nav.sendGoal(goalTo(4.5, -1.5, 0), occupied.onResult, occupied.onFeedback, occupied.onFailure);
    await runUntil(sim, occupied.done, { what: 'the abort' });
    expect(occupied.rec.failure).toMatch(/^GoalError: Action was aborted: /);
    expect(JSON.parse(occupied.rec.failure!.replace(/^[^{]*/, ''))).toEqual({ error_code: 206, error_msg: 'goal (4.50, -1.50) is blocked by the planter' });

    const outside = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    nav.sendGoal(goalTo(30, 0, 0), outside.onResult, outside.onFeedback, outside.onFailure);
    await runUntil(sim, outside.done, { what: 'the abort' });
    expect(outside.rec.failure).toContain('"error_code":204');
    expect(sim.state().pose).toEqual({ x: 0, y: 0, theta: 0 });
  });

  it('a newer goal preempts the running one (ABORTED), and the stuck drive aborts with FAILED_TO_MAKE_PROGRESS 105', async () => {
    const first = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    const second = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    nav.sendGoal(goalTo(10, 0, 0), first.onResult, first.onFeedback, first.onFailure);
    await runUntil(sim, () => first.rec.feedback.length > 3, { what: 'feedback' });
    nav.sendGoal(goalTo(1, 1, 0), second.onResult, second.onFeedback, second.onFailure);
    await runUntil(sim, first.done, { stepMs: 20, what: 'the preempted result' });
    expect(first.rec.failure).toContain('preempted by a newer goal');
    sim.setScenario('stuck');
    await runUntil(sim, second.done, { what: 'the no-progress abort' });
    expect(second.rec.failure).toContain('"error_code":105');
    expect(second.rec.failure).toContain('drive is stalled');
  });
});

describe('raw rosbridge action frames', () => {
  it('sends action_result with status codes and result flags as rosbridge does', async () => {
    const raw = await RawClient.connect(sim.url);
    cleanups.push(() => raw.close());
    const result = (id: string) => (f: { op: string; id?: unknown }) => f.op === 'action_result' && f.id === id;

    expect(await raw.request({ op: 'send_action_goal', id: 'g0', action: '/fly', action_type: 'x/action/Fly' }, result('g0')))
      .toMatchObject({ action: '/fly', status: GOAL_STATUS.UNKNOWN, result: false, values: expect.stringContaining("unknown action '/fly'") });
    expect(await raw.request({ op: 'send_action_goal', id: 'g1', action: '/dock', action_type: 'nav2_msgs/action/NavigateToPose' }, result('g1')))
      .toMatchObject({ result: false, values: expect.stringContaining("wrong action type 'nav2_msgs/action/NavigateToPose'") });
    const bad = { pose: { pose: { position: { x: 'far' } } } };
    expect(await raw.request({ op: 'send_action_goal', id: 'g2', action: '/navigate_to_pose', action_type: 'nav2_msgs/NavigateToPose', args: bad }, result('g2')))
      .toMatchObject({ result: false, values: expect.stringContaining("field 'args.pose.pose.position.x': expected number") });

    // No `feedback: true`: only the result comes back. Cancel by id → status CANCELED (5) with result true.
    raw.send({ op: 'send_action_goal', id: 'g3', action: '/navigate_to_pose', action_type: 'nav2_msgs/action/NavigateToPose', args: goalTo(5, 0, 0) });
    await waitFor(() => sim.state().task === 'navigate', { what: 'the goal' });
    sim.advance(1000);
    const canceled = await raw.request({ op: 'cancel_action_goal', id: 'g3', action: '/navigate_to_pose' }, result('g3'));
    expect(canceled).toEqual({ op: 'action_result', id: 'g3', action: '/navigate_to_pose', values: { error_code: 0, error_msg: '' }, status: GOAL_STATUS.CANCELED, result: true });
    expect(raw.frames.some((f) => f.op === 'action_feedback')).toBe(false);

    // An e-stop aborts: status ABORTED (6), result true, the reason in values.error_msg.
    raw.send({ op: 'send_action_goal', id: 'g4', action: '/navigate_to_pose', action_type: 'nav2_msgs/action/NavigateToPose', args: goalTo(5, 0, 0), feedback: true });
    await runUntil(sim, () => raw.frames.some((f) => f.op === 'action_feedback' && f.id === 'g4'), { stepMs: 50, what: 'feedback' });
    sim.setScenario('estopPressed');
    const aborted = await raw.next(result('g4'));
    expect(aborted).toMatchObject({ status: GOAL_STATUS.ABORTED, result: true, values: { error_code: 9000, error_msg: expect.stringContaining('emergency stop') } });
  });
});

describe('/dock and /undock (nav2_msgs/action/DockRobot, UndockRobot)', () => {
  it('docks (staging, then approach), starts charging, charges, and undocks', async () => {
    const battery: BatteryState[] = [];
    new Topic<BatteryState>({ ros, name: '/battery_state', messageType: 'sensor_msgs/msg/BatteryState' }).subscribe((m) => battery.push(m));
    sim.advance(10_000);
    const before = sim.state().batteryPercent;
    expect(before).toBeLessThan(50);

    const dock = new Action<{ dock_id: string }, DockRobotFeedback, DockRobotResult>({ ros, name: '/dock', actionType: 'nav2_msgs/action/DockRobot' });
    const docking = recorder<DockRobotFeedback, DockRobotResult>();
    dock.sendGoal({ dock_id: 'dock' }, docking.onResult, docking.onFeedback, docking.onFailure);
    await runUntil(sim, docking.done, { what: 'the docking result' });
    expect(docking.rec.result).toEqual({ success: true, error_code: 0, num_retries: 0, error_msg: '' });
    const states = [...new Set(docking.rec.feedback.map((f) => f.state))];
    expect(states).toEqual([1, 3]); // NAV_TO_STAGING_POSE, then CONTROLLING
    const d = waypoint('dock');
    expect(sim.state()).toMatchObject({ charging: true, docked: 'dock' });
    expect(Math.hypot(sim.state().pose.x - d.x, sim.state().pose.y - d.y)).toBeLessThan(0.05);
    await waitFor(() => battery.some((m) => m.power_supply_status === POWER_SUPPLY_STATUS.CHARGING), { what: 'CHARGING on /battery_state' });
    const docked = sim.state().batteryPercent;
    sim.advance(60_000);
    expect(sim.state().batteryPercent).toBeCloseTo(docked + 5, 1); // 5 percent per minute on the charger

    const again = recorder<DockRobotFeedback, DockRobotResult>();
    dock.sendGoal({ dock_id: '' }, again.onResult, again.onFeedback, again.onFailure); // already docked: succeeds at once
    await waitFor(again.done, { what: 'the second docking result' });
    expect(again.rec.result).toMatchObject({ success: true });

    const undock = new Action<Record<string, never>, never, UndockRobotResult>({ ros, name: '/undock', actionType: 'nav2_msgs/action/UndockRobot' });
    const undocking = recorder<never, UndockRobotResult>();
    undock.sendGoal({}, undocking.onResult, undefined, undocking.onFailure);
    await runUntil(sim, undocking.done, { what: 'the undocking result' });
    expect(undocking.rec.result).toEqual({ success: true, error_code: 0 });
    expect(sim.state()).toMatchObject({ charging: false, docked: null });
    expect(sim.state().pose.x).toBeCloseTo(d.x + 0.7, 1); // backed off to the staging pose
    await waitFor(() => battery.at(-1)?.power_supply_status === POWER_SUPPLY_STATUS.DISCHARGING, { what: 'DISCHARGING' });

    const notDocked = recorder<never, UndockRobotResult>();
    undock.sendGoal({}, notDocked.onResult, undefined, notDocked.onFailure);
    await waitFor(notDocked.done, { what: 'the failed undock' });
    expect(notDocked.rec.failure).toContain('"error_code":902'); // DOCK_NOT_VALID
  });

  it('rejects an unknown dock id (DOCK_NOT_IN_DB 901) and accepts the opennav_docking_msgs type name', async () => {
    const dock = new Action<{ dock_id: string }, DockRobotFeedback, DockRobotResult>({ ros, name: '/dock', actionType: 'opennav_docking_msgs/action/DockRobot' });
    const goal = recorder<DockRobotFeedback, DockRobotResult>();
    dock.sendGoal({ dock_id: 'garage' }, goal.onResult, goal.onFeedback, goal.onFailure);
    await waitFor(goal.done, { what: 'the result' });
    expect(goal.rec.failure).toContain('"error_code":901');
    expect(goal.rec.failure).toContain("no dock 'garage'");
  });

  it('lists the dock among the waypoints', async () => {
    const svc = new Service<Record<string, never>, { names: string[] }>({ ros, name: '/get_waypoints', serviceType: 'telekiosk_msgs/srv/GetWaypoints' });
    const names = await new Promise<string[]>((resolve, reject) => svc.callService({}, (r) => resolve(r.names), reject));
    expect(names).toContain('dock');
  });
});

describe('wall-clock mode (the default)', () => {
  it('executes goals in real time, and advance() fast-forwards', async () => {
    const live = await startSimulator({ port: 0 });
    cleanups.push(() => live.close());
    const liveRos = await connectRos(live.url);
    cleanups.push(() => liveRos.close());
    const liveNav = new Action<ReturnType<typeof goalTo>, NavigateToPoseFeedback, NavigateToPoseResult>({
      ros: liveRos, name: '/navigate_to_pose', actionType: 'nav2_msgs/action/NavigateToPose',
    });
    const short = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    liveNav.sendGoal(goalTo(0.5, 0, 0), short.onResult, short.onFeedback, short.onFailure); // ~2.5 s
    await waitFor(short.done, { timeoutMs: 15_000, what: 'the result in real time' });
    expect(short.rec.result).toEqual({ error_code: 0, error_msg: '' });
    expect(short.rec.feedback.length).toBeGreaterThan(3);

    const far = recorder<NavigateToPoseFeedback, NavigateToPoseResult>();
    liveNav.sendGoal(goalTo(8, -4.8, -Math.PI / 2), far.onResult, far.onFeedback, far.onFailure);
    await waitFor(() => live.state().task === 'navigate', { what: 'the goal to start' });
    live.advance(60_000); // a minute of simulated time at once
    await waitFor(far.done, { what: 'the fast-forwarded result' });
    expect(far.rec.result).toEqual({ error_code: 0, error_msg: '' });
  });
});
