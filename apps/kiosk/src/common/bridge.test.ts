import { describe, expect, it } from 'vitest';
import {
  BRIDGE_ARGS_SCHEMAS,
  BridgePayloadError,
  DEFAULT_IDLE_RESET_MS,
  DEFAULT_ROSBRIDGE_URL,
  isBridgeChannel,
  KIOSK_BRIDGE_CHANNELS,
  KioskConfigSchema,
  parseBridgeArgs,
} from './bridge.ts';

const validConfig = {
  orchestratorUrl: 'https://orchestrator.example',
  deviceId: 'lobby-kiosk_01',
  deviceToken: 'a-very-secret-token-123',
};

/** Returns the first issue path + message for a failing config parse. */
function firstIssue(input: unknown): { path: string; message: string } {
  const result = KioskConfigSchema.safeParse(input);
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

describe('KioskConfigSchema', () => {
  it('accepts a minimal config and applies defaults', () => {
    expect(KioskConfigSchema.parse(validConfig)).toEqual({
      ...validConfig,
      rosbridgeUrl: DEFAULT_ROSBRIDGE_URL,
      defaultLocale: 'en',
      idleResetMs: DEFAULT_IDLE_RESET_MS,
    });
    expect(DEFAULT_ROSBRIDGE_URL).toBe('ws://127.0.0.1:9090');
    expect(DEFAULT_IDLE_RESET_MS).toBe(90_000);
  });

  it('accepts every field explicitly', () => {
    const config = { ...validConfig, rosbridgeUrl: 'wss://robot.local:9443/ros', defaultLocale: 'ja', idleResetMs: 30_000 };
    expect(KioskConfigSchema.parse(config)).toEqual(config);
  });

  it('normalises the orchestrator URL to its origin', () => {
    expect(KioskConfigSchema.parse({ ...validConfig, orchestratorUrl: 'HTTP://LocalHost:3000/' }).orchestratorUrl).toBe('http://localhost:3000');
  });

  it.each([
    ['ftp://orchestrator.example', 'http(s)'],
    ['javascript:alert(1)', 'http(s)'],
    ['not a url', 'absolute'],
    ['https://user:pw@orchestrator.example', 'credentials'],
    ['https://orchestrator.example/base', 'origin'],
    ['https://orchestrator.example/?x=1', 'origin'],
  ])('rejects orchestratorUrl %s', (orchestratorUrl, fragment) => {
    const issue = firstIssue({ ...validConfig, orchestratorUrl });
    expect(issue.path).toBe('orchestratorUrl');
    expect(issue.message).toContain(fragment);
  });

  it.each([
    ['', 'must not be empty'],
    ['a'.repeat(65), 'at most 64'],
    ['kiosk 1', 'only letters'],
    ['kiosk/1', 'only letters'],
  ])('rejects deviceId %j', (deviceId, fragment) => {
    const issue = firstIssue({ ...validConfig, deviceId });
    expect(issue.path).toBe('deviceId');
    expect(issue.message).toContain(fragment);
  });

  it('rejects short or whitespace-containing device tokens', () => {
    expect(firstIssue({ ...validConfig, deviceToken: 'short' })).toEqual({ path: 'deviceToken', message: 'must be at least 16 characters' });
    expect(firstIssue({ ...validConfig, deviceToken: 'a-very-secret-token-123\n' }).path).toBe('deviceToken');
  });

  it('names missing required fields; the legacy credential is optional but a pair', () => {
    expect(firstIssue({})).toEqual({ path: 'orchestratorUrl', message: 'is required' });
    expect(KioskConfigSchema.safeParse({ orchestratorUrl: validConfig.orchestratorUrl }).success).toBe(true);
    expect(firstIssue({ orchestratorUrl: validConfig.orchestratorUrl, deviceId: 'k1' })).toEqual({ path: 'deviceToken', message: 'is required' });
    expect(firstIssue({ orchestratorUrl: validConfig.orchestratorUrl, deviceToken: validConfig.deviceToken })).toEqual({ path: 'deviceId', message: 'is required' });
  });

  it('requires a ws(s) rosbridge URL', () => {
    const issue = firstIssue({ ...validConfig, rosbridgeUrl: 'http://127.0.0.1:9090' });
    expect(issue.path).toBe('rosbridgeUrl');
    expect(issue.message).toContain('ws(s)');
  });

  it('accepts only the shipped locales', () => {
    for (const defaultLocale of ['en', 'ja', 'es', 'zh']) expect(KioskConfigSchema.parse({ ...validConfig, defaultLocale }).defaultLocale).toBe(defaultLocale);
    expect(firstIssue({ ...validConfig, defaultLocale: 'fr' })).toEqual({ path: 'defaultLocale', message: 'must be one of en, ja, es, zh' });
  });

  it('validates idleResetMs', () => {
    expect(firstIssue({ ...validConfig, idleResetMs: '90000' }).path).toBe('idleResetMs');
    expect(firstIssue({ ...validConfig, idleResetMs: 1.5 }).message).toBe('must be an integer');
    expect(firstIssue({ ...validConfig, idleResetMs: 10 }).message).toContain('at least');
  });

  it('rejects unknown keys so typos surface', () => {
    const result = KioskConfigSchema.safeParse({ ...validConfig, orchestratorURL: 'https://x.example' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['orchestratorURL'] });
  });
});

describe('bridge channels', () => {
  it('has one unique, namespaced channel per bridge function', () => {
    const channels = Object.values(KIOSK_BRIDGE_CHANNELS);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) {
      expect(channel).toMatch(/^kiosk:[a-z-]+$/);
      expect(isBridgeChannel(channel)).toBe(true);
      expect(BRIDGE_ARGS_SCHEMAS[channel]).toBeDefined();
    }
    expect(Object.keys(KIOSK_BRIDGE_CHANNELS).sort()).toEqual(['clearCredential', 'getAppVersion', 'getConfig', 'getCredential', 'reportRendererProblem', 'storeCredential']);
    expect(isBridgeChannel('toString')).toBe(false);
  });
});

describe('parseBridgeArgs', () => {
  const problem = { key: 'media.camera-denied', severity: 'error', message: 'NotAllowedError: Permission denied' } as const;

  /** Expects parseBridgeArgs to throw a BridgePayloadError naming `field`. */
  function expectRejected(channel: string, args: unknown, field: string): BridgePayloadError {
    try {
      parseBridgeArgs(channel, args);
    } catch (error) {
      expect(error).toBeInstanceOf(BridgePayloadError);
      const payloadError = error as BridgePayloadError;
      expect(payloadError.field).toBe(field);
      expect(payloadError.message).toContain(field);
      expect(payloadError.message).toContain(channel);
      return payloadError;
    }
    throw new Error('expected parseBridgeArgs to throw');
  }

  it('accepts valid argument lists', () => {
    expect(parseBridgeArgs(KIOSK_BRIDGE_CHANNELS.getConfig, [])).toEqual([]);
    expect(parseBridgeArgs(KIOSK_BRIDGE_CHANNELS.getAppVersion, [])).toEqual([]);
    expect(parseBridgeArgs(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [problem])).toEqual([problem]);
    expect(parseBridgeArgs(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [{ ...problem, message: '' }])[0].message).toBe('');
  });

  it('rejects extra arguments on argument-less channels', () => {
    expectRejected(KIOSK_BRIDGE_CHANNELS.getConfig, ['please'], 'payload');
    expectRejected(KIOSK_BRIDGE_CHANNELS.getAppVersion, [1, 2], 'payload');
  });

  it('names the invalid field of a problem report', () => {
    expect(expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [{ ...problem, severity: 'fatal' }], 'problem.severity').message).toBe(
      'Invalid payload on kiosk:report-renderer-problem: problem.severity must be one of info, warn, error',
    );
    expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [{ ...problem, key: '' }], 'problem.key');
    expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [{ ...problem, key: 'has spaces' }], 'problem.key');
    expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [{ ...problem, message: 42 }], 'problem.message');
    expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [{ ...problem, message: 'x'.repeat(2001) }], 'problem.message');
    expect(expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [{ key: 'k', severity: 'info' }], 'problem.message').message).toContain('is required');
    expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [{ ...problem, extra: true }], 'problem.extra');
    expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, ['boom'], 'problem');
    expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [], 'payload');
    expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, [problem, problem], 'payload');
    expectRejected(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, 'not-a-list', 'payload');
  });

  it('rejects unknown channels', () => {
    expectRejected('kiosk:exec-shell', [], 'channel');
    expectRejected('__proto__', [], 'channel');
  });
});
