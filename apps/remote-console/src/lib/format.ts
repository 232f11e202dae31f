/** Locale-aware date and time formatting (Intl.DateTimeFormat), with cached formatters. */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, kind: 'time' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    f =
      kind === 'time'
        ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
        : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    cache.set(key, f);
  }
  return f;
}

/** Clock time of an ISO timestamp, e.g. `09:30:12`; empty for an invalid timestamp. */
export function formatTime(iso: string, locale: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : formatter(locale, 'time').format(t);
}

/** Date and time of an ISO timestamp, e.g. `Nov 21, 2026, 9:30 AM`. */
export function formatDateTime(iso: string, locale: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : formatter(locale, 'dateTime').format(t);
}

const numberCache = new Map<string, Intl.NumberFormat>();

/** A distance in metres with one decimal, e.g. `2.0` (`2,0` in Spanish). */
export function formatMetres(value: number, locale: string): string {
  let f = numberCache.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    numberCache.set(locale, f);
  }
  return f.format(value);
}

/** Heading in whole degrees 0..359, counter-clockwise from east (the map's +x), from theta in rad. */
export function headingDegrees(theta: number): number {
  const deg = Math.round((theta * 180) / Math.PI) % 360;
  return deg < 0 ? deg + 360 : deg;
}

/** "x 2.0 m, y 3.5 m, heading 90°" in the UI language. */
export function formatPose(t: (key: string, params?: Record<string, unknown>) => string, pose: { x: number; y: number; theta: number }, locale: string): string {
  return t('pose.full', { x: formatMetres(pose.x, locale), y: formatMetres(pose.y, locale), heading: headingDegrees(pose.theta) });
}

const clockCache = new Map<string, Intl.DateTimeFormat>();

/** Hours and minutes of an ISO timestamp, e.g. `14:05` (chart labels). */
export function formatClock(iso: string, locale: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  let f = clockCache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    clockCache.set(locale, f);
  }
  return f.format(t);
}

/** A duration as a clock, `m:ss` or `h:mm:ss` (waiting times and call lengths). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** ISO 8601 duration for `<time dateTime>`, e.g. `PT4M5S`. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}
