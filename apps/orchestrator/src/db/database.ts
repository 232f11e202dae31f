import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationProvider } from './migrations.ts';
import { PGliteDialect } from './pgliteDialect.ts';
import { preparing, StatementNames } from './preparedStatements.ts';
import { QueueDelayMonitor } from './queueDelay.ts';
import type { DatabaseSchema } from './schema.ts';

/** An open database: Kysely over PGlite (embedded) or a PostgreSQL pool. */
export interface Database {
  db: Kysely<DatabaseSchema>;
  /**
   * Connections of the routing store only (tasks, offers, presence) on PostgreSQL: a small pool of
   * its own ({@link PG_ROUTING_POOL_SIZE}), so an offer's write never queues behind the
   * transcript and event writes of every session in flight (under load those fill the main pool
   * and offers, which every waiting visitor depends on, would wait behind them). Same as `db` on PGlite.
   */
  routingDb: Kysely<DatabaseSchema>;
  /** `pglite` or `postgres`. */
  kind: 'pglite' | 'postgres';
  /** Closes the database; idempotent. PGlite must be closed or the process will not exit. */
  close(): Promise<void>;
  /**
   * Queries waiting for a PostgreSQL connection right now (the pool's `waitingCount`; the pool
   * has {@link PG_POOL_SIZE} connections); on PGlite, acquisitions waiting for its single connection.
   * Admission control reads it: a database that is the bottleneck shows here first.
   */
  waiting(): number;
  /**
   * Standing delay of the main connection queue (CoDel-style minimum wait per 100 ms interval,
   * {@link QueueDelayMonitor}); on PGlite the wait for its single connection. Admission control
   * refuses new sessions while it is above its target.
   */
  queueDelay: QueueDelayMonitor;
  /** Statements executed since the database was opened (both pools; `bench:load` prints them per session). */
  readonly queries: number;
}

/** Connections in the PostgreSQL pool of one node. */
export const PG_POOL_SIZE = 10;
/** Connections in the routing store's own PostgreSQL pool of one node. */
export const PG_ROUTING_POOL_SIZE = 3;

/** Pooled clients that already have {@link guardInUse}'s listener. */
const guarded = new WeakSet<pg.PoolClient>();

/**
 * Gives a checked-out pool client an `error` listener of its own (once per client). pg-pool removes
 * its idle listener while a client is checked out, and a connection that drops between the
 * statements of a transaction (PostgreSQL stopped or restarted) makes the client emit `error`
 * with no listener, which crashed the process (seen in the PostgreSQL-outage fault test on a
 * loaded machine, 2026-12-07). With the listener the error is reported to `onError`, the
 * statement in flight fails as usual (answered `unavailable`), and the pool drops the dead client
 * when it is released.
 * @returns the same client.
 */
export function guardInUse(client: pg.PoolClient, onError?: (err: Error) => void): pg.PoolClient {
  if (guarded.has(client)) return client;
  guarded.add(client);
  client.on('error', (err: Error) => onError?.(err));
  return client;
}

/**
 * Opens the database and runs pending migrations.
 * @param opts.databaseUrl PostgreSQL URL; when absent, embedded PGlite in `dataDir`.
 * @param opts.dataDir PGlite data folder, or `memory://` for an in-memory database.
 * @param opts.onIdleError called when a PostgreSQL connection fails, idle in a pool or checked out
 *   ({@link guardInUse}); logged by the caller.
 * @param opts.preparedStatements on PostgreSQL, run statements as named prepared statements
 *   ({@link StatementNames}); default true. Ignored on PGlite.
 * @throws when the database cannot be reached or a migration fails (the error names the migration).
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; preparedStatements?: boolean; onIdleError?: (err: Error) => void }): Promise<Database> {
  let db: Kysely<DatabaseSchema>;
  let kind: Database['kind'];
  let closeExtra: () => Promise<void> = async () => {};
  let waiting = () => 0;
  const queueDelay = new QueueDelayMonitor(() => waiting());
  let routingDb: Kysely<DatabaseSchema> | null = null;
  let queries = 0;
  const log = () => {
    queries++;
  };
  if (opts.databaseUrl) {
    // Fail fast when the server is unreachable (requests answer `unavailable` instead of hanging).
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: PG_POOL_SIZE, connectionTimeoutMillis: 3000 });
    waiting = () => pool.waitingCount;
    // An idle client's error (server restart, admin termination) must not crash the process;
    // the pool drops the client and the next query opens a new connection.
    pool.on('error', (err) => opts.onIdleError?.(err));
    // Statements run as named (prepared once per connection; see StatementNames), on both pools.
    const names = new StatementNames(opts.preparedStatements === false ? 0 : undefined);
    // Timed acquisition: each query's wait for a connection feeds the standing-delay monitor.
    const timedPool = {
      Client: pg.Client,
      options: pool.options,
      connect: async () => {
        const t0 = performance.now();
        const client = await pool.connect();
        queueDelay.record(performance.now() - t0);
        return preparing(guardInUse(client, opts.onIdleError), names);
      },
      end: () => pool.end(),
    };
    db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: timedPool }), log });
    const routingPool = new pg.Pool({ connectionString: opts.databaseUrl, max: PG_ROUTING_POOL_SIZE, connectionTimeoutMillis: 3000 });
    routingPool.on('error', (err) => opts.onIdleError?.(err));
    const preparingRoutingPool = {
      Client: pg.Client,
      options: routingPool.options,
      connect: async () => preparing(guardInUse(await routingPool.connect(), opts.onIdleError), names),
      end: () => routingPool.end(),
    };
    routingDb = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: preparingRoutingPool }), log });
    kind = 'postgres';
  } else {
    if (!opts.dataDir.startsWith('memory://')) mkdirSync(opts.dataDir, { recursive: true });
    const pglite = await PGlite.create(opts.dataDir);
    const dialect = new PGliteDialect(pglite, (ms) => queueDelay.record(ms));
    waiting = () => dialect.waiting;
    db = new Kysely<DatabaseSchema>({ dialect, log });
    kind = 'pglite';
    closeExtra = () => pglite.close();
  }
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    await db.destroy();
    await routingDb?.destroy();
    await closeExtra();
    queueDelay.close();
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
  let closed = false;
  return {
    db,
    routingDb: routingDb ?? db,
    kind,
    waiting,
    queueDelay,
    get queries() {
      return queries;
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await routingDb?.destroy();
      await closeExtra();
      queueDelay.close();
    },
  };
}
