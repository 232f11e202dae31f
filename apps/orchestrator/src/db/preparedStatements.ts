import type pg from 'pg';

/** Most distinct statements given a name (a server-side prepared statement on each connection). */
export const MAX_NAMED_STATEMENTS = 500;

/**
 * Names for the orchestrator's statements, so node-postgres prepares each once per connection
 * (extended protocol with a named statement: Parse once, then Bind/Execute) instead of parsing and
 * planning every call (an unnamed statement). On this machine a primary-key select cost the
 * PostgreSQL server about 0.04 ms of CPU named against 0.07-0.095 ms unnamed, an insert 0.11
 * against 0.19 ms; a session runs about 50 statements.
 *
 * Only data statements (`select`, `insert`, `update`, `delete`, `with`) are named, never DDL (the
 * migrations), and only the first {@link MAX_NAMED_STATEMENTS} distinct texts: a statement whose
 * text varies (an `in (...)` list of varying length) still gets at most that many names, and the
 * rest run unnamed, so the server-side cache per connection stays bounded.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly max = MAX_NAMED_STATEMENTS) {}

  /** The name for `sql`, or undefined when it runs unnamed (not a data statement, or the cache is full). */
  nameFor(sql: string): string | undefined {
    const known = this.names.get(sql);
    if (known !== undefined) return known;
    if (this.names.size >= this.max || !/^\s*(select|insert|update|delete|with)\b/i.test(sql)) return undefined;
    const name = `tk${this.names.size}`;
    this.names.set(sql, name);
    return name;
  }

  /** Distinct statements named so far. */
  get size(): number {
    return this.names.size;
  }
}

const prepared = new WeakSet<pg.PoolClient>();
/** Clients whose prepared statements went stale (a table changed under them): they run unnamed from then on. */
const stale = new WeakSet<pg.PoolClient>();

/**
 * PostgreSQL's answer to a prepared statement whose result columns changed since it was prepared
 * (a migration of another node altered the table): SQLSTATE 0A000, "cached plan must not change
 * result type". The statement stays broken on that connection until deallocated.
 */
function isStalePlan(err: unknown): boolean {
  return (err as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String((err as Error).message));
}

/**
 * Makes `client.query(text, values)` (how Kysely's PostgresDialect runs every statement) run as a
 * named statement from `names`; other call shapes (a config object, a callback) pass through.
 * Idempotent per client (a pooled client is handed out many times). When a named statement's
 * plan went stale (another node's migration changed a table's columns), the query is run again
 * unnamed and that connection stops naming statements (the pool replaces it in time), so a
 * rolling upgrade does not break the running nodes (inside a transaction the retry fails as the
 * transaction is aborted, and the caller sees that error, as it would any failed statement).
 * @returns the same client.
 */
export function preparing(client: pg.PoolClient, names: StatementNames): pg.PoolClient {
  if (prepared.has(client)) return client;
  prepared.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && !stale.has(client)) {
      const name = names.nameFor(text);
      if (name !== undefined) {
        return (query({ name, text, values }) as Promise<unknown>).catch((err: unknown) => {
          if (!isStalePlan(err)) throw err;
          stale.add(client);
          return query(text, values);
        });
      }
    }
    return query(...args);
  };
  return client;
}
