/**
 * Loading the kiosk configuration: a JSON file plus environment overrides, validated
 * with {@link KioskConfigSchema}. Pure functions with injected file system and
 * environment so they can be unit-tested; this module must not import `electron`.
 *
 * Resolution:
 * 1. the file named by `KIOSK_CONFIG`, else `<userData>/kiosk.json`;
 * 2. `KIOSK_ORCHESTRATOR_URL`, `KIOSK_DEVICE_ID`, `KIOSK_DEVICE_TOKEN` and
 *    `KIOSK_ROSBRIDGE_URL` override the file's fields (an empty variable counts as unset);
 * 3. the merged object is parsed; the first problem aborts start-up with a message
 *    naming the field and, for overridden fields, the variable.
 *
 * The default file may be missing when the environment supplies every required
 * field; a file named explicitly by `KIOSK_CONFIG` must exist.
 */
import path from 'node:path';
import { KioskConfigSchema, type KioskConfig } from '../common/bridge.ts';

/** Environment variable naming the config file. */
export const CONFIG_PATH_ENV = 'KIOSK_CONFIG';

/** File name of the default config file inside Electron's `userData` directory. */
export const DEFAULT_CONFIG_FILE_NAME = 'kiosk.json';

/** Environment variables that override a config field, by field. */
export const CONFIG_ENV_OVERRIDES = {
  /** Overrides `orchestratorUrl`. */
  orchestratorUrl: 'KIOSK_ORCHESTRATOR_URL',
  /** Overrides `deviceId`. */
  deviceId: 'KIOSK_DEVICE_ID',
  /** Overrides `deviceToken`. */
  deviceToken: 'KIOSK_DEVICE_TOKEN',
  /** Overrides `rosbridgeUrl`. */
  rosbridgeUrl: 'KIOSK_ROSBRIDGE_URL',
} as const satisfies Partial<Record<keyof KioskConfig, string>>;

/** An environment: variable name to value (like `process.env`). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The file-system function config loading needs; `node:fs` satisfies it. */
export interface ConfigFs {
  /** Reads a UTF-8 text file; throws an error with `code: 'ENOENT'` when it does not exist. */
  readFileSync(filePath: string, encoding: 'utf8'): string;
}

/** Everything {@link loadKioskConfig} reads from. */
export interface ConfigSources {
  /** Environment variables (usually `process.env`). */
  env: Env;
  /** Electron's `app.getPath('userData')`. */
  userDataDir: string;
  /** File system access (usually `node:fs`). */
  fs: ConfigFs;
}

/** Where the config file is and whether it was named explicitly. */
export interface ConfigFileLocation {
  /** Absolute path of the config file. */
  path: string;
  /** `true` when the path came from `KIOSK_CONFIG` (then the file must exist). */
  explicit: boolean;
}

/** Thrown when the kiosk configuration cannot be loaded; the message names the file, field and variable. */
export class KioskConfigError extends Error {
  /** The offending config field (e.g. `deviceToken`), if the problem is a field. */
  readonly field: string | undefined;
  /** The environment variable the offending value came from, if any. */
  readonly variable: string | undefined;

  /** Creates the error; `message` should already name `field` / `variable`. */
  constructor(message: string, field?: string, variable?: string) {
    super(message);
    this.name = 'KioskConfigError';
    this.field = field;
    this.variable = variable;
  }
}

/** Returns the value of `name` in `env`, treating an empty string as unset. */
function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Resolves the config file path: `KIOSK_CONFIG` (relative paths resolved against the working directory) or `<userData>/kiosk.json`. */
export function resolveConfigFile(env: Env, userDataDir: string): ConfigFileLocation {
  const explicitPath = envValue(env, CONFIG_PATH_ENV);
  if (explicitPath !== undefined) return { path: path.resolve(explicitPath), explicit: true };
  return { path: path.join(userDataDir, DEFAULT_CONFIG_FILE_NAME), explicit: false };
}

/**
 * Reads and JSON-parses the config file. Returns `{}` when the default file does not
 * exist; throws {@link KioskConfigError} when an explicit file is missing, the file is
 * unreadable, not JSON, or not a JSON object.
 */
export function readConfigFile(location: ConfigFileLocation, fs: ConfigFs): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(location.path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ENOENT' && !location.explicit) return {};
    const reason = code === 'ENOENT' ? 'file does not exist' : error instanceof Error ? error.message : String(error);
    throw new KioskConfigError(`Cannot read kiosk config file ${location.path}${location.explicit ? ` (from ${CONFIG_PATH_ENV})` : ''}: ${reason}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new KioskConfigError(`Kiosk config file ${location.path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new KioskConfigError(`Kiosk config file ${location.path} must contain a JSON object`);
  }
  return data as Record<string, unknown>;
}

/**
 * Merges `fileData` with the environment overrides and validates the result.
 * `source` describes where `fileData` came from (used in error messages).
 * Throws {@link KioskConfigError} listing every bad field (and the variable it came
 * from, for overridden fields); its `field`/`variable` name the first one.
 */
export function parseKioskConfig(fileData: Readonly<Record<string, unknown>>, env: Env, source = 'kiosk config'): KioskConfig {
  const merged: Record<string, unknown> = { ...fileData };
  const fromEnv = new Map<string, string>();
  for (const [field, variable] of Object.entries(CONFIG_ENV_OVERRIDES)) {
    const value = envValue(env, variable);
    if (value !== undefined) {
      merged[field] = value;
      fromEnv.set(field, variable);
    }
  }
  const result = KioskConfigSchema.safeParse(merged);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map(String);
      const names = keys.map((key) => `"${key}"`).join(', ');
      return { field: keys[0], variable: undefined, text: `unknown field ${names} (allowed: ${Object.keys(KioskConfigSchema.shape).join(', ')})` };
    }
    const field = issue.path.map(String).join('.') || '(root)';
    const variable = fromEnv.get(String(issue.path[0]));
    const origin = variable !== undefined ? ` (from environment variable ${variable})` : '';
    const hint = variable === undefined && issue.message === 'is required' && field in CONFIG_ENV_OVERRIDES ? ` (set it in the file or via ${CONFIG_ENV_OVERRIDES[field as keyof typeof CONFIG_ENV_OVERRIDES]})` : '';
    return { field, variable, text: `${field}${origin} ${issue.message}${hint}` };
  });
  const first = problems[0];
  const lines = problems.map((problem) => problem.text);
  const message = lines.length === 1 ? `Invalid ${source}: ${lines[0]}` : `Invalid ${source}:\n${lines.map((line) => `  - ${line}`).join('\n')}`;
  throw new KioskConfigError(message, first?.field, first?.variable);
}

/**
 * Loads the kiosk configuration from the config file and the environment; see the
 * module comment for the resolution order. Throws {@link KioskConfigError} on the
 * first problem, so the shell fails fast at start-up.
 */
export function loadKioskConfig(sources: ConfigSources): KioskConfig {
  const location = resolveConfigFile(sources.env, sources.userDataDir);
  const fileData = readConfigFile(location, sources.fs);
  return parseKioskConfig(fileData, sources.env, `kiosk config (${location.path} + environment)`);
}

/** Developer switches of the shell, read from the environment; all off by default. */
export interface ShellOptions {
  /** `KIOSK_DEVTOOLS=1`: allow DevTools in the kiosk window. */
  devTools: boolean;
  /** `KIOSK_WINDOWED=1`: a normal window instead of full-screen kiosk mode. */
  windowed: boolean;
}

/** Reads {@link ShellOptions} from `env`; only the value `1` or `true` switches an option on. */
export function readShellOptions(env: Env): ShellOptions {
  const on = (name: string): boolean => ['1', 'true'].includes((env[name] ?? '').toLowerCase());
  return { devTools: on('KIOSK_DEVTOOLS'), windowed: on('KIOSK_WINDOWED') };
}
