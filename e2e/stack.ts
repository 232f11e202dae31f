import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A running product started the way a user starts it (`scripts/start.ts`), on free ports. */
export interface Stack {
  baseUrl: string;
  kioskUrl: string;
  consoleUrl: string;
  output: () => string;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..');

/** The robot simulator alone (`npm run sim`), so a test can switch scenarios and stop it. */
export interface Sim {
  url: string;
  /** Switches a scenario through the CLI's stdin (e.g. `lowBattery`, `nominal`). */
  scenario(name: string): void;
  stop(): Promise<void>;
}

export async function startSim(): Promise<Sim> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['hardware/src/cli.ts', '--port', '0'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`simulator did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /listening on (ws:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    });
    child.once('exit', (code) => rej(new Error(`simulator exited with ${code}:\n${out}`)));
  });
  return {
    url,
    scenario: (name) => child.stdin!.write(`${name}\n`),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts orchestrator + simulator with a fresh PGlite data folder and waits for the URLs. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'tk-e2e-'));
  const child: ChildProcess = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', SIM_PORT: '0', DATA_DIR: join(dataRoot, 'pglite'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const urls = await new Promise<{ kiosk: string; console: string }>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`stack did not start within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const k = /Kiosk:\s+(\S+)/.exec(out);
      const c = /Console:\s+(\S+)/.exec(out);
      if (k && c) {
        clearTimeout(timer);
        res({ kiosk: k[1]!, console: c[1]! });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => rej(new Error(`stack exited with ${code}:\n${out}`)));
  });
  return {
    baseUrl: new URL(urls.console).origin,
    kioskUrl: urls.kiosk,
    consoleUrl: urls.console,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}
