import { describe, expect, it } from 'vitest';
import { formatCountdown, remainingMs, secondsLeft } from './countdown.ts';

describe('countdown', () => {
  it('formats minutes and zero-padded seconds, rounding up', () => {
    expect(formatCountdown(20_000)).toBe('0:20');
    expect(formatCountdown(19_001)).toBe('0:20');
    expect(formatCountdown(61_000)).toBe('1:01');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(3_600_000)).toBe('60:00');
  });

  it('never shows a negative time', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
    expect(secondsLeft(-1)).toBe(0);
  });

  it('computes the time left until an ISO timestamp', () => {
    const now = Date.parse('2026-11-21T09:30:00.000Z');
    expect(remainingMs('2026-11-21T09:30:12.500Z', now)).toBe(12_500);
    expect(remainingMs('2026-11-21T09:29:00.000Z', now)).toBe(0);
    expect(remainingMs('not a date', now)).toBe(0);
    expect(secondsLeft(remainingMs('2026-11-21T09:30:12.500Z', now))).toBe(13);
  });
});
