import { describe, expect, it, vi } from 'vitest';
import { KIOSK_BRIDGE_CHANNELS } from '../common/channels.ts';
import { createKioskBridge, type BridgeInvoke } from './bridge.ts';

describe('createKioskBridge', () => {
  it('exposes exactly the typed functions, frozen', () => {
    const bridge = createKioskBridge(async () => undefined);
    expect(Object.keys(bridge).sort()).toEqual(['clearCredential', 'getAppVersion', 'getConfig', 'getCredential', 'reportRendererProblem', 'storeCredential']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards to the fixed channels with only the declared arguments', async () => {
    const invoke = vi.fn<BridgeInvoke>(async (channel) => (channel === KIOSK_BRIDGE_CHANNELS.getAppVersion ? '0.1.0' : { deviceId: 'k1' }));
    const bridge = createKioskBridge(invoke);
    await expect(bridge.getAppVersion()).resolves.toBe('0.1.0');
    await expect((bridge.getConfig as (...args: unknown[]) => Promise<unknown>)('smuggled')).resolves.toEqual({ deviceId: 'k1' });
    const problem = { key: 'k', severity: 'warn', message: 'm' } as const;
    expect(bridge.reportRendererProblem(problem)).toBeUndefined();
    const credential = { deviceId: 'k1', deviceToken: 't'.repeat(43) };
    await bridge.storeCredential(credential);
    expect(invoke.mock.calls).toEqual([[KIOSK_BRIDGE_CHANNELS.getAppVersion], [KIOSK_BRIDGE_CHANNELS.getConfig], [KIOSK_BRIDGE_CHANNELS.reportRendererProblem, problem], [KIOSK_BRIDGE_CHANNELS.storeCredential, credential]]);
  });

  it('never throws from reportRendererProblem; rejections become console warnings', async () => {
    const warn = vi.fn();
    const rejecting = createKioskBridge(() => Promise.reject(new Error('Invalid payload on kiosk:report-renderer-problem: problem.key ...')), warn);
    rejecting.reportRendererProblem({ key: '', severity: 'info', message: '' });
    await Promise.resolve();
    await Promise.resolve();
    expect(warn).toHaveBeenCalledWith('kioskBridge.reportRendererProblem rejected', expect.any(Error));
    const throwing = createKioskBridge(() => {
      throw new Error('An object could not be cloned');
    }, warn);
    expect(() => throwing.reportRendererProblem({ key: 'k', severity: 'info', message: '' })).not.toThrow();
    expect(warn).toHaveBeenCalledWith('kioskBridge.reportRendererProblem failed', expect.any(Error));
  });
});
