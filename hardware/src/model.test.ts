import { describe, expect, it } from 'vitest';
import { DEFAULT_CMD_VEL_TIMEOUT_MS, ManualClock, normalizeAngle, RobotModel } from './model.ts';

const TICK = 50;

/** Runs the model for `ms` of simulated time in ticks, re-sending the command every tick when given (keeps the deadman fed). */
function run(model: RobotModel, ms: number, keepAlive?: { linear: number; angular: number }) {
  for (let t = 0; t < ms; t += TICK) {
    if (keepAlive) model.setCommand(keepAlive.linear, keepAlive.angular);
    model.step(TICK);
  }
}

describe('RobotModel kinematics', () => {
  it('starts at rest at the origin with a full battery', () => {
    const s = new RobotModel().state();
    expect(s.pose).toEqual({ x: 0, y: 0, theta: 0 });
    expect(s.actual).toEqual({ linear: 0, angular: 0 });
    expect(s.batteryPercent).toBe(100);
    expect(s.charging).toBe(false);
  });

  it('drives straight along x at the commanded speed once the ramp is over', () => {
    const model = new RobotModel();
    run(model, 4000, { linear: 0.5, angular: 0 });
    const s = model.state();
    // ramp 0 → 0.5 m/s at 0.5 m/s² takes 1 s and covers 0.25 m; then 3 s at 0.5 m/s = 1.5 m.
    expect(s.pose.x).toBeCloseTo(1.75, 2);
    expect(s.pose.y).toBeCloseTo(0, 9);
    expect(s.pose.theta).toBeCloseTo(0, 9);
    expect(s.actual.linear).toBeCloseTo(0.5, 9);
  });

  it('turns in place and follows an arc with the exact unicycle model', () => {
    const spin = new RobotModel();
    run(spin, 3000, { linear: 0, angular: 1 });
    // ramp 0 → 1 rad/s at 2 rad/s² takes 0.5 s (0.25 rad), then 2.5 s at 1 rad/s.
    expect(spin.state().pose.theta).toBeCloseTo(2.75, 2);
    expect(Math.hypot(spin.state().pose.x, spin.state().pose.y)).toBeCloseTo(0, 9);

    const arc = new RobotModel({ cmdVelTimeoutMs: 1e9, limits: { maxLinearAcceleration: 1e9, maxAngularAcceleration: 1e9 } });
    arc.setCommand(0.5, 0.5); // radius v/ω = 1 m, centre (0, 1); the first 10 ms sub-step ramps up, hence 2 decimals
    arc.step(Math.PI * 1000); // quarter turn
    expect(arc.state().pose.x).toBeCloseTo(1, 2);
    expect(arc.state().pose.y).toBeCloseTo(1, 2);
    expect(arc.state().pose.theta).toBeCloseTo(Math.PI / 2, 2);
    arc.step(Math.PI * 1000); // half turn
    expect(arc.state().pose.x).toBeCloseTo(0, 2);
    expect(arc.state().pose.y).toBeCloseTo(2, 2);
    expect(Math.abs(arc.state().pose.theta)).toBeCloseTo(Math.PI, 2);
  });

  it('clamps commands to 0.8 m/s and 1.5 rad/s', () => {
    const model = new RobotModel();
    model.setCommand(5, -9);
    expect(model.state().commanded).toEqual({ linear: 0.8, angular: -1.5 });
    run(model, 5000, { linear: 5, angular: -9 });
    expect(model.state().actual.linear).toBeCloseTo(0.8, 9);
    expect(model.state().actual.angular).toBeCloseTo(-1.5, 9);
  });

  it('limits acceleration to 0.5 m/s² and 2 rad/s², also when braking', () => {
    const model = new RobotModel();
    run(model, 200, { linear: 0.8, angular: 1.5 });
    expect(model.state().actual.linear).toBeCloseTo(0.1, 6);
    expect(model.state().actual.angular).toBeCloseTo(0.4, 6);
    run(model, 3000, { linear: 0.8, angular: 1.5 });
    run(model, 400, { linear: 0, angular: 0 });
    expect(model.state().actual.linear).toBeCloseTo(0.6, 6);
    expect(model.state().actual.angular).toBeCloseTo(0.7, 6);
  });

  it('rejects non-finite commands and ignores non-positive steps', () => {
    const model = new RobotModel();
    expect(() => model.setCommand(Number.NaN, 0)).toThrow(RangeError);
    model.setCommand(0.5, 0);
    model.step(-100);
    model.step(Number.NaN);
    expect(model.state().pose.x).toBe(0);
  });

  it('normalises heading to (−π, π]', () => {
    expect(normalizeAngle(3 * Math.PI)).toBeCloseTo(Math.PI, 12);
    expect(normalizeAngle(-Math.PI)).toBeCloseTo(Math.PI, 12);
    expect(normalizeAngle(-3 * Math.PI / 2)).toBeCloseTo(Math.PI / 2, 12);
  });
});

describe('RobotModel deadman (diff_drive_controller cmd_vel_timeout)', () => {
  it('keeps the command while /cmd_vel keeps coming', () => {
    const model = new RobotModel();
    run(model, 3000, { linear: 0.4, angular: 0 });
    expect(model.state().commanded.linear).toBe(0.4);
    expect(model.state().deadmanStopped).toBe(false);
  });

  it('zeroes the command within 0.5 s of silence, not before, then brakes to a stop', () => {
    const model = new RobotModel();
    run(model, 3000, { linear: 0.8, angular: 1 });
    model.setCommand(0.8, 1); // last /cmd_vel
    model.step(DEFAULT_CMD_VEL_TIMEOUT_MS - 10);
    expect(model.state().commanded).toEqual({ linear: 0.8, angular: 1 });
    model.step(20);
    expect(model.state().commanded).toEqual({ linear: 0, angular: 0 });
    expect(model.state().deadmanStopped).toBe(true);
    // braking from 0.8 m/s at 0.5 m/s² takes 1.6 s
    model.step(1700);
    expect(model.state().actual).toEqual({ linear: 0, angular: 0 });
    const stopped = model.state().pose;
    model.step(1000);
    expect(model.state().pose).toEqual(stopped);
  });

  it('stops even when the whole silence is one large step', () => {
    const model = new RobotModel();
    run(model, 2000, { linear: 0.5, angular: 0 });
    model.step(10_000);
    expect(model.state().actual.linear).toBe(0);
    // travelled at most 0.5 s at 0.5 m/s plus 1 s of braking after the last command
    expect(model.state().pose.x).toBeGreaterThan(1.1);
    expect(model.state().pose.x).toBeLessThan(0.75 + 0.25 + 0.25 + 0.01);
  });

  it('honours a custom timeout', () => {
    const model = new RobotModel({ cmdVelTimeoutMs: 100 });
    model.setCommand(0.3, 0);
    model.step(90);
    expect(model.state().commanded.linear).toBe(0.3);
    model.step(20);
    expect(model.state().commanded.linear).toBe(0);
  });
});

describe('RobotModel battery', () => {
  it('drains at the idle rate when still', () => {
    const model = new RobotModel({ batteryDrainPercentPerMin: 2, initialBatteryPercent: 50 });
    model.step(60_000);
    expect(model.state().batteryPercent).toBeCloseTo(48, 6);
  });

  it('drains faster when moving (3× at full speed)', () => {
    const idle = new RobotModel({ batteryDrainPercentPerMin: 1 });
    const moving = new RobotModel({ batteryDrainPercentPerMin: 1, limits: { maxLinearAcceleration: 1e9 } });
    run(idle, 60_000);
    run(moving, 60_000, { linear: 0.8, angular: 0 });
    expect(100 - idle.state().batteryPercent).toBeCloseTo(1, 3);
    expect(100 - moving.state().batteryPercent).toBeCloseTo(3, 2);
  });

  it('charges on the charger and clamps to 0..100 percent', () => {
    const model = new RobotModel({ initialBatteryPercent: 99, chargeRatePercentPerMin: 5 });
    model.setCharging(true);
    model.step(60_000);
    expect(model.state().batteryPercent).toBe(100);
    model.setBatteryPercent(-5);
    expect(model.state().batteryPercent).toBe(0);
  });

  it('cannot move with an empty battery', () => {
    const model = new RobotModel({ initialBatteryPercent: 0 });
    run(model, 2000, { linear: 0.5, angular: 1 });
    expect(model.state().commanded).toEqual({ linear: 0, angular: 0 });
    expect(model.state().pose).toEqual({ x: 0, y: 0, theta: 0 });
  });

  it('rejects an initial battery outside 0..100 percent', () => {
    expect(() => new RobotModel({ initialBatteryPercent: 120 })).toThrow(/initialBatteryPercent/);
    expect(() => new RobotModel({ batteryDrainPercentPerMin: -1 })).toThrow(/batteryDrainPercentPerMin/);
  });
});

describe('ManualClock', () => {
  it('stamps state with the injected time', () => {
    const clock = new ManualClock(1000);
    const model = new RobotModel({ clock: clock.now });
    expect(model.state().stampMs).toBe(1000);
    clock.advance(250);
    expect(model.state().stampMs).toBe(1250);
  });
});
