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
