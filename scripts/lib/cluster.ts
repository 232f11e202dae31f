/**
 * Runs a local orchestrator cluster from the same processes a deployment uses (no Docker here):
 * N orchestrator nodes sharing one PostgreSQL database and one Redis, behind HAProxy (Debian)
 * with the shipped configuration (`deploy/haproxy/haproxy.cfg`), WebSocket only, no sticky
 * sessions. Used by `npm run cluster`, the cluster tests and `npm run bench:cluster`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '../..');

/** A free TCP port on 127.0.0.1. */
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

/** One orchestrator node process. */
export interface ClusterNode {
  index: number;
  port: number;
  url: string;
  pid: number;
  /** The node id it reports (`/api/health/live`), once up. */
  nodeId: string;
  output(): string;
  alive(): boolean;
  kill9(): Promise<void>;
  /** SIGTERM (drain) and wait for the exit. */
  terminate(): Promise<void>;
}

export interface Cluster {
  /** The reverse proxy's URL (what kiosks and consoles use). */
  url: string;
  nodes: ClusterNode[];
  databaseUrl: string;
  redisUrl: string;
  /** Demo device credentials (seeded by the first node). */
  demo: { deviceId: string; deviceToken: string };
  /** Starts one more node (index = nodes.length). */
  addNode(): Promise<ClusterNode>;
  /** The node currently leading routing (from the nodes table), or null. */
  leader(): Promise<ClusterNode | null>;
  /** The node holding a device's or user's socket (from the connections table). */
  nodeOf(kind: 'device' | 'console', subjectId: string): Promise<ClusterNode | null>;
  /** The node hosting a call's media room. */
  mediaNodeOf(sessionId: string): Promise<ClusterNode | null>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  nodes: number;
  /** PostgreSQL server URL to create a fresh database on (default the local server). Dropped at stop unless `keepDatabase`. */
  postgresUrl?: string;
  /** Existing Redis URL; default: a redis-server of our own on a free port. */
  redisUrl?: string;
  /** Port of the proxy (default free). */
  proxyPort?: number;
  /** Extra environment for the nodes. */
  env?: Record<string, string>;
  keepDatabase?: boolean;
  /** Indexes of the nodes the proxy forwards to (default all): lets a test pin a client to one node by URL and keep another behind the proxy. */
  proxyNodes?: number[];
  log?: (line: string) => void;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
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
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Renders the shipped HAProxy configuration for local nodes (plain HTTP on `port`). */
export function haproxyConfig(port: number, nodePorts: number[]): string {
  const tpl = readFileSync(join(ROOT, 'deploy/haproxy/haproxy.cfg'), 'utf8');
  // The shipped file binds TLS on 443 and lists servers from the environment; the local run binds plain HTTP.
  const servers = nodePorts.map((p, i) => `    server node${i + 1} 127.0.0.1:${p} check inter 500ms fall 2 rise 1`).join('\n');
  return tpl
    .replace(/^\s*bind :443 .*$/m, `    bind 127.0.0.1:${port}`)
    .replace(/^\s*bind :80$/m, '')
    .replace(/^\s*maxconn \d+$/m, '    maxconn 4000')
    .replace(/^\s*http-request redirect scheme https.*$/m, '')
    .replace(/# servers:begin[\s\S]*# servers:end/m, `# servers:begin\n${servers}\n    # servers:end`);
}

/** Starts a cluster: database, Redis, N nodes, HAProxy; waits until the proxy serves. */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'tk-cluster-'));
  const children: ChildProcess[] = [];
  // Whatever happens to the caller (a timed-out test, Ctrl-C of a benchmark), no process outlives it.
  process.once('exit', () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });
  // Database: a fresh one on the PostgreSQL server.
  const base = opts.postgresUrl ?? process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `tk_cluster_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  // Redis: our own server unless given.
  let redisUrl = opts.redisUrl ?? '';
  if (!redisUrl) {
    const rport = await freePort();
    const redis = spawn('redis-server', ['--port', String(rport), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    children.push(redis);
    redisUrl = `redis://127.0.0.1:${rport}`;
    await waitFor('redis', () => (spawnSync('redis-cli', ['-p', String(rport), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG' ? true : undefined), 15_000);
  }
  const nodes: ClusterNode[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const startNode = async (index: number): Promise<ClusterNode> => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/orchestrator/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        DATA_DIR: join(dir, `node${index}`, 'pglite'),
        LOG_LEVEL: opts.env?.CLUSTER_LOG_LEVEL ?? process.env.CLUSTER_LOG_LEVEL ?? 'info',
        MEDIA_WORKERS: '1',
        RTC_MIN_PORT: String(40000 + index * 200),
        RTC_MAX_PORT: String(40000 + index * 200 + 199),
        SEED_DEMO: index === 0 ? 'true' : 'false',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    // Up when it answers (not from its log, whose level the caller may lower).
    const live = await waitFor(`node ${index} listening`, async () => {
      if (child.exitCode !== null || child.signalCode !== null) return 'exited' as const;
      const res = await fetch(`http://127.0.0.1:${port}/api/health/live`).catch(() => undefined);
      return res?.ok ? ((await res.json()) as { node: string }) : undefined;
    }, 120_000);
    if (live === 'exited') throw new Error(`node ${index} exited ${child.exitCode ?? child.signalCode}:\n${out.slice(-3000)}`);
    log(`node ${index} (${live.node}) on :${port}`);
    const node: ClusterNode = {
      index,
      port,
      url: `http://127.0.0.1:${port}`,
      pid: child.pid!,
      nodeId: live.node,
      output: () => out,
      alive: () => child.exitCode === null && child.signalCode === null,
      async kill9() {
        if (node.alive()) child.kill('SIGKILL');
        await exited;
      },
      async terminate() {
        if (node.alive()) child.kill('SIGTERM');
        await exited;
      },
    };
    nodes.push(node);
    return node;
  };
  try {
    await startNode(0);
    for (let i = 1; i < opts.nodes; i++) await startNode(i);
    // The reverse proxy, with the shipped configuration.
    const proxyPort = opts.proxyPort ?? (await freePort());
    const cfgPath = join(dir, 'haproxy.cfg');
    writeFileSync(cfgPath, haproxyConfig(proxyPort, nodes.filter((n) => opts.proxyNodes?.includes(n.index) ?? true).map((n) => n.port)));
    const check = spawnSync('haproxy', ['-c', '-f', cfgPath], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`haproxy configuration invalid:\n${check.stdout}${check.stderr}`);
    const proxy = spawn('haproxy', ['-db', '-f', cfgPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proxy);
    const url = `http://127.0.0.1:${proxyPort}`;
    await waitFor('proxy', async () => ((await fetch(`${url}/api/health/ready`)).status === 200 ? true : undefined), 30_000);
    const demo = JSON.parse(readFileSync(join(dir, 'node0', 'demo-credentials.json'), 'utf8')) as { deviceId: string; deviceToken: string };
    const query = async <T,>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
    const byId = (id: string | undefined) => nodes.find((n) => n.nodeId === id) ?? null;
    return {
      url,
      nodes,
      databaseUrl,
      redisUrl,
      demo,
      addNode: () => startNode(nodes.length),
      leader: async () => byId((await query<{ id: string }>(`select id from nodes where leader and last_seen > now() - interval '3 seconds'`))[0]?.id),
      nodeOf: async (kind, subjectId) => byId((await query<{ node_id: string }>('select node_id from connections where kind = $1 and subject_id = $2 order by connected_at desc limit 1', [kind, subjectId]))[0]?.node_id),
      mediaNodeOf: async (sessionId) => byId((await query<{ node_id: string }>('select node_id from media_rooms where session_id = $1', [sessionId]))[0]?.node_id),
      query,
      async stop() {
        for (const n of nodes) if (n.alive()) await n.kill9();
        for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
        await pool.end();
        if (!opts.keepDatabase) {
          const a = new pg.Client({ connectionString: base });
          await a.connect();
          await a.query(`drop database if exists ${dbName} with (force)`);
          await a.end();
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await pool.end().catch(() => undefined);
    throw err;
  }
}

/** Where HAProxy is (Debian installs it in /usr/sbin), or null. */
export function haproxyAvailable(): boolean {
  return existsSync('/usr/sbin/haproxy') || spawnSync('haproxy', ['-v']).status === 0;
}


