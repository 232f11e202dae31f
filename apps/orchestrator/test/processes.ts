import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Real processes for fault tests: the orchestrator started as users start it
 * (`apps/orchestrator/src/main.ts`), killable with SIGKILL and restartable on the same port and
 * data; and a throwaway PostgreSQL cluster on its own port that a test can stop and start.
 */

const ROOT = resolve(import.meta.dirname, '../../..');

/** A free TCP port on 127.0.0.1 (closed again at once; the caller binds it soon after). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** An orchestrator in its own process. */
export interface OrchestratorProcess {
  url: string;
  port: number;
  pid: number;
  /** The demo device's credentials (written by the seed into the data folder). */
  demo: { deviceId: string; deviceToken: string };
  output(): string;
  /** SIGKILL: no shutdown code runs (a crash). Resolves when the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

/**
 * Starts the orchestrator on `port` with `dataRoot` (PGlite in `dataRoot/pglite` unless
 * `DATABASE_URL` is given; the demo credentials file sits in `dataRoot`) and waits until it
 * listens (generous timeout for a busy machine).
 */
/** Orchestrator processes this test process started and that still run: killed when it exits, even after a timed-out test. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startOrchestratorProcess(opts: { port: number; dataRoot: string; env?: Record<string, string> }): Promise<OrchestratorProcess> {
  // Node itself with tsx as a loader (not the tsx CLI, which would run node as a grandchild that
  // a SIGKILL of its parent leaves running): the pid is the orchestrator's.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/orchestrator/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(opts.port), HOST: '127.0.0.1', DATA_DIR: join(opts.dataRoot, 'pglite'), LOG_LEVEL: 'info', MEDIA_WORKERS: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`orchestrator did not listen within 90 s:\n${out.slice(-4000)}`)), 90_000);
    const check = () => {
      if (/"msg":"orchestrator listening"/.test(out)) {
        clearTimeout(timer);
        res();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`orchestrator exited with ${code}:\n${out.slice(-4000)}`));
    });
  });
  const demo = JSON.parse(readFileSync(join(opts.dataRoot, 'demo-credentials.json'), 'utf8')) as { deviceId: string; deviceToken: string };
  return {
    url: `http://127.0.0.1:${opts.port}`,
    port: opts.port,
    pid: child.pid!,
    demo,
    output: () => out,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      // SIGTERM drains (calls may go on until DRAIN_DEADLINE_MS): a test's clean-up does not wait for that.
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A temporary folder removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The PostgreSQL server binaries of this machine (Debian layout), or null. */
export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, 'bin/pg_ctl'))) return join(base, v, 'bin');
  return null;
}

/** A PostgreSQL cluster of the test's own, on its own port, owned by the `postgres` user. */
export interface ThrowawayPostgres {
  url: string;
  port: number;
  /** Stops the server at once (`immediate`: connections drop as in a crash). */
  stop(): void;
  start(): void;
  /** Stops and deletes the cluster. */
  destroy(): void;
}

/**
 * Creates and starts a throwaway cluster (initdb, trust auth, 127.0.0.1 only). PostgreSQL
 * refuses to run as root, so as root the commands run as the `postgres` user.
 * @throws when the binaries or the `postgres` user are missing (the error says which).
 */
export async function throwawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tk-pg-'));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { encoding: 'utf8' }) : spawnSync(join(bin, cmd), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start,
    destroy() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
