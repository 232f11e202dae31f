import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  insecureTransportWarnings,
  isLoopbackHost,
  isNavigationAllowed,
  isPermissionAllowed,
  isTrustedIpcSender,
  kioskOrigin,
  kioskUrl,
  originOf,
  secureWebPreferences,
  urlForLog,
  webSocketOriginOf,
  withContentSecurityPolicy,
} from './security.ts';
import { kioskWindowOptions } from './window.ts';

const ORIGIN = 'https://orchestrator.example';
const config = { orchestratorUrl: ORIGIN, rosbridgeUrl: 'ws://127.0.0.1:9090' };

describe('kioskOrigin / kioskUrl', () => {
  it('derive the origin and the /kiosk/ URL from the orchestrator URL', () => {
    expect(kioskOrigin(config)).toBe(ORIGIN);
    expect(kioskUrl(config)).toBe('https://orchestrator.example/kiosk/');
    expect(kioskOrigin({ orchestratorUrl: 'http://localhost:3000' })).toBe('http://localhost:3000');
    expect(kioskUrl({ orchestratorUrl: 'http://localhost:3000' })).toBe('http://localhost:3000/kiosk/');
  });

  it('originOf returns null for opaque or invalid URLs', () => {
    expect(originOf('https://orchestrator.example/kiosk/?x#y')).toBe(ORIGIN);
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    expect(originOf('')).toBeNull();
    expect(originOf(undefined)).toBeNull();
  });
});

describe('isPermissionAllowed', () => {
  it('grants camera and microphone to the kiosk origin', () => {
    expect(isPermissionAllowed('media', ORIGIN, ORIGIN)).toBe(true);
    expect(isPermissionAllowed('media', 'https://orchestrator.example/kiosk/', ORIGIN, { mediaTypes: ['video', 'audio'], isMainFrame: true })).toBe(true);
    expect(isPermissionAllowed('media', ORIGIN, ORIGIN, { mediaTypes: ['video'], securityOrigin: 'https://orchestrator.example/' })).toBe(true);
    expect(isPermissionAllowed('media', ORIGIN, ORIGIN, { mediaTypes: [] })).toBe(true);
  });

  it('grants fullscreen to the kiosk origin', () => {
    expect(isPermissionAllowed('fullscreen', ORIGIN, ORIGIN)).toBe(true);
  });

  it('denies camera and microphone to any other origin', () => {
    for (const other of [
      'https://evil.example',
      'https://orchestrator.example.evil.example',
      'http://orchestrator.example',
      'https://orchestrator.example:8443',
      'null',
      '',
      'file:///',
    ]) {
      expect(isPermissionAllowed('media', other, ORIGIN), other).toBe(false);
      expect(isPermissionAllowed('fullscreen', other, ORIGIN), other).toBe(false);
    }
    expect(isPermissionAllowed('media', undefined, ORIGIN)).toBe(false);
  });

  it('denies media when the security origin differs, types are unexpected, or a sub-frame asks', () => {
    expect(isPermissionAllowed('media', ORIGIN, ORIGIN, { securityOrigin: 'https://evil.example' })).toBe(false);
    expect(isPermissionAllowed('media', ORIGIN, ORIGIN, { mediaTypes: ['video', 'screen'] })).toBe(false);
    expect(isPermissionAllowed('media', ORIGIN, ORIGIN, { isMainFrame: false })).toBe(false);
  });

  it('denies every other permission, even to the kiosk origin', () => {
    for (const permission of [
      'display-capture',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'midi',
      'midiSysex',
      'hid',
      'serial',
      'usb',
      'pointerLock',
      'keyboardLock',
      'idle-detection',
      'screen-wake-lock',
      'window-management',
      'fileSystem',
      'storage-access',
      'unknown',
      '',
    ]) {
      expect(isPermissionAllowed(permission, ORIGIN, ORIGIN), permission).toBe(false);
    }
  });
});

describe('isNavigationAllowed', () => {
  it('allows the kiosk app under /kiosk/ on the kiosk origin', () => {
    expect(isNavigationAllowed('https://orchestrator.example/kiosk/', ORIGIN)).toBe(true);
    expect(isNavigationAllowed('https://orchestrator.example/kiosk/session/42?lang=ja#top', ORIGIN)).toBe(true);
    expect(isNavigationAllowed('https://ORCHESTRATOR.example:443/kiosk/', ORIGIN)).toBe(true);
  });

  it('refuses other paths of the orchestrator', () => {
    expect(isNavigationAllowed('https://orchestrator.example/', ORIGIN)).toBe(false);
    expect(isNavigationAllowed('https://orchestrator.example/console/', ORIGIN)).toBe(false);
    expect(isNavigationAllowed('https://orchestrator.example/kiosk', ORIGIN)).toBe(false);
    expect(isNavigationAllowed('https://orchestrator.example/kiosk-admin/', ORIGIN)).toBe(false);
    expect(isNavigationAllowed('https://orchestrator.example/kiosk/../console/', ORIGIN)).toBe(false);
    expect(isNavigationAllowed('https://orchestrator.example/kiosk/%2e%2e/console/', ORIGIN)).toBe(false);
  });

  it('refuses other origins, schemes and malformed URLs', () => {
    for (const url of [
      'https://evil.example/kiosk/',
      'https://orchestrator.example.evil.example/kiosk/',
      'https://orchestrator.example@evil.example/kiosk/',
      'https://user:pw@orchestrator.example/kiosk/',
      'http://orchestrator.example/kiosk/',
      'https://orchestrator.example:8443/kiosk/',
      'file:///kiosk/',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'about:blank',
      'chrome://settings',
      'not a url',
      '',
    ]) {
      expect(isNavigationAllowed(url, ORIGIN), url).toBe(false);
    }
  });
});

describe('isTrustedIpcSender', () => {
  const trusted = { frameUrl: 'https://orchestrator.example/kiosk/', isMainFrame: true, fromKioskWindow: true };

  it('trusts only the kiosk window main frame on the kiosk app', () => {
    expect(isTrustedIpcSender(trusted, ORIGIN)).toBe(true);
    expect(isTrustedIpcSender({ ...trusted, fromKioskWindow: false }, ORIGIN)).toBe(false);
    expect(isTrustedIpcSender({ ...trusted, isMainFrame: false }, ORIGIN)).toBe(false);
    expect(isTrustedIpcSender({ ...trusted, frameUrl: null }, ORIGIN)).toBe(false);
    expect(isTrustedIpcSender({ ...trusted, frameUrl: 'https://evil.example/kiosk/' }, ORIGIN)).toBe(false);
    expect(isTrustedIpcSender({ ...trusted, frameUrl: 'https://orchestrator.example/console/' }, ORIGIN)).toBe(false);
    expect(isTrustedIpcSender({ ...trusted, frameUrl: 'chrome-error://chromewebdata/' }, ORIGIN)).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  /** Parses a CSP string into directive -> sources. */
  function directives(csp: string): Map<string, string[]> {
    return new Map(
      csp.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name!, values];
      }),
    );
  }

  it('is restrictive and allows exactly what the kiosk needs', () => {
    const csp = contentSecurityPolicy(ORIGIN, 'ws://127.0.0.1:9090');
    const d = directives(csp);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('connect-src')).toEqual(["'self'", ORIGIN, 'wss://orchestrator.example', 'ws://127.0.0.1:9090']);
    expect(d.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp).not.toMatch(/(^|\s)\*(\s|;|$)/);
  });

  it('uses ws: for a plain-http orchestrator and the rosbridge origin only', () => {
    const d = directives(contentSecurityPolicy('http://localhost:3000', 'wss://robot.local:9443/some/path'));
    expect(d.get('connect-src')).toEqual(["'self'", 'http://localhost:3000', 'ws://localhost:3000', 'wss://robot.local:9443']);
  });

  it('webSocketOriginOf maps http(s) to ws(s)', () => {
    expect(webSocketOriginOf('https://a.example')).toBe('wss://a.example');
    expect(webSocketOriginOf('http://a.example:8080')).toBe('ws://a.example:8080');
  });
});

describe('withContentSecurityPolicy', () => {
  const csp = "default-src 'self'";

  it('adds the policy to document responses', () => {
    expect(withContentSecurityPolicy({ 'content-type': ['text/html'] }, 'mainFrame', csp)).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [csp] });
    expect(withContentSecurityPolicy(undefined, 'subFrame', csp)).toEqual({ 'Content-Security-Policy': [csp] });
  });

  it('keeps a policy the server sent (both are enforced)', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': "script-src 'self'", Other: 'x' }, 'mainFrame', csp);
    expect(headers).toEqual({ Other: 'x', 'Content-Security-Policy': ["script-src 'self'", csp] });
  });

  it('leaves non-document responses alone', () => {
    const original = { 'content-type': ['image/png'] };
    expect(withContentSecurityPolicy(original, 'image', csp)).toEqual(original);
    expect(withContentSecurityPolicy(original, 'xhr', csp)).not.toHaveProperty('Content-Security-Policy');
  });
});

describe('secureWebPreferences', () => {
  it('follows the Electron security checklist', () => {
    const prefs = secureWebPreferences('/app/dist/preload/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
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
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(secureWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });

  it('is what the kiosk window uses', () => {
    const options = kioskWindowOptions({ preloadPath: '/p.cjs', windowed: false, devTools: false });
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(kioskWindowOptions({ preloadPath: '/p.cjs', windowed: true, devTools: true })).toMatchObject({ kiosk: false, fullscreen: false, webPreferences: { devTools: true, sandbox: true } });
  });
});

describe('insecureTransportWarnings', () => {
  it('warns about plain http/ws to other machines only', () => {
    expect(insecureTransportWarnings({ orchestratorUrl: 'https://o.example', rosbridgeUrl: 'ws://127.0.0.1:9090' })).toEqual([]);
    expect(insecureTransportWarnings({ orchestratorUrl: 'http://localhost:3000', rosbridgeUrl: 'ws://localhost:9090' })).toEqual([]);
    const warnings = insecureTransportWarnings({ orchestratorUrl: 'http://o.example', rosbridgeUrl: 'ws://10.0.0.5:9090' });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('orchestratorUrl');
    expect(warnings[1]).toContain('rosbridgeUrl');
  });

  it('isLoopbackHost recognises loopback names and addresses', () => {
    for (const host of ['localhost', 'kiosk.localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['10.0.0.1', 'localhost.evil.example', '128.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('urlForLog', () => {
  it('drops query, fragment and credentials', () => {
    expect(urlForLog('https://u:p@o.example/kiosk/?token=secret#x')).toBe('https://o.example/kiosk/');
    expect(urlForLog('data:text/html,secret')).toBe('data:');
    expect(urlForLog('nope')).toBe('<invalid url>');
  });
});
