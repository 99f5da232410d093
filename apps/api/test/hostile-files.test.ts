// Hostile uploads to POST /api/v1/import (issue 11): a declared dimension of a million rows, a
// zip bomb, 700,000 rows, 500,000 CSV rows, too many columns and shared strings, mixed encodings,
// formulas with no saved result, broken file names. Each is refused with the limit or the cell
// named, in the reader's language; nothing is stored; the server answers others meanwhile.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportResult } from '@tuowei/shared';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { readsUnderWay } from '../src/workbook/index.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';
import * as hostile from './support/hostile-files.ts';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

/** Built once for both backends: the zip bomb alone deflates 2 GB. */
const files: Record<string, Buffer> = {};
beforeAll(async () => {
  files.dimension = await hostile.declaredDimension();
  files.bomb = await hostile.zipBomb();
  files.lyingBomb = await hostile.zipBomb(4096);
  files.rows = await hostile.manyRows();
  files.csvRows = hostile.manyCsvRows();
  files.wide = await hostile.wideSheet();
  files.wideCsv = hostile.wideCsv();
  files.strings = await hostile.manySharedStrings();
  files.mixed = hostile.mixedEncodingCsv();
  files.formula = await hostile.formulaWithoutValue();
  files.heap = await hostile.heapHungry();
}, 300_000);

describe.each(BACKENDS)('hostile files (%s)', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.entryDiqing]);
    app = await buildApp({ database: test.database, webDist: null });
    entry = await signIn(app, ACCOUNTS.entryDiqing.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const upload = (body: Buffer, options: { type?: string; language?: string; fileName?: string } = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/import?mode=commit',
      headers: entry.headers({
        'content-type': options.type ?? XLSX_TYPE,
        'accept-language': options.language ?? 'zh-CN',
        'x-file-name': options.fileName ?? 'upload.xlsx',
      }),
      payload: body,
    });
  const stored = async () => {
    const { rows } = await sql<{ reports: string; audit: string }>`
      select (select count(*) from quarterly_reports) reports, (select count(*) from audit_log) audit`.execute(
      test.database.db,
    );
    return rows[0];
  };

  /**
   * Uploads a file and, once its reading has begun, asks for the health check: the health
   * answer must come while the file is still being read.
   */
  async function uploadWatchingHealth(body: Buffer, type = XLSX_TYPE) {
    let settled = false;
    const answer = upload(body, { type }).finally(() => {
      settled = true;
    });
    while (readsUnderWay() === 0 && !settled) await new Promise((resolve) => setImmediate(resolve));
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    const readingWhenHealthAnswered = readsUnderWay() > 0 && !settled;
    return { response: await answer, health: health.statusCode, readingWhenHealthAnswered };
  }

  it('refuses a one-cell sheet at XFD1048576 at once, naming the row limit and the cell, in Chinese or English', async () => {
    const before = await stored();
    const zh = await upload(files.dimension);
    expect(files.dimension.length).toBeLessThan(2000);
    expect(zh.statusCode).toBe(413);
    expect(zh.json().error).toMatchObject({ code: 'file_over_limit', details: { limit: 'rows', max: 200_000 } });
    expect(zh.json().error.message).toContain('最多 200,000 行');
    expect(zh.json().error.message).toContain('XFD1048576');
    const en = await upload(files.dimension, { language: 'en' });
    expect(en.json().error.message).toContain('at most 200,000 rows (cell XFD1048576 of sheet "季报")');
    expect(await stored()).toEqual(before);
  });

  it('refuses a zip bomb (2 GB of spaces in 2 MB), whether its sizes tell the truth or lie', async () => {
    const before = await stored();
    expect(files.bomb.length).toBeLessThan(3 * 1024 * 1024);
    const honest = await upload(files.bomb);
    expect(honest.statusCode).toBe(413);
    expect(honest.json().error.details).toEqual({ limit: 'partBytes', max: 96 * 1024 * 1024 });
    expect(honest.json().error.message).toContain('96 MB');
    expect(honest.json().error.message).toContain('xl/worksheets/sheet1.xml');
    // claiming 4 KB, it is stopped once it inflates past what it claimed
    const { response, health, readingWhenHealthAnswered } = await uploadWatchingHealth(files.lyingBomb);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('unreadable_file');
    expect(response.json().error.message).toContain('xl/worksheets/sheet1.xml 解压后超过其声明的 4096 字节');
    expect(health).toBe(200);
    expect(readingWhenHealthAnswered).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('refuses 700,000 rows at the 200,001st, answering the health check while it reads', async () => {
    const before = await stored();
    expect(files.rows.length).toBeLessThan(10 * 1024 * 1024);
    const { response, health, readingWhenHealthAnswered } = await uploadWatchingHealth(files.rows);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.details).toEqual({ limit: 'rows', max: 200_000 });
    expect(response.json().error.message).toContain('A200001');
    expect(health).toBe(200);
    expect(readingWhenHealthAnswered).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('refuses a CSV of 500,000 rows, answering the health check while it reads', async () => {
    const before = await stored();
    const { response, health, readingWhenHealthAnswered } = await uploadWatchingHealth(files.csvRows, 'text/csv');
    expect(response.statusCode).toBe(413);
    expect(response.json().error.details).toEqual({ limit: 'rows', max: 200_000 });
    expect(response.json().error.message).toContain('第 200001 行');
    expect(health).toBe(200);
    expect(readingWhenHealthAnswered).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('refuses a value in column 300 of a sheet or a CSV, and 2.5 million shared strings', async () => {
    const before = await stored();
    const wide = await upload(files.wide);
    expect(wide.statusCode).toBe(413);
    expect(wide.json().error.details).toEqual({ limit: 'columns', max: 256 });
    expect(wide.json().error.message).toContain('KN2');
    const wideCsv = await upload(files.wideCsv, { type: 'text/csv', language: 'en' });
    expect(wideCsv.statusCode).toBe(413);
    expect(wideCsv.json().error.message).toContain('at most 256 columns (row 2)');
    const strings = await upload(files.strings);
    expect(strings.statusCode).toBe(413);
    expect(strings.json().error.details).toEqual({ limit: 'sharedStrings', max: 2_000_000 });
    expect(strings.json().error.message).toContain('共享字符串表最多 2,000,000 项');
    expect(await stored()).toEqual(before);
  });

  it('stops a reader that needs more memory than its heap may have, and says so', async () => {
    const before = await stored();
    const response = await upload(files.heap, { language: 'en' });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.details).toEqual({ limit: 'heapMegabytes', max: 160 });
    expect(response.json().error.message).toContain('reading may use at most 160 MB of memory');
    // the server itself is untouched
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    expect(await stored()).toEqual(before);
  });

  it('refuses three hostile files at once and serves an honest import meanwhile', async () => {
    const before = await stored();
    const good = Buffer.from('行政区划代码,季度,托位数,普惠托位数\r\n533423,2025Q1,610,355\r\n');
    const [bomb, rows, dimension, honest] = await Promise.all([
      upload(files.bomb),
      upload(files.rows),
      upload(files.dimension),
      app.inject({
        method: 'POST',
        url: '/api/v1/import?mode=dry-run',
        headers: entry.headers({ 'content-type': 'text/csv' }),
        payload: good,
      }),
    ]);
    expect([bomb.statusCode, rows.statusCode, dimension.statusCode]).toEqual([413, 413, 413]);
    expect(honest.statusCode).toBe(200);
    expect(honest.json()).toMatchObject({ ok: true, created: 1 });
    expect(await stored()).toEqual(before);
  });

  it('refuses a CSV that mixes UTF-8 and GBK rows, naming the first row that is not UTF-8', async () => {
    const before = await stored();
    const response = await upload(files.mixed, { type: 'text/csv' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'mixed_encoding', details: { line: 4, encoding: 'utf-8' } });
    expect(response.json().error.message).toContain('第 4 行不是 UTF-8 编码');
    expect(await stored()).toEqual(before);
    // the whole-GBK fixture still reads
    const gbk = await app.inject({
      method: 'POST',
      url: '/api/v1/import?mode=dry-run',
      headers: entry.headers({ 'content-type': 'text/csv' }),
      payload: fs.readFileSync(path.join(FIXTURES, 'gbk-2025Q2.csv')),
    });
    expect(gbk.json()).toMatchObject({ encoding: 'gb18030', rowsRead: 2 });
    // a GBK row whose only Chinese is 停 (CD A3, which is also valid UTF-8 for U+0363) is still GBK
    const fixture = fs.readFileSync(path.join(FIXTURES, 'gbk-2025Q2.csv'));
    const header = fixture.subarray(0, fixture.indexOf(0x0a) + 1);
    const stop = await app.inject({
      method: 'POST',
      url: '/api/v1/import?mode=dry-run',
      headers: entry.headers({ 'content-type': 'text/csv' }),
      payload: Buffer.concat([
        header,
        Buffer.from('533423,,2025Q2,620,370,330,'),
        Buffer.from([0xcd, 0xa3, 0x0d, 0x0a]),
      ]),
    });
    expect(stop.json()).toMatchObject({ encoding: 'gb18030', rowsRead: 1, problems: [] });
  });

  it('names the cell that holds a formula with no saved value (a totals row with one does not matter)', async () => {
    const before = await stored();
    const zh = await upload(files.formula);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'formula_without_value',
      details: { cell: 'D3', row: 3, column: '普惠托位数', cells: 1 },
    });
    expect(zh.json().error.message).toContain('单元格 D3（普惠托位数）是公式');
    const en = await upload(files.formula, { language: 'en' });
    expect(en.json().error.message).toContain('Cell D3 (Affordable places) holds a formula with no saved value');
    expect(await stored()).toEqual(before);
  });

  it('refuses an X-File-Name that is not percent-encoding with a 400', async () => {
    const file = Buffer.from('行政区划代码,季度,托位数,普惠托位数\r\n533423,2025Q1,610,355\r\n');
    for (const fileName of ['%E0%A4%A', '%', '%ZZ']) {
      const response = await upload(file, { type: 'text/csv', fileName });
      expect(response.statusCode, fileName).toBe(400);
      expect(response.json().error.code).toBe('invalid_file_name');
      expect(response.json().error.message).toContain('X-File-Name');
    }
  });

  it("reads a county workbook of 2,850 rows and the template's 22 columns", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('季报');
    const { IMPORT_COLUMNS } = await import('@tuowei/shared');
    sheet.addRow(IMPORT_COLUMNS.map((column) => column.zh));
    for (let i = 0; i < 2850; i++)
      sheet.addRow(['533423', '维西', `2025Q${(i % 4) + 1}`, 600 + i, 300, 200, ...Array(14).fill(1), null, null]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/import?mode=dry-run',
      headers: entry.headers({ 'content-type': XLSX_TYPE }),
      payload: Buffer.from(await book.xlsx.writeBuffer()),
    });
    expect(response.statusCode).toBe(200);
    const result = response.json() as ImportResult;
    expect(result.rowsRead).toBe(2850);
    expect(result.ignoredColumns).toEqual([]);
    // one unit, four quarters: every row after each quarter's first is a duplicate, found in 季度
    expect(result.problems.filter((p) => p.column === '季度' && p.reason.includes('重复'))).toHaveLength(2850 - 4);
  });
});
