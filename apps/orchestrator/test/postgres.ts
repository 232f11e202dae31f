import pg from 'pg';

/** The machine's PostgreSQL for tests: DATABASE_URL, else 127.0.0.1:5432 with trust auth (database `postgres`). */
export const POSTGRES_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** True when {@link POSTGRES_ADMIN_URL} accepts a connection within 1.5 s. */
export async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
