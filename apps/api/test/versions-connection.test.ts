// On a real Postgres the data versions every cached read asks for first are read on a connection
// of their own (Database.versions): a read answered from memory never waits for the pool, which
// a rush of writes and computations can keep busy (every connection of it held here).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FreshCache } from '../src/cache.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { createTestDatabase } from './support/backends.ts';

describe('the data versions on a connection of their own', () => {
  let created: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;

  beforeAll(async () => {
    created = await createTestDatabase('empty');
    database = await openDatabase({ databaseUrl: created.url, dataDir: '', poolSize: 1 });
    await sql`create table data_versions (scope text primary key, version bigint not null)`.execute(database.db);
    await sql`insert into data_versions values ('global', 1)`.execute(database.db);
    await sql`create table branch_versions (code text primary key, version bigint not null)`.execute(database.db);
  });

  afterAll(async () => {
    await database?.close();
    await created?.drop();
  });

  /**
   * What a remembered answer's second read does while the pool's one connection is held by a
   * transaction: 'answered' or, after a second, 'waiting' (then answered once it is let go).
   */
  async function whilePoolHeld(cache: FreshCache) {
    let computations = 0;
    const compute = async () => ++computations;
    expect(await cache.value('held pool', compute, null)).toBe(1);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const transaction = database.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      holding();
      await gate;
    });
    await held;
    const read = cache.value('held pool', compute, null);
    const seen = await Promise.race([
      read.then(() => 'answered' as const),
      new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 1000)),
    ]);
    release();
    await transaction;
    expect(await read).toBe(1);
    expect(computations).toBe(1);
    return seen;
  }

  it('answers from memory while every connection of the pool is held', async () => {
    const cache = new FreshCache(database.db);
    cache.versionsDb = database.versions;
    expect(database.versions).not.toBe(database.db);
    expect(await whilePoolHeld(cache)).toBe('answered');
  });

  it('(the versions read on the pool wait for it: what the connection of their own is for)', async () => {
    const cache = new FreshCache(database.db);
    expect(await whilePoolHeld(cache)).toBe('waiting');
  });
});
