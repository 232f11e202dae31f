import { describe, expect, it } from 'vitest';
import type { QueueStatus } from '@telekiosk/shared';
import { estimateChange, estimateOf, waitView } from './waitView.ts';

const SESSION = '0b6f6a4e-2f5c-4d53-9a53-5a3d2b1c0e01';
const q = (over: Partial<QueueStatus> = {}): QueueStatus => ({ sessionId: SESSION, position: 2, estimatedWaitMs: 120_000, availableWorkers: 0, offered: false, callbackReason: null, ...over });

describe('waitView: exactly one waiting state', () => {
  it('says nothing before the first status', () => {
    expect(waitView(null, null)).toEqual({ kind: 'checking' });
  });

  it('puts an emergency above everything, without estimate or callback', () => {
    const v = waitView(q({ waitState: 'busy', estimateRangeMs: { low: 60_000, high: 120_000 }, callbackReason: 'no_workers' }), { sessionId: SESSION, acknowledged: true, emergencyNumber: '112' });
    expect(v).toEqual({ kind: 'emergency', acknowledged: true, emergencyNumber: '112' });
    expect(waitView(q({ waitState: 'emergency' }), null).kind).toBe('emergency');
  });

  it('offers the callback at once when nobody is on shift, without a number', () => {
    expect(waitView(q({ waitState: 'no_staff', callbackReason: 'no_workers' }), null)).toEqual({ kind: 'no_staff', afterHours: false });
    expect(waitView(q({ waitState: 'no_staff', callbackReason: 'after_hours' }), null)).toEqual({ kind: 'no_staff', afterHours: true });
  });

  it('shows a measured range only when busy', () => {
    expect(waitView(q({ waitState: 'busy', estimateRangeMs: { low: 120_000, high: 300_000 }, offered: true }), null)).toEqual({ kind: 'busy', position: 2, offered: true, estimate: { kind: 'range', low: 2, high: 5 } });
    expect(waitView(q({ waitState: 'busy' }), null).kind).toBe('unknown');
    expect(waitView(q({ waitState: 'unknown' }), null)).toEqual({ kind: 'unknown', position: 2, offered: false });
  });

  it('never shows an older server\'s single number', () => {
    expect(waitView(q(), null).kind).toBe('unknown');
    expect(waitView(q({ callbackReason: 'no_workers' }), null).kind).toBe('no_staff');
  });
});

describe('estimateOf', () => {
  it('rounds to whole minutes', () => {
    expect(estimateOf({ low: 10_000, high: 50_000 })).toEqual({ kind: 'soon' });
    expect(estimateOf({ low: 150_000, high: 170_000 })).toEqual({ kind: 'about', minutes: 3 });
    expect(estimateOf({ low: 20_000, high: 200_000 })).toEqual({ kind: 'range', low: 1, high: 4 });
  });
});

describe('estimateChange', () => {
  it('stays quiet within the margin and speaks beyond it', () => {
    const told = { low: 240_000, high: 360_000 };
    expect(estimateChange(told, { low: 260_000, high: 380_000 })).toBeNull();
    expect(estimateChange(told, { low: 400_000, high: 600_000 })).toBe('longer');
    expect(estimateChange(told, { low: 60_000, high: 120_000 })).toBe('shorter');
    expect(estimateChange(null, told)).toBeNull();
  });

  it('uses at least one minute as margin for short waits', () => {
    expect(estimateChange({ low: 30_000, high: 60_000 }, { low: 60_000, high: 90_000 })).toBeNull();
    expect(estimateChange({ low: 30_000, high: 60_000 }, { low: 120_000, high: 180_000 })).toBe('longer');
  });
});
