/**
 * Security policy of the kiosk's Electron shell, as pure functions.
 *
 * `main.ts` wires these into Electron (permission handlers, navigation guards, CSP
 * header, webPreferences, IPC sender checks); every decision is made here so that it
 * can be unit-tested without the Electron binary. This module must not import
 * `electron`.
 *
 * See https://www.electronjs.org/docs/latest/tutorial/security and
 * `apps/kiosk/electron.README.md` for how each checklist item is covered.
 */
import type { KioskConfig } from '../common/bridge.ts';

/** Path (under the kiosk origin) the kiosk web app is served from. */
export const KIOSK_PATH = '/kiosk/';

/**
 * Returns the origin (`scheme://host[:port]`) of `url`, or `null` when `url` is not
 * an absolute URL or has an opaque origin (`data:`, `about:blank`, `file:` ...).
 */
export function originOf(url: string | undefined | null): string | null {
  if (url === undefined || url === null || url === '') return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The kiosk's own origin: the origin of `config.orchestratorUrl`, e.g. `https://orchestrator.example`. */
export function kioskOrigin(config: Pick<KioskConfig, 'orchestratorUrl'>): string {
  return new URL(config.orchestratorUrl).origin;
}

/** The URL the kiosk window loads: `${orchestratorUrl}/kiosk/`. */
export function kioskUrl(config: Pick<KioskConfig, 'orchestratorUrl'>): string {
  return new URL(KIOSK_PATH, kioskOrigin(config)).toString();
}

/** The only permissions the kiosk web app may ever be granted (to its own origin). */
export const GRANTABLE_PERMISSIONS: ReadonlySet<string> = new Set(['media', 'fullscreen']);

/** Media types a `media` permission may cover: camera (`video`) and microphone (`audio`). */
export const GRANTABLE_MEDIA_TYPES: ReadonlySet<string> = new Set(['audio', 'video']);

/** Extra facts about a permission request or check, as far as Electron supplies them. */
export interface PermissionDetails {
  /** For `media`: the requested media types; every one must be `audio` or `video`. Absent means "not specified". */
  mediaTypes?: readonly string[] | undefined;
  /** For `media`: the security origin of the request; when present it must also be the kiosk origin. */
  securityOrigin?: string | undefined;
  /** Whether the request comes from the main frame; requests from sub-frames are denied. */
  isMainFrame?: boolean | undefined;
}

/**
 * Permission policy: grants ONLY `media` (camera and microphone, for the video call
 * with the remote worker) and `fullscreen`, and only to the kiosk's own origin from
 * its main frame. Everything else (geolocation, notifications, display capture,
 * clipboard, HID/serial/USB, MIDI, openExternal, ...) and every other origin is denied.
 *
 * @param permission Electron's permission name.
 * @param requestingOrigin Origin (or URL) that asks; compared by parsed origin.
 * @param ownOrigin The kiosk origin from {@link kioskOrigin}.
 * @param details Optional extra facts, see {@link PermissionDetails}.
 */
export function isPermissionAllowed(permission: string, requestingOrigin: string | undefined | null, ownOrigin: string, details: PermissionDetails = {}): boolean {
  if (!GRANTABLE_PERMISSIONS.has(permission)) return false;
  const origin = originOf(requestingOrigin);
  if (origin === null || origin !== originOf(ownOrigin)) return false;
  if (details.isMainFrame === false) return false;
  if (permission === 'media') {
    if (details.securityOrigin !== undefined && originOf(details.securityOrigin) !== origin) return false;
    if (details.mediaTypes !== undefined && !details.mediaTypes.every((type) => GRANTABLE_MEDIA_TYPES.has(type))) return false;
  }
  return true;
}

/**
 * Navigation policy: a frame may only navigate to the kiosk web app itself, i.e. a
 * URL on the kiosk origin whose path is under `/kiosk/`. Other origins, other paths
 * of the orchestrator, and `file:`, `data:`, `javascript:` ... URLs are refused.
 * URLs are compared after WHATWG parsing, so `/kiosk/../admin` and look-alike hosts
 * such as `https://orchestrator.example.evil.test` do not pass.
 */
export function isNavigationAllowed(url: string, ownOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  const own = originOf(ownOrigin);
  if (own === null || parsed.origin !== own) return false;
  return parsed.pathname.startsWith(KIOSK_PATH);
}

/** Facts about the frame an IPC message came from. */
export interface IpcSenderInfo {
  /** URL of the sending frame, or `null` if the frame has navigated away or been destroyed. */
  frameUrl: string | null;
  /** Whether the sending frame is the top-level frame of its page. */
  isMainFrame: boolean;
  /** Whether the sending web contents is the kiosk window's. */
  fromKioskWindow: boolean;
}

/**
 * IPC sender policy (checklist item 17): only the kiosk window's main frame, showing
 * the kiosk web app on the kiosk origin, may call the bridge.
 */
export function isTrustedIpcSender(sender: IpcSenderInfo, ownOrigin: string): boolean {
  return sender.fromKioskWindow && sender.isMainFrame && sender.frameUrl !== null && isNavigationAllowed(sender.frameUrl, ownOrigin);
}

/** The WebSocket origin (`ws:`/`wss:`) matching an http(s) origin, e.g. `https://a.example` gives `wss://a.example`. */
export function webSocketOriginOf(httpOrigin: string): string {
  const url = new URL(httpOrigin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.origin;
}

/**
 * The Content-Security-Policy the shell enforces on kiosk documents:
 *
 * - `default-src 'self'`, `script-src 'self' 'wasm-unsafe-eval'` (no `unsafe-eval`, no `unsafe-inline`
 *   scripts; WebAssembly compilation only, for the voice activity detection model of hands-free speech),
 * - `connect-src` the kiosk origin, its WebSocket origin (socket.io) and the rosbridge origin,
 * - `media-src 'self' blob: mediastream:` for camera and remote-worker streams,
 * - `img-src 'self' data: blob:`,
 * - `style-src 'self' 'unsafe-inline'` (React style attributes; styles cannot run code),
 * - `object-src 'none'`, `base-uri 'none'`, `form-action 'self'`, `frame-ancestors 'none'`.
 *
 * WebRTC media (mediasoup) is not governed by CSP.
 */
export function contentSecurityPolicy(ownOrigin: string, rosbridgeUrl: string): string {
  const self = new URL(ownOrigin).origin;
  const connect = [...new Set(["'self'", self, webSocketOriginOf(self), new URL(rosbridgeUrl).origin])];
  const directives: ReadonlyArray<readonly [string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['media-src', "'self'", 'blob:', 'mediastream:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', ...connect] as [string, ...string[]],
    ['worker-src', "'self'", 'blob:'],
    ['frame-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/** Response header map as Electron's `webRequest.onHeadersReceived` passes it. */
export type ResponseHeaders = Record<string, string | string[]>;

/** Resource types whose responses are documents and therefore get the CSP header. */
export const DOCUMENT_RESOURCE_TYPES: ReadonlySet<string> = new Set(['mainFrame', 'subFrame']);

/**
 * Returns `headers` with `csp` added as a `Content-Security-Policy` header when the
 * response is a document (`mainFrame`/`subFrame`); other responses are returned as
 * they are. A policy the server already sent is kept as well (browsers enforce every
 * policy, so the result is at least as strict as each one).
 */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined, resourceType: string, csp: string): ResponseHeaders {
  const result: ResponseHeaders = { ...(headers ?? {}) };
  if (!DOCUMENT_RESOURCE_TYPES.has(resourceType)) return result;
  const existing: string[] = [];
  for (const name of Object.keys(result)) {
    if (name.toLowerCase() === 'content-security-policy') {
      const value = result[name];
      existing.push(...(Array.isArray(value) ? value : value === undefined ? [] : [value]));
      delete result[name];
    }
  }
  result['Content-Security-Policy'] = [...existing, csp];
  return result;
}

/** The subset of Electron's `WebPreferences` the kiosk window sets (kept local so this module need not import `electron`). */
export interface SecureWebPreferences {
  /** Absolute path of the bundled preload script. */
  preload: string;
  /** Run the preload and Electron internals in an isolated JavaScript world (checklist 3). */
  contextIsolation: true;
  /** Run the renderer in Chromium's OS sandbox (checklist 4). */
  sandbox: true;
  /** No Node.js in the page (checklist 2). */
  nodeIntegration: false;
  /** No Node.js in web workers. */
  nodeIntegrationInWorker: false;
  /** No Node.js (or preload) in sub-frames. */
  nodeIntegrationInSubFrames: false;
  /** Keep the same-origin policy (checklist 6). */
  webSecurity: true;
  /** No mixed content (checklist 8). */
  allowRunningInsecureContent: false;
  /** No experimental Chromium features (checklist 9). */
  experimentalFeatures: false;
  /** No `<webview>` tag at all (checklists 11, 12). */
  webviewTag: false;
  /** Dropping a file or link on the window must not navigate it. */
  navigateOnDragDrop: false;
  /** No browser plugins. */
  plugins: false;
  /** No WebSQL. */
  enableWebSQL: false;
  /** `alert`/`confirm`/`prompt` must not freeze an unattended kiosk. */
  disableDialogs: true;
  /** No spell-checker dictionary downloads. */
  spellcheck: false;
  /** DevTools only when explicitly enabled for development. */
  devTools: boolean;
  /** The remote worker's audio must play without a tap on the screen. */
  autoplayPolicy: 'no-user-gesture-required';
  /** The kiosk is always visible; never throttle its timers or media. */
  backgroundThrottling: false;
}

/** Options for {@link secureWebPreferences}. */
export interface SecureWebPreferencesOptions {
  /** Allow opening DevTools (development only); default `false`. */
  devTools?: boolean;
}

/**
 * The `webPreferences` of the kiosk window: context isolation, sandbox, no Node.js
 * integration anywhere, web security on, no insecure content, no experimental
 * features, no `<webview>`, DevTools off unless asked for. `enableBlinkFeatures` is
 * deliberately left unset (checklist 10).
 */
export function secureWebPreferences(preloadPath: string, options: SecureWebPreferencesOptions = {}): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    plugins: false,
    enableWebSQL: false,
    disableDialogs: true,
    spellcheck: false,
    devTools: options.devTools ?? false,
    autoplayPolicy: 'no-user-gesture-required',
    backgroundThrottling: false,
  };
}

/** True for hosts that only the machine itself can reach (`localhost`, `127.0.0.0/8`, `::1`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Warnings about plain-text transport (checklist item 1): the orchestrator should be
 * `https:` and rosbridge `wss:` unless they are on the kiosk machine itself.
 */
export function insecureTransportWarnings(config: Pick<KioskConfig, 'orchestratorUrl' | 'rosbridgeUrl'>): string[] {
  const warnings: string[] = [];
  const orchestrator = new URL(config.orchestratorUrl);
  if (orchestrator.protocol === 'http:' && !isLoopbackHost(orchestrator.hostname)) {
    warnings.push(`orchestratorUrl uses plain http to ${orchestrator.host}; use https in production`);
  }
  const rosbridge = new URL(config.rosbridgeUrl);
  if (rosbridge.protocol === 'ws:' && !isLoopbackHost(rosbridge.hostname)) {
    warnings.push(`rosbridgeUrl uses plain ws to ${rosbridge.host}; use wss when rosbridge is not on this machine`);
  }
  return warnings;
}

/** A URL reduced to origin and path (at most 200 characters) for log lines: drops query, fragment and credentials. */
export function urlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    const base = parsed.origin === 'null' ? `${parsed.protocol}` : `${parsed.origin}${parsed.pathname}`;
    return base.slice(0, 200);
  } catch {
    return '<invalid url>';
  }
}
