import { describe, expect, it } from 'vitest';
import type { BatterySample } from '@telekiosk/shared';
import { downsample, summarizeBattery } from './battery.ts';

const at = (min: number) => new Date(Date.UTC(2026, 10, 21, 9, min)).toISOString();
const sample = (min: number, batteryPercent: number, charging: boolean | null = false): BatterySample => ({ at: at(min), batteryPercent, charging });

describe('battery history', () => {
  it('sorts samples and thins long histories evenly, keeping the latest', () => {
    const many = Array.from({ length: 1000 }, (_, i) => sample(i, 100 - (i % 100)));
    const thin = downsample([...many].reverse(), 100);
    expect(thin).toHaveLength(100);
    expect(thin[0]).toEqual(many[0]);
    expect(thin.at(-1)).toEqual(many.at(-1));
    expect(thin.every((s, i) => i === 0 || Date.parse(s.at) > Date.parse(thin[i - 1]!.at))).toBe(true);
    expect(downsample([sample(2, 50), sample(1, 60)]).map((s) => s.batteryPercent)).toEqual([60, 50]);
  });

  it('summarizes now, lowest and highest', () => {
    expect(summarizeBattery([])).toBeNull();
    const s = summarizeBattery([sample(0, 80), sample(10, 35), sample(20, 90), sample(30, 62, true)]);
    expect(s).toMatchObject({ count: 4, now: { batteryPercent: 62, charging: true }, min: { batteryPercent: 35, at: at(10) }, max: { batteryPercent: 90 } });
  });
});
