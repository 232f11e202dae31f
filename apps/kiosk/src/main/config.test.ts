import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskConfigError, loadKioskConfig, parseKioskConfig, readShellOptions, resolveConfigFile, type ConfigFs, type Env } from './config.ts';

const USER_DATA = '/var/lib/kiosk-user-data';
const DEFAULT_PATH = path.join(USER_DATA, 'kiosk.json');

const fileConfig = {
  orchestratorUrl: 'https://orchestrator.example',
  deviceId: 'lobby-1',
  deviceToken: 'file-token-0123456789',
  defaultLocale: 'es',
};

/** An in-memory file system; `files` maps absolute paths to contents. */
function memoryFs(files: Record<string, string>): ConfigFs {
  return {
    readFileSync(filePath) {
      const content = files[filePath];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${filePath}'`), { code: 'ENOENT' });
      return content;
    },
  };
}

/** Runs loadKioskConfig and returns the KioskConfigError it throws. */
function loadError(env: Env, files: Record<string, string>): KioskConfigError {
  try {
    loadKioskConfig({ env, userDataDir: USER_DATA, fs: memoryFs(files) });
  } catch (error) {
    expect(error).toBeInstanceOf(KioskConfigError);
    return error as KioskConfigError;
  }
  throw new Error('expected loadKioskConfig to throw');
}

describe('resolveConfigFile', () => {
  it('defaults to <userData>/kiosk.json', () => {
    expect(resolveConfigFile({}, USER_DATA)).toEqual({ path: DEFAULT_PATH, explicit: false });
    expect(resolveConfigFile({ KIOSK_CONFIG: '' }, USER_DATA)).toEqual({ path: DEFAULT_PATH, explicit: false });
  });

  it('uses KIOSK_CONFIG, resolved to an absolute path', () => {
    expect(resolveConfigFile({ KIOSK_CONFIG: '/etc/telekiosk/kiosk.json' }, USER_DATA)).toEqual({ path: '/etc/telekiosk/kiosk.json', explicit: true });
    expect(resolveConfigFile({ KIOSK_CONFIG: 'conf/kiosk.json' }, USER_DATA).path).toBe(path.resolve('conf/kiosk.json'));
  });
});

describe('loadKioskConfig', () => {
  it('loads the default file and applies defaults', () => {
    const config = loadKioskConfig({ env: {}, userDataDir: USER_DATA, fs: memoryFs({ [DEFAULT_PATH]: JSON.stringify(fileConfig) }) });
    expect(config).toEqual({ ...fileConfig, rosbridgeUrl: 'ws://127.0.0.1:9090', idleResetMs: 90_000 });
  });

  it('loads the file named by KIOSK_CONFIG', () => {
    const config = loadKioskConfig({
      env: { KIOSK_CONFIG: '/etc/telekiosk/kiosk.json' },
      userDataDir: USER_DATA,
      fs: memoryFs({ '/etc/telekiosk/kiosk.json': JSON.stringify({ ...fileConfig, deviceId: 'etc-kiosk' }), [DEFAULT_PATH]: JSON.stringify(fileConfig) }),
    });
    expect(config.deviceId).toBe('etc-kiosk');
  });

  it('lets environment variables override file fields', () => {
    const env: Env = {
      KIOSK_ORCHESTRATOR_URL: 'http://localhost:3000/',
      KIOSK_DEVICE_ID: 'env-kiosk',
      KIOSK_DEVICE_TOKEN: 'env-token-abcdefghijkl',
      KIOSK_ROSBRIDGE_URL: 'wss://robot.local:9090',
    };
    const config = loadKioskConfig({ env, userDataDir: USER_DATA, fs: memoryFs({ [DEFAULT_PATH]: JSON.stringify(fileConfig) }) });
    expect(config).toEqual({
      orchestratorUrl: 'http://localhost:3000',
      deviceId: 'env-kiosk',
      deviceToken: 'env-token-abcdefghijkl',
      rosbridgeUrl: 'wss://robot.local:9090',
      defaultLocale: 'es',
      idleResetMs: 90_000,
    });
  });

  it('treats empty environment variables as unset', () => {
    const config = loadKioskConfig({ env: { KIOSK_DEVICE_ID: '' }, userDataDir: USER_DATA, fs: memoryFs({ [DEFAULT_PATH]: JSON.stringify(fileConfig) }) });
    expect(config.deviceId).toBe('lobby-1');
  });

  it('works from the environment alone when the default file is missing', () => {
    const env: Env = { KIOSK_ORCHESTRATOR_URL: 'https://o.example', KIOSK_DEVICE_ID: 'k1', KIOSK_DEVICE_TOKEN: 'env-token-abcdefghijkl' };
    expect(loadKioskConfig({ env, userDataDir: USER_DATA, fs: memoryFs({}) }).orchestratorUrl).toBe('https://o.example');
  });

  it('names the missing field, the file and the variable that could supply it', () => {
    const error = loadError({}, {});
    expect(error.field).toBe('orchestratorUrl');
    expect(error.message).toContain(DEFAULT_PATH);
    expect(error.message).toContain('orchestratorUrl is required (set it in the file or via KIOSK_ORCHESTRATOR_URL)');
    // Kiosks enrol with a one-time code: a device id and token in the file are optional (legacy).
    expect(error.message).not.toContain('deviceId');
    expect(error.message).not.toContain('deviceToken');
  });

  it('names a bad field from the file', () => {
    const error = loadError({}, { [DEFAULT_PATH]: JSON.stringify({ ...fileConfig, deviceId: 'bad id!' }) });
    expect(error.field).toBe('deviceId');
    expect(error.variable).toBeUndefined();
    expect(error.message).toMatch(/: deviceId may contain only letters/);
  });

  it('names the environment variable a bad value came from', () => {
    const error = loadError({ KIOSK_ROSBRIDGE_URL: 'http://127.0.0.1:9090' }, { [DEFAULT_PATH]: JSON.stringify(fileConfig) });
    expect(error.field).toBe('rosbridgeUrl');
    expect(error.variable).toBe('KIOSK_ROSBRIDGE_URL');
    expect(error.message).toContain('rosbridgeUrl (from environment variable KIOSK_ROSBRIDGE_URL) must be a ws(s) URL');

    const tokenError = loadError({ KIOSK_DEVICE_TOKEN: 'short' }, { [DEFAULT_PATH]: JSON.stringify(fileConfig) });
    expect(tokenError.variable).toBe('KIOSK_DEVICE_TOKEN');
    expect(tokenError.message).toContain('deviceToken (from environment variable KIOSK_DEVICE_TOKEN) must be at least 16 characters');
    expect(tokenError.message).not.toContain('short'); // the (bad) secret itself is never echoed
  });

  it('rejects unknown keys in the file', () => {
    const error = loadError({}, { [DEFAULT_PATH]: JSON.stringify({ ...fileConfig, orchestratorURL: 'https://typo.example' }) });
    expect(error.field).toBe('orchestratorURL');
    expect(error.message).toContain('unknown field "orchestratorURL"');
  });

  it('fails when KIOSK_CONFIG names a missing file', () => {
    const error = loadError({ KIOSK_CONFIG: '/etc/telekiosk/missing.json' }, {});
    expect(error.message).toBe('Cannot read kiosk config file /etc/telekiosk/missing.json (from KIOSK_CONFIG): file does not exist');
  });

  it('fails on unreadable files, invalid JSON and non-object JSON', () => {
    const unreadable: ConfigFs = {
      readFileSync() {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    expect(() => loadKioskConfig({ env: {}, userDataDir: USER_DATA, fs: unreadable })).toThrow(/Cannot read kiosk config file .*EACCES/);
    expect(loadError({}, { [DEFAULT_PATH]: '{ "orchestratorUrl": ' }).message).toContain('is not valid JSON');
    expect(loadError({}, { [DEFAULT_PATH]: '[1, 2]' }).message).toContain('must contain a JSON object');
    expect(loadError({}, { [DEFAULT_PATH]: 'null' }).message).toContain('must contain a JSON object');
  });
});

describe('parseKioskConfig', () => {
  it('does not mutate its input', () => {
    const data = { ...fileConfig };
    parseKioskConfig(data, { KIOSK_DEVICE_ID: 'other' });
    expect(data).toEqual(fileConfig);
  });
});

describe('readShellOptions', () => {
  it('is all off by default and switched on only by 1/true', () => {
    expect(readShellOptions({})).toEqual({ devTools: false, windowed: false });
    expect(readShellOptions({ KIOSK_DEVTOOLS: '1', KIOSK_WINDOWED: 'TRUE' })).toEqual({ devTools: true, windowed: true });
    expect(readShellOptions({ KIOSK_DEVTOOLS: 'yes', KIOSK_WINDOWED: '0' })).toEqual({ devTools: false, windowed: false });
  });
});
