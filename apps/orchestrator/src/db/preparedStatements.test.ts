import { describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { preparing, StatementNames } from './preparedStatements.ts';
import { POSTGRES_ADMIN_URL, postgresReachable } from '../../test/postgres.ts';

describe('StatementNames', () => {
  it('names each distinct data statement once, never DDL or transaction control', () => {
    const names = new StatementNames();
    const a = names.nameFor('select * from sessions where id = $1');
    expect(a).toMatch(/^tk\d+$/);
    expect(names.nameFor('select * from sessions where id = $1')).toBe(a);
    expect(names.nameFor('  WITH x as (select 1) select * from x')).not.toBe(a);
    expect(names.nameFor('insert into t values ($1)')).toBeDefined();
    expect(names.nameFor('create table t (id int)')).toBeUndefined();
    expect(names.nameFor('begin')).toBeUndefined();
    expect(names.nameFor('selection')).toBeUndefined();
    expect(names.size).toBe(3);
  });

  it('stops naming new texts at its bound; the named ones keep their names', () => {
    const names = new StatementNames(2);
    const first = names.nameFor('select 1');
    names.nameFor('select 2');
    expect(names.nameFor('select 3')).toBeUndefined();
    expect(names.nameFor('select 1')).toBe(first);
    expect(names.size).toBe(2);
  });
});

describe('preparing', () => {
  it('turns query(text, values) into a named query and passes other shapes through, once per client', async () => {
    const query = vi.fn(async () => ({ rows: [] }));
    const client = { query } as unknown as pg.PoolClient;
    const names = new StatementNames();
    preparing(client, names);
    preparing(client, names); // a pooled client handed out again is not wrapped twice
    await client.query('select * from t where id = $1', [1]);
    await client.query('begin', []);
    const config = { text: 'select 1' };
    await client.query(config);
    expect(query.mock.calls).toEqual([[{ name: 'tk0', text: 'select * from t where id = $1', values: [1] }], ['begin', []], [config]]);
  });
});

describe.runIf(await postgresReachable())('preparing, on PostgreSQL', () => {
  it('survives a table changed under a prepared statement (another node migrated): the query runs again unnamed', async () => {
    const pool = new pg.Pool({ connectionString: POSTGRES_ADMIN_URL, max: 1 });
    const table = `tk_prep_${process.pid}_${Date.now()}`;
    try {
      const client = preparing(await pool.connect(), new StatementNames());
      try {
        await client.query(`create table ${table} (id int primary key)`, []);
        await client.query(`insert into ${table} values ($1)`, [1]);
        const sel = `select * from ${table} where id = $1`;
        expect((await client.query(sel, [1])).rows).toEqual([{ id: 1 }]);
        const { rows } = await client.query<{ name: string }>('select name from pg_prepared_statements', []);
        expect(rows.length).toBeGreaterThan(0);
        await client.query(`alter table ${table} add column note text`, []);
        expect((await client.query(sel, [1])).rows).toEqual([{ id: 1, note: null }]);
        expect((await client.query(sel, [1])).rows).toEqual([{ id: 1, note: null }]);
      } finally {
        await client.query(`drop table if exists ${table}`, []);
        client.release();
      }
    } finally {
      await pool.end();
    }
  });
});
