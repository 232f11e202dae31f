/**
 * The IPC protocol between the kiosk's Electron main process and its renderer.
 *
 * The renderer (the React kiosk app, loaded from `${orchestratorUrl}/kiosk/`) sees
 * only `window.kioskBridge`, an object of the {@link KioskBridge} functions that the
 * preload exposes through `contextBridge`. Each function maps to one IPC channel of
 * {@link KIOSK_BRIDGE_CHANNELS}. The main process validates the arguments of every
 * call with {@link parseBridgeArgs} (zod) before acting on it, because a renderer
 * that shows remote content must be treated as untrusted.
 *
 * This module must not import `electron`: it is shared by main, preload, renderer
 * typings and unit tests.
 */
import { z } from 'zod';
import { KIOSK_BRIDGE_CHANNELS, type KioskBridgeChannel } from './channels.ts';

// ---------------------------------------------------------------------------
// URL helpers
// ---------------------------------------------------------------------------

/** Parses `value` as a WHATWG URL, or returns `null` when it is not one. */
function tryParseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * A string schema that accepts only absolute URLs whose scheme is one of
 * `protocols` (with the trailing colon, e.g. `'https:'`) and that carry no
 * credentials. `label` names the accepted schemes in error messages.
 */
function urlWithProtocols(protocols: readonly string[], label: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') }).superRefine((value, ctx) => {
    const url = tryParseUrl(value);
    if (url === null) {
      ctx.addIssue({ code: 'custom', message: `must be an absolute ${label} URL` });
      return;
    }
    if (!protocols.includes(url.protocol)) {
      ctx.addIssue({ code: 'custom', message: `must be a ${label} URL (got scheme ${JSON.stringify(url.protocol)})` });
      return;
    }
    if (url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', message: 'must not contain credentials' });
    }
  });
}

/** Error callback shared by required string fields: names "is required" rather than zod's type message. */
const requiredString = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string') };

// ---------------------------------------------------------------------------
// Kiosk configuration
// ---------------------------------------------------------------------------

/** Locales the kiosk UI ships with; the first one is the default. */
export const KIOSK_LOCALES = ['en', 'ja', 'es', 'zh'] as const;

/** One of the {@link KIOSK_LOCALES}. */
export const KioskLocaleSchema = z.enum(KIOSK_LOCALES, { error: `must be one of ${KIOSK_LOCALES.join(', ')}` });

/** A kiosk UI locale: `'en' | 'ja' | 'es' | 'zh'`. */
export type KioskLocale = z.infer<typeof KioskLocaleSchema>;

/** Default rosbridge WebSocket URL: the robot's rosbridge server on the same machine. */
export const DEFAULT_ROSBRIDGE_URL = 'ws://127.0.0.1:9090';

/** Default idle timeout (ms) after which the kiosk UI returns to its attract screen. */
export const DEFAULT_IDLE_RESET_MS = 90_000;

/**
 * The orchestrator's base URL: an http(s) origin with no path, query, fragment or
 * credentials (a trailing `/` is allowed). It is normalised to the bare origin,
 * e.g. `https://orchestrator.example:8443/` becomes `https://orchestrator.example:8443`,
 * so that `${orchestratorUrl}/kiosk/` is always well formed.
 */
export const OrchestratorUrlSchema = urlWithProtocols(['http:', 'https:'], 'http(s)')
  .superRefine((value, ctx) => {
    const url = tryParseUrl(value);
    if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return; // already reported
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
      ctx.addIssue({ code: 'custom', message: 'must be an origin such as https://orchestrator.example (no path, query or fragment)' });
    }
  })
  .transform((value) => new URL(value).origin);

/** A device id as registered with the orchestrator: 1 to 64 characters of `A-Z a-z 0-9 _ -`. */
const DeviceIdSchema = z
  .string(requiredString)
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "_" and "-"');

/** A device token: at least 16 printable ASCII characters, no whitespace. */
const DeviceTokenSchema = z
  .string(requiredString)
  .min(16, 'must be at least 16 characters')
  .max(4096, 'must be at most 4096 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without whitespace');

/**
 * The device's credential as the orchestrator issued it at enrolment (or rotation). The main
 * process keeps it encrypted with Electron's `safeStorage`; the renderer gets it through the bridge.
 */
export const DeviceCredentialSchema = z.strictObject({ deviceId: DeviceIdSchema, deviceToken: DeviceTokenSchema });

/** A device credential; see {@link DeviceCredentialSchema}. */
export type DeviceCredential = z.infer<typeof DeviceCredentialSchema>;

/**
 * The kiosk's configuration, read by the main process from `kiosk.json` and
 * environment overrides (see `src/main/config.ts`) and handed to the renderer by
 * {@link KioskBridge.getConfig}. Unknown keys are rejected so typos surface at start-up.
 */
export const KioskConfigSchema = z.strictObject({
  /** Orchestrator base URL (http or https origin); the kiosk UI is loaded from `${orchestratorUrl}/kiosk/`. */
  orchestratorUrl: OrchestratorUrlSchema,
  /**
   * Deprecated provisioning: a device id and token written into the file. Kiosks now enrol with a
   * one-time code and keep their credential encrypted with `safeStorage` (see
   * `main/credentials.ts`); when both are set here they are used until the kiosk has a stored one.
   */
  deviceId: DeviceIdSchema.optional(),
  /** See `deviceId`: the legacy plain-text device token (at least 16 printable ASCII characters). */
  deviceToken: DeviceTokenSchema.optional(),
  /** rosbridge WebSocket URL (ws or wss) of the robot base; defaults to {@link DEFAULT_ROSBRIDGE_URL}. */
  rosbridgeUrl: urlWithProtocols(['ws:', 'wss:'], 'ws(s)').default(DEFAULT_ROSBRIDGE_URL),
  /** Locale the UI starts in and returns to after an idle reset; defaults to `'en'`. */
  defaultLocale: KioskLocaleSchema.default('en'),
  /** Idle time in milliseconds (integer, 1 s to 24 h) after which the UI resets; defaults to {@link DEFAULT_IDLE_RESET_MS}. */
  idleResetMs: z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1_000, 'must be at least 1000 (1 s)')
    .max(86_400_000, 'must be at most 86400000 (24 h)')
    .default(DEFAULT_IDLE_RESET_MS),
})
  // The legacy credential is a pair: one without the other is a provisioning mistake.
  .superRefine((c, ctx) => {
    if (!!c.deviceId !== !!c.deviceToken) ctx.addIssue({ code: 'custom', path: [c.deviceId ? 'deviceToken' : 'deviceId'], message: 'is required' });
  });

/**
 * A validated kiosk configuration (the output of {@link KioskConfigSchema}: defaults
 * applied, `orchestratorUrl` normalised to a bare origin).
 */
export type KioskConfig = z.infer<typeof KioskConfigSchema>;

/** What a kiosk configuration may look like before validation (optional fields may be absent). */
export type KioskConfigInput = z.input<typeof KioskConfigSchema>;

// ---------------------------------------------------------------------------
// Renderer problem reports
// ---------------------------------------------------------------------------

/** Severities a renderer problem report can carry. */
export const PROBLEM_SEVERITIES = ['info', 'warn', 'error'] as const;

/**
 * A problem the renderer reports to the main process for the kiosk's log, e.g.
 * `{ key: 'media.camera-denied', severity: 'error', message: 'NotAllowedError' }`.
 */
export const RendererProblemSchema = z.strictObject({
  /** Stable machine-readable key: 1 to 128 characters of `A-Z a-z 0-9 _ . : -`. */
  key: z
    .string(requiredString)
    .min(1, 'must not be empty')
    .max(128, 'must be at most 128 characters')
    .regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits, "_", ".", ":" and "-"'),
  /** How bad it is: `'info' | 'warn' | 'error'`. */
  severity: z.enum(PROBLEM_SEVERITIES, { error: `must be one of ${PROBLEM_SEVERITIES.join(', ')}` }),
  /** Human-readable detail, at most 2000 characters; logged as data, never interpreted. */
  message: z.string(requiredString).max(2000, 'must be at most 2000 characters'),
});

/** A renderer problem report; see {@link RendererProblemSchema}. */
export type RendererProblem = z.infer<typeof RendererProblemSchema>;

// ---------------------------------------------------------------------------
// Bridge surface and channels
// ---------------------------------------------------------------------------

/** Channel names and the global name live in the dependency-free `channels.ts` (kept out of zod for the preload bundle). */
export { KIOSK_BRIDGE_CHANNELS, KIOSK_BRIDGE_GLOBAL, type KioskBridgeChannel } from './channels.ts';

/**
 * What the renderer sees as `window.kioskBridge` when it runs inside the Electron
 * shell (it is absent in a plain browser). Nothing else from Electron or Node.js is
 * exposed.
 */
export interface KioskBridge {
  /** Resolves to the kiosk's validated configuration (without secrets: see {@link getCredential}). */
  getConfig(): Promise<KioskConfig>;
  /** The stored device credential (decrypted by the main process), or null before enrolment. */
  getCredential(): Promise<DeviceCredential | null>;
  /** Stores the device credential encrypted with `safeStorage` (after enrolment or a rotation). */
  storeCredential(credential: DeviceCredential): Promise<void>;
  /** Forgets the device credential (it was revoked): the kiosk enrols again. */
  clearCredential(): Promise<void>;
  /** Resolves to the Electron shell's version (the kiosk package version). */
  getAppVersion(): Promise<string>;
  /**
   * Sends a problem report to the main process's log. Fire-and-forget: an invalid
   * report is rejected by the main process and only logged as a console warning.
   */
  reportRendererProblem(problem: RendererProblem): void;
}

/** Zod schemas of the argument list of each channel, validated on the main side. */
export const BRIDGE_ARGS_SCHEMAS = {
  [KIOSK_BRIDGE_CHANNELS.getConfig]: z.tuple([]),
  [KIOSK_BRIDGE_CHANNELS.getAppVersion]: z.tuple([]),
  [KIOSK_BRIDGE_CHANNELS.reportRendererProblem]: z.tuple([RendererProblemSchema]),
  [KIOSK_BRIDGE_CHANNELS.getCredential]: z.tuple([]),
  [KIOSK_BRIDGE_CHANNELS.storeCredential]: z.tuple([DeviceCredentialSchema]),
  [KIOSK_BRIDGE_CHANNELS.clearCredential]: z.tuple([]),
} as const satisfies Record<KioskBridgeChannel, z.ZodType>;

/** The validated argument list of each channel. */
export type BridgeArgs = { [C in KioskBridgeChannel]: z.infer<(typeof BRIDGE_ARGS_SCHEMAS)[C]> };

/** Thrown by {@link parseBridgeArgs} for an unknown channel or an invalid payload; the message names the field. */
export class BridgePayloadError extends Error {
  /** The channel the call came in on. */
  readonly channel: string;
  /** Dotted path of the first offending field (`'payload'` for the argument list itself, `'channel'` for an unknown channel). */
  readonly field: string;

  /** Creates the error; `message` should already name `field`. */
  constructor(channel: string, field: string, message: string) {
    super(message);
    this.name = 'BridgePayloadError';
    this.channel = channel;
    this.field = field;
  }
}

/** Argument names used in error messages instead of tuple indexes. */
const ARG_NAMES: Record<KioskBridgeChannel, readonly string[]> = {
  [KIOSK_BRIDGE_CHANNELS.getConfig]: [],
  [KIOSK_BRIDGE_CHANNELS.getAppVersion]: [],
  [KIOSK_BRIDGE_CHANNELS.reportRendererProblem]: ['problem'],
  [KIOSK_BRIDGE_CHANNELS.getCredential]: [],
  [KIOSK_BRIDGE_CHANNELS.storeCredential]: ['credential'],
  [KIOSK_BRIDGE_CHANNELS.clearCredential]: [],
};

/** True when `channel` is one of the {@link KIOSK_BRIDGE_CHANNELS}. */
export function isBridgeChannel(channel: string): channel is KioskBridgeChannel {
  return Object.hasOwn(BRIDGE_ARGS_SCHEMAS, channel);
}

/**
 * Validates the argument list `args` received on `channel` and returns it typed.
 * Throws a {@link BridgePayloadError} whose message names the offending field, e.g.
 * `Invalid payload on kiosk:report-renderer-problem: problem.severity must be one of info, warn, error`.
 */
export function parseBridgeArgs<C extends KioskBridgeChannel>(channel: C, args: unknown): BridgeArgs[C];
export function parseBridgeArgs(channel: string, args: unknown): BridgeArgs[KioskBridgeChannel];
export function parseBridgeArgs(channel: string, args: unknown): BridgeArgs[KioskBridgeChannel] {
  if (!isBridgeChannel(channel)) {
    throw new BridgePayloadError(channel, 'channel', `Unknown kiosk bridge channel ${JSON.stringify(channel)}`);
  }
  const result = BRIDGE_ARGS_SCHEMAS[channel].safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const names = ARG_NAMES[channel];
  const path = (issue?.path ?? []).map((segment, index) => (index === 0 && typeof segment === 'number' ? (names[segment] ?? `arg${segment}`) : String(segment)));
  let field = path.length === 0 ? 'payload' : path.join('.');
  let detail = issue?.message ?? 'is invalid';
  if (path.length === 0 && issue?.code !== 'unrecognized_keys') detail = `must be a list of exactly ${names.length} argument(s)`;
  if (issue?.code === 'unrecognized_keys') {
    const keys = issue.keys.map(String);
    field = [...path, keys[0] ?? '?'].join('.');
    detail = `is not an allowed field`;
  }
  throw new BridgePayloadError(channel, field, `Invalid payload on ${channel}: ${field} ${detail}`);
}

declare global {
  interface Window {
    /** The kiosk shell's bridge, present only when the renderer runs inside the Electron shell. */
    kioskBridge?: KioskBridge;
  }
}
