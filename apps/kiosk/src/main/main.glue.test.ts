/**
 * Wiring test of main.ts against a fake `electron` module (the Electron binary is not
 * needed): checks that the pure policies are actually hooked into the right Electron
 * handlers. The policies themselves are tested in the other *.test.ts files.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KIOSK_BRIDGE_CHANNELS } from '../common/channels.ts';

type Handler = (...args: any[]) => any;

/** State of the fake electron module, recreated for every test. */
interface FakeElectron {
  lock: boolean;
  quit: ReturnType<typeof vi.fn>;
  exit: ReturnType<typeof vi.fn>;
  app: EventEmitter & { enableSandbox: ReturnType<typeof vi.fn> };
  windows: FakeWindow[];
  ipcHandlers: Map<string, Handler>;
  session: FakeSession;
  menu: unknown[];
  powerSave: string[];
  module: Record<string, unknown>;
}

/** Fake session recording its handlers. */
class FakeSession extends EventEmitter {
  permissionRequest?: Handler;
  permissionCheck?: Handler;
  devicePermission?: Handler;
  headersReceived?: Handler;
  setPermissionRequestHandler(handler: Handler) {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: Handler) {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: Handler) {
    this.devicePermission = handler;
  }
  webRequest = {
    onHeadersReceived: (handler: Handler) => {
      this.headersReceived = handler;
    },
  };
}

/** Fake web contents: an event emitter with the methods main.ts calls. */
class FakeWebContents extends EventEmitter {
  windowOpenHandler?: Handler;
  crashed = 0;
  url = '';
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
  forcefullyCrashRenderer() {
    this.crashed += 1;
  }
  getURL() {
    return this.url;
  }
  setVisualZoomLevelLimits() {
    return Promise.resolve();
  }
}

/** Fake BrowserWindow. */
class FakeWindow extends EventEmitter {
  webContents = new FakeWebContents();
  loads: string[] = [];
  menuRemoved = false;
  focused = 0;
  constructor(
    readonly options: Record<string, any>,
    private readonly fake: FakeElectron,
  ) {
    super();
    fake.windows.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string) {
    this.loads.push(url);
    this.webContents.url = url;
    return Promise.resolve();
  }
  removeMenu() {
    this.menuRemoved = true;
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {
    this.focused += 1;
  }
}

function createFakeElectron(userDataDir: string): FakeElectron {
  const fake = { lock: true, windows: [], ipcHandlers: new Map(), menu: [], powerSave: [] } as unknown as FakeElectron;
  fake.quit = vi.fn();
  fake.exit = vi.fn();
  fake.session = new FakeSession();
  const app = Object.assign(new EventEmitter(), {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: () => fake.lock,
    quit: fake.quit,
    exit: fake.exit,
    getPath: (name: string) => (name === 'userData' ? userDataDir : '/nonexistent'),
    getVersion: () => '0.1.0',
    whenReady: () => Promise.resolve(),
  });
  fake.app = app;
  fake.module = {
    app,
    BrowserWindow: class extends FakeWindow {
      constructor(options: Record<string, any>) {
        super(options, fake);
      }
    },
    ipcMain: { handle: (channel: string, handler: Handler) => fake.ipcHandlers.set(channel, handler) },
    Menu: { setApplicationMenu: (menu: unknown) => fake.menu.push(menu) },
    powerSaveBlocker: { start: (type: string) => fake.powerSave.push(type) },
    session: { defaultSession: fake.session },
    // The OS keychain the device credential is encrypted with (credentials.ts); reversible here.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(`enc:${plain}`),
      decryptString: (data: Buffer) => data.toString().replace(/^enc:/, ''),
    },
  };
  return fake;
}

let fake: FakeElectron;
let output: string[];
const envBackup = { ...process.env };
let listenerBackup: Map<string, Function[]>;
let streamListenerBackup: Array<[NodeJS.WriteStream, Function[]]>;

/** Imports main.ts afresh against the fake electron and lets `whenReady` resolve. */
async function startMain(): Promise<void> {
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  await import('./main.ts');
  await new Promise((resolve) => setImmediate(resolve));
}

/** The structured log events written so far. */
function events(): string[] {
  return output.map((line) => JSON.parse(line).event as string);
}

beforeEach(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-glue-'));
  writeFileSync(
    path.join(dir, 'kiosk.json'),
    JSON.stringify({ orchestratorUrl: 'https://orchestrator.example', deviceId: 'lobby-1', deviceToken: 'token-0123456789abcdef' }),
  );
  for (const name of Object.keys(process.env)) if (name.startsWith('KIOSK_')) delete process.env[name];
  fake = createFakeElectron(dir);
  output = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    output.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture as never);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture as never);
  streamListenerBackup = [process.stdout, process.stderr].map((stream) => [stream, stream.listeners('error')]);
  listenerBackup = new Map(['uncaughtException', 'unhandledRejection'].map((event) => [event, process.listeners(event as 'uncaughtException')]));
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  vi.doUnmock('electron');
  process.env = { ...envBackup };
  for (const [stream, listeners] of streamListenerBackup) {
    for (const listener of stream.listeners('error')) if (!listeners.includes(listener)) stream.off('error', listener as never);
  }
  for (const [event, listeners] of listenerBackup) {
    for (const listener of process.listeners(event as 'uncaughtException')) {
      if (!listeners.includes(listener)) process.off(event, listener as never);
    }
  }
});

describe('main.ts wiring', () => {
  it('quits without a window when another instance holds the lock', async () => {
    fake.lock = false;
    await startMain();
    expect(fake.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(events()).toContain('instance.duplicate');
  });

  it('exits with status 1 and names the bad field when the config is invalid', async () => {
    process.env.KIOSK_DEVICE_TOKEN = 'short';
    await startMain();
    expect(fake.exit).toHaveBeenCalledWith(1);
    expect(fake.windows).toHaveLength(0);
    const line = output.map((text) => JSON.parse(text)).find((entry) => entry.event === 'config.invalid');
    expect(line).toMatchObject({ level: 'error', field: 'deviceToken', variable: 'KIOSK_DEVICE_TOKEN' });
  });

  it('opens one hardened kiosk window on ${orchestratorUrl}/kiosk/', async () => {
    await startMain();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(1);
    const [win] = fake.windows;
    expect(win!.options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
    expect(win!.options.webPreferences.preload).toMatch(/preload[\\/]preload\.cjs$/);
    expect(win!.menuRemoved).toBe(true);
    expect(fake.menu).toEqual([null]);
    expect(fake.powerSave).toEqual(['prevent-display-sleep']);
    expect(win!.loads).toEqual(['https://orchestrator.example/kiosk/']);
    const logged = output.join('\n');
    expect(logged).toContain('"config.loaded"');
    expect(logged).not.toContain('token-0123456789abcdef');
  });

  it('focuses the existing window on a second instance', async () => {
    await startMain();
    fake.app.emit('second-instance');
    expect(fake.windows[0]!.focused).toBe(1);
  });

  it('hooks the permission policy into the session', async () => {
    await startMain();
    const request = (permission: string, details: Record<string, unknown>): boolean => {
      let granted: boolean | undefined;
      fake.session.permissionRequest!({}, permission, (value: boolean) => (granted = value), details);
      return granted!;
    };
    expect(request('media', { requestingUrl: 'https://orchestrator.example/kiosk/', isMainFrame: true, mediaTypes: ['video', 'audio'] })).toBe(true);
    expect(request('media', { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(request('geolocation', { requestingUrl: 'https://orchestrator.example/kiosk/', isMainFrame: true })).toBe(false);
    expect(fake.session.permissionCheck!({}, 'media', 'https://orchestrator.example', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(fake.session.permissionCheck!({}, 'notifications', 'https://orchestrator.example', { isMainFrame: true })).toBe(false);
    expect(fake.session.devicePermission!({})).toBe(false);
  });

  it('injects the CSP header into documents and blocks downloads', async () => {
    await startMain();
    let response: any;
    fake.session.headersReceived!({ resourceType: 'mainFrame', responseHeaders: { 'content-type': ['text/html'] } }, (value: unknown) => (response = value));
    expect(response.responseHeaders['Content-Security-Policy'][0]).toContain("default-src 'self'");
    expect(response.responseHeaders['Content-Security-Policy'][0]).toContain('ws://127.0.0.1:9090');
    const download = { preventDefault: vi.fn() };
    fake.session.emit('will-download', download, { getURL: () => 'https://evil.example/x.exe' });
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('blocks foreign navigation, new windows and webviews', async () => {
    await startMain();
    const contents = fake.windows[0]!.webContents;
    const navigate = (name: string, url: string, isMainFrame = true): boolean => {
      const event = { url, isMainFrame, preventDefault: vi.fn() };
      contents.emit(name, event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'https://orchestrator.example/kiosk/session')).toBe(false);
    expect(navigate('will-redirect', 'https://orchestrator.example/console/')).toBe(true);
    expect(navigate('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://orchestrator.example/kiosk/' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('registers validated IPC handlers that check the sender frame', async () => {
    await startMain();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(KIOSK_BRIDGE_CHANNELS).sort());
    const contents = fake.windows[0]!.webContents;
    const event = (url: string, sender: unknown = contents) => ({ sender, senderFrame: { url, parent: null } });
    const getConfig = fake.ipcHandlers.get(KIOSK_BRIDGE_CHANNELS.getConfig)!;
    await expect(getConfig(event('https://orchestrator.example/kiosk/'))).resolves.toMatchObject({ deviceId: 'lobby-1' });
    await expect(getConfig(event('https://evil.example/kiosk/'))).rejects.toThrow(/refused/);
    await expect(getConfig(event('https://orchestrator.example/kiosk/', new FakeWebContents()))).rejects.toThrow(/refused/);
    const report = fake.ipcHandlers.get(KIOSK_BRIDGE_CHANNELS.reportRendererProblem)!;
    await expect(report(event('https://orchestrator.example/kiosk/'), { key: 'k', severity: 'bad', message: '' })).rejects.toThrow(/problem\.severity/);
    await expect(fake.ipcHandlers.get(KIOSK_BRIDGE_CHANNELS.getAppVersion)!(event('https://orchestrator.example/kiosk/'))).resolves.toBe('0.1.0');
  });

  it('reloads after a renderer crash, a hang or a failed load, with backoff', async () => {
    await startMain();
    vi.useFakeTimers();
    const win = fake.windows[0]!;
    const contents = win.webContents;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 }); // already scheduled: no second timer
    await vi.advanceTimersByTimeAsync(1_000);
    expect(win.loads).toHaveLength(2);

    contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'https://orchestrator.example/kiosk/', true);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(win.loads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(win.loads).toHaveLength(3);
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'https://orchestrator.example/kiosk/', true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(win.loads).toHaveLength(3);

    contents.emit('unresponsive');
    contents.emit('responsive');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(contents.crashed).toBe(0);
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(contents.crashed).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(win.loads).toHaveLength(4);
    expect(events()).toEqual(expect.arrayContaining(['renderer.gone', 'kiosk.reload.scheduled', 'renderer.unresponsive', 'renderer.unresponsive.kill']));
  });
});
