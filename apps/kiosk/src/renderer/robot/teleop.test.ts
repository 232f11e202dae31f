import { describe, expect, it } from 'vitest';
import { TeleopController, type TeleopClock, type Velocity } from './teleop.ts';

/** Manual clock: timers fire only when the test advances simulated time. */
class SimClock implements TeleopClock {
  t = 0;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void; every?: number }>();
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => this.add(fn, ms);
  setInterval = (fn: () => void, ms: number) => this.add(fn, ms, ms);
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  clearInterval = (h: unknown) => void this.timers.delete(h as number);
  private add(fn: () => void, ms: number, every?: number) {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn, every });
    return id;
  }
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.t = timer.at;
      if (timer.every) timer.at += timer.every;
      else this.timers.delete(id);
      timer.fn();
    }
    this.t = end;
  }
}

function setup() {
  const clock = new SimClock();
  const published: (Velocity & { t: number })[] = [];
  // Very high acceleration limits here: these tests check the deadman, limits and e-stop, not ramps.
  const teleop = new TeleopController({ clock, limits: { maxLinear: 0.5, maxAngular: 1, maxLinearAccel: 1000, maxAngularAccel: 1000 }, publish: (v) => published.push({ ...v, t: clock.t }) });
  return { clock, published, teleop };
}

describe('TeleopController', () => {
  it('publishes a zero Twist within 300 ms of the last command (deadman)', () => {
    const { clock, published, teleop } = setup();
    teleop.command(0.4, 0);
    clock.advance(250);
    teleop.command(0.4, 0); // still held
    clock.advance(250);
    expect(published.at(-1)).toMatchObject({ linear: 0.4 });
    clock.advance(60); // 310 ms since the last command
    const zero = published.findIndex((p) => p.linear === 0 && p.angular === 0);
    expect(zero).toBeGreaterThan(-1);
    expect(published[zero]!.t - 250).toBeLessThanOrEqual(300);
    const after = published.length;
    clock.advance(2000);
    expect(published.length).toBe(after); // no republishing once stopped
    expect(teleop.moving).toBe(false);
  });

  it('republishes while commands are fresh, faster than the base timeout of 0.5 s', () => {
    const { clock, published, teleop } = setup();
    teleop.command(0.2, 0.1);
    clock.advance(280);
    const times = published.map((p) => p.t);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThan(500);
    expect(times.length).toBeGreaterThanOrEqual(3);
  });

  it('clamps to the site speed limits', () => {
    const { published, teleop } = setup();
    teleop.command(2, -4);
    expect(published.at(-1)).toMatchObject({ linear: 0.5, angular: -1 });
  });

  it('ramps up within the acceleration limit, and stops without a ramp', () => {
    const clock = new SimClock();
    const published: (Velocity & { t: number })[] = [];
    const teleop = new TeleopController({ clock, limits: { maxLinear: 0.5, maxAngular: 1, maxLinearAccel: 0.5, maxAngularAccel: 1.5 }, publish: (v) => published.push({ ...v, t: clock.t }) });
    teleop.command(0.5, 0);
    for (let t = 0; t < 900; t += 100) {
      clock.advance(100);
      teleop.command(0.5, 0);
    }
    // 0.5 m/s² for ~1 s: reaches the 0.5 m/s target, never jumps more than 0.05 m/s per 100 ms.
    for (let i = 1; i < published.length; i++) expect(published[i]!.linear - published[i - 1]!.linear).toBeLessThanOrEqual(0.0500001);
    expect(published.at(-1)!.linear).toBeCloseTo(0.5, 5);
    teleop.command(0, 0);
    expect(published.at(-1)).toMatchObject({ linear: 0, angular: 0 });
  });

  it('latches the e-stop: halts, refuses commands until released', () => {
    const { clock, published, teleop } = setup();
    teleop.command(0.3, 0);
    teleop.engageEstop();
    expect(published.at(-1)).toMatchObject({ linear: 0, angular: 0 });
    expect(teleop.command(0.3, 0)).toBe(false);
    clock.advance(1000);
    expect(published.every((p, i) => i < 1 || (p.linear === 0 && p.angular === 0))).toBe(true);
    teleop.releaseEstop();
    expect(teleop.command(0.3, 0)).toBe(true);
    expect(published.at(-1)).toMatchObject({ linear: 0.3 });
  });
});
