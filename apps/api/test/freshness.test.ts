// Never stale: two API instances on one Postgres, each with its own cache; a write through one
// is seen by the very next read through the other.
import type { ProgressView } from '@tuowei/shared';
import { sql } from 'kysely';
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
});
