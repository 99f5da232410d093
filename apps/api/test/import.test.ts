// Bulk import: the template, a dry run naming every bad row, all-or-nothing commits, GBK CSV and
// workbooks with the habits of real Excel users (title rows, merged cells, formulas, "1,050").
import fs from 'node:fs';
import path from 'node:path';
import type { ImportResult } from '@tuowei/shared';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

async function workbook(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('Sheet1'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('import', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    // Diqing's three county-level units (香格里拉市 533401, 德钦县 533422, Weixi), so that a prefecture sends several at once
    await createAccounts(test.database.db, [{ username: 'entry-diqing', role: 'entry', jurisdictionCode: '533400' }]);
    app = await buildApp({ database: test.database, webDist: null });
    entry = await signIn(app, 'entry-diqing');
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const upload = async (body: Buffer | string, mode: 'dry-run' | 'commit', type = XLSX_TYPE, submit = false) => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/import?mode=${mode}${submit ? '&submit=1' : ''}`,
      headers: entry.headers({ 'content-type': type, 'x-file-name': encodeURIComponent('迪庆州.xlsx') }),
      payload: body,
    });
    return { status: response.statusCode, body: response.json() };
  };
  const counts = async () => {
    const { rows } = await sql<{ reports: string; audit: string }>`
      select (select count(*) from quarterly_reports) reports, (select count(*) from audit_log where entity = 'report') audit`.execute(
      test.database.db,
    );
    return rows[0];
  };

  it("offers a template with the person's reporting units, Chinese headers and instructions", async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/import/template.xlsx?period=2025Q1',
      headers: { cookie: entry.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['季报', '说明']);
    const sheet = book.getWorksheet('季报') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['行政区划代码', '名称', '季度', '托位数']);
    const codes = [2, 3, 4].map((r) => sheet.getRow(r).getCell(1).value);
    expect(codes).toEqual(['533401', '533422', '533423']);
    expect(sheet.getRow(2).getCell(3).value).toBe('2025Q1');
  });

  it('names every bad row, column, value and reason, and writes nothing', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['行政区划代码', '名称', '季度', '托位数', '普惠托位数']);
      sheet.addRow(['533423', '维西', '2025Q1', 610, 355]); // good
      sheet.addRow(['533401', '香格里拉', '2025Q1', 100, 120]); // affordable above total
      sheet.addRow(['12345', '?', '2025Q1', 1, 0]); // not a code
      sheet.addRow(['371503', '茌平', '2025Q1', 1, 0]); // outside Diqing
      sheet.addRow(['533423', '维西', '2025Q1', 611, 355]); // again
      sheet.addRow(['533422', '德钦', '2025Q5', 'abc', 1]); // bad quarter and a word for a number
      sheet.addRow(['999999', '?', '2025Q1', 1, 0]); // no such unit
    });
    const before = await counts();
    const dry = await upload(file, 'dry-run');
    expect(dry.status).toBe(200);
    const result = dry.body as ImportResult;
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, '普惠托位数', '120'],
      [4, '行政区划代码', '12345'],
      [5, '行政区划代码', '371503'],
      [6, '季度', '2025Q1'],
      [7, '季度', '2025Q5'],
      [7, '托位数', 'abc'],
      [8, '行政区划代码', '999999'],
    ]);
    expect(result.problems[0].reason).toBe('普惠托位数不能大于托位总数');
    expect(result.problems[2].reason).toBe('不在您的管辖范围内');
    expect(result.problems[3].reason).toContain('重复');
    const committed = await upload(file, 'commit');
    expect(committed.status).toBe(400);
    expect(committed.body.error).toMatchObject({ code: 'import_rejected', details: { committed: false } });
    expect(committed.body.error.details.problems).toHaveLength(7);
    expect(await counts()).toEqual(before);
  });

  it('reads a workbook the way people keep them: a title row, merged cells, formulas, "1,050" and a totals row', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['迪庆州 2025 年第一季度托位统计表']);
      sheet.mergeCells('A1:G1');
      sheet.addRow(['行政区划代码', '名称', '季度', '托位数', '普惠托位数', '在托婴幼儿数', '示范性托育机构']);
      sheet.addRow(['533401', '香格里拉市', '2025Q1', '1,050', 600, null, 1]);
      sheet.addRow(['533422', '德钦县', '2025Q1', { formula: 'E4+200', result: 380 }, 180, 150, 0]);
      sheet.addRow(['533423', '维西傈僳族自治县', '2025Q1', 610, 355, 330, 2]);
      sheet.addRow([]);
      sheet.addRow([
        '合计',
        null,
        null,
        { formula: 'SUM(D3:D5)', result: 2040 },
        { formula: 'SUM(E3:E5)', result: 1135 },
      ]);
      // the quarter merged down the three rows, as people do
      sheet.mergeCells('C3:C5');
    });
    const dry = (await upload(file, 'dry-run')).body as ImportResult;
    expect(dry.problems).toEqual([]);
    expect(dry).toMatchObject({
      ok: true,
      headerRow: 2,
      created: 3,
      updated: 0,
      skipped: [
        { row: 6, reason: 'empty' },
        { row: 7, reason: 'total' },
      ],
    });
    expect(dry.rows.map((r) => [r.code, r.period, r.places, r.action])).toEqual([
      ['533401', '2025Q1', 1050, 'create'],
      ['533422', '2025Q1', 380, 'create'],
      ['533423', '2025Q1', 610, 'create'],
    ]);
    expect(await counts()).toEqual({ reports: '0', audit: '0' });
    const committed = (await upload(file, 'commit')).body as ImportResult;
    expect(committed).toMatchObject({ ok: true, committed: true, created: 3 });
    const { rows } = await sql<{
      code: string;
      places: number;
      children_enrolled: number | null;
      status: string;
      kinds: unknown;
    }>`
      select r.jurisdiction_code code, r.places, r.children_enrolled, r.status,
             (select json_object_agg(kind, count) from report_institutions i where i.report_id = r.id) kinds
      from quarterly_reports r order by 1`.execute(test.database.db);
    expect(rows).toEqual([
      { code: '533401', places: 1050, children_enrolled: null, status: 'draft', kinds: { demonstration: 1 } },
      { code: '533422', places: 380, children_enrolled: 150, status: 'draft', kinds: { demonstration: 0 } },
      { code: '533423', places: 610, children_enrolled: 330, status: 'draft', kinds: { demonstration: 2 } },
    ]);
    const { rows: audit } = await sql<{ action: string; reason: string }>`
      select action, reason from audit_log where entity = 'report' order by id`.execute(test.database.db);
    expect(audit).toEqual(Array(3).fill({ action: 'insert', reason: '导入 import: 迪庆州.xlsx' }));
  });

  it('reads rich text as its plain text and a date as YYYY-MM-DD', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['行政区划代码', '季度', '托位数', '普惠托位数', '备注']);
      sheet.addRow([
        { richText: [{ text: '5334' }, { font: { bold: true }, text: '22' }] },
        '2024Q3',
        380,
        180,
        new Date(Date.UTC(2024, 8, 30)),
      ]);
    });
    const committed = (await upload(file, 'commit')).body as ImportResult;
    expect(committed).toMatchObject({ ok: true, committed: true, created: 1 });
    const { rows } = await sql<{ code: string; comment: string }>`
      select jurisdiction_code code, comment from quarterly_reports where year = 2024 and quarter = 3`.execute(
      test.database.db,
    );
    expect(rows).toEqual([{ code: '533422', comment: '2024-09-30' }]);
  });

  it('reads a CSV saved by older Excel in GBK', async () => {
    const dry = (await upload(fs.readFileSync(path.join(FIXTURES, 'gbk-2025Q2.csv')), 'dry-run', 'text/csv'))
      .body as ImportResult;
    expect(dry).toMatchObject({ ok: true, encoding: 'gb18030', created: 2 });
    expect(dry.rows.map((r) => [r.name, r.places])).toEqual([
      ['维西傈僳族自治县', 620],
      ['香格里拉市', 1050],
    ]);
  });

  it('reads a UTF-8 CSV with a BOM and English headers', async () => {
    const csv = '\uFEFFDivision code,Quarter,Places,Affordable places\r\n533422,2025Q2,400,200\r\n';
    const dry = (await upload(csv, 'dry-run', 'text/csv')).body as ImportResult;
    expect(dry).toMatchObject({ ok: true, encoding: 'utf-8', created: 1 });
  });

  it('updates drafts, refuses a sheet made from an older version, and submits when asked', async () => {
    // the template of 2025Q1 carries each report's version (1)
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/import/template.xlsx?period=2025Q1',
      headers: { cookie: entry.cookie },
    });
    const template = Buffer.from(response.rawPayload);
    // someone changes Weixi's report after the sheet was made
    await sql`update quarterly_reports set version = 2 where jurisdiction_code = '533423' and year = 2025 and quarter = 1`.execute(
      test.database.db,
    );
    const stale = (await upload(template, 'dry-run')).body as ImportResult;
    expect(stale.problems).toEqual([
      expect.objectContaining({ row: 4, column: '版本', value: '1', reason: expect.stringContaining('重新下载') }),
    ]);

    const file = await workbook((sheet) => {
      sheet.addRow(['行政区划代码', '季度', '托位数', '普惠托位数', '备注']);
      sheet.addRow(['533401', '2025Q1', 1100, 650, null]);
      sheet.addRow(['533422', '2025Q2', 300, 150, null]); // fell from 380 in 2025Q1: needs a comment to submit
    });
    const refused = (await upload(file, 'dry-run', XLSX_TYPE, true)).body as ImportResult;
    expect(refused.problems).toEqual([
      expect.objectContaining({ row: 3, column: '备注', reason: expect.stringContaining('380 → 300') }),
    ]);
    const explained = await workbook((sheet) => {
      sheet.addRow(['行政区划代码', '季度', '托位数', '普惠托位数', '备注']);
      sheet.addRow(['533401', '2025Q1', 1100, 650, null]);
      sheet.addRow(['533422', '2025Q2', 300, 150, '一所机构停办']);
    });
    const done = (await upload(explained, 'commit', XLSX_TYPE, true)).body as ImportResult;
    expect(done).toMatchObject({ committed: true, created: 1, updated: 1, submitted: 2 });
    const { rows } = await sql<{ code: string; period: string; status: string; version: number; places: number }>`
      select jurisdiction_code code, year || 'Q' || quarter period, status, version, places from quarterly_reports
      where year = 2025 and quarter in (1, 2) order by 2, 1`.execute(test.database.db);
    expect(rows).toEqual([
      { code: '533401', period: '2025Q1', status: 'submitted', version: 2, places: 1100 },
      { code: '533422', period: '2025Q1', status: 'draft', version: 1, places: 380 },
      { code: '533423', period: '2025Q1', status: 'draft', version: 2, places: 610 },
      { code: '533422', period: '2025Q2', status: 'submitted', version: 1, places: 300 },
    ]);
    // a submitted report cannot be changed by the next import
    const again = (await upload(explained, 'dry-run')).body as ImportResult;
    expect(again.problems.map((p) => p.reason)).toEqual([
      expect.stringContaining('已提交'),
      expect.stringContaining('已提交'),
    ]);
  });

  it('says plainly when a file is not a sheet it can read', async () => {
    const garbage = await upload(Buffer.from('PK\u0003\u0004 not really a zip'), 'dry-run');
    expect(garbage).toMatchObject({ status: 400, body: { error: { code: 'unreadable_file' } } });
    const noHeader = await upload('a,b,c\r\n1,2,3\r\n', 'dry-run', 'text/csv');
    expect(noHeader).toMatchObject({ status: 400, body: { error: { code: 'no_header' } } });
    expect(noHeader.body.error.message).toContain('行政区划代码');
  });
});

// The reporting window in an import, as in the form, with the clock pinned to 1 December 2026
// (10:00 in Beijing): 2026Q4 is running, 2027Q3 has not begun.
describe.each(BACKENDS)('the reporting window in an import on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [{ username: 'entry-weixi', role: 'entry', jurisdictionCode: '533423' }]);
    app = await buildApp({ database: test.database, webDist: null, clock: () => new Date('2026-12-01T02:00:00Z') });
    entry = await signIn(app, 'entry-weixi');
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const csv = (lines: string[]) => `行政区划代码,季度,托位数,普惠托位数\n${lines.join('\n')}\n`;
  const upload = async (body: string, mode: 'dry-run' | 'commit', submit = false, language = 'zh-CN') => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/import?mode=${mode}${submit ? '&submit=1' : ''}`,
      headers: entry.headers({ 'content-type': 'text/csv', 'accept-language': language }),
      payload: body,
    });
    return { status: response.statusCode, body: response.json() };
  };
  const reports = async () =>
    (await sql<{ n: string }>`select count(*)::text n from quarterly_reports`.execute(test.database.db)).rows[0].n;

  it('names the row of a quarter not begun in the dry run, and commits nothing', async () => {
    const before = await reports();
    const file = csv(['533423,2026Q3,690,420', '533423,2027Q3,700,430']);
    const dry = await upload(file, 'dry-run');
    expect(dry.status).toBe(200);
    expect(dry.body.ok).toBe(false);
    expect(dry.body.created).toBe(1);
    expect(dry.body.problems).toEqual([
      {
        row: 3,
        column: '季度',
        value: '2027Q3',
        reason: expect.stringContaining('2027 年第 3 季度（2027Q3）尚未开始（2027-07-01 起'),
      },
    ]);
    expect(dry.body.problems[0].reason).toContain('2026Q4');
    const english = await upload(file, 'dry-run', false, 'en');
    expect(english.body.problems[0]).toMatchObject({ row: 3, column: 'Quarter' });
    expect(english.body.problems[0].reason).toContain('2027Q3 has not begun');
    const commit = await upload(file, 'commit');
    expect(commit.status).toBe(400);
    expect(commit.body.error.details.problems[0]).toMatchObject({ row: 3, value: '2027Q3' });
    expect(await reports()).toBe(before);
  });

  it('imports the running quarter as drafts, but will not submit it', async () => {
    const file = csv(['533423,2026Q4,700,430']);
    const submitting = await upload(file, 'dry-run', true);
    expect(submitting.body.problems).toEqual([
      { row: 2, column: '季度', value: '2026Q4', reason: expect.stringContaining('2026-12-31') },
    ]);
    expect((await upload(file, 'commit', true)).status).toBe(400);
    const drafts = await upload(file, 'commit');
    expect(drafts.status).toBe(200);
    expect(drafts.body).toMatchObject({ ok: true, committed: true, created: 1, submitted: 0 });
    const { rows } = await sql<{ status: string }>`
      select status from quarterly_reports where jurisdiction_code = '533423' and year = 2026 and quarter = 4`.execute(
      test.database.db,
    );
    expect(rows).toEqual([{ status: 'draft' }]);
  });
});
