/**
 * Builds the `window.kioskBridge` object from an `invoke` function, without importing
 * `electron`, so it can be unit-tested. `preload.ts` passes `ipcRenderer.invoke`.
 *
 * The bridge forwards only fixed channels and only the declared arguments: the page
 * never gets `ipcRenderer`, the IPC event, or any way to pick a channel
 * (checklist item 20).
 */
import type { DeviceCredential, KioskBridge, KioskConfig, RendererProblem } from '../common/bridge.ts';
import { KIOSK_BRIDGE_CHANNELS, type KioskBridgeChannel } from '../common/channels.ts';

/** Sends a request on a bridge channel and resolves with the main process's answer (`ipcRenderer.invoke`). */
export type BridgeInvoke = (channel: KioskBridgeChannel, ...args: unknown[]) => Promise<unknown>;

/** Where the bridge reports its own failures (the page's console). */
export type BridgeWarn = (message: string, error: unknown) => void;

/** Creates the frozen {@link KioskBridge} the preload exposes. */
export function createKioskBridge(invoke: BridgeInvoke, warn: BridgeWarn = (message, error) => console.warn(message, error)): KioskBridge {
  return Object.freeze({
    getConfig: () => invoke(KIOSK_BRIDGE_CHANNELS.getConfig) as Promise<KioskConfig>,
    getAppVersion: () => invoke(KIOSK_BRIDGE_CHANNELS.getAppVersion) as Promise<string>,
    getCredential: () => invoke(KIOSK_BRIDGE_CHANNELS.getCredential) as Promise<DeviceCredential | null>,
    storeCredential: (credential: DeviceCredential) => invoke(KIOSK_BRIDGE_CHANNELS.storeCredential, credential) as Promise<void>,
    clearCredential: () => invoke(KIOSK_BRIDGE_CHANNELS.clearCredential) as Promise<void>,
    reportRendererProblem: (problem: RendererProblem): void => {
      try {
        invoke(KIOSK_BRIDGE_CHANNELS.reportRendererProblem, problem).catch((error: unknown) => warn('kioskBridge.reportRendererProblem rejected', error));
      } catch (error) {
        warn('kioskBridge.reportRendererProblem failed', error);
      }
    },
  });
}
