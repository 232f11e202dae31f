import { describe, expect, it } from 'vitest';
import { BridgePayloadError, KIOSK_BRIDGE_CHANNELS, KioskConfigSchema } from '../common/bridge.ts';
import { createBridgeDispatcher, UntrustedSenderError } from './ipc.ts';
import type { Logger, LogFields } from './log.ts';

const ORIGIN = 'https://orchestrator.example';
const config = KioskConfigSchema.parse({ orchestratorUrl: ORIGIN, deviceId: 'lobby-1', deviceToken: 'token-0123456789abcdef' });
const trusted = { frameUrl: `${ORIGIN}/kiosk/`, isMainFrame: true, fromKioskWindow: true };
const problem = { key: 'media.camera-denied', severity: 'error', message: 'NotAllowedError' } as const;

/** A logger that records its calls. */
function recordingLogger(): Logger & { lines: Array<{ level: string; event: string; fields?: LogFields }> } {
  const lines: Array<{ level: string; event: string; fields?: LogFields }> = [];
  return {
    lines,
    info: (event, fields) => lines.push({ level: 'info', event, fields }),
    warn: (event, fields) => lines.push({ level: 'warn', event, fields }),
    error: (event, fields) => lines.push({ level: 'error', event, fields }),
  };
}

describe('createBridgeDispatcher', () => {
  it('answers getConfig and getAppVersion for the kiosk page', async () => {
    const dispatcher = createBridgeDispatcher({ config, appVersion: '0.1.0', kioskOrigin: ORIGIN, log: recordingLogger() });
    const answer = await dispatcher.handle(KIOSK_BRIDGE_CHANNELS.getConfig, trusted, []);
    const { deviceToken: _secret, ...withoutSecret } = config;
    expect(answer).toEqual(withoutSecret); // the credential travels through getCredential only
    expect(answer).not.toBe(config); // a copy: the renderer cannot alias main-process state
    await expect(dispatcher.handle(KIOSK_BRIDGE_CHANNELS.getAppVersion, trusted, [])).resolves.toBe('0.1.0');
  });

  it('refuses calls from anything but the kiosk page main frame', async () => {
    const log = recordingLogger();
    const dispatcher = createBridgeDispatcher({ config, appVersion: '0.1.0', kioskOrigin: ORIGIN, log });
    for (const sender of [
      { ...trusted, frameUrl: 'https://evil.example/kiosk/' },
      { ...trusted, frameUrl: `${ORIGIN}/console/?token=abc` },
      { ...trusted, isMainFrame: false },
      { ...trusted, fromKioskWindow: false },
      { ...trusted, frameUrl: null },
    ]) {
      await expect(dispatcher.handle(KIOSK_BRIDGE_CHANNELS.getConfig, sender, [])).rejects.toBeInstanceOf(UntrustedSenderError);
    }
    expect(log.lines.filter((line) => line.event === 'ipc.sender.refused')).toHaveLength(5);
    expect(JSON.stringify(log.lines)).not.toContain('token=abc');
  });

  it('rejects invalid payloads with an error naming the field', async () => {
    const log = recordingLogger();
    const dispatcher = createBridgeDispatcher({ config, appVersion: '0.1.0', kioskOrigin: ORIGIN, log });
    const call = dispatcher.handle(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, trusted, [{ ...problem, severity: 'fatal' }]);
    await expect(call).rejects.toBeInstanceOf(BridgePayloadError);
    await expect(dispatcher.handle(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, trusted, [{ ...problem, severity: 'fatal' }])).rejects.toThrow(/problem\.severity/);
    await expect(dispatcher.handle(KIOSK_BRIDGE_CHANNELS.getConfig, trusted, ['extra'])).rejects.toThrow(/payload/);
    await expect(dispatcher.handle('kiosk:unknown', trusted, [])).rejects.toThrow(/Unknown kiosk bridge channel/);
    expect(log.lines.some((line) => line.event === 'ipc.payload.invalid')).toBe(true);
    expect(log.lines.some((line) => line.event === 'renderer.problem')).toBe(false);
  });

  it('logs problem reports at their severity', async () => {
    const log = recordingLogger();
    const dispatcher = createBridgeDispatcher({ config, appVersion: '0.1.0', kioskOrigin: ORIGIN, log });
    await expect(dispatcher.handle(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, trusted, [problem])).resolves.toBeUndefined();
    await dispatcher.handle(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, trusted, [{ ...problem, severity: 'info' }]);
    await dispatcher.handle(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, trusted, [{ ...problem, severity: 'warn' }]);
    expect(log.lines.map((line) => [line.level, line.event])).toEqual([
      ['error', 'renderer.problem'],
      ['info', 'renderer.problem'],
      ['warn', 'renderer.problem'],
    ]);
    expect(log.lines[0]!.fields).toEqual(problem);
  });

  it('rate-limits problem reports and reports how many were dropped', async () => {
    const log = recordingLogger();
    let now = 0;
    const dispatcher = createBridgeDispatcher({ config, appVersion: '0.1.0', kioskOrigin: ORIGIN, log, now: () => now, problemRateLimit: { max: 2, windowMs: 1_000 } });
    for (let i = 0; i < 5; i += 1) await dispatcher.handle(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, trusted, [problem]);
    expect(log.lines.filter((line) => line.event === 'renderer.problem')).toHaveLength(2);
    now = 1_000;
    await dispatcher.handle(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, trusted, [problem]);
    expect(log.lines.find((line) => line.event === 'renderer.problem.dropped')?.fields).toEqual({ dropped: 3, windowMs: 1_000 });
    expect(log.lines.filter((line) => line.event === 'renderer.problem')).toHaveLength(3);
  });
});
