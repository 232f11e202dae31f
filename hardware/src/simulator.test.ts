/**
 * Integration tests: the simulator on an ephemeral port, driven by the real roslib 2.x client
 * (which uses Node 22's global WebSocket) and by a raw `ws` client for malformed frames.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ros, Service, Topic } from 'roslib';
import { BatteryStateSchema, OdometrySchema, POWER_SUPPLY_STATUS, type BatteryState, type Odometry, type Twist } from './messages.ts';
import { ManualClock } from './model.ts';
import { startSimulator, type RobotSimulator } from './simulator.ts';
import { RawClient, sleep, waitFor } from './test-utils.ts';

const twist = (x: number, z: number): Twist => ({ linear: { x, y: 0, z: 0 }, angular: { x: 0, y: 0, z } });

/** Connects a roslib client and resolves once the WebSocket is open. */
async function connectRos(url: string): Promise<Ros> {
  const ros = new Ros();
  const opened = new Promise<void>((resolve, reject) => {
    ros.once('connection', () => resolve());
    ros.once('error', () => reject(new Error(`roslib could not connect to ${url}`)));
  });
  await ros.connect(url);
  await opened;
  return ros;
}

let sim: RobotSimulator;
const cleanups: Array<() => unknown> = [];

beforeEach(async () => {
  sim = await startSimulator({ port: 0, initialBatteryPercent: 80 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sim.close();
});

function track<T extends { close(): unknown }>(client: T): T {
  cleanups.push(() => client.close());
  return client;
}

describe('simulator with roslib', () => {
  it('listens on an ephemeral port and reports its URL', () => {
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.url).toBe(`ws://127.0.0.1:${sim.port}`);
    expect(sim.state()).toMatchObject({ pose: { x: 0, y: 0, theta: 0 }, batteryPercent: 80, linkUp: true, clients: 0 });
  });

  it('moves when /cmd_vel is published and reports it on /odom; the deadman stops it when /cmd_vel goes silent', async () => {
    const ros = track(await connectRos(sim.url));
    const odomMsgs: Odometry[] = [];
    new Topic<Odometry>({ ros, name: '/odom', messageType: 'nav_msgs/msg/Odometry' }).subscribe((m) => odomMsgs.push(m));
    const cmdVel = new Topic<Twist>({ ros, name: '/cmd_vel', messageType: 'geometry_msgs/Twist' });

    const keepAlive = setInterval(() => cmdVel.publish(twist(0.5, 0.3)), 100);
    cleanups.push(() => clearInterval(keepAlive));
    const moved = await waitFor(() => odomMsgs.find((m) => m.pose.pose.position.x > 0.2), { what: '/odom x > 0.2 m' });
    expect(OdometrySchema.parse(moved)).toEqual(moved);
    expect(moved.header.frame_id).toBe('odom');
    expect(moved.child_frame_id).toBe('base_link');
    expect(moved.twist.twist.linear.x).toBeGreaterThan(0);
    expect(moved.twist.twist.angular.z).toBeGreaterThan(0);
    expect(moved.pose.pose.position.y).toBeGreaterThan(0); // turning left
    const { z, w } = moved.pose.pose.orientation;
    expect(Math.hypot(z, w)).toBeCloseTo(1, 9);
    expect(sim.state().commanded).toEqual({ linear: 0.5, angular: 0.3 });

    clearInterval(keepAlive);
    const stopped = await waitFor(() => sim.state().actual.linear === 0 && sim.state().actual.angular === 0 && sim.state(), { what: 'the base to stop' });
    expect(stopped.deadmanStopped).toBe(true);
    expect(stopped.commanded).toEqual({ linear: 0, angular: 0 });
    const last = await waitFor(() => odomMsgs.at(-1)?.twist.twist.linear.x === 0 && odomMsgs.at(-1), { what: '/odom at rest' });
    expect(last.pose.pose.position.x).toBeCloseTo(sim.state().pose.x, 6);
  });

  it('publishes /battery_state per sensor_msgs/BatteryState and reacts to scenarios', async () => {
    const ros = track(await connectRos(sim.url));
    const msgs: BatteryState[] = [];
    new Topic<BatteryState>({ ros, name: '/battery_state', messageType: 'sensor_msgs/msg/BatteryState' }).subscribe((m) => msgs.push(m));
    const first = await waitFor(() => msgs[0], { what: '/battery_state' });
    expect(BatteryStateSchema.parse(first)).toEqual(first);
    expect(first.percentage).toBeGreaterThan(0.79);
    expect(first.percentage).toBeLessThanOrEqual(0.8);
    expect(first.power_supply_status).toBe(POWER_SUPPLY_STATUS.DISCHARGING);
    expect(first.present).toBe(true);

    sim.setScenario('lowBattery');
    expect(sim.state().batteryPercent).toBe(10);
    await waitFor(() => msgs.some((m) => Math.abs(m.percentage - 0.1) < 0.001), { what: 'a 10 % battery message' });

    sim.setScenario('charging');
    const charging = await waitFor(() => msgs.find((m) => m.power_supply_status === POWER_SUPPLY_STATUS.CHARGING), { what: 'CHARGING' });
    expect(charging.current).toBeGreaterThan(0);
    expect(sim.state().charging).toBe(true);
    sim.setScenario('nominal');
    expect(sim.state().charging).toBe(false);
  });

  it('answers /get_robot_info and fails unknown services', async () => {
    const ros = track(await connectRos(sim.url));
    const info = new Service<Record<string, never>, Record<string, unknown>>({
      ros, name: '/get_robot_info', serviceType: 'telekiosk_msgs/srv/GetRobotInfo',
    });
    const values = await new Promise<Record<string, unknown>>((resolve, reject) => info.callService({}, resolve, reject));
    expect(values).toMatchObject({ model_name: 'TeleKiosk Base Sim', firmware_version: 'sim-1.0.0', charging: false });
    expect(values.battery_percentage).toBeCloseTo(0.8, 2);

    const missing = new Service({ ros, name: '/self_destruct', serviceType: 'std_srvs/srv/Trigger' });
    const failure = await new Promise<string>((resolve, reject) => missing.callService({}, () => reject(new Error('succeeded')), resolve));
    expect(failure).toContain("unknown service '/self_destruct'");
  });

  it('honours throttle_rate and sends each message once to a client with several subscriptions', async () => {
    const ros = track(await connectRos(sim.url));
    const throttled: number[] = [];
    const a: Odometry[] = [];
    const b: Odometry[] = [];
    new Topic<Odometry>({ ros, name: '/odom', messageType: 'nav_msgs/msg/Odometry', throttle_rate: 500 }).subscribe(() => throttled.push(Date.now()));
    await waitFor(() => throttled.length > 0, { what: 'the first throttled message' });
    const since = throttled.length;
    await sleep(2000);
    // 10 Hz throttled to one per 500 ms: at most 4-5 in 2 s (20 unthrottled)
    expect(throttled.length - since).toBeLessThanOrEqual(6);
    expect(throttled.length - since).toBeGreaterThanOrEqual(2);

    const ros2 = track(await connectRos(sim.url));
    new Topic<Odometry>({ ros: ros2, name: '/odom', messageType: 'nav_msgs/msg/Odometry' }).subscribe((m) => a.push(m));
    new Topic<Odometry>({ ros: ros2, name: '/odom', messageType: 'nav_msgs/msg/Odometry' }).subscribe((m) => b.push(m));
    await waitFor(() => a.length >= 10 && b.length >= 10, { what: '10 odom messages' });
    const stamps = a.map((m) => `${m.header.stamp.sec}.${m.header.stamp.nanosec}`);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('relays client-defined topics between clients', async () => {
    const sender = track(await connectRos(sim.url));
    const receiver = track(await connectRos(sim.url));
    const got: Array<{ data: string }> = [];
    new Topic<{ data: string }>({ ros: receiver, name: '/kiosk/greeting', messageType: 'std_msgs/String' }).subscribe((m) => got.push(m));
    const out = new Topic<{ data: string }>({ ros: sender, name: '/kiosk/greeting', messageType: 'std_msgs/msg/String' });
    await waitFor(() => sim.state().clients === 2, { what: 'two clients' });
    await waitFor(() => {
      out.publish({ data: 'hello' });
      return got.length > 0;
    }, { intervalMs: 100, what: 'the relayed message' });
    expect(got[0]).toEqual({ data: 'hello' });
  });

  it('linkLost drops every connection and refuses new ones until nominal', async () => {
    const ros = track(await connectRos(sim.url));
    const closed = new Promise<void>((resolve) => ros.once('close', () => resolve()));
    await waitFor(() => sim.state().clients === 1, { what: 'the client' });
    sim.setScenario('linkLost');
    await closed;
    expect(sim.state()).toMatchObject({ linkUp: false, clients: 0 });
    await expect(RawClient.connect(sim.url)).rejects.toThrow(/503/);
    await expect(connectRos(sim.url)).rejects.toThrow(/could not connect/);

    sim.setScenario('nominal');
    const again = track(await connectRos(sim.url));
    expect(again.isConnected).toBe(true);
    expect(sim.state().linkUp).toBe(true);
  });

  it('close() is idempotent and frees the port', async () => {
    const first = sim.close();
    expect(sim.close()).toBe(first);
    await first;
    await expect(RawClient.connect(sim.url)).rejects.toThrow();
  });
});

describe('simulator with malformed input (raw ws client)', () => {
  it('answers every bad request with an error status naming the problem and keeps working', async () => {
    const raw = track(await RawClient.connect(sim.url));
    const isStatus = (id?: unknown) => (f: { op: string; id?: unknown }) => f.op === 'status' && (id === undefined || f.id === id);

    expect((await raw.request('{"op": "subscribe", ', isStatus())).msg).toMatch(/^invalid JSON/);
    expect(await raw.request({ op: 'teleport', id: 'u1' }, isStatus('u1'))).toMatchObject({ level: 'error', msg: expect.stringContaining("unknown op 'teleport'") });
    expect(await raw.request({ op: 'teleport', id: 42 }, isStatus(42))).toMatchObject({ id: 42 });
    expect((await raw.request({ op: 'subscribe', id: 'u2' }, isStatus('u2'))).msg).toContain("field 'topic'");
    expect((await raw.request({ op: 'subscribe', id: 'u3', topic: '/odom', type: 'std_msgs/String' }, isStatus('u3'))).msg)
      .toContain("wrong type for topic '/odom'");
    expect((await raw.request({ op: 'advertise', id: 'u4', topic: '/cmd_vel', type: 'std_msgs/msg/String' }, isStatus('u4'))).msg)
      .toContain("wrong type for topic '/cmd_vel'");
    expect((await raw.request({ op: 'subscribe', id: 'u5', topic: '/nowhere' }, isStatus('u5'))).msg).toContain("'/nowhere' does not exist");
    expect((await raw.request({ op: 'publish', id: 'u6', topic: '/odom', msg: {} }, isStatus('u6'))).msg).toContain('published by the simulator');
    expect((await raw.request({ op: 'publish', id: 'u7', topic: '/nowhere', msg: {} }, isStatus('u7'))).msg).toContain('advertise it first');
    expect((await raw.request({ op: 'subscribe', id: 'u8', topic: '/odom', rate: 5 }, isStatus('u8'))).msg).toContain("field 'rate': unknown field");

    const bad = await raw.request(
      { op: 'publish', id: 'u9', topic: '/cmd_vel', msg: { linear: { x: 'fast', y: 0, z: 0 }, angular: { x: 0, y: 0, z: 9 } } },
      isStatus('u9'),
    );
    expect(bad.msg).toContain("field 'msg.linear.x': expected number, received string");
    expect(sim.state().commanded).toEqual({ linear: 0, angular: 0 });

    const from = raw.frames.length;
    raw.send({ op: 'call_service', id: 'u10', service: '/nope' });
    expect((await raw.next(isStatus('u10'), from)).msg).toContain("unknown service '/nope'");
    expect(await raw.next((f) => f.op === 'service_response', from)).toMatchObject({ id: 'u10', result: false, service: '/nope' });
    expect((await raw.request({ op: 'call_service', id: 'u11', service: '/get_robot_info', args: { verbose: true } }, isStatus('u11'))).msg)
      .toContain("field 'args.verbose': unknown field");

    raw.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await raw.next((f) => f.op === 'status' && String(f.msg).includes('binary'))).level).toBe('error');

    // still fully working on the same connection
    const reply = await raw.request({ op: 'call_service', id: 'ok', service: '/get_robot_info', args: [] }, (f) => f.op === 'service_response');
    expect(reply).toMatchObject({ id: 'ok', result: true, values: { model_name: 'TeleKiosk Base Sim' } });
    const odom = await raw.request({ op: 'subscribe', topic: '/odom', type: 'nav_msgs/Odometry' }, (f) => f.op === 'publish' && f.topic === '/odom');
    expect(OdometrySchema.safeParse(odom.msg).success).toBe(true);
    raw.send({ op: 'publish', topic: '/cmd_vel', msg: twist(0.4, 0) });
    await waitFor(() => sim.state().commanded.linear === 0.4, { what: 'the valid command' });
  });

  it('fills partial messages with defaults and warns only at set_level warning', async () => {
    const raw = track(await RawClient.connect(sim.url));
    raw.send({ op: 'publish', id: 'p1', topic: '/cmd_vel', msg: { linear: { x: 0.2 } } });
    await waitFor(() => sim.state().commanded.linear === 0.2, { what: 'the partial command' });
    expect(raw.frames.filter((f) => f.op === 'status')).toEqual([]);

    raw.send({ op: 'set_level', level: 'warning' });
    const warning = await raw.request({ op: 'publish', id: 'p2', topic: '/cmd_vel', msg: { angular: { z: 0.5 } } }, (f) => f.op === 'status');
    expect(warning).toMatchObject({ level: 'warning', id: 'p2', msg: expect.stringContaining('linear, angular.x, angular.y') });
    expect(sim.state().commanded).toEqual({ linear: 0, angular: 0.5 });
  });

  it('rejects frames larger than 1 MiB by closing that connection only', async () => {
    const raw = await RawClient.connect(sim.url);
    const closed = new Promise<number>((resolve) => raw.ws.once('close', (code) => resolve(code)));
    raw.send({ op: 'publish', topic: '/cmd_vel', msg: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    expect(await closed).toBe(1009);
    const other = track(await RawClient.connect(sim.url));
    expect(await other.request({ op: 'call_service', service: '/get_robot_info' }, (f) => f.op === 'service_response')).toMatchObject({ result: true });
  });
});

describe('simulator with an injected clock', () => {
  it('stamps messages with the injected time and steps physics by it', async () => {
    const clock = new ManualClock(2_000_000_000_000);
    const local = await startSimulator({ port: 0, clock: clock.now, tickMs: 10 });
    cleanups.push(() => local.close());
    const raw = track(await RawClient.connect(local.url));
    const odom = await raw.request({ op: 'subscribe', topic: '/odom' }, (f) => f.op === 'publish');
    expect((odom.msg as Odometry).header.stamp).toEqual({ sec: 2_000_000_000, nanosec: 0 });

    raw.send({ op: 'publish', topic: '/cmd_vel', msg: twist(0.5, 0) });
    await waitFor(() => local.state().commanded.linear === 0.5, { what: 'the command' });
    await sleep(100); // real time passes, simulated time does not
    expect(local.state().pose.x).toBe(0);
    clock.advance(400); // 0.4 s of ramp at 0.5 m/s²: v = 0.2 m/s, x = 0.04 m
    const moved = await waitFor(() => local.state().pose.x > 0 && local.state(), { what: 'the step' });
    expect(moved.pose.x).toBeCloseTo(0.04, 6);
    expect(moved.stampMs).toBe(2_000_000_000_400);
  });
});
