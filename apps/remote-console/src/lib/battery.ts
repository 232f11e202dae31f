import type { BatterySample } from '@telekiosk/shared';

/** Most points the battery chart draws; longer histories are thinned evenly (the last sample always stays). */
export const MAX_CHART_POINTS = 288;

/** Samples in time order, thinned to at most `max` points. */
export function downsample(samples: readonly BatterySample[], max = MAX_CHART_POINTS): BatterySample[] {
  const sorted = [...samples].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (sorted.length <= max) return sorted;
  const step = sorted.length / max;
  const out: BatterySample[] = [];
  for (let i = 0; i < max - 1; i++) out.push(sorted[Math.floor(i * step)]!);
  out.push(sorted[sorted.length - 1]!);
  return out;
}

export interface BatterySummary {
  count: number;
  /** Latest reading. */
  now: BatterySample;
  min: BatterySample;
  max: BatterySample;
}

/** The figures of the chart's text summary (null without samples). Ties keep the latest sample. */
export function summarizeBattery(samples: readonly BatterySample[]): BatterySummary | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  let min = sorted[0]!;
  let max = sorted[0]!;
  for (const s of sorted) {
    if (s.batteryPercent <= min.batteryPercent) min = s;
    if (s.batteryPercent >= max.batteryPercent) max = s;
  }
  return { count: sorted.length, now: sorted[sorted.length - 1]!, min, max };
}
