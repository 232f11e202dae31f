import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalTypeName, lookupMessageType, validateMessage } from './messages.ts';
import { parseFrame } from './protocol.ts';
import { TopicSubscription } from './subscription.ts';

const error = (text: string) => {
  const r = parseFrame(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r;
};

describe('parseFrame', () => {
  it('accepts the operations roslib sends', () => {
    const frames = [
      { op: 'advertise', id: 'advertise:/cmd_vel:1', type: 'geometry_msgs/msg/Twist', topic: '/cmd_vel', latch: false, queue_size: 100 },
      { op: 'publish', id: 'publish:/cmd_vel:2', topic: '/cmd_vel', msg: { linear: { x: 1, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } } },
      { op: 'subscribe', id: 's', type: 'nav_msgs/msg/Odometry', topic: '/odom', compression: 'none', throttle_rate: 0, queue_length: 0 },
      { op: 'unsubscribe', id: 's', topic: '/odom' },
      { op: 'call_service', id: 7, service: '/get_robot_info', args: {} },
      { op: 'set_level', level: 'warning' },
      // roslib 2.x Action.sendGoal / cancelGoal
      { op: 'send_action_goal', id: 'send_action_goal:/navigate_to_pose:3', action: '/navigate_to_pose', action_type: 'nav2_msgs/action/NavigateToPose', args: { pose: {} }, feedback: true },
      { op: 'cancel_action_goal', id: 'send_action_goal:/navigate_to_pose:3', action: '/navigate_to_pose' },
    ];
    for (const f of frames) expect(parseFrame(JSON.stringify(f))).toMatchObject({ ok: true, op: f });
  });

  it('names what is wrong', () => {
    expect(error('{nope').error).toMatch(/^invalid JSON/);
    expect(error('[1,2]').error).toMatch(/JSON object with a string field 'op', received array/);
    expect(error('{"id":"a"}')).toMatchObject({ id: 'a', error: "field 'op': is required" });
    expect(error('{"op":5}').error).toBe("field 'op': expected a string, received number");
    expect(error('{"op":"fly","id":3}')).toMatchObject({ id: 3, error: expect.stringMatching(/^unknown op 'fly'; supported ops: advertise/) });
    expect(error('{"op":"advertise_service","service":"/x","type":"a/B"}').error).toMatch(/not supported by the simulator/);
    expect(error('{"op":"advertise_action","action":"/x","type":"a/action/B"}').error).toMatch(/not supported by the simulator/);
    expect(error('{"op":"send_action_goal","id":"g","action":"/x"}')).toMatchObject({ id: 'g', error: expect.stringContaining("field 'action_type'") });
    expect(error('{"op":"cancel_action_goal","action":"/x"}').error).toContain("field 'id'");
    expect(error('{"op":"subscribe","id":"q"}')).toMatchObject({ id: 'q', error: expect.stringContaining("field 'topic'") });
    expect(error('{"op":"subscribe","topic":"/odom","throttle_rate":-1}').error).toContain("field 'throttle_rate'");
    expect(error('{"op":"subscribe","topic":"/odom","bogus":1}').error).toContain("field 'bogus': unknown field");
    expect(error('{"op":"publish","topic":"/cmd_vel"}').error).toContain("field 'msg': is required");
    expect(error('{"op":"set_level","level":"loud"}').error).toContain("field 'level'");
  });
});

describe('message registry', () => {
  it('accepts ROS 1 and ROS 2 type names', () => {
    expect(canonicalTypeName('geometry_msgs/Twist')).toBe('geometry_msgs/msg/Twist');
    expect(canonicalTypeName('telekiosk_msgs/GetRobotInfo', 'srv')).toBe('telekiosk_msgs/srv/GetRobotInfo');
    expect(lookupMessageType('geometry_msgs/Twist')?.name).toBe('geometry_msgs/msg/Twist');
    expect(lookupMessageType('foo_msgs/msg/Bar')).toBeUndefined();
  });

  it('rejects malformed Twists naming the field', () => {
    const bad = (msg: unknown) => {
      const r = validateMessage('geometry_msgs/msg/Twist', msg, 0);
      if (r.ok) throw new Error('expected failure');
      return r.error;
    };
    expect(bad({ linear: { x: 'fast', y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } })).toContain("field 'msg.linear.x': expected number, received string");
    expect(bad({ linear: { x: 0, y: 0, z: 0, w: 1 }, angular: { x: 0, y: 0, z: 0 } })).toContain("field 'msg.linear.w': unknown field");
    expect(bad({ linear: [1, 2, 3], angular: { x: 0, y: 0, z: 0 } })).toContain("field 'msg.linear'");
    expect(bad('go')).toContain("field 'msg': expected a JSON object");
  });

  it('fills missing fields with defaults and reports them', () => {
    const r = validateMessage('geometry_msgs/Twist', { linear: { x: 0.3 } }, 0);
    expect(r).toEqual({
      ok: true,
      value: { linear: { x: 0.3, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } },
      filled: ['linear.y', 'linear.z', 'angular'],
    });
  });

  it('stamps an omitted header with the current time', () => {
    const r = validateMessage('nav_msgs/msg/Odometry', {}, 1_500);
    expect(r.ok && r.value.header).toEqual({ stamp: { sec: 1, nanosec: 500_000_000 }, frame_id: '' });
  });
});

describe('TopicSubscription throttling and queueing (rosbridge subscription_modifiers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const sub = new TopicSubscription((m) => sent.push(m), () => Date.now());
    return { sent, sub };
  }

  it('sends everything without throttle', () => {
    const { sent, sub } = setup();
    sub.add('a', { throttleRateMs: 0, queueLength: 0 });
    for (let i = 0; i < 5; i++) sub.handle(i);
    expect(sent).toEqual([0, 1, 2, 3, 4]);
  });

  it('drops messages inside the throttle window when queue_length is 0', () => {
    const { sent, sub } = setup();
    sub.add('a', { throttleRateMs: 100, queueLength: 0 });
    for (let i = 0; i < 10; i++) {
      sub.handle(i);
      vi.advanceTimersByTime(30);
    }
    // sent at t=0, 120, 240 (the first message at least 100 ms after the previous one)
    expect(sent).toEqual([0, 4, 8]);
  });

  it('queues up to queue_length while throttled, dropping the oldest, and sends one per throttle_rate', () => {
    const { sent, sub } = setup();
    sub.add('a', { throttleRateMs: 100, queueLength: 2 });
    for (let i = 0; i < 5; i++) sub.handle(i); // 0 goes out; 1..4 queue, only 3 and 4 survive
    expect(sent).toEqual([0]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([0, 3]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([0, 3, 4]);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([0, 3, 4]);
  });

  it('merges requests by id: lowest throttle_rate, highest queue_length; unsubscribe by id or all', () => {
    const { sub } = setup();
    sub.add('slow', { throttleRateMs: 500, queueLength: 0 });
    sub.add('fast', { throttleRateMs: 100, queueLength: 3 });
    expect([sub.throttleRateMs, sub.queueLength, sub.size]).toEqual([100, 3, 2]);
    expect(sub.remove('fast')).toBe(false);
    expect([sub.throttleRateMs, sub.queueLength]).toEqual([500, 0]);
    sub.add(undefined, { throttleRateMs: 0, queueLength: 0 });
    expect(sub.remove(undefined)).toBe(true);
    expect(sub.size).toBe(0);
  });
});
