import { z } from 'zod';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type Day = (typeof DAYS)[number];

/** One opening window: days and a time range in minutes after local midnight. */
interface Window {
  days: Set<Day>;
  fromMin: number;
  toMin: number;
}

/**
 * Office hours, e.g. `mon-fri 08:30-17:15; sat 09:00-12:00`, in an IANA time zone. An empty
 * spec means always open. Used to offer a callback instead of a wait after hours.
 */
export class OfficeHours {
  private constructor(
    private readonly windows: Window[],
    readonly timeZone: string,
  ) {}

  /**
   * Parses the spec. Grammar: `window (";" window)*`, `window = days " " HH:MM "-" HH:MM`,
   * `days = day | day "-" day | day ("," day)*`, `day = sun|mon|tue|wed|thu|fri|sat`.
   * @throws Error naming the bad part.
   */
  static parse(spec: string | undefined, timeZone = 'UTC'): OfficeHours {
    z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone').parse(timeZone);
    const windows: Window[] = [];
    for (const part of (spec ?? '').split(';').map((p) => p.trim()).filter(Boolean)) {
      const m = /^([a-z,-]+)\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/i.exec(part);
      if (!m) throw new Error(`office hours: cannot read "${part}" (expected e.g. "mon-fri 08:30-17:15")`);
      const days = parseDays(m[1]!.toLowerCase(), part);
      const fromMin = Number(m[2]) * 60 + Number(m[3]);
      const toMin = Number(m[4]) * 60 + Number(m[5]);
      if (fromMin >= toMin || toMin > 24 * 60) throw new Error(`office hours: "${part}" must open before it closes, within one day`);
      windows.push({ days, fromMin, toMin });
    }
    return new OfficeHours(windows, timeZone);
  }

  /** True when `at` falls in an opening window (always true without windows). */
  isOpen(at: Date): boolean {
    if (this.windows.length === 0) return true;
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: this.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    const day = get('weekday').toLowerCase().slice(0, 3) as Day;
    const minute = Number(get('hour')) * 60 + Number(get('minute'));
    return this.windows.some((w) => w.days.has(day) && minute >= w.fromMin && minute < w.toMin);
  }
}

function parseDays(s: string, part: string): Set<Day> {
  const idx = (d: string) => {
    const i = DAYS.indexOf(d as Day);
    if (i < 0) throw new Error(`office hours: unknown day "${d}" in "${part}"`);
    return i;
  };
  if (s.includes('-')) {
    const [a, b] = s.split('-') as [string, string];
    const out = new Set<Day>();
    for (let i = idx(a); ; i = (i + 1) % 7) {
      out.add(DAYS[i]!);
      if (i === idx(b)) break;
    }
    return out;
  }
  return new Set(s.split(',').map((d) => DAYS[idx(d)]!));
}
