// A county office's own workbook imports in one pass: its title, two-level header, 序号 column,
// "1,205" typed as text, subtotal and totals rows, blank row, footer and notes are recognised and
// listed as skipped; a real bad row among them is still named, and then nothing is written.
import type { ImportResult } from '@tuowei/shared';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { type Client, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { CHIPING_UNITS, countyWorkbook } from './support/county-workbook.ts';

describe('importing a county workbook as county offices keep it', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    for (const unit of CHIPING_UNITS) {
      await sql`insert into jurisdictions (code, name, name_en, level, parent_code)
                values (${unit.code}, ${unit.name}, ${unit.code}, 'township', '371503')`.execute(test.database.db);
    }
    await createAccounts(test.database.db, [{ username: 'entry-chiping', role: 'entry', jurisdictionCode: '371503' }]);
    app = await buildApp({ database: test.database, webDist: null });
    entry = await signIn(app, 'entry-chiping');
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const upload = async (file: Buffer, mode: 'dry-run' | 'commit', language = 'zh-CN') => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/import?mode=${mode}`,
      headers: entry.headers({
        'content-type': XLSX_TYPE,
        'accept-language': language,
        'x-file-name': encodeURIComponent('茌平区2026年第三季度托育统计表.xlsx'),
      }),
      payload: file,
    });
    return { status: response.statusCode, body: response.json() };
  };
  const written = async () => {
    const { rows } = await sql<{ reports: string; audit: string }>`
      select (select count(*) from quarterly_reports) reports,
             (select count(*) from audit_log where entity = 'report') audit`.execute(test.database.db);
    return rows[0];
  };

  it('refuses a bad value in the middle, names only it, and writes nothing', async () => {
    const { file, rows } = await countyWorkbook('2026Q3', (unit) => {
      // a letter O for a zero in 博平镇's places; 韩屯镇's figures left out though its code is there
      if (unit.code === '371503104') return { ...unit, places: '1,1O' };
      if (unit.code === '371503106') return { ...unit, places: '', affordablePlaces: '' };
      return unit;
    });
    const dry = await upload(file, 'dry-run');
    expect(dry.status).toBe(200);
    const result = dry.body as ImportResult;
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.row, p.column, p.value, p.reason])).toEqual([
      [rows['371503104'], '托位数', '1,1O', '应为整数'],
      [rows['371503106'], '托位数', '', '必填'],
      [rows['371503106'], '普惠托位数', '', '必填'],
    ]);
    // the totals, footer and note rows are skipped as before, not counted as problems
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'total',
      'empty',
      'total',
      'total',
      'footer',
      'footer',
      'note',
      'note',
    ]);
    const committed = await upload(file, 'commit');
    expect(committed.status).toBe(400);
    expect(committed.body.error).toMatchObject({ code: 'import_rejected' });
    expect(await written()).toEqual({ reports: '0', audit: '0' });
  });

  it('imports in one pass, listing which rows it skipped and why', async () => {
    const { file, rows } = await countyWorkbook('2026Q3');
    const dry = (await upload(file, 'dry-run')).body as ImportResult;
    expect(dry.problems).toEqual([]);
    expect(dry).toMatchObject({ ok: true, headerRow: 3, created: 14, updated: 0, ignoredColumns: [] });
    // rows 1–2 are the title and 填报单位, 3–4 the header, 5–7 the subdistricts, 8 their subtotal,
    // 9 blank, 10–20 the towns, 21 their subtotal, 22 the district's total, 23–26 footer and notes
    expect(rows).toMatchObject({
      '371503001': 5,
      streetsSubtotal: 8,
      blank: 9,
      '371503101': 10,
      total: 22,
      noteLine: 26,
    });
    expect(dry.skipped).toEqual([
      { row: 8, reason: 'total', label: '街道小计' },
      { row: 9, reason: 'empty', label: null },
      { row: 21, reason: 'total', label: '乡镇小计' },
      { row: 22, reason: 'total', label: '全区合计' },
      { row: 23, reason: 'footer', label: '填表人：王春燕' },
      { row: 24, reason: 'footer', label: '联系电话：0635-4262xxx' },
      { row: 25, reason: 'note', label: '说明：1. 托位数指季度末实际可提供的托位数，含普惠托位。' },
      { row: 26, reason: 'note', label: '2. 机构数按举办性质统计，同一机构只计一次。' },
    ]);
    expect(dry.rows.slice(0, 4).map((r) => [r.row, r.code, r.name, r.period, r.places, r.affordablePlaces])).toEqual([
      [5, '371503001', '振兴街道', '2026Q3', 1205, 730],
      [6, '371503002', '信发街道', '2026Q3', 316, 190],
      [7, '371503003', '温陈街道', '2026Q3', 228, 140],
      [10, '371503101', '乐平铺镇', '2026Q3', 96, 60],
    ]);
    expect(await written()).toEqual({ reports: '0', audit: '0' });

    const committed = (await upload(file, 'commit')).body as ImportResult;
    expect(committed).toMatchObject({ ok: true, committed: true, created: 14 });
    const { rows: stored } = await sql<{
      code: string;
      places: number;
      affordable_places: number;
      children_enrolled: number | null;
      comment: string | null;
      kinds: Record<string, number>;
    }>`
      select r.jurisdiction_code code, r.places, r.affordable_places, r.children_enrolled, r.comment,
             (select json_object_agg(kind, count order by kind) from report_institutions i where i.report_id = r.id) kinds
      from quarterly_reports r where r.year = 2026 and r.quarter = 3 order by 1`.execute(test.database.db);
    expect(stored).toHaveLength(14);
    // the institution kinds come from the second header row, under the merged 机构数
    expect(stored[0]).toEqual({
      code: '371503001',
      places: 1205,
      affordable_places: 730,
      children_enrolled: 688,
      comment: null,
      kinds: { affordable_private: 3, community_point: 2, public: 2, public_private: 1 },
    });
    expect(stored.find((r) => r.code === '371503104')).toMatchObject({
      places: 110,
      children_enrolled: 64,
      comment: '新增社区托育点 1 处',
    });
    expect(stored.find((r) => r.code === '371503103')?.children_enrolled).toBeNull();
    // 1205 + 316 + 228 (subdistricts) + 96 + 84 + 72 + 110 + 90 + 64 + 60 + 70 + 66 + 58 + 48 (towns) = 1,749 + 818 = 2,567, the 全区合计
    expect(stored.reduce((sum, r) => sum + r.places, 0)).toBe(2567);
    expect(await written()).toEqual({ reports: '14', audit: '14' });
  });

  it('reads the same sheet saved as CSV, where merged cells keep their text in the first cell only', async () => {
    // Excel's "save as CSV": 机构数 stands over its first kind only, 合计 in 序号 only (the quarter
    // is typed on every row: merged down, it would be on each block's first row only)
    const { file } = await countyWorkbook('2026Q2', undefined, { mergeQuarter: false });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const lines: string[] = [];
    book.worksheets[0].eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let column = 1; column <= 12; column++) {
        const cell = row.getCell(column);
        const value = cell.isMerged && cell.master !== cell ? null : (cell.result ?? cell.value);
        const text = value === null || value === undefined ? '' : String(value);
        cells.push(/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
      }
      lines.push(cells.join(','));
    });
    const csv = Buffer.from(`${lines.join('\r\n')}\r\n`);
    expect(lines[2]).toBe(
      '序号,行政区划代码,名称,季度,托位数（个）,其中：普惠托位数,在托婴幼儿数（人）,机构数（所）,,,,备注',
    );
    expect(lines[7].startsWith('街道小计,,,,')).toBe(true);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/import?mode=dry-run',
      headers: entry.headers({ 'content-type': 'text/csv' }),
      payload: csv,
    });
    const dry = response.json() as ImportResult;
    expect(dry.problems).toEqual([]);
    expect(dry).toMatchObject({ ok: true, encoding: 'utf-8', headerRow: 3, created: 14, ignoredColumns: [] });
    expect(dry.skipped.map((s) => [s.row, s.reason])).toEqual([
      [8, 'total'],
      [9, 'empty'],
      [21, 'total'],
      [22, 'total'],
      [23, 'footer'],
      [24, 'footer'],
      [25, 'note'],
      [26, 'note'],
    ]);
  });
});
