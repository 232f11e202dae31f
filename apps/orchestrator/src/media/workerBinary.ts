/**
 * Where the mediasoup-worker binary is and which mediasoup line it belongs to. The JS package
 * and the worker binary must be the same version (their channel protocols differ), so the
 * media server picks its JS package from the worker it is given:
 *
 * - mediasoup 3.12.16, built by `scripts/build-mediasoup-worker.sh` and cached outside the
 *   clone (`<cache>/mediasoup-worker-3.12.16/mediasoup-worker`, a `VERSION` file beside it):
 *   `WebRtcServer`, one UDP + one TCP port per worker. The preferred media path.
 * - mediasoup 3.8.4, Debian's binary unpacked by `scripts/setup-system.sh` into
 *   `.cache/mediasoup-worker/`: the fallback (a port range per worker, no WebRtcServer).
 *
 * No mediasoup import here (mediaServer.ts is the only module that imports mediasoup).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The mediasoup version whose worker `scripts/build-mediasoup-worker.sh` builds. */
export const MODERN_MEDIASOUP_VERSION = '3.12.16';
/** The mediasoup version of Debian's `mediasoup-worker` package (the fallback). */
export const LEGACY_MEDIASOUP_VERSION = '3.8.4';

/** Which mediasoup line a worker binary belongs to: `modern` = 3.12.16 (WebRtcServer), `legacy` = 3.8.4. */
export type WorkerLine = 'modern' | 'legacy';

/**
 * Cache roots the build script may have used, in its order: `TELEKIOSK_CACHE`, then
 * `/var/cache/telekiosk`, then `$HOME/.cache/telekiosk`.
 */
export function workerCacheRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const roots = [env.TELEKIOSK_CACHE, '/var/cache/telekiosk', join(env.HOME ?? homedir(), '.cache/telekiosk')];
  return [...new Set(roots.filter((r): r is string => typeof r === 'string' && r.length > 0))];
}

/** The cached mediasoup 3.12.16 worker built by scripts/build-mediasoup-worker.sh, if present. */
export function builtWorkerBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const root of workerCacheRoots(env)) {
    const p = join(root, `mediasoup-worker-${MODERN_MEDIASOUP_VERSION}`, 'mediasoup-worker');
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** The worker scripts/setup-system.sh chose (`<repoRoot>/.cache/mediasoup-worker-bin`), if that file names an existing binary. */
export function setupChosenWorkerBin(repoRoot: string): string | undefined {
  const pointer = join(repoRoot, '.cache/mediasoup-worker-bin');
  if (!existsSync(pointer)) return undefined;
  const bin = readFileSync(pointer, 'utf8').trim();
  return bin && existsSync(bin) ? bin : undefined;
}

/** Debian's mediasoup-worker 3.8.4 unpacked by scripts/setup-system.sh under `<repoRoot>/.cache`, if present. */
export function debianWorkerBin(repoRoot: string): string | undefined {
  const base = join(repoRoot, '.cache/mediasoup-worker/usr/lib');
  if (!existsSync(base)) return undefined;
  for (const arch of readdirSync(base)) {
    const p = join(base, arch, 'mediasoup/mediasoup-worker');
    if (existsSync(p)) return p;
  }
  return undefined;
}

const lineCache = new Map<string, WorkerLine>();

/**
 * The mediasoup line of a worker binary: the `VERSION` file the build script writes beside it
 * when there is one; otherwise the binary is run once without `MEDIASOUP_VERSION`: workers of
 * mediasoup >= 3.10 exit with code 41 ("you don't seem to be my real father"), 3.8 with 1.
 * Anything else (the binary does not start) is reported as an error.
 * @throws Error naming the binary when it cannot be run.
 */
export function workerLine(bin: string): WorkerLine {
  const cached = lineCache.get(bin);
  if (cached) return cached;
  let line: WorkerLine;
  const versionFile = join(dirname(bin), 'VERSION');
  if (existsSync(versionFile)) {
    line = readFileSync(versionFile, 'utf8').trim() === MODERN_MEDIASOUP_VERSION ? 'modern' : 'legacy';
  } else {
    const r = spawnSync(bin, [], { env: {}, stdio: 'ignore', timeout: 10_000 });
    if (r.error) throw new Error(`mediasoup worker ${bin} cannot be run: ${r.error.message}`);
    if (r.status === 41) line = 'modern';
    else if (r.status === 1) line = 'legacy';
    else throw new Error(`mediasoup worker ${bin} does not start (exit ${r.status ?? r.signal}); missing shared libraries?`);
  }
  lineCache.set(bin, line);
  return line;
}
