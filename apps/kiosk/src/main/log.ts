/**
 * Structured logging for the kiosk shell: one JSON object per line
 * (`{"ts":"…","level":"info","scope":"kiosk-shell","event":"window.created",…}`),
 * written to stdout (info) or stderr (warn, error) so that journald / the service
 * manager collects it. Secrets are redacted by field name. Pure and injectable; this
 * module must not import `electron`.
 */
import type { KioskConfig } from '../common/bridge.ts';

/** Log levels, least severe first. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Extra data of a log line; values must be JSON-serialisable. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Field names whose values are never written to the log. */
const SECRET_FIELD = /token|secret|password|authorization|cookie/i;

/** Replacement written instead of a secret value. */
export const REDACTED = '[redacted]';

/** Returns a copy of `value` with every property whose name looks secret replaced by {@link REDACTED} (recursively). */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = SECRET_FIELD.test(key) ? REDACTED : redact(inner, depth + 1);
  return out;
}

/** The config as it may be logged: the device token replaced by {@link REDACTED}. */
export function redactConfig(config: KioskConfig): KioskConfig {
  return { ...config, deviceToken: REDACTED };
}

/** Turns an unknown thrown value into loggable fields (`error`, and `stack` for errors). */
export function errorFields(error: unknown): { error: string; stack?: string } {
  if (error instanceof Error) return error.stack === undefined ? { error: `${error.name}: ${error.message}` } : { error: `${error.name}: ${error.message}`, stack: error.stack };
  return { error: String(error) };
}

/**
 * Formats one log line (without the trailing newline). `fields` cannot overwrite
 * `ts`, `level`, `scope` or `event`; secret-looking fields are redacted.
 */
export function formatLogLine(level: LogLevel, event: string, fields: LogFields = {}, now: Date = new Date()): string {
  const data = redact(fields) as Record<string, unknown>;
  for (const reserved of ['ts', 'level', 'scope', 'event']) delete data[reserved];
  return JSON.stringify({ ts: now.toISOString(), level, scope: 'kiosk-shell', event, ...data });
}

/** A structured logger. */
export interface Logger {
  /** Logs a normal event. */
  info(event: string, fields?: LogFields): void;
  /** Logs something unexpected that the shell handled. */
  warn(event: string, fields?: LogFields): void;
  /** Logs a failure. */
  error(event: string, fields?: LogFields): void;
}

/** Where log lines go: `stream` is `'stdout'` for info and `'stderr'` for warn/error. */
export type LogSink = (line: string, stream: 'stdout' | 'stderr') => void;

/** Creates a {@link Logger} writing {@link formatLogLine} lines to `sink`, with an injectable clock. */
export function createLogger(sink: LogSink, clock: () => Date = () => new Date()): Logger {
  const write = (level: LogLevel, event: string, fields?: LogFields): void => {
    let line: string;
    try {
      line = formatLogLine(level, event, fields, clock());
    } catch (error) {
      line = formatLogLine(level, event, { unserialisableFields: true, ...errorFields(error) }, clock());
    }
    sink(line, level === 'info' ? 'stdout' : 'stderr');
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}
