/** Unit tests of the I/O-free parts: model safety (e-stop, stuck, bumper), venue, planner, controller, world tasks. */
import { describe, expect, it } from 'vitest';
import { ManualClock, RobotModel } from './model.ts';
import { segmentsAlong, SegmentFollower } from './navigation.ts';
import { planPath, segmentClear } from './planner.ts';
import { clearance, DEFAULT_VENUE, findWaypoint, footprintContact, parseVenueMap, type VenueMap } from './venue.ts';
import { RobotWorld, type TaskOutcome, type WorldEvent } from './world.ts';

function run(model: RobotModel, ms: number, cmd?: { linear: number; angular: number }) {
  for (let t = 0; t < ms; t += 50) {
    if (cmd) model.setCommand(cmd.linear, cmd.angular);
    model.step(50);
  }
}

describe('RobotModel safety', () => {
  it('e-stop: zeroes and ignores commands and brakes at 1.5 m/s²', () => {
    const model = new RobotModel();
    run(model, 3000, { linear: 0.8, angular: 0 });
    model.setEstop(true);
    run(model, 200, { linear: 0.8, angular: 0 });
    expect(model.state()).toMatchObject({ estopped: true, commanded: { linear: 0, angular: 0 } });
    expect(model.state().actual.linear).toBeCloseTo(0.5, 6); // 0.8 − 1.5 × 0.2
    run(model, 400);
    expect(model.state().actual.linear).toBe(0);
    model.setEstop(false);
    model.setCommand(0.3, 0);
    expect(model.state().commanded.linear).toBe(0.3);
  });

  it('stuck: the wheels do not turn although commanded', () => {
    const model = new RobotModel();
    model.setStuck(true);
    run(model, 1000, { linear: 0.5, angular: 0.5 });
    expect(model.state()).toMatchObject({ stuck: true, stalled: true, pose: { x: 0, y: 0, theta: 0 }, actual: { linear: 0, angular: 0 } });
    model.setStuck(false);
    run(model, 1000, { linear: 0.5, angular: 0 });
    expect(model.state().pose.x).toBeGreaterThan(0.1);
    expect(model.state().stalled).toBe(false);
  });

  it('bumper: a motion into an obstacle is undone and stops the base until it moves away', () => {
    const wall = (x: number) => (pose: { x: number }) => (pose.x > x ? 'wall' : undefined);
    const model = new RobotModel({ collides: wall(1) });
    run(model, 5000, { linear: 0.5, angular: 0 });
    expect(model.state()).toMatchObject({ bumperPressed: true, bumperContact: 'wall', actual: { linear: 0, angular: 0 } });
    expect(model.state().pose.x).toBeLessThanOrEqual(1);
    expect(model.state().pose.x).toBeGreaterThan(0.99);
    run(model, 300, { linear: -0.2, angular: 0 });
    expect(model.state()).toMatchObject({ bumperPressed: false, bumperContact: null });

    const placed = new RobotModel({ collides: wall(1), initialPose: { x: 2, y: 0, theta: Math.PI } }); // starts overlapping
    run(placed, 1000, { linear: 0.3, angular: 0 });
    expect(placed.state().pose.x).toBeLessThan(2); // not trapped
  });
});

describe('venue', () => {
  it('the default lobby is valid and every waypoint is clear for the robot', () => {
    expect(parseVenueMap(DEFAULT_VENUE)).toEqual(DEFAULT_VENUE);
    for (const w of DEFAULT_VENUE.waypoints) expect(clearance(DEFAULT_VENUE, w.x, w.y).distance, w.name).toBeGreaterThan(DEFAULT_VENUE.robotRadius + 0.05);
    expect(footprintContact(DEFAULT_VENUE, { x: 0, y: 0, theta: 0 })).toBeUndefined();
    expect(footprintContact(DEFAULT_VENUE, { x: 4.5, y: -0.8, theta: 0 })).toBe('planter');
    expect(footprintContact(DEFAULT_VENUE, { x: 13.8, y: 0, theta: 0 })).toBe('entrance doors');
  });

  it('rejects invalid venues naming the field', () => {
    const dup = { ...DEFAULT_VENUE, waypoints: [...DEFAULT_VENUE.waypoints, { name: 'dock', x: 0, y: 0, theta: 0 }] };
    expect(() => parseVenueMap(dup)).toThrow("field 'waypoints.9.name': duplicate waypoint 'dock'");
    expect(() => parseVenueMap({ ...DEFAULT_VENUE, docks: [{ waypoint: 'garage', stagingDistance: 1 }] })).toThrow("field 'docks.0.waypoint': no waypoint named 'garage'");
    expect(() => parseVenueMap({ ...DEFAULT_VENUE, robotRadius: 0 })).toThrow("field 'robotRadius'");
  });
});

describe('planner', () => {
  const pocket: VenueMap = {
    ...DEFAULT_VENUE,
    walls: [...DEFAULT_VENUE.walls, { name: 'room', x1: 8, y1: -6, x2: 8, y2: -3 }, { name: 'room', x1: 8, y1: -3, x2: 14, y2: -3 }],
  };

  it('plans around obstacles with straight legs that keep clear', () => {
    const plan = planPath(DEFAULT_VENUE, { x: 0, y: 0 }, { x: 7, y: -2.5 });
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.path.length).toBeGreaterThan(2);
    for (let i = 1; i < plan.path.length; i++) expect(segmentClear(DEFAULT_VENUE, plan.path[i - 1]!, plan.path[i]!, 0, plan.path)).toBe(true);
    expect(plan.length).toBeGreaterThan(Math.hypot(7, 2.5));
  });

  it('fails like ComputePathToPose: outside map, goal occupied, start occupied, no valid path', () => {
    expect(planPath(DEFAULT_VENUE, { x: 0, y: 0 }, { x: -5, y: 0 })).toMatchObject({ ok: false, reason: 'goal_outside_map' });
    expect(planPath(DEFAULT_VENUE, { x: 0, y: 0 }, { x: 6, y: 1.6 })).toMatchObject({ ok: false, reason: 'goal_occupied', message: expect.stringContaining('column') });
    expect(planPath(DEFAULT_VENUE, { x: 6, y: 1.5 }, { x: 0, y: 0 })).toMatchObject({ ok: false, reason: 'start_occupied' });
    expect(planPath(pocket, { x: 0, y: 0 }, { x: 11, y: -4.5 })).toMatchObject({ ok: false, reason: 'no_valid_path' });
  });
});

describe('SegmentFollower', () => {
  it('drives a path, turns to the final heading and backs up on reverse segments', () => {
    const clock = new ManualClock();
    const model = new RobotModel({ clock: clock.now });
    const follow = (f: SegmentFollower) => {
      for (let t = 0; t < 60_000 && !f.done; t += 20) {
        const cmd = f.update(model.state());
        model.setCommand(cmd.linear, cmd.angular);
        model.step(20);
      }
      expect(f.done).toBe(true);
    };
    const forward = new SegmentFollower(segmentsAlong([{ x: 0, y: 0 }, { x: 2, y: 1 }, { x: 2, y: 3 }], Math.PI, 'test', 0.5));
    expect(forward.distanceRemaining(model.state().pose)).toBeCloseTo(Math.hypot(2, 1) + 2, 6);
    follow(forward);
    expect(model.state().pose.x).toBeCloseTo(2, 1);
    expect(model.state().pose.y).toBeCloseTo(3, 1);
    expect(Math.abs(model.state().pose.theta)).toBeCloseTo(Math.PI, 1);
    follow(new SegmentFollower([{ kind: 'drive', x: 3, y: 3, reverse: true, maxSpeed: 0.15, phase: 'undock' }]));
    expect(model.state().pose.x).toBeCloseTo(3, 1);
    expect(Math.abs(model.state().pose.theta)).toBeCloseTo(Math.PI, 1); // backed up without turning
  });
});

describe('RobotWorld tasks', () => {
  const setup = () => {
    const clock = new ManualClock();
    const world = new RobotWorld({ clock: clock.now });
    const events: WorldEvent[] = [];
    world.on((e) => events.push(e));
    const step = (ms: number) => {
      for (let t = 0; t < ms; t += 20) {
        clock.advance(20);
        world.step(20);
      }
    };
    const go = (x: number, y: number, theta = 0) => {
      const ended: TaskOutcome[] = [];
      const handle = world.startTask({
        kind: 'navigate',
        plan: (from) => {
          const p = planPath(world.venue, from, { x, y });
          return p.ok ? { ok: true, segments: segmentsAlong(p.path, theta, 'navigate', 0.5) } : p;
        },
        onEnd: (o) => ended.push(o),
      });
      return { handle, ended };
    };
    return { world, events, step, go };
  };

  it('ends tasks: success, cancel, preemption, operator takeover, e-stop, no progress', () => {
    const { world, events, step, go } = setup();
    const a = go(2, 0);
    step(15_000);
    expect(a.ended).toEqual([{ ok: true }]);

    const b = go(4, 0);
    step(1000);
    b.handle.cancel();
    expect(b.ended).toEqual([{ ok: false, reason: 'canceled', message: 'canceled' }]);
    expect(b.handle.active).toBe(false);

    const c = go(4, 2);
    const d = go(1, 2);
    expect(c.ended[0]).toMatchObject({ reason: 'preempted' });
    step(500);
    expect(world.command(0, 0)).toBe('ignored');
    expect(world.command(0.2, 0)).toBe('applied');
    expect(d.ended[0]).toMatchObject({ reason: 'operator' });

    const e = go(4, 0);
    step(500);
    world.engageEstop('test');
    expect(e.ended[0]).toMatchObject({ reason: 'estop', message: 'emergency stop engaged (test)' });
    expect(go(5, 0).ended[0]).toMatchObject({ reason: 'estop' });
    expect(world.releaseEstop()).toEqual({ success: true, message: 'e-stop released' });
    expect(world.releaseEstop()).toEqual({ success: false, message: 'e-stop is not engaged' });
    expect(events.filter((ev) => ev.type === 'estop').map((ev) => (ev as { engaged: boolean }).engaged)).toEqual([true, false]);

    world.setStuck(true);
    const f = go(4, 0);
    step(4000);
    expect(f.ended).toEqual([]);
    step(2000);
    expect(f.ended[0]).toMatchObject({ reason: 'no_progress', message: expect.stringContaining('the drive is stalled') });
    expect(world.status().stallSeen).toBe(true);
  });

  it('charges on the dock and stops charging when driven off it', () => {
    const { world, events, step } = setup();
    const dock = findWaypoint(world.venue, 'dock')!;
    world.model.setPose(dock);
    world.setCharging(true);
    expect(world.status().docked).toBe('dock');
    world.command(-0.2, 0);
    step(400);
    expect(world.model.state().charging).toBe(true); // still within 5 cm
    world.command(-0.2, 0);
    step(400);
    expect(world.model.state().charging).toBe(false);
    expect(world.status().docked).toBeNull();
    expect(events.filter((e) => e.type === 'charging')).toEqual([{ type: 'charging', charging: true }, { type: 'charging', charging: false }]);
  });
});
