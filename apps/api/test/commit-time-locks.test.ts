// Writers that don't queue (migration 19): a transaction's data-version bumps and audit rows wait
// for its commit, so two writers never hold the versions or the chain's head against each other
// while they work, two multi-province writers cannot deadlock on the versions, and the chain stays
// whole and in commit order. On real Postgres, two sessions interleaved statement by statement.
import type { PopulationImportResult } from '@tuowei/shared';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { verifyAuditChain } from '../src/routes/audit/chain.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

/** Weixi (Yunnan) and Yaodu (Linfen, Shanxi): two provinces. */
const YUNNAN_UNIT = '533423';
const SHANXI_UNIT = '141002';

describe('writers on real Postgres', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;
  const sessions: pg.Client[] = [];

  /** A session of its own on the test database (as its owner, triggers on). */
  async function session(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: test.location });
    await client.connect();
    sessions.push(client);
    return client;
  }

  const versions = async () => {
    const { rows } = await sql<{ scope: string; version: string }>`
      select scope, version from data_versions where scope in ('province:530000', 'province:140000', 'global')`.execute(
      test.database.db,
    );
    return Object.fromEntries(rows.map((row) => [row.scope, Number(row.version)]));
  };

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db, [ACCOUNTS.admin]);
    app = await buildApp({ database: test.database, webDist: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
  });

  afterAll(async () => {
    for (const client of sessions) await client.end();
    await app?.close();
    await test?.destroy();
  });

  it('lets two transactions write Yunnan and Shanxi in opposite orders, neither waiting, each bumping a province once', async () => {
    for (const code of [YUNNAN_UNIT, SHANXI_UNIT]) {
      await sql`insert into populations (jurisdiction_code, year, population, source)
                values (${code}, 2024, 100000, 'test'), (${code}, 2025, 100000, 'test')
                on conflict do nothing`.execute(test.database.db);
    }
    const before = await versions();
    const [one, two] = [await session(), await session()];
    // each session its own rows (one 2024's, two 2025's): they share only the provinces' versions
    const touch = (client: pg.Client, code: string) =>
      client.query(`update populations set population = population + 1 where jurisdiction_code = $1 and year = $2`, [
        code,
        client === one ? 2024 : 2025,
      ]);
    await one.query('begin');
    await two.query('begin');
    await touch(one, YUNNAN_UNIT);
    await touch(two, SHANXI_UNIT);
    // before migration 19 each of these waited for the province row the other held: a deadlock,
    // one of them rolled back by Postgres (40P01)
    await Promise.all([touch(one, SHANXI_UNIT), touch(two, YUNNAN_UNIT)]);
    await touch(one, YUNNAN_UNIT);
    // nothing is bumped before a commit
    expect(await versions()).toEqual(before);
    await one.query('commit');
    await two.query('commit');
    // one bump per province per transaction, not per statement (three statements in `one`)
    expect(await versions()).toEqual({
      ...before,
      'province:530000': before['province:530000'] + 2,
      'province:140000': before['province:140000'] + 2,
    });
  });

  it('lets a second writer append to the audit trail while the first still holds its rows, chained in commit order', async () => {
    const [first, second] = [await session(), await session()];
    const append = (client: pg.Client, entityId: string) =>
      client.query(`insert into audit_log (actor, action, entity, entity_id) values ('test', 'insert', 'report', $1)`, [
        entityId,
      ]);
    await first.query('begin');
    await append(first, 'first-begun');
    // before migration 19 this insert waited for the head `first` held until its commit
    await second.query('begin');
    await append(second, 'second');
    await second.query('commit');
    await append(first, 'first-ended');
    // a transaction reads its own rows before they are chained, and nobody else sees them
    const own = await first.query(`select entity_id from audit_log_pending() order by seq`);
    expect(own.rows.map((r) => r.entity_id)).toEqual(['first-begun', 'first-ended']);
    const outside = await second.query(`select count(*)::int as n from audit_log where entity_id like 'first-%'`);
    expect(outside.rows[0].n).toBe(0);
    await first.query('commit');
    const { rows } = await sql<{ id: string; prev_id: string; entity_id: string }>`
      select id::text as id, prev_id::text as prev_id, entity_id from audit_log
      where entity_id in ('first-begun', 'second', 'first-ended') order by id`.execute(test.database.db);
    // `second` committed first: chained first; `first`'s rows follow one another, in the order written
    expect(rows.map((r) => r.entity_id)).toEqual(['second', 'first-begun', 'first-ended']);
    expect(Number(rows[1].id)).toBe(Number(rows[0].id) + 1);
    expect(Number(rows[2].prev_id)).toBe(Number(rows[1].id));
    // the owner's session: the serving role may not even read what is kept aside
    const left = await second.query(
      `select (select count(*) from audit_pending) + (select count(*) from commit_work) as n`,
    );
    expect(Number(left.rows[0].n)).toBe(0);
    expect(await verifyAuditChain(test.database.db)).toMatchObject({ intact: true, firstBrokenId: null });
  });

  it('keeps nothing of a transaction rolled back: no audit row, no version bump, no gap read as a break', async () => {
    const before = await versions();
    const client = await session();
    await client.query('begin');
    await client.query(`update populations set population = population + 1 where jurisdiction_code = $1`, [
      YUNNAN_UNIT,
    ]);
    await client.query(
      `insert into audit_log (actor, action, entity, entity_id) values ('test', 'x', 'report', 'gone')`,
    );
    await client.query('rollback');
    expect(await versions()).toEqual(before);
    const left = await client.query(
      `select (select count(*) from audit_log where entity_id = 'gone') + (select count(*) from audit_pending) as n`,
    );
    expect(Number(left.rows[0].n)).toBe(0);
    expect(await verifyAuditChain(test.database.db)).toMatchObject({ intact: true });
  });

  it('answers two country-wide population imports at once with 200 each, never a 409, every figure audited', async () => {
    const { rows: counties } = await sql<{ code: string; province: string }>`
      select j.code, left(j.code, 2) as province from jurisdictions j where j.level = 'county' order by j.code`.execute(
      test.database.db,
    );
    const provinces = [...new Set(counties.map((c) => c.province))].sort();
    const firstHalf = new Set(provinces.slice(0, Math.ceil(provinces.length / 2)));
    // stored already: 2021 in the first half of the provinces, 2022 in the second. Import A (2021)
    // then updates the first half and creates the second; import B (2022) the other way round:
    // the insert's and the update's triggers of one statement bumped the two halves in opposite
    // orders, which deadlocked before migration 19
    const stored = (inFirstHalf: boolean) =>
      counties.filter((c) => firstHalf.has(c.province) === inFirstHalf).map((c) => c.code);
    for (const [year, codes] of [
      [2021, stored(true)],
      [2022, stored(false)],
    ] as const) {
      await sql`
        insert into populations (jurisdiction_code, year, population, source)
        select code, ${year}, 50000, 'before' from unnest(${sql.val(codes)}::text[]) code
        on conflict do nothing`.execute(test.database.db);
    }
    const csv = (year: number) =>
      `行政区划代码,名称,年份,常住人口,来源\r\n${counties.map((c, i) => `${c.code},,${year},${60000 + i},导入`).join('\r\n')}\r\n`;
    const upload = (year: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/import/populations?mode=commit',
        headers: admin.headers({ 'content-type': 'text/csv' }),
        payload: csv(year),
      });
    const answers = await Promise.all([upload(2021), upload(2022)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    const results = answers.map((a) => a.json() as PopulationImportResult);
    expect(results.map((r) => [r.committed, r.problems.length])).toEqual([
      [true, 0],
      [true, 0],
    ]);
    const { rows } = await sql<{ year: number; n: string }>`
      select year, count(*)::text as n from populations where source = '导入' group by year order by year`.execute(
      test.database.db,
    );
    expect(rows.map((r) => [r.year, Number(r.n)])).toEqual([
      [2021, counties.length],
      [2022, counties.length],
    ]);
    const { rows: audited } = await sql<{ n: string }>`
      select count(*)::text as n from audit_log where entity = 'population' and reason like '导入%'`.execute(
      test.database.db,
    );
    expect(Number(audited[0].n)).toBe(2 * counties.length);
    expect(await verifyAuditChain(test.database.db)).toMatchObject({ intact: true, firstBrokenId: null });
  });
});
