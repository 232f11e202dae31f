import { z } from 'zod';
import { LANGUAGES } from '@telekiosk/shared';
import type { KioskBridge } from '../../common/bridge.ts';

/** What the renderer needs to run: who it is and where the robot base is. */
export const RendererConfig = z.object({
  /** Origin of the orchestrator (socket.io is same-origin when served by it). */
  orchestratorUrl: z.string().url(),
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  deviceToken: z.string().min(16),
  /** rosbridge WebSocket URL, or null for a kiosk without a robot base. */
  rosbridgeUrl: z.string().regex(/^wss?:\/\//).nullable(),
  /** Idle time before the UI resets for the next visitor (ms). */
  idleResetMs: z.number().int().min(1000),
  /** UI language before the visitor picks one: any of the 8 the kiosk has catalogs for. */
  defaultLocale: z.enum(LANGUAGES),
  /** Site speed limits for teleoperation: m/s and rad/s (defaults 0.5 and 1.0). */
  limits: z.object({ maxLinear: z.number().positive().max(2), maxAngular: z.number().positive().max(4) }).default({ maxLinear: 0.5, maxAngular: 1.0 }),
});
export type RendererConfig = z.infer<typeof RendererConfig>;

declare global {
  interface Window {
    kioskBridge?: KioskBridge;
  }
}

/**
 * Reads the configuration: from the Electron preload bridge when present, otherwise (plain
 * browser) from the URL fragment `#deviceId=..&token=..&rosbridge=ws://..&idle=90000`.
 * The fragment never reaches the server's logs.
 * @throws z.ZodError naming the missing or bad field.
 */
export async function loadRendererConfig(): Promise<RendererConfig> {
  if (window.kioskBridge) {
    const c = await window.kioskBridge.getConfig();
    return RendererConfig.parse({ ...c, rosbridgeUrl: c.rosbridgeUrl ?? null });
  }
  const p = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const robot = p.get('rosbridge');
  return RendererConfig.parse({
    orchestratorUrl: window.location.origin,
    deviceId: p.get('deviceId') ?? undefined,
    deviceToken: p.get('token') ?? undefined,
    rosbridgeUrl: robot === 'none' ? null : (robot ?? 'ws://127.0.0.1:9090'),
    idleResetMs: Number(p.get('idle') ?? 90_000),
    defaultLocale: p.get('lang') ?? 'en',
    limits: p.get('maxLinear') || p.get('maxAngular') ? { maxLinear: Number(p.get('maxLinear') ?? 0.5), maxAngular: Number(p.get('maxAngular') ?? 1) } : undefined,
  });
}
