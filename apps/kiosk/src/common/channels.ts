/**
 * IPC channel names and the bridge's global name, with no dependencies, so that the
 * preload bundle stays tiny (it must not pull in zod). Re-exported by `bridge.ts`,
 * which holds the rest of the protocol.
 */

/** Name of the global the preload exposes in the renderer: `window.kioskBridge`. */
export const KIOSK_BRIDGE_GLOBAL = 'kioskBridge';

/** IPC channel names, one per `KioskBridge` function. */
export const KIOSK_BRIDGE_CHANNELS = {
  /** `KioskBridge.getConfig` */
  getConfig: 'kiosk:get-config',
  /** `KioskBridge.getAppVersion` */
  getAppVersion: 'kiosk:get-app-version',
  /** `KioskBridge.reportRendererProblem` */
  reportRendererProblem: 'kiosk:report-renderer-problem',
  /** `KioskBridge.getCredential` */
  getCredential: 'kiosk:get-credential',
  /** `KioskBridge.storeCredential` */
  storeCredential: 'kiosk:store-credential',
  /** `KioskBridge.clearCredential` */
  clearCredential: 'kiosk:clear-credential',
} as const;

/** One of the {@link KIOSK_BRIDGE_CHANNELS} values. */
export type KioskBridgeChannel = (typeof KIOSK_BRIDGE_CHANNELS)[keyof typeof KIOSK_BRIDGE_CHANNELS];
