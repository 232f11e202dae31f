import { describe, expect, it } from 'vitest';
import { createLogger, errorFields, formatLogLine, redact, redactConfig, REDACTED } from './log.ts';

const NOW = new Date('2025-01-02T03:04:05.000Z');

describe('formatLogLine', () => {
  it('writes one JSON object with timestamp, level, scope and event', () => {
    const line = formatLogLine('warn', 'navigation.blocked', { url: 'https://evil.example/' }, NOW);
    expect(JSON.parse(line)).toEqual({ ts: '2025-01-02T03:04:05.000Z', level: 'warn', scope: 'kiosk-shell', event: 'navigation.blocked', url: 'https://evil.example/' });
    expect(line).not.toContain('\n');
  });

  it('keeps renderer-supplied text on one line and cannot be overridden by fields', () => {
    const line = formatLogLine('info', 'renderer.problem', { message: 'a\n{"level":"error"}', level: 'error', event: 'forged' }, NOW);
    expect(line.split('\n')).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({ level: 'info', event: 'renderer.problem', message: 'a\n{"level":"error"}' });
  });

  it('redacts secrets by field name, recursively', () => {
    const line = formatLogLine('info', 'config.loaded', { config: { deviceToken: 'secret-value-123456', deviceId: 'k1' }, headers: [{ Authorization: 'Bearer x' }] }, NOW);
    expect(line).not.toContain('secret-value');
    expect(line).not.toContain('Bearer');
    expect(JSON.parse(line).config).toEqual({ deviceToken: REDACTED, deviceId: 'k1' });
    expect(redact({ nested: { password: 'p' } })).toEqual({ nested: { password: REDACTED } });
  });
});

describe('redactConfig / errorFields', () => {
  it('hide the device token and flatten errors', () => {
    const config = { orchestratorUrl: 'https://o.example', deviceId: 'k1', deviceToken: 'token-0123456789abcdef', rosbridgeUrl: 'ws://127.0.0.1:9090', defaultLocale: 'en' as const, idleResetMs: 90_000 };
    expect(redactConfig(config).deviceToken).toBe(REDACTED);
    expect(config.deviceToken).toBe('token-0123456789abcdef');
    expect(errorFields(new TypeError('boom'))).toMatchObject({ error: 'TypeError: boom' });
    expect(errorFields('plain')).toEqual({ error: 'plain' });
  });
});

describe('createLogger', () => {
  it('sends info to stdout and warn/error to stderr', () => {
    const written: Array<[string, string]> = [];
    const log = createLogger((line, stream) => written.push([stream, JSON.parse(line).event]), () => NOW);
    log.info('a');
    log.warn('b');
    log.error('c');
    expect(written).toEqual([
      ['stdout', 'a'],
      ['stderr', 'b'],
      ['stderr', 'c'],
    ]);
  });

  it('survives unserialisable fields', () => {
    const written: string[] = [];
    const log = createLogger((line) => written.push(line), () => NOW);
    log.info('weird', { big: 10n });
    expect(JSON.parse(written[0]!)).toMatchObject({ event: 'weird', unserialisableFields: true });
  });
});
