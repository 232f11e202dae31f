import { describe, expect, it, vi } from 'vitest';
import { cleanText } from '@telekiosk/shared';
import { CapacityError, isDatabaseUnavailable, toWireError } from '../errors.ts';
import { Admission, SocketLimits } from './limits.ts';
import { QueueDelayMonitor } from '../db/queueDelay.ts';
import { LoopDelayMonitor } from './loopDelay.ts';

describe('socket limits', () => {
  it('allows the configured events per second per connection, then answers rate_limited with a retry-after', async () => {
    const limits = new SocketLimits({ eventsPerSecond: 5, telemetryPerSecond: 2 });
    for (let i = 0; i < 5; i++) await limits.check('c1', 'visitor:message');
    const err = await limits.check('c1', 'visitor:message').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CapacityError);
    expect(toWireError(err)).toMatchObject({ code: 'rate_limited', retryAfterMs: expect.any(Number) });
    await limits.check('c2', 'visitor:message'); // another connection is not affected
  });

  it('limits telemetry per device too', async () => {
    const limits = new SocketLimits({ eventsPerSecond: 100, telemetryPerSecond: 2 });
    await limits.check('a', 'device:telemetry', 'd1');
    await limits.check('b', 'device:telemetry', 'd1');
    await expect(limits.check('c', 'device:telemetry', 'd1')).rejects.toMatchObject({ code: 'rate_limited' });
  });
});

describe('admission', () => {
  it('refuses new sessions fast with unavailable and a retry-after above the concurrent-start limit', async () => {
    const a = new Admission({ maxConcurrentStarts: 1, retryAfterMs: 4000 });
    let release!: () => void;
    const first = a.admit(() => new Promise<string>((r) => (release = () => r('done'))));
    await expect(a.admit(async () => 'second')).rejects.toMatchObject({ code: 'unavailable', retryAfterMs: 4000 });
    release();
    expect(await first).toBe('done');
    expect(await a.admit(async () => 'third')).toBe('third');
  });
});

describe('admission when the database is the bottleneck', () => {
  it('refuses while the connection queue has a standing delay (minimum wait of an interval above the target), admits again as soon as it drains', async () => {
    vi.useFakeTimers();
    try {
      let waiting = 0;
      const monitor = new QueueDelayMonitor(() => waiting, 100);
      const a = new Admission({ dbQueueDelayMs: () => monitor.standingDelayMs, dbQueueTargetMs: 5, retryAfterMs: 3000 });
      vi.advanceTimersByTime(100);
      expect(await a.admit(async () => 'ok')).toBe('ok');
      // A burst the pool absorbs within the interval: some query did not wait, so no standing queue.
      for (const ms of [40, 35, 0, 20]) monitor.record(ms);
      vi.advanceTimersByTime(100);
      expect(monitor.standingDelayMs).toBe(0);
      expect(await a.admit(async () => 'ok')).toBe('ok');
      // Every query of an interval waited: a standing queue; new sessions are refused at once.
      for (const ms of [12, 30, 9, 25]) monitor.record(ms);
      vi.advanceTimersByTime(100);
      expect(monitor.standingDelayMs).toBe(9);
      await expect(a.admit(async () => 'no')).rejects.toMatchObject({ code: 'unavailable', retryAfterMs: 3000 });
      expect(a.refusals).toMatchObject({ db_queue: 1, loop_delay: 0, concurrent_starts: 0 });
      // Queries waiting and none served in an interval: the delay grows by the interval.
      waiting = 3;
      vi.advanceTimersByTime(100);
      expect(monitor.standingDelayMs).toBe(109);
      vi.advanceTimersByTime(100);
      expect(monitor.standingDelayMs).toBe(209);
      // The queue drains: admitted again after one interval, not after a long mean catches up.
      waiting = 0;
      monitor.record(0.4);
      vi.advanceTimersByTime(100);
      expect(monitor.standingDelayMs).toBe(0.4);
      expect(await a.admit(async () => 'again')).toBe('again');
      // An idle database has no standing delay.
      vi.advanceTimersByTime(100);
      expect(monitor.standingDelayMs).toBe(0);
      monitor.close();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('database outages', () => {
  it('maps connection failures to unavailable (with a retry-after) and other errors to internal', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(toWireError(Object.assign(new Error('x'), { code: '08006' }))).toMatchObject({ code: 'unavailable', retryAfterMs: expect.any(Number) });
    expect(toWireError(new Error('boom'))).toEqual({ code: 'internal', message: 'internal error' });
  });
});

describe('text cleaning', () => {
  it('removes NUL and control characters, replaces lone surrogates, keeps everything else', () => {
    expect(cleanText('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(cleanText('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(cleanText('ok 😀 日本語')).toBe('ok 😀 日本語');
  });
});

describe('admission when the process is CPU-bound', () => {
  it('refuses while the event loop has a standing delay above the target, admits again once it is below', async () => {
    let loop = 0;
    const a = new Admission({ loopDelayMs: () => loop, loopDelayTargetMs: 20, loopMinStartsPerS: 3, retryAfterMs: 2000 });
    expect(await a.admit(async () => 'ok')).toBe('ok');
    loop = 35;
    // Few sessions arriving: the loop is busy with something else, and refusing them would not help.
    expect(await a.admit(async () => 'ok')).toBe('ok');
    expect(await a.admit(async () => 'ok')).toBe('ok');
    // Sessions arriving at a rate (3 in the last second): they are what keeps the loop busy.
    await expect(a.admit(async () => 'no')).rejects.toMatchObject({ code: 'unavailable', retryAfterMs: 2000 });
    expect(a.refusals).toMatchObject({ loop_delay: 1, db_queue: 0 });
    loop = 3;
    expect(await a.admit(async () => 'again')).toBe('again');
  });

  /** Keeps every loop turn busy for 40 ms until stopped; records the worst standing delay seen. */
  function spinLoop(monitor: LoopDelayMonitor) {
    const state = { busy: true, worst: 0 };
    const spin = () => {
      const t = performance.now();
      while (performance.now() - t < 40);
      state.worst = Math.max(state.worst, monitor.standingDelayMs);
      if (state.busy) setImmediate(spin);
    };
    setImmediate(spin);
    return state;
  }
  const poll = async (done: () => boolean) => {
    const t0 = performance.now();
    while (!done() && performance.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 50));
  };

  it('measures a loop that is busy for every turn as a standing delay, and an idle loop as none', async () => {
    // Every interval counts as own work here (a busy test machine may give this process less than a core).
    const monitor = new LoopDelayMonitor({ minCpuShare: 0 });
    try {
      const s = spinLoop(monitor);
      await poll(() => s.worst >= 20);
      s.busy = false;
      expect(s.worst).toBeGreaterThanOrEqual(20);
      // Idle again: the standing delay falls back (polled; a busy machine may take a few intervals).
      await poll(() => monitor.standingDelayMs < 20);
      expect(monitor.standingDelayMs).toBeLessThan(20);
    } finally {
      monitor.close();
    }
  }, 60_000);

  it('does not count a late loop as its own standing delay when the process hardly used the CPU (other processes held the cores)', async () => {
    // A CPU clock that says this process used 10% of the wall time, however busy the loop is.
    const t0 = performance.now();
    const monitor = new LoopDelayMonitor({ cpuMs: () => (performance.now() - t0) * 0.1 });
    const own = new LoopDelayMonitor({ cpuMs: () => performance.now() - t0 });
    try {
      const s = spinLoop(own);
      let otherWorst = 0;
      await poll(() => ((otherWorst = Math.max(otherWorst, monitor.standingDelayMs)), s.worst >= 20));
      s.busy = false;
      expect(s.worst).toBeGreaterThanOrEqual(20);
      expect(otherWorst).toBe(0);
    } finally {
      monitor.close();
      own.close();
    }
  }, 60_000);
});
