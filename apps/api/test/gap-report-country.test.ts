// The country-wide gap report is computed province by province (so that a township-scale country
// never sits in memory whole), and is the report a context of the whole country gives: the same
// rows in the same order, findings, reconciliations, completeness and projects. Real Postgres,
// the national tree with the shipped plans, reports in several provinces, a succession between
// provinces and a county reporting beside its own counties' sum.
import ExcelJS from 'exceljs';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { DB } from '../src/db/schema.ts';
import { buildFinalAccount, buildGapReport } from '../src/routes/gap-report/build.ts';
import { readSettings } from '../src/routes/settings/repository.ts';
import { ACCOUNTS, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

describe('the country-wide gap report, province by province', () => {
  let test: TestDatabase;
  let db: Kysely<DB>;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    db = test.database.db;
    await insertReports(db, [
      { code: '533423', period: '2024Q3', places: 581, affordablePlaces: 340 },
      { code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 },
      { code: '533422', period: '2024Q4', places: 120, affordablePlaces: 60, status: 'submitted' },
      // Diqing's own report beside its counties' sum: a reconciliation row
      { code: '533400', period: '2024Q4', places: 900, affordablePlaces: 500 },
      { code: '141000', period: '2024Q4', places: 17_600, affordablePlaces: 10_000 },
      { code: '371503', period: '2024Q4', places: 1_800, affordablePlaces: 1_000, institutions: { public: 3 } },
      { code: '520000', period: '2024Q4', places: 160_000, affordablePlaces: 90_000 },
      { code: '110101', period: '2024Q4', places: 3_000, affordablePlaces: 1_200 },
    ]);
    // a county carried on by one in another province (as no boundary does, so that the province
    // computed alone must bring its predecessor in)
    await sql`insert into successions (from_code, to_code, effective_on, reason, kind)
              values ('110101', '533401', '2024-07-01', 'test', 'rename')`.execute(db);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  it('equals the report of one context of the whole country, at 2024Q4 and 2025Q4', async () => {
    for (const index of [2024 * 4 + 3, 2025 * 4 + 3]) {
      const [byProvince, whole] = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const settings = await readSettings(trx);
          return [
            await buildGapReport(trx, null, index, settings),
            await buildGapReport(trx, null, index, settings, true),
          ];
        });
      expect(byProvince?.rows.length).toBeGreaterThan(400);
      expect(byProvince?.reconciliations.length).toBeGreaterThan(0);
      expect(byProvince).toEqual(whole);
    }
  });

  it('gives the final account of one context of the whole country, province by province', async () => {
    for (const index of [2024 * 4 + 3, 2025 * 4 + 3]) {
      const [byProvince, whole] = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const settings = await readSettings(trx);
          return [
            await buildFinalAccount(trx, null, index, settings),
            await buildFinalAccount(trx, null, index, settings, true),
          ];
        });
      expect(whole?.rows.length).toBeGreaterThan(0);
      expect(byProvince?.dueYears.length).toBeGreaterThan(0);
      expect(byProvince).toEqual(whole);
    }
  });

  it('streams the country’s workbook with a row for every row of its JSON answer', async () => {
    await createAccounts(db, [ACCOUNTS.auditor]);
    app = await buildApp({ database: test.database, webDist: null });
    const auditor = await signIn(app, ACCOUNTS.auditor.username);
    const get = (format: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/gap-report?period=2024Q4&format=${format}`,
        headers: { cookie: auditor.cookie, 'accept-language': 'zh-CN' },
      });
    const json = await get('json');
    const xlsx = await get('xlsx');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const gaps = book.worksheets[1];
    const rows = json.json().rows as { code: string }[];
    // a header, then one row per gap row, in the same order
    expect(gaps.rowCount).toBe(rows.length + 1);
    expect(gaps.getRow(2).getCell(1).value).toBe(rows[0].code);
    expect(gaps.getRow(rows.length + 1).getCell(1).value).toBe(rows[rows.length - 1].code);
  });

  it('streams the country’s final account with a row for every row of its JSON answer, its CSV likewise', async () => {
    const auditor = await signIn(app, ACCOUNTS.auditor.username);
    const get = (format: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/gap-report?account=final&period=2025Q4&format=${format}`,
        headers: { cookie: auditor.cookie, 'accept-language': 'zh-CN' },
      });
    const rows = (await get('json')).json().rows as { code: string }[];
    expect(rows.length).toBeGreaterThan(0);
    const xlsx = await get('xlsx');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const account = book.worksheets[1];
    // a header, then one row per row of the account, in the same order
    expect(account.rowCount).toBe(rows.length + 1);
    expect(account.getRow(2).getCell(1).value).toBe(rows[0].code);
    expect(account.getRow(rows.length + 1).getCell(1).value).toBe(rows[rows.length - 1].code);
    // the cover counts them
    expect(book.worksheets[0].getColumn(2).values).toContain(String(rows.length));
    const csv = (await get('csv')).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv.length).toBe(rows.length + 1);
    expect(csv[1].startsWith(`${rows[0].code},`)).toBe(true);
  });
});
