/**
 * Electron main process of the kiosk shell.
 *
 * Thin glue only: every decision (config validation, permission, navigation, CSP,
 * webPreferences, IPC sender/payload checks, reload backoff) lives in the pure
 * modules next to this file, which are unit-tested without the Electron binary.
 * This is the only main-process file that imports `electron`.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  powerSaveBlocker,
  safeStorage,
  session,
  type IpcMainInvokeEvent,
  type Session,
  type WebContents,
} from 'electron';
import { KIOSK_BRIDGE_CHANNELS, type KioskConfig } from '../common/bridge.ts';
import { KioskConfigError, loadKioskConfig, readShellOptions, resolveConfigFile } from './config.ts';
import { createBridgeDispatcher } from './ipc.ts';
import { createCredentialStore } from './credentials.ts';
import { createLogger, errorFields, redactConfig } from './log.ts';
import { ReloadBackoff, shouldRetryFailedLoad, UNRESPONSIVE_GRACE_MS } from './recovery.ts';
import {
  contentSecurityPolicy,
  insecureTransportWarnings,
  isNavigationAllowed,
  isPermissionAllowed,
  kioskOrigin,
  kioskUrl,
  originOf,
  urlForLog,
  withContentSecurityPolicy,
  type IpcSenderInfo,
} from './security.ts';
import { kioskWindowOptions } from './window.ts';

process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
const log = createLogger((line, stream) => {
  (stream === 'stdout' ? process.stdout : process.stderr).write(`${line}\n`);
});

// An uncaught exception would otherwise open a modal dialog nobody can dismiss on an
// unattended kiosk: log it and exit so the service manager restarts the shell.
process.on('uncaughtException', (error) => {
  log.error('main.uncaught-exception', errorFields(error));
  app.exit(1);
});
process.on('unhandledRejection', (reason) => log.error('main.unhandled-rejection', errorFields(reason)));

/** The bundled preload, next to this bundle: dist/main/main.cjs -> dist/preload/preload.cjs. */
const PRELOAD_PATH = path.join(__dirname, '..', 'preload', 'preload.cjs');

/** Everything derived from the config that the handlers need. */
interface ShellContext {
  config: KioskConfig;
  origin: string;
  url: string;
  csp: string;
}

let kioskWindow: BrowserWindow | null = null;

/** Loads the config, or logs why not and exits with status 1 (returning `null`): a kiosk with a broken config must fail fast and loudly. */
function loadConfigOrExit(): KioskConfig | null {
  const userDataDir = app.getPath('userData');
  try {
    const config = loadKioskConfig({ env: process.env, userDataDir, fs });
    log.info('config.loaded', { path: resolveConfigFile(process.env, userDataDir).path, config: redactConfig(config) });
    return config;
  } catch (error) {
    const fields = error instanceof KioskConfigError ? { message: error.message, field: error.field, variable: error.variable } : errorFields(error);
    log.error('config.invalid', fields);
    app.exit(1);
    return null;
  }
}

/** Permission handlers, CSP header, no downloads, no USB/HID/serial devices (checklist 5, 7). */
function hardenSession(ses: Session, ctx: ShellContext): void {
  ses.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const requestingOrigin = originOf(details.requestingUrl);
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const securityOrigin = 'securityOrigin' in details ? details.securityOrigin : undefined;
    const allowed = isPermissionAllowed(permission, requestingOrigin, ctx.origin, { mediaTypes, securityOrigin, isMainFrame: details.isMainFrame });
    (allowed ? log.info : log.warn)('permission.request', { permission, origin: requestingOrigin, mediaTypes, allowed });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, requestingOrigin, ctx.origin, {
      mediaTypes: details.mediaType === 'audio' || details.mediaType === 'video' ? [details.mediaType] : undefined,
      securityOrigin: details.securityOrigin,
      isMainFrame: details.isMainFrame,
    }),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, details.resourceType, ctx.csp) });
  });
  ses.on('will-download', (event, item) => {
    event.preventDefault();
    log.warn('download.blocked', { url: urlForLog(item.getURL()) });
  });
}

/** Navigation, new-window and webview guards for every web contents (checklist 11-14). */
function hardenWebContents(contents: WebContents, ctx: ShellContext): void {
  const guard = (kind: string, event: { url: string; isMainFrame: boolean; preventDefault(): void }): void => {
    if (isNavigationAllowed(event.url, ctx.origin)) return;
    event.preventDefault();
    log.warn('navigation.blocked', { kind, url: urlForLog(event.url), isMainFrame: event.isMainFrame });
  };
  contents.on('will-navigate', (event) => guard('will-navigate', event));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) guard('will-frame-navigate', event); // main frame: handled by will-navigate
  });
  contents.on('will-redirect', (event) => guard('will-redirect', event));
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('window-open.blocked', { url: urlForLog(url) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview.blocked', {});
  });
}

/** IPC handlers: sender and payload checked by the dispatcher (checklist 17). */
function registerIpc(ctx: ShellContext): void {
  const legacy = ctx.config.deviceId && ctx.config.deviceToken ? { deviceId: ctx.config.deviceId, deviceToken: ctx.config.deviceToken } : null;
  const credentials = createCredentialStore({ safeStorage, fs: { readFileSync: (p) => fs.readFileSync(p), writeFileSync: (p, d, o) => fs.writeFileSync(p, d, o), rmSync: (p, o) => fs.rmSync(p, o) }, file: path.join(app.getPath('userData'), 'device-credential.bin'), legacy });
  const dispatcher = createBridgeDispatcher({ config: ctx.config, appVersion: app.getVersion(), kioskOrigin: ctx.origin, log, credentials });
  const senderInfo = (event: IpcMainInvokeEvent): IpcSenderInfo => {
    const frame = event.senderFrame;
    return {
      frameUrl: frame?.url ?? null,
      isMainFrame: frame !== null && frame.parent === null,
      fromKioskWindow: kioskWindow !== null && !kioskWindow.isDestroyed() && event.sender === kioskWindow.webContents,
    };
  };
  for (const channel of Object.values(KIOSK_BRIDGE_CHANNELS)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => dispatcher.handle(channel, senderInfo(event), args));
  }
}

/** Creates the full-screen kiosk window and keeps it alive (reload on crash, hang or load failure). */
function createKioskWindow(ctx: ShellContext): BrowserWindow {
  const shell = readShellOptions(process.env);
  const win = new BrowserWindow(kioskWindowOptions({ preloadPath: PRELOAD_PATH, windowed: shell.windowed, devTools: shell.devTools }));
  win.removeMenu();
  const contents = win.webContents;
  const backoff = new ReloadBackoff();
  let reloadTimer: NodeJS.Timeout | undefined;
  let unresponsiveTimer: NodeJS.Timeout | undefined;

  const load = (): void => {
    if (win.isDestroyed()) return;
    // A failure also emits did-fail-load, which schedules the retry.
    win.loadURL(ctx.url).catch((error: unknown) => log.warn('kiosk.load.rejected', errorFields(error)));
  };
  const scheduleReload = (reason: string, fields: Record<string, unknown> = {}): void => {
    if (reloadTimer !== undefined || win.isDestroyed()) return;
    const delayMs = backoff.nextDelayMs();
    log.warn('kiosk.reload.scheduled', { reason, delayMs, failures: backoff.failures, ...fields });
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      load();
    }, delayMs);
  };
  const clearUnresponsive = (): void => {
    if (unresponsiveTimer !== undefined) clearTimeout(unresponsiveTimer);
    unresponsiveTimer = undefined;
  };

  contents.on('did-finish-load', () => log.info('kiosk.loaded', { url: urlForLog(contents.getURL()) }));
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (shouldRetryFailedLoad(errorCode, isMainFrame)) scheduleReload('did-fail-load', { errorCode, errorDescription, url: urlForLog(validatedURL) });
  });
  contents.on('render-process-gone', (_event, details) => {
    clearUnresponsive();
    log.error('renderer.gone', { reason: details.reason, exitCode: details.exitCode });
    scheduleReload('render-process-gone', { goneReason: details.reason });
  });
  contents.on('unresponsive', () => {
    log.warn('renderer.unresponsive', { graceMs: UNRESPONSIVE_GRACE_MS });
    if (unresponsiveTimer !== undefined) return;
    unresponsiveTimer = setTimeout(() => {
      unresponsiveTimer = undefined;
      if (win.isDestroyed()) return;
      log.error('renderer.unresponsive.kill', { graceMs: UNRESPONSIVE_GRACE_MS });
      contents.forcefullyCrashRenderer();
      scheduleReload('unresponsive');
    }, UNRESPONSIVE_GRACE_MS);
  });
  contents.on('responsive', () => {
    if (unresponsiveTimer !== undefined) log.info('renderer.responsive', {});
    clearUnresponsive();
  });
  contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined); // no pinch-zoom on the touch screen

  win.on('closed', () => {
    if (reloadTimer !== undefined) clearTimeout(reloadTimer);
    clearUnresponsive();
    if (kioskWindow === win) kioskWindow = null;
  });

  log.info('window.created', { url: ctx.url, windowed: shell.windowed, devTools: shell.devTools });
  load();
  return win;
}

/** Starts the shell once this process holds the single-instance lock. */
function start(): void {
  const config = loadConfigOrExit();
  if (config === null) return;
  const origin = kioskOrigin(config);
  const ctx: ShellContext = { config, origin, url: kioskUrl(config), csp: contentSecurityPolicy(origin, config.rosbridgeUrl) };
  for (const warning of insecureTransportWarnings(config)) log.warn('config.insecure-transport', { warning });

  const hardened = new WeakSet<Session>();
  const harden = (ses: Session): void => {
    if (hardened.has(ses)) return;
    hardened.add(ses);
    hardenSession(ses, ctx);
  };
  app.on('session-created', harden);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, ctx));
  app.on('certificate-error', (_event, _webContents, url, error) => log.warn('certificate.rejected', { url: urlForLog(url), error }));
  app.on('child-process-gone', (_event, details) => log.warn('child-process.gone', { type: details.type, reason: details.reason, exitCode: details.exitCode }));
  app.on('second-instance', () => {
    log.info('instance.second', {});
    if (kioskWindow === null || kioskWindow.isDestroyed()) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  registerIpc(ctx);

  app
    .whenReady()
    .then(() => {
      harden(session.defaultSession);
      Menu.setApplicationMenu(null);
      powerSaveBlocker.start('prevent-display-sleep');
      kioskWindow = createKioskWindow(ctx);
      log.info('app.ready', { version: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome });
    })
    .catch((error: unknown) => {
      log.error('app.start-failed', errorFields(error));
      app.exit(1);
    });
}

app.enableSandbox();
if (app.requestSingleInstanceLock()) {
  start();
} else {
  log.info('instance.duplicate', { action: 'quit' });
  app.quit();
}
