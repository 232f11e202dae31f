import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A running product started the way a user starts it (`scripts/start.ts`), on free ports. */
export interface Stack {
  baseUrl: string;
  /** The kiosk page without credentials (`#rosbridge=...`); open it with {@link openKiosk}. */
  kioskUrl: string;
  /** The one-time enrolment URL the start script printed (`#enrol=<code>&rosbridge=...`). */
  enrolUrl: string;
  /**
   * Opens the kiosk as the demo device: enrols once with the printed one-time code (over HTTP,
   * like the kiosk's enrolment screen) and gives each page the credential in its localStorage,
   * where the kiosk keeps it in a plain browser.
   */
  openKiosk(page: Page, hash?: string): Promise<void>;
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

/** How long {@link startStack} waits for the start script to print its URLs (ms). */
const STACK_START_MS = 150_000;

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
    // Start-up takes ~10 s on an idle 2-core machine and was seen at ~60 s with the other core
    // busy (tsx transpiling, PGlite, migrations, demo password hashing): wait up to 150 s, and
    // never leave a stack that missed the deadline running.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`stack did not start within ${STACK_START_MS / 1000} s:\n${out}`));
    }, STACK_START_MS);
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
  const baseUrl = new URL(urls.console).origin;
  const enrolUrl = urls.kiosk;
  const kioskUrl = enrolUrl.replace(/([#&])enrol=[^&]*&?/, '$1').replace(/[#&]$/, '');
  const code = /[#&]enrol=([^&]+)/.exec(enrolUrl)?.[1];
  let credential: Promise<{ deviceId: string; deviceToken: string }> | null = null;
  return {
    baseUrl,
    kioskUrl,
    enrolUrl,
    async openKiosk(page, hash) {
      credential ??= (async () => {
        if (!code) throw new Error(`no enrolment code in ${enrolUrl}`);
        const res = await fetch(`${baseUrl}/api/devices/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: decodeURIComponent(code) }) });
        if (!res.ok) throw new Error(`enrolment failed: ${res.status} ${await res.text()}`);
        return (await res.json()) as { deviceId: string; deviceToken: string };
      })();
      const c = await credential;
      await page.addInitScript((value) => window.localStorage.setItem('telekiosk.kiosk.credential', value), JSON.stringify(c));
      await page.goto(hash === undefined ? kioskUrl : `${kioskUrl.split('#')[0]}#${hash}`);
    },
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

/**
 * Opens a new browser context (1440x1000) on the console and signs in as a demo user (password
 * `harbor-demo`); a page error fails the test.
 */
export async function signInConsole(browser: Browser, consoleUrl: string, username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => {
    throw new Error(`${username}: ${e.message}`);
  });
  await page.goto(consoleUrl);
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill('harbor-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

/**
 * Closes every browser context a test opened (kiosks, consoles). The browser is shared by the
 * tests of a worker: a kiosk page left open keeps its fake camera, its WebRTC transports and its
 * reconnection attempts running after its stack has stopped, and slowed every later test (the
 * kiosk screen checks took 4.7 min instead of 0.5 min after three files had left theirs open).
 * Use as `test.afterEach(({ browser }) => closeContexts(browser))`.
 */
export async function closeContexts(browser: Browser): Promise<void> {
  await Promise.all(browser.contexts().map((ctx) => ctx.close()));
}
