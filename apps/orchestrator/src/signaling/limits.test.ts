import { describe, expect, it, vi } from 'vitest';
import { cleanText } from '@telekiosk/shared';
import { CapacityError, isDatabaseUnavailable, toWireError } from '../errors.ts';
import { Admission, SocketLimits } from './limits.ts';

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
    a.close();
  });
});

describe('admission when the database is the bottleneck', () => {
  it('refuses while queries queue for a pooled connection (mean over the last second), admits again when the queue drains', async () => {
    vi.useFakeTimers();
    try {
      let waiting = 0;
      const a = new Admission({ dbWaiting: () => waiting, maxDbWaiting: 10, retryAfterMs: 3000 });
      vi.advanceTimersByTime(1000);
      expect(await a.admit(async () => 'ok')).toBe('ok');
      // One burst sample does not refuse anyone: the mean over ten samples stays low.
      waiting = 60;
      vi.advanceTimersByTime(100);
      waiting = 0;
      vi.advanceTimersByTime(100);
      expect(a.dbWaiting).toBeLessThanOrEqual(10);
      expect(await a.admit(async () => 'ok')).toBe('ok');
      // A second of queueing does.
      waiting = 25;
      vi.advanceTimersByTime(1000);
      expect(a.dbWaiting).toBe(25);
      await expect(a.admit(async () => 'no')).rejects.toMatchObject({ code: 'unavailable', retryAfterMs: 3000 });
      waiting = 0;
      vi.advanceTimersByTime(1000);
      expect(await a.admit(async () => 'again')).toBe('again');
      a.close();
      // Between the limit and twice it, a share grows with the overload (mean 15 of 10: half).
      let roll = 0.4;
      const b = new Admission({ dbWaiting: () => 15, maxDbWaiting: 10, random: () => roll });
      vi.advanceTimersByTime(1000);
      await expect(b.admit(async () => 'no')).rejects.toMatchObject({ code: 'unavailable' });
      roll = 0.6;
      expect(await b.admit(async () => 'yes')).toBe('yes');
      b.close();
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
