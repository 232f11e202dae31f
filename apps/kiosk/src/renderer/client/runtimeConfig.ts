import { z } from 'zod';
import { EnrolResponse, LANGUAGES, WireError } from '@telekiosk/shared';
import type { DeviceCredential, KioskBridge } from '../../common/bridge.ts';

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

/** The configuration without the device credential (which comes from {@link CredentialStore}). */
export const KioskSettings = RendererConfig.omit({ deviceId: true, deviceToken: true });
export type KioskSettings = z.infer<typeof KioskSettings>;

declare global {
  interface Window {
    kioskBridge?: KioskBridge;
  }
}

/** Where the kiosk keeps the credential it received at enrolment. */
export interface CredentialStore {
  /** `safeStorage` (Electron shell) or `localStorage` (plain browser). */
  readonly kind: 'safeStorage' | 'localStorage';
  load(): Promise<DeviceCredential | null>;
  save(credential: DeviceCredential): Promise<void>;
  clear(): Promise<void>;
}

const STORAGE_KEY = 'telekiosk.kiosk.credential';
const Credential = z.object({ deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), deviceToken: z.string().min(16) });

/** The Electron shell's store: encrypted with `safeStorage` by the main process. */
export function bridgeCredentialStore(bridge: KioskBridge): CredentialStore {
  return { kind: 'safeStorage', load: () => bridge.getCredential(), save: (c) => bridge.storeCredential(c), clear: () => bridge.clearCredential() };
}

/**
 * A plain browser's store: `localStorage` of the kiosk origin (only pages of the orchestrator's
 * origin can read it; the kiosk page loads no third-party scripts, and its CSP forbids them).
 */
export function localCredentialStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): CredentialStore {
  return {
    kind: 'localStorage',
    async load() {
      try {
        const parsed = Credential.safeParse(JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null'));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async save(c) {
      storage.setItem(STORAGE_KEY, JSON.stringify(Credential.parse(c)));
    },
    async clear() {
      storage.removeItem(STORAGE_KEY);
    },
  };
}

/** Why an enrolment failed: a catalog key of the kiosk (`enrol.errors.*`). */
export type EnrolError = 'invalid' | 'rate_limited' | 'network';

/**
 * Exchanges a one-time enrolment code for the device's credential (`POST /api/devices/enrol`) and
 * stores it. @returns the credential, or the reason it failed.
 */
export async function enrolDevice(orchestratorUrl: string, code: string, store: CredentialStore, fetchFn: typeof fetch = fetch): Promise<{ ok: true; credential: DeviceCredential } | { ok: false; error: EnrolError }> {
  let res: Response;
  try {
    res = await fetchFn(`${orchestratorUrl}/api/devices/enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: code.trim() }) });
  } catch {
    return { ok: false, error: 'network' };
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const code = z.object({ error: WireError }).safeParse(body).data?.error.code;
    return { ok: false, error: code === 'rate_limited' ? 'rate_limited' : code === 'unauthorized' || code === 'bad_request' ? 'invalid' : 'network' };
  }
  const parsed = EnrolResponse.safeParse(body);
  if (!parsed.success) return { ok: false, error: 'network' };
  await store.save(parsed.data);
  return { ok: true, credential: parsed.data };
}

/** What the renderer starts with: settings, where its credential lives, and a one-time code from the enrolment URL. */
export interface RendererStart {
  settings: KioskSettings;
  credentials: CredentialStore;
  /** `#enrol=<code>` of a one-time enrolment URL (QR on the console), removed from the address bar at once. */
  enrolCode: string | null;
}

/**
 * Reads the configuration: from the Electron preload bridge when present, otherwise (plain
 * browser) from the URL fragment `#rosbridge=ws://..&idle=90000&lang=en` (never secrets: the device
 * credential is kept by {@link CredentialStore}; a one-time `enrol=` code is taken and removed).
 * @throws z.ZodError naming the missing or bad field.
 */
export async function loadRendererConfig(): Promise<RendererStart> {
  if (window.kioskBridge) {
    const c = await window.kioskBridge.getConfig();
    return {
      settings: KioskSettings.parse({ orchestratorUrl: c.orchestratorUrl, rosbridgeUrl: c.rosbridgeUrl ?? null, idleResetMs: c.idleResetMs, defaultLocale: c.defaultLocale }),
      credentials: bridgeCredentialStore(window.kioskBridge),
      enrolCode: null,
    };
  }
  const p = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const enrolCode = p.get('enrol');
  if (enrolCode !== null) {
    // One-time code: out of the address bar and history at once.
    p.delete('enrol');
    const rest = p.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
  }
  const robot = p.get('rosbridge');
  return {
    settings: KioskSettings.parse({
      orchestratorUrl: window.location.origin,
      rosbridgeUrl: robot === 'none' ? null : (robot ?? 'ws://127.0.0.1:9090'),
      idleResetMs: Number(p.get('idle') ?? 90_000),
      defaultLocale: p.get('lang') ?? 'en',
      limits: p.get('maxLinear') || p.get('maxAngular') ? { maxLinear: Number(p.get('maxLinear') ?? 0.5), maxAngular: Number(p.get('maxAngular') ?? 1) } : undefined,
    }),
    credentials: localCredentialStore(window.localStorage),
    enrolCode,
  };
}
