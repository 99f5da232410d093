// Statements the API sends again go as named prepared statements on a real Postgres (db/prepared.ts):
// which are named, that Postgres keeps them per connection, that a statement whose result's
// columns changed under it is refused once and then sent unnamed, and the setting that turns it off.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { PipeliningClient, PreparingClient, statementName } from '../src/db/prepared.ts';
import { openForServing } from '../src/db/roles.ts';
import type { DB } from '../src/db/schema.ts';
import { createTestDatabase } from './support/backends.ts';

describe('which statements are named', () => {
  it('names a statement from its second sending, the same name each time', () => {
    const text = `select ${Math.random()} as once`;
    expect(statementName(text)).toBeUndefined();
    const name = statementName(text);
    expect(name).toMatch(/^tuowei_[0-9a-z]+_[0-9a-f]{24}$/);
    expect(statementName(text)).toBe(name);
    expect(statementName(`${text} `)).toBeUndefined();
  });

  it('gives every name anew after a generation (10 minutes), the busy statements named again at once', () => {
    const text = `select ${Math.random()} as busy`;
    statementName(text);
    const name = statementName(text) as string;
    const later = Date.now() + 11 * 60_000;
    expect(statementName(text, later)).toBeUndefined();
    const renamed = statementName(text, later);
    expect(renamed).toMatch(/^tuowei_[0-9a-z]+_[0-9a-f]{24}$/);
    expect(renamed).not.toBe(name);
    expect(renamed?.slice(-24)).toBe(name.slice(-24));
  });

  it('never names a statement with more parameters than 64 (a list of any length is a text of its own)', () => {
    const list = (n: number) =>
      `select code from jurisdictions where code in (${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ')})`;
    for (const n of [64, 65]) {
      statementName(list(n));
      expect(statementName(list(n)) === undefined, `${n} parameters`).toBe(n > 64);
    }
  });

  it('never names transaction control, settings, DDL, several statements or a very long one', () => {
    const long = `select '${'x'.repeat(20_000)}'`;
    for (const text of [
      'begin',
      'commit',
      'start transaction isolation level repeatable read',
      "set role 'x'",
      'create table t (a int)',
      'select 1; select 2',
      long,
    ]) {
      statementName(text);
      expect(statementName(text), text.slice(0, 40)).toBeUndefined();
    }
  });
});

describe('named statements on Postgres', () => {
  let created: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;

  beforeAll(async () => {
    created = await createTestDatabase('empty');
    database = await openDatabase({ databaseUrl: created.url, dataDir: '', poolSize: 1 });
    await sql`create table scratch (a integer)`.execute(database.db);
    await sql`insert into scratch values (1)`.execute(database.db);
  });

  afterAll(async () => {
    await database?.close();
    await created?.drop();
  });

  const prepared = async () => {
    const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(database.db);
    return rows.map((row) => row.name);
  };

  it('are prepared once on the connection and kept there', async () => {
    const read = () => sql<{ a: number }>`select * from scratch where a = ${1}`.execute(database.db);
    await read();
    expect((await read()).rows).toEqual([{ a: 1 }]);
    const name = statementName('select * from scratch where a = $1');
    expect(await prepared()).toContain(name);
    expect((await read()).rows).toEqual([{ a: 1 }]);
  });

  it('are refused once when a table changes under them, then sent unnamed and answered', async () => {
    const read = () => sql<{ a: number }>`select * from scratch where a > ${0}`.execute(database.db);
    await read();
    await read();
    // another process's migration adds a column: Postgres will not change a prepared result's columns
    await sql`alter table scratch add column b integer`.execute(database.db);
    await expect(read()).rejects.toMatchObject({ code: '0A000' });
    expect((await read()).rows).toEqual([{ a: 1, b: null }]);
    expect((await read()).rows).toEqual([{ a: 1, b: null }]);
  });

  it('are not used when TUOWEI_PREPARED_STATEMENTS=0', async () => {
    expect(loadConfig({}).preparedStatements).toBe(true);
    expect(loadConfig({ TUOWEI_PREPARED_STATEMENTS: '0' }).preparedStatements).toBe(false);
    expect(() => loadConfig({ TUOWEI_PREPARED_STATEMENTS: 'no' })).toThrow(ConfigError);
    const plain = await openDatabase({ databaseUrl: created.url, dataDir: '', poolSize: 1, preparedStatements: false });
    try {
      for (let i = 0; i < 3; i++) await sql`select a from scratch where a < ${5}`.execute(plain.db);
      const { rows } = await sql<{ count: string }>`select count(*) from pg_prepared_statements`.execute(plain.db);
      expect(Number(rows[0].count)).toBe(0);
    } finally {
      await plain.close();
    }
    // nor by the pool openForServing serves from (the owner's, which migrates, is given the setting too)
    const { database: serving, mode } = await openForServing({
      databaseUrl: created.url,
      dataDir: '',
      role: null,
      password: null,
      poolSize: 1,
      preparedStatements: false,
    });
    try {
      for (let i = 0; i < 3; i++) await sql`select a from scratch where a < ${6}`.execute(serving.db);
      const { rows } = await sql<{ count: string }>`select count(*) from pg_prepared_statements`.execute(serving.db);
      expect(Number(rows[0].count), mode.kind).toBe(0);
    } finally {
      await serving.close();
    }
  });
});

describe("a transaction's BEGIN sent with its first statement", () => {
  let created: Awaited<ReturnType<typeof createTestDatabase>>;
  /** Round trips ended (ReadyForQuery from Postgres) on the pool's one connection. */
  let roundTrips = 0;
  const pools: pg.Pool[] = [];

  /** A database over one connection of `Client`, its round trips counted. */
  const over = (Client: typeof pg.Client) => {
    const pool = new pg.Pool({ connectionString: created.url, max: 1, Client });
    pool.on('connect', (client) => {
      (client as unknown as { connection: pg.Connection }).connection.on('readyForQuery', () => roundTrips++);
    });
    pools.push(pool);
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  };
  const trips = async (work: () => Promise<unknown>) => {
    const before = roundTrips;
    await work();
    return roundTrips - before;
  };
  const txid = sql<{ id: string }>`select txid_current()::text as id`;

  beforeAll(async () => {
    created = await createTestDatabase('empty');
    const setup = over(pg.Client);
    await sql`create table kept (a integer primary key)`.execute(setup);
  });

  afterAll(async () => {
    for (const pool of pools) await pool.end();
    await created?.drop();
  });

  for (const [name, Client] of [
    ['unnamed statements', PipeliningClient],
    ['named statements', PreparingClient],
  ] as const) {
    it(`is one round trip with it, in the transaction, at its isolation level (${name})`, async () => {
      const db = over(Client);
      await sql`select 1`.execute(db); // the connection opened
      for (let round = 0; round < 4; round++) {
        let ids: string[] = [];
        let level = '';
        const sent = await trips(() =>
          db
            .transaction()
            .setIsolationLevel('repeatable read')
            .execute(async (trx) => {
              ids = [(await txid.execute(trx)).rows[0].id];
              level = (
                await sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(trx)
              ).rows[0].level;
              ids.push((await txid.execute(trx)).rows[0].id);
            }),
        );
        // BEGIN with the first statement, the second, the third, COMMIT: four (five before)
        expect(sent, `round ${round}`).toBe(4);
        expect(ids[0]).toBe(ids[1]);
        expect(level).toBe('repeatable read');
      }
      // outside a transaction again: each statement its own
      const [a, b] = [(await txid.execute(db)).rows[0].id, (await txid.execute(db)).rows[0].id];
      expect(a).not.toBe(b);
    });

    it(`keeps nothing of a transaction whose first statement fails, and the connection serves on (${name})`, async () => {
      const db = over(Client);
      await sql`insert into kept values (1) on conflict do nothing`.execute(db);
      for (let round = 0; round < 3; round++) {
        await expect(
          db.transaction().execute(async (trx) => {
            await sql`insert into kept values (${100 + round}), (1)`.execute(trx);
          }),
        ).rejects.toMatchObject({ code: '23505' });
        await expect(
          db.transaction().execute(async (trx) => {
            await sql`insert into kept values (${200 + round})`.execute(trx);
            throw new Error('changed its mind');
          }),
        ).rejects.toThrow('changed its mind');
      }
      const { rows } = await sql<{ a: number }>`select a from kept order by a`.execute(db);
      expect(rows).toEqual([{ a: 1 }]);
      const [a, b] = [(await txid.execute(db)).rows[0].id, (await txid.execute(db)).rows[0].id];
      expect(a).not.toBe(b);
    });
  }

  it('runs no statement after a BEGIN refused, though it could not go with it', async () => {
    const pool = new pg.Pool({ connectionString: created.url, max: 1, Client: PipeliningClient });
    pools.push(pool);
    const client = await pool.connect();
    try {
      await client.query('start transaction isolation level nonsense');
      // two statements in one text cannot go with the BEGIN: it goes alone, and is refused
      await expect(client.query('insert into kept values (500); insert into kept values (501)')).rejects.toMatchObject({
        code: '42601',
      });
      await client.query('rollback');
      const { rows } = await client.query('select a from kept where a >= 500');
      expect(rows).toEqual([]);
    } finally {
      client.release();
    }
  });

  it('prepares a named statement again after a value it could not send', async () => {
    const db = over(PreparingClient);
    const read = (value: unknown) => sql<{ t: string }>`select ${value}::text as t`.execute(db);
    await read('a');
    expect((await read('b')).rows).toEqual([{ t: 'b' }]);
    expect((await read('c')).rows).toEqual([{ t: 'c' }]);
    // a value JSON cannot write: node-postgres closes the statement on the server
    await expect(read({ big: 1n })).rejects.toThrow(/BigInt/);
    // still named, parsed anew (it failed with 26000, 'does not exist', till the connection went)
    expect((await read('d')).rows).toEqual([{ t: 'd' }]);
    expect((await read('e')).rows).toEqual([{ t: 'e' }]);
  });

  it('survives the server dropping a connection checked out between two statements', async () => {
    const database = await openDatabase({ databaseUrl: created.url, dataDir: '', poolSize: 1 });
    try {
      const admin = over(pg.Client);
      await expect(
        database.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await sql`select pg_terminate_backend(${rows[0].pid})`.execute(admin);
          // the client's own error event comes while it is checked out: heard, not a crash
          await new Promise((resolve) => setTimeout(resolve, 200));
          await sql`select 1`.execute(trx);
        }),
      ).rejects.toThrow();
      // the dead connection is not handed out again
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });

  it('sends nothing for a transaction ended before any statement, and a first text of two statements after BEGIN', async () => {
    const db = over(PipeliningClient);
    await sql`select 1`.execute(db);
    expect(await trips(() => db.transaction().execute(async () => undefined))).toBe(0);
    let ids: string[] = [];
    const sent = await trips(() =>
      db.transaction().execute(async (trx) => {
        await sql.raw("set local application_name = 'first'; set local statement_timeout = '5s'").execute(trx);
        ids = [(await txid.execute(trx)).rows[0].id, (await txid.execute(trx)).rows[0].id];
      }),
    );
    // BEGIN, the two statements (one text, not pipelined), two more, COMMIT
    expect(sent).toBe(5);
    expect(ids[0]).toBe(ids[1]);
    const { rows } = await sql<{ name: string }>`select current_setting('application_name') as name`.execute(db);
    expect(rows[0].name).not.toBe('first');
  });
});
