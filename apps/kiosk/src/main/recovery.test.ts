import { describe, expect, it } from 'vitest';
import { backoffDelayMs, ERR_ABORTED, ReloadBackoff, shouldRetryFailedLoad } from './recovery.ts';

describe('backoffDelayMs', () => {
  it('doubles from the base up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelayMs(attempt))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(backoffDelayMs(1_000)).toBe(60_000);
    expect(backoffDelayMs(-1)).toBe(1_000);
  });
});

describe('ReloadBackoff', () => {
  it('grows with consecutive failures and resets after a stable period', () => {
    let now = 0;
    const backoff = new ReloadBackoff({ baseMs: 100, maxMs: 1_000, stableResetMs: 10_000 }, () => now);
    expect([backoff.nextDelayMs(), backoff.nextDelayMs(), backoff.nextDelayMs(), backoff.nextDelayMs(), backoff.nextDelayMs()]).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoff.failures).toBe(5);
    now += 9_999;
    expect(backoff.nextDelayMs()).toBe(1_000);
    now += 10_000;
    expect(backoff.nextDelayMs()).toBe(100);
    backoff.reset();
    expect(backoff.failures).toBe(0);
    expect(backoff.nextDelayMs()).toBe(100);
  });
});

describe('shouldRetryFailedLoad', () => {
  it('retries main-frame failures except aborted loads', () => {
    expect(shouldRetryFailedLoad(-102, true)).toBe(true); // ERR_CONNECTION_REFUSED
    expect(shouldRetryFailedLoad(-105, true)).toBe(true); // ERR_NAME_NOT_RESOLVED
    expect(shouldRetryFailedLoad(ERR_ABORTED, true)).toBe(false);
    expect(shouldRetryFailedLoad(-102, false)).toBe(false);
  });
});
