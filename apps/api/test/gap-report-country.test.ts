// The country-wide gap report is computed province by province (so that a township-scale country
// never sits in memory whole), and is the report a context of the whole country gives: the same
// rows in the same order, findings, reconciliations, completeness and projects. Real Postgres,
// the national tree with the shipped plans, reports in several provinces, a succession between
// provinces and a county reporting beside its own counties' sum.
import ExcelJS from 'exceljs';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FreshCache } from '../src/cache.ts';
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

  it('equals the report of one context of the whole country, at 2024Q2 (before the succession), 2024Q4 and 2025Q4', async () => {
    // province by province, each province's rows are written before the next is read: a unit
    // standing in two provinces' contexts (110101 before it passed to 533401) would be refused
    const cache = new FreshCache(db);
    for (const index of [2024 * 4 + 1, 2024 * 4 + 3, 2025 * 4 + 3]) {
      const [byProvince, whole, remembered] = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const settings = await readSettings(trx);
          return [
            await buildGapReport(trx, null, index, settings),
            await buildGapReport(trx, null, index, settings, true),
            // from the provinces' remembered branches, as the routes make it
            await buildGapReport(trx, null, index, settings, false, cache),
          ];
        });
      expect(byProvince?.rows.length).toBeGreaterThan(400);
      // the reports beside their units' sums are of 2024Q4: none before
      if (index > 2024 * 4 + 1) expect(byProvince?.reconciliations.length).toBeGreaterThan(0);
      expect(byProvince).toEqual(whole);
      expect(remembered).toEqual(whole);
    }
    // and it was made from remembered pieces, not read whole again
    expect(cache.remembered().pieces).toBeGreaterThan(0);
  });

  it('gives the final account of one context of the whole country, province by province', async () => {
    const cache = new FreshCache(db);
    for (const index of [2024 * 4 + 1, 2024 * 4 + 3, 2025 * 4 + 3]) {
      const [byProvince, whole, remembered] = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const settings = await readSettings(trx);
          return [
            await buildFinalAccount(trx, null, index, settings),
            await buildFinalAccount(trx, null, index, settings, true),
            // from the provinces' remembered branches, as the routes make it
            await buildFinalAccount(trx, null, index, settings, false, cache),
          ];
        });
      expect(whole?.rows.length).toBeGreaterThan(0);
      expect(byProvince?.dueYears.length).toBeGreaterThan(0);
      expect(byProvince).toEqual(whole);
      expect(remembered).toEqual(whole);
    }
    // and it was made from remembered pieces, not read whole again
    expect(cache.remembered().pieces).toBeGreaterThan(0);
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

  it('shows the country’s cover first, counting the rows written before it, and the sheets after the rows whole', async () => {
    const auditor = await signIn(app, ACCOUNTS.auditor.username);
    const get = (format: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/gap-report?period=2024Q4&format=${format}`,
        headers: { cookie: auditor.cookie, 'accept-language': 'zh-CN' },
      });
    const report = (await get('json')).json() as {
      rows: { code: string }[];
      scheduleFindings: unknown[];
      reconciliations: { code: string }[];
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await get('xlsx')).rawPayload as unknown as ArrayBuffer);
    // the cover is written last (once the rows are counted) but listed, and opened, first
    expect(book.worksheets.map((sheet) => sheet.name).slice(0, 2)).toEqual(['封面', '差距明细']);
    const cover = new Map(
      (book.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean).map((row) => [row[1], row[2]]),
    );
    expect(cover.get('行政区划')).toBe('全国');
    expect(cover.get('目标行数')).toBe(String(report.rows.length));
    // the sheets after the rows hold what the report holds: a header, then a row each
    const sheet = (name: string) => book.worksheets.find((each) => each.name === name) as ExcelJS.Worksheet;
    expect(sheet('年度任务不一致').rowCount).toBe(report.scheduleFindings.length + 1);
    expect(sheet('数据核对').rowCount).toBe(report.reconciliations.length + 1);
    expect(sheet('数据核对').getRow(2).getCell(1).value).toBe(report.reconciliations[0].code);
    // the CSV: a header line, then one line per row, in the same order
    const csv = (await get('csv')).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv.length).toBe(report.rows.length + 1);
    expect(csv[csv.length - 1].startsWith(`${report.rows[report.rows.length - 1].code},`)).toBe(true);
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
    // the cover, written after them but shown first, counts them
    expect(book.worksheets[0].name).toBe('封面');
    expect(book.worksheets[0].getColumn(2).values).toContain(String(rows.length));
    const csv = (await get('csv')).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv.length).toBe(rows.length + 1);
    expect(csv[1].startsWith(`${rows[0].code},`)).toBe(true);
  });

  it('answers a HEAD for the country’s file with its type and name, and for its JSON, without computing the country', async () => {
    // a server of its own, its cache cold: what a GET computes shows in its remembered pieces
    const fresh = await buildApp({ database: test.database, webDist: null });
    try {
      const auditor = await signIn(fresh, ACCOUNTS.auditor.username);
      const ask = (method: 'HEAD' | 'GET', format: string, cookie?: string) =>
        fresh.inject({
          method,
          url: `/api/v1/gap-report?period=2024Q4&format=${format}`,
          headers: cookie ? { cookie } : {},
        });
      for (const [format, type] of [
        ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['csv', 'text/csv; charset=utf-8'],
      ]) {
        const head = await ask('HEAD', format, auditor.cookie);
        expect(head.statusCode).toBe(200);
        expect(head.headers['content-type']).toBe(type);
        expect(head.headers['content-disposition']).toBe(
          `attachment; filename="tuowei-gap-report-country-2024Q4.${format}"`,
        );
        expect(head.body).toBe('');
        // no length: the GET streams without one, and 0 would be taken for the file's size
        expect(head.headers['content-length']).toBeUndefined();
      }
      // the country's JSON too: its type, no name (it is no download), nothing computed
      const json = await ask('HEAD', 'json', auditor.cookie);
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.headers['content-disposition']).toBeUndefined();
      expect(json.headers['content-length']).toBeUndefined();
      expect(fresh.cache.remembered().pieces).toBe(0);
      // the same rules as its GET: signed out, refused
      expect((await ask('HEAD', 'xlsx')).statusCode).toBe(401);
      // and the GET does compute it
      expect((await ask('GET', 'csv', auditor.cookie)).statusCode).toBe(200);
      expect(fresh.cache.remembered().pieces).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });
});
