// Yearly populations in bulk, on real Postgres: the template, a dry run that shows and writes
// nothing, a commit of all or nothing, every bad row named by row, column and reason, admins only
// (within their scope), an audit row per figure, and concurrent imports of one figure serialised.
import type { PopulationImportResult, ProgressView } from '@tuowei/shared';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

async function workbook(rows: (string | number | null)[][], name = '人口'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(name);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(BACKENDS)('population import on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;
  let yunnanAdmin: Client;

  beforeAll(async () => {
    // the national tree holds Diqing's three counties: Shangri-La 533401 and Deqin 533422 (no
    // population), Weixi 533423 (146,363 in 2020)
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.admin, ACCOUNTS.adminYunnan, ACCOUNTS.leaderYunnan]);
    app = await buildApp({ database: test.database, webDist: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
    yunnanAdmin = await signIn(app, ACCOUNTS.adminYunnan.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const upload = async (
    client: Client,
    body: Buffer | string,
    mode: 'dry-run' | 'commit',
    type = XLSX_TYPE,
    language = 'zh-CN',
  ) => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/import/populations?mode=${mode}`,
      headers: client.headers({
        'content-type': type,
        'x-file-name': encodeURIComponent('人口.xlsx'),
        'accept-language': language,
      }),
      payload: body,
    });
    return { status: response.statusCode, body: response.json() };
  };
  const stored = async () => {
    const { rows } = await sql<{ code: string; year: number; population: string; source: string }>`
      select jurisdiction_code as code, year, population, source from populations
      where jurisdiction_code in ('533401', '533422', '533423') order by 1, 2`.execute(test.database.db);
    return rows.map((r) => `${r.code}/${r.year}=${r.population} ${r.source}`);
  };
  const auditRows = async () => {
    const { rows } = await sql<{ action: string; entity_id: string; before: unknown; after: unknown; reason: string }>`
      select action, entity_id, before, after, reason from audit_log where entity = 'population' order by id`.execute(
      test.database.db,
    );
    return rows;
  };
  const HEADER = ['行政区划代码', '名称', '年份', '常住人口', '来源'];
  const GOOD = [
    HEADER,
    ['533401', '香格里拉市', 2020, 180_000, '第七次全国人口普查'],
    ['533422', '德钦县', 2020, '66,000', '第七次全国人口普查'],
    ['533423', '维西县', 2023, 145_800, '2023 年迪庆州统计公报'],
  ];

  it("offers admins a template of their units for a year, with each one's figure where stored", async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/import/populations/template.xlsx?year=2020',
      headers: { cookie: yunnanAdmin.cookie },
    });
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['人口', '说明']);
    const sheet = book.getWorksheet('人口') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    // Yunnan's subtree in code order: 530000, then its 16 prefectures and 129 county-level units,
    // 146 units on rows 2–147; Diqing 533400 and its three counties, the last in code order, close it
    expect(sheet.rowCount).toBe(147);
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(1).value)).toEqual(['530000', '530100', '530102']);
    expect([144, 145, 146, 147].map((r) => sheet.getRow(r).getCell(1).value)).toEqual([
      '533400',
      '533401',
      '533422',
      '533423',
    ]);
    expect((sheet.getRow(147).values as unknown[]).slice(1)).toEqual([
      '533423',
      '维西傈僳族自治县',
      2020,
      146_363,
      expect.any(String),
    ]);
    expect(sheet.getRow(145).getCell(4).value).toBeNull();
  });

  it('refuses everyone but admins, and an admin outside their jurisdiction row by row', async () => {
    const leader = await signIn(app, ACCOUNTS.leaderYunnan.username);
    expect((await upload(leader, await workbook(GOOD), 'dry-run')).status).toBe(403);
    const template = await app.inject({
      method: 'GET',
      url: '/api/v1/import/populations/template.xlsx',
      headers: { cookie: leader.cookie },
    });
    expect(template.statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/import/populations',
      headers: { 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(anonymous.statusCode).toBe(401);
    const outside = await upload(
      yunnanAdmin,
      await workbook([HEADER, ['371503', '茌平区', 2024, 510_000, '统计公报']]),
      'dry-run',
    );
    expect(outside.body.problems).toEqual([
      { row: 2, column: '行政区划代码', value: '371503', reason: '不在您的管辖范围内' },
    ]);
  });

  it('shows a dry run and writes nothing', async () => {
    const before = await stored();
    const dry = await upload(yunnanAdmin, await workbook(GOOD), 'dry-run');
    expect(dry.status).toBe(200);
    const result = dry.body as PopulationImportResult;
    expect(result).toMatchObject({ ok: true, committed: false, created: 3, updated: 0, unchanged: 0, problems: [] });
    expect(result.rows.map((r) => [r.row, r.code, r.year, r.population, r.action])).toEqual([
      [2, '533401', 2020, 180_000, 'create'],
      [3, '533422', 2020, 66_000, 'create'],
      [4, '533423', 2023, 145_800, 'create'],
    ]);
    expect(await stored()).toEqual(before);
    expect(await auditRows()).toEqual([]);
  });

  it('names every bad row by row, column and reason, in both languages, and commits nothing', async () => {
    const bad = await workbook([
      HEADER,
      ['533401', '香格里拉市', 2020, 180_000, '第七次全国人口普查'],
      ['53340', '错', 2020, 1000, '普查'],
      ['533422', '德钦县', 1800, 0, ''],
      ['533423', '维西县', 2023, 'about 145,000', '公报'],
      ['533401', '香格里拉市', 2020, 181_000, '重复'],
      ['999999', '无', 2020, 10, '普查'],
    ]);
    const committed = await upload(yunnanAdmin, bad, 'commit');
    expect(committed.status).toBe(400);
    expect(committed.body.error.code).toBe('import_rejected');
    expect(committed.body.error.details.problems).toEqual([
      { row: 3, column: '行政区划代码', value: '53340', reason: expect.stringContaining('6 位数字') },
      { row: 4, column: '年份', value: '1800', reason: '应不小于 1949' },
      { row: 4, column: '常住人口', value: '0', reason: '应至少为 1' },
      { row: 4, column: '来源', value: '', reason: '必填' },
      { row: 5, column: '常住人口', value: 'about 145,000', reason: '应为整数' },
      { row: 6, column: '年份', value: '2020', reason: '与前面一行重复（同一单位同一年份）: 2' },
      { row: 7, column: '行政区划代码', value: '999999', reason: '没有这个行政区划代码' },
    ]);
    const english = await upload(yunnanAdmin, bad, 'dry-run', XLSX_TYPE, 'en');
    expect(english.body.problems[2]).toEqual({
      row: 4,
      column: 'Population',
      value: '0',
      reason: 'must be at least 1',
    });
    expect(await stored()).toEqual(['533423/2020=146363 第七次全国人口普查（2020年11月1日）']);
    expect(await auditRows()).toEqual([]);
  });

  it('commits every row, each audited, and the next progress answer uses the new figures', async () => {
    // Weixi reports 2024Q4 with 600 places: at 146,363 that is 4.0994 per 1,000, at 145,800 (2023) 4.1152
    await insertReports(test.database.db, [{ code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 }]);
    const first = await app.inject({ method: 'GET', url: '/api/v1/progress/533423?period=2024Q4' });
    expect(first.json<ProgressView>().population).toMatchObject({ value: 146_363, year: 2020 });
    const done = await upload(yunnanAdmin, await workbook(GOOD), 'commit');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ ok: true, committed: true, created: 3 });
    expect(await stored()).toEqual([
      '533401/2020=180000 第七次全国人口普查',
      '533422/2020=66000 第七次全国人口普查',
      '533423/2020=146363 第七次全国人口普查（2020年11月1日）',
      '533423/2023=145800 2023 年迪庆州统计公报',
    ]);
    const audit = await auditRows();
    expect(audit.map((a) => [a.action, a.entity_id, a.reason])).toEqual([
      ['insert', '533401/2020', '导入 import: 人口.xlsx'],
      ['insert', '533422/2020', '导入 import: 人口.xlsx'],
      ['insert', '533423/2023', '导入 import: 人口.xlsx'],
    ]);
    expect(audit[2].after).toEqual({ year: 2023, population: 145_800, source: '2023 年迪庆州统计公报' });
    const next = (
      await app.inject({ method: 'GET', url: '/api/v1/progress/533423?period=2024Q4' })
    ).json<ProgressView>();
    expect(next.population).toMatchObject({ value: 145_800, year: 2023, carriedForward: true });
    // 600 × 1,000 ÷ 145,800 = 4.1152; needed ⌈4.5 × 145,800 ÷ 1,000⌉ = ⌈656.1⌉ = 657, gap 57
    const ratio = next.targets.find((t) => t.metric === 'places_per_1000' && t.value === 4.5 && !t.inherited);
    expect(ratio?.current).toBeCloseTo(4.1152, 4);
    expect(ratio?.gap).toBe(57);
  });

  it('reads a CSV, replaces a stored figure (audited with what it replaced) and leaves an unchanged one alone', async () => {
    const csv =
      '\ufeffDivision code,Year,Population,Source\n533401,2020,180000,第七次全国人口普查\n533422,2020,65000,修订\n533401,2021,,\n';
    const done = await upload(admin, csv, 'commit', 'text/csv');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ created: 0, updated: 1, unchanged: 1, skipped: [{ row: 4, reason: 'empty' }] });
    const audit = await auditRows();
    expect(audit.at(-1)).toMatchObject({
      action: 'update',
      entity_id: '533422/2020',
      before: { year: 2020, population: 66_000, source: '第七次全国人口普查' },
      after: { year: 2020, population: 65_000, source: '修订' },
    });
    expect(audit).toHaveLength(4);
  });

  it('refuses a file without the population header, naming the columns it needs, and one past the size limit', async () => {
    const noHeader = await upload(
      yunnanAdmin,
      await workbook([
        ['行政区划代码', '季度', '托位数'],
        ['533423', '2024Q4', 1],
      ]),
      'dry-run',
    );
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.code).toBe('no_header');
    expect(noHeader.body.error.message).toContain('“行政区划代码”“年份”“常住人口”“来源”');
    const tooLarge = await upload(yunnanAdmin, Buffer.alloc(11 * 1024 * 1024, 0x41), 'dry-run', 'text/csv');
    expect(tooLarge.status).toBe(413);
    expect(await auditRows()).toHaveLength(4);
  });

  it('serialises two imports of one figure: each audit row replaces what the other wrote', async () => {
    const file = (population: number) =>
      workbook([HEADER, ['533401', '香格里拉市', 2024, population, `估计 ${population}`]]);
    const [a, b] = await Promise.all([
      upload(admin, await file(181_000), 'commit'),
      upload(yunnanAdmin, await file(182_000), 'commit'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const audit = (await auditRows()).filter((row) => row.entity_id === '533401/2024');
    expect(audit.map((row) => row.action)).toEqual(['insert', 'update']);
    expect((audit[1].before as { population: number }).population).toBe(
      (audit[0].after as { population: number }).population,
    );
  });
});
