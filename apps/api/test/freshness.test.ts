// Never stale: two API instances on one Postgres, each with its own cache; a write through one
// is seen by the very next read through the other.
import type { OverviewView, ProgressView } from '@tuowei/shared';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { ACCOUNTS, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

describe('two API instances on one database', () => {
  let test: TestDatabase;
  let second: Database;
  let writer: Awaited<ReturnType<typeof buildApp>>;
  let reader: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await insertReports(test.database.db, [{ code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 }]);
    await createAccounts(test.database.db, [ACCOUNTS.entryWeixi, ACCOUNTS.auditor]);
    await insertReports(test.database.db, [{ code: '371503', period: '2024Q4', places: 300, affordablePlaces: 100 }]);
    second = await openDatabase({ databaseUrl: test.location, dataDir: '' });
    writer = await buildApp({ database: test.database, webDist: null });
    reader = await buildApp({ database: second, webDist: null });
  });

  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await second?.close();
    await test?.destroy();
  });

  const places = async (period: string) => {
    const response = await reader.inject({ method: 'GET', url: `/api/v1/progress/533423?period=${period}` });
    return (response.json() as ProgressView).actual?.places;
  };

  it('serves the reader the writer’s change at once', async () => {
    // the reader computes and remembers 2025Q1, standing on 2024Q4
    expect(await places('2025Q1')).toBe(600);
    expect(await places('2025Q1')).toBe(600);
    const entry = await signIn(writer, ACCOUNTS.entryWeixi.username);
    const url = '/api/v1/reports/533423/2025Q1';
    await writer.inject({
      method: 'PUT',
      url,
      headers: entry.headers(),
      payload: { places: 640, affordablePlaces: 380 },
    });
    // a draft does not count…
    expect(await places('2025Q1')).toBe(600);
    await writer.inject({ method: 'POST', url: `${url}/submit`, headers: entry.headers({ 'if-match': '"1"' }) });
    // …a submitted report does, at the very next read
    expect(await places('2025Q1')).toBe(640);
  });

  it('sees a change made straight in the database too', async () => {
    const before = (
      await reader.inject({ method: 'GET', url: '/api/v1/progress/533423?period=2025Q1' })
    ).json() as ProgressView;
    await sql`update populations set population = 150000 where jurisdiction_code = '533423'`.execute(test.database.db);
    const after = (
      await reader.inject({ method: 'GET', url: '/api/v1/progress/533423?period=2025Q1' })
    ).json() as ProgressView;
    expect(before.population?.value).toBe(146_363);
    expect(after.population?.value).toBe(150_000);
  });

  it('builds the gap report afresh after a write, though it remembers it between writes', async () => {
    const auditor = await signIn(reader, ACCOUNTS.auditor.username);
    // Weixi's places needed for 4.5 per 1,000 at the population set above (150,000): 675 − places
    const placesNeeded = async () => {
      const response = await reader.inject({
        method: 'GET',
        url: '/api/v1/gap-report?root=533423&period=2025Q2&format=json',
        headers: auditor.headers(),
      });
      const rows = (response.json() as { rows: { code: string; metric: string; binding: boolean; gap: number }[] })
        .rows;
      return rows.find((row) => row.code === '533423' && row.metric === 'places_per_1000' && row.binding)?.gap;
    };
    expect(await placesNeeded()).toBe(35);
    expect(await placesNeeded()).toBe(35);
    await sql`update quarterly_reports set places = 655 where jurisdiction_code = '533423' and year = 2025 and quarter = 1`.execute(
      test.database.db,
    );
    expect(await placesNeeded()).toBe(20);
  });

  const overview = async (app: typeof reader, query: string) =>
    (await app.inject({ method: 'GET', url: `/api/v1/overview?${query}` })).json() as OverviewView;
  const placesIn = (view: OverviewView, code: string) => view.rows.find((row) => row.code === code)?.places;

  it('recomputes after a write only the answers of the written province, the country’s part of it too', async () => {
    // remembered: Shandong's page and the country, Shandong (300 at Chiping) and Yunnan in it
    expect(placesIn(await overview(reader, 'root=371500&period=2026Q3'), '371503')).toBe(300);
    const country = await overview(reader, 'period=2026Q3');
    const yunnanBefore = placesIn(country, '530000') as number;
    expect(placesIn(country, '370000')).toBe(300);
    // a change slipped past the triggers (as a superuser can): only a recomputation would show it
    const owner = new pg.Client({ connectionString: test.location });
    await owner.connect();
    try {
      await owner.query('begin');
      await owner.query('set local session_replication_role = replica');
      await owner.query(`update quarterly_reports set places = 333 where jurisdiction_code = '371503'`);
      await owner.query('commit');
      // a write in Yunnan, through the other instance
      const entry = await signIn(writer, ACCOUNTS.entryWeixi.username);
      const url = '/api/v1/reports/533423/2026Q3';
      await writer.inject({
        method: 'PUT',
        url,
        headers: entry.headers(),
        payload: { places: 700, affordablePlaces: 400 },
      });
      const submitted = await writer.inject({
        method: 'POST',
        url: `${url}/submit`,
        headers: entry.headers({ 'if-match': '"1"' }),
      });
      expect(submitted.statusCode).toBe(200);
      // Yunnan is recomputed at once; Shandong's answers are still the remembered ones
      const after = await overview(reader, 'period=2026Q3');
      expect(placesIn(after, '530000')).toBe(700);
      expect(yunnanBefore).not.toBe(700);
      expect(placesIn(after, '370000')).toBe(300);
      expect(placesIn(await overview(reader, 'root=371500&period=2026Q3'), '371503')).toBe(300);
      // a write in Shandong makes its answers afresh, with what was slipped in
      await owner.query(`update populations set population = population where jurisdiction_code = '371503'`);
      expect(placesIn(await overview(reader, 'root=371500&period=2026Q3'), '371503')).toBe(333);
      expect(placesIn(await overview(reader, 'period=2026Q3'), '370000')).toBe(333);
    } finally {
      await owner.end();
    }
  });

  it('serves every write at once while writes and reads run together', async () => {
    const entry = await signIn(writer, ACCOUNTS.entryWeixi.username);
    // Written all at once, in this order; the places rise with the quarter in time (500 in 2022Q1 …
    // 507 in 2023Q4), so that whichever report of the quarter before is stored by the time one is
    // submitted, its places have not fallen: a fall needs a comment (400 comment_required), and
    // 2023Q1 at 500 after 2022Q4 at 507 was refused whenever 2022Q4's draft won the race.
    const quarters = ['2023Q1', '2023Q2', '2023Q3', '2023Q4', '2022Q1', '2022Q2', '2022Q3', '2022Q4'];
    const inTime = [...quarters].sort();
    let writing = true;
    // readers keep the country and the prefecture computing all along
    const background = (async () => {
      let reads = 0;
      while (writing) {
        await Promise.all([overview(reader, 'period=2023Q4'), overview(reader, 'root=533400&period=2023Q2')]);
        reads++;
      }
      return reads;
    })();
    const written = await Promise.all(
      quarters.map(async (quarter) => {
        const url = `/api/v1/reports/533423/${quarter}`;
        const places = 500 + inTime.indexOf(quarter);
        await writer.inject({
          method: 'PUT',
          url,
          headers: entry.headers(),
          payload: { places, affordablePlaces: 200 },
        });
        const submit = await writer.inject({
          method: 'POST',
          url: `${url}/submit`,
          headers: entry.headers({ 'if-match': '"1"' }),
        });
        // read through the other instance after the submit's answer: it must show it
        const page = placesIn(await overview(reader, `root=533400&period=${quarter}`), '533423');
        const progress = (
          await reader.inject({ method: 'GET', url: `/api/v1/progress/533423?period=${quarter}` })
        ).json() as ProgressView;
        return { status: submit.statusCode, body: submit.body, page, progress: progress.actual?.places, places };
      }),
    );
    writing = false;
    expect(await background).toBeGreaterThan(0);
    for (const { status, body, page, progress, places } of written)
      expect({ status, page, progress }, body).toEqual({
        status: 200,
        page: places,
        progress: places,
      });
    // and what the reader remembers is what an instance that remembers nothing computes
    const fresh = await buildApp({ database: second, webDist: null });
    try {
      for (const query of ['period=2023Q4', 'period=2022Q3', 'root=533400&period=2023Q2', 'root=530000&period=2023Q3'])
        expect(await overview(reader, query), query).toEqual(await overview(fresh, query));
    } finally {
      await fresh.close();
    }
  });
});
