import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * Kysely dialect for embedded PGlite (PostgreSQL compiled to WASM). PGlite has a single
 * connection, so connections are handed out one at a time (a FIFO lock): a transaction owns
 * the database until it commits or rolls back. SQL is PostgreSQL's, identical to the server.
 * (The published `kysely-pglite-dialect` does not accept PGlite 0.5 as a peer.)
 */
export class PGliteDialect implements Dialect {
  /**
   * @param onAcquire called with how long each acquisition waited for the connection (ms).
   */
  constructor(private readonly pglite: PGlite, private readonly onAcquire?: (waitMs: number) => void) {}
  /** Acquisitions waiting for the connection right now. */
  waiting = 0;
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, (ms) => this.onAcquire?.(ms), (d) => (this.waiting += d));
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;
  private readonly connection: PGliteConnection;
  constructor(pglite: PGlite, private readonly onAcquire: (waitMs: number) => void, private readonly countWaiting: (delta: number) => void) {
    this.connection = new PGliteConnection(pglite);
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((r) => (release = r));
    const t0 = performance.now();
    this.countWaiting(1);
    try {
      await previous;
    } finally {
      this.countWaiting(-1);
    }
    this.onAcquire(performance.now() - t0);
    this.release = release;
    return this.connection;
  }
  async beginTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection() {
    const r = this.release;
    this.release = null;
    r?.();
  }
  async destroy() {}
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined,
    };
  }
  // Streaming is not needed by this project's queries; the generator only throws.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not support streaming');
  }
}
