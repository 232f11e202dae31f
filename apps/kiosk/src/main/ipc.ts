/**
 * The main-process side of the kiosk bridge, without Electron: `main.ts` registers one
 * `ipcMain.handle` per channel that forwards to {@link BridgeDispatcher.handle}.
 * Every call is checked in this order:
 *
 * 1. the sender must be the kiosk window's main frame on the kiosk origin
 *    ({@link isTrustedIpcSender}, checklist item 17);
 * 2. the arguments must match the channel's zod schema ({@link parseBridgeArgs});
 * 3. problem reports are rate-limited so a misbehaving page cannot flood the log.
 *
 * This module must not import `electron`.
 */
import { KIOSK_BRIDGE_CHANNELS, parseBridgeArgs, type DeviceCredential, type KioskConfig, type RendererProblem } from '../common/bridge.ts';
import type { CredentialStore } from './credentials.ts';
import type { Logger } from './log.ts';
import { isTrustedIpcSender, urlForLog, type IpcSenderInfo } from './security.ts';

/** Thrown (and thus rejected to the renderer) when a bridge call comes from an untrusted frame. */
export class UntrustedSenderError extends Error {
  /** Creates the error for a call on `channel`. */
  constructor(channel: string) {
    super(`Kiosk bridge call on ${channel} refused: sender is not the kiosk page`);
    this.name = 'UntrustedSenderError';
  }
}

/** Limits on renderer problem reports. */
export interface ProblemRateLimit {
  /** Reports accepted per window (default 30). */
  max: number;
  /** Window length in ms (default 60000). */
  windowMs: number;
}

/** What the dispatcher needs. */
export interface BridgeDispatcherDeps {
  /** The validated kiosk configuration returned by `getConfig`. */
  config: KioskConfig;
  /** The shell version returned by `getAppVersion`. */
  appVersion: string;
  /** The kiosk origin (see `kioskOrigin`). */
  kioskOrigin: string;
  /** Where refusals and problem reports are logged. */
  log: Logger;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
  /** Problem report rate limit (default 30 per minute). */
  problemRateLimit?: ProblemRateLimit;
  /** The device credential store (safeStorage); without it the credential channels answer null / refuse. */
  credentials?: CredentialStore;
}

/** Handles bridge calls for `main.ts`. */
export interface BridgeDispatcher {
  /**
   * Handles one call on `channel` from `sender` with the renderer's `args`; returns
   * the result for the renderer or throws (which rejects the renderer's promise) when
   * the sender is untrusted or the payload invalid (the error names the field).
   */
  handle(channel: string, sender: IpcSenderInfo, args: readonly unknown[]): Promise<unknown>;
}

/** Creates the {@link BridgeDispatcher} implementing the {@link KIOSK_BRIDGE_CHANNELS}. */
export function createBridgeDispatcher(deps: BridgeDispatcherDeps): BridgeDispatcher {
  const now = deps.now ?? Date.now;
  const limit = deps.problemRateLimit ?? { max: 30, windowMs: 60_000 };
  let windowStart = Number.NEGATIVE_INFINITY;
  let accepted = 0;
  let dropped = 0;

  const reportProblem = (problem: RendererProblem): void => {
    const at = now();
    if (at - windowStart >= limit.windowMs) {
      if (dropped > 0) deps.log.warn('renderer.problem.dropped', { dropped, windowMs: limit.windowMs });
      windowStart = at;
      accepted = 0;
      dropped = 0;
    }
    if (accepted >= limit.max) {
      dropped += 1;
      return;
    }
    accepted += 1;
    const fields = { key: problem.key, severity: problem.severity, message: problem.message };
    if (problem.severity === 'error') deps.log.error('renderer.problem', fields);
    else if (problem.severity === 'warn') deps.log.warn('renderer.problem', fields);
    else deps.log.info('renderer.problem', fields);
  };

  return {
    async handle(channel, sender, args) {
      if (!isTrustedIpcSender(sender, deps.kioskOrigin)) {
        deps.log.warn('ipc.sender.refused', {
          channel: String(channel).slice(0, 100),
          frameUrl: sender.frameUrl === null ? null : urlForLog(sender.frameUrl),
          isMainFrame: sender.isMainFrame,
          fromKioskWindow: sender.fromKioskWindow,
        });
        throw new UntrustedSenderError(channel);
      }
      let parsed;
      try {
        parsed = parseBridgeArgs(channel, args);
      } catch (error) {
        deps.log.warn('ipc.payload.invalid', { channel: String(channel).slice(0, 100), reason: error instanceof Error ? error.message : String(error) });
        throw error;
      }
      switch (channel) {
        case KIOSK_BRIDGE_CHANNELS.getConfig: {
          // Secrets travel through getCredential only.
          const { deviceToken: _secret, ...rest } = deps.config;
          return structuredClone(rest);
        }
        case KIOSK_BRIDGE_CHANNELS.getCredential:
          return deps.credentials?.load() ?? null;
        case KIOSK_BRIDGE_CHANNELS.storeCredential: {
          if (!deps.credentials) throw new Error('this shell cannot store a device credential');
          const [credential] = parsed as [DeviceCredential];
          deps.credentials.save(credential);
          deps.log.info('credential.stored', { deviceId: credential.deviceId });
          return undefined;
        }
        case KIOSK_BRIDGE_CHANNELS.clearCredential:
          deps.credentials?.clear();
          deps.log.warn('credential.cleared', {});
          return undefined;
        case KIOSK_BRIDGE_CHANNELS.getAppVersion:
          return deps.appVersion;
        case KIOSK_BRIDGE_CHANNELS.reportRendererProblem: {
          const [problem] = parsed as [RendererProblem];
          reportProblem(problem);
          return undefined;
        }
        default:
          // parseBridgeArgs already rejected unknown channels.
          throw new Error(`Unhandled kiosk bridge channel ${channel}`);
      }
    },
  };
}
