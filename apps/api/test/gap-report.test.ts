// The auditors' gap report: the workbook read back by an independent reader (LibreOffice) and
// the CSV parsed back, cell by cell against the API's progress answers; formulas neutralised.
import type { ProgressView } from '@tuowei/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { beijingTime } from '../src/routes/gap-report/write.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { readSheetsByName } from './support/libreoffice.ts';
import { insertReports } from './support/reports.ts';

describe('gap report', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let auditor: Client;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    // a unit whose name would run as a formula in a careless spreadsheet (Deqin, of the national tree, renamed)
    await sql`update jurisdictions set name = '=HYPERLINK("http://evil.example","德钦")', name_en = '+Deqin'
              where code = '533422'`.execute(test.database.db);
    // a Yunnan plan, so that its 4.5 per 1,000 applies to every county below, Deqin included
    await sql`insert into plans (id, jurisdiction_code, document_number, title, issuer)
              values ('00000000-0000-0000-0000-0000000000a1', '530000', '云测〔2024〕1号', '测试方案', '测试')`.execute(
      test.database.db,
    );
    await sql`insert into targets (plan_id, metric, comparator, value, due_year, clause, scope)
              values ('00000000-0000-0000-0000-0000000000a1', 'places_per_1000', 'at_least', 4.5, 2025, '一', 'self')`.execute(
      test.database.db,
    );
    await insertReports(test.database.db, [
      { code: '533423', period: '2024Q1', places: 544, affordablePlaces: 320 },
      { code: '533423', period: '2024Q2', places: 563, affordablePlaces: 330 },
      { code: '533423', period: '2024Q3', places: 581, affordablePlaces: 340 },
      { code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 },
    ]);
    await sql`update quarterly_reports set approved_by = 'reviewer-diqing', approved_at = '2025-01-10T02:00:00Z',
              updated_by = 'entry-weixi', updated_at = '2025-01-08T03:30:00Z', submitted_at = '2025-01-08T04:00:00Z'
              where year = 2024 and quarter = 4`.execute(test.database.db);
    await createAccounts(test.database.db, [
      ACCOUNTS.auditor,
      ACCOUNTS.entryWeixi,
      ACCOUNTS.leaderShandong,
      ACCOUNTS.admin,
    ]);
    app = await buildApp({ database: test.database, webDist: null });
    auditor = await signIn(app, ACCOUNTS.auditor.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const download = async (client: Client, query: string, language = 'zh-CN') => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/gap-report?${query}`,
      headers: { cookie: client.cookie, 'accept-language': language },
    });
    return response;
  };
  const progress = async (code: string) =>
    (await app.inject({ method: 'GET', url: `/api/v1/progress/${code}?period=2024Q4` })).json() as ProgressView;

  it('writes a workbook whose every gap row matches the progress answers, as LibreOffice reads it', async () => {
    const response = await download(auditor, 'root=530000&period=2024Q4&format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('tuowei-gap-report-530000-2024Q4.xlsx');
    const sheets = readSheetsByName(response.rawPayload);
    expect([...sheets.keys()].sort()).toEqual(
      ['封面', '差距明细', '年度任务不一致', '数据核对', '迟报漏报', '新建居住区', '资金测算（2024年）'].sort(),
    );
    const cover = sheets.get('封面') as string[][];
    expect(cover.map((r) => r[0])).toEqual(expect.arrayContaining(['行政区划', '季度', '数据截至', '导出人']));
    expect(cover.find((r) => r[0] === '导出人')?.[1]).toBe('auditor-all (auditor)');

    const [header, ...rows] = sheets.get('差距明细') as string[][];
    const column = (name: string) => header.indexOf(name);
    expect(header.slice(0, 5)).toEqual(['行政区划代码', '名称', '文号', '规划', '条款']);
    const weixi = await progress('533423');
    const weixiRows = rows.filter((r) => r[column('行政区划代码')] === '533423');
    expect(weixiRows).toHaveLength(weixi.targets.length);
    for (const target of weixi.targets) {
      const row = weixiRows.find(
        (r) =>
          r[column('条款')] === target.clause &&
          r[column('完成年份')] === String(target.dueYear) &&
          r[column('目标值')] !== undefined,
      );
      expect(row, `${target.metric} ${target.dueYear}`).toBeDefined();
    }
    // the ratio row, worked by hand: 4.10 per 1,000, 59 places short, 14.75 a quarter, on track
    const ratio = weixiRows.find(
      (r) => r[column('指标')] === '每千人口托位数' && r[column('文号')] === '维发〔2023〕15号',
    ) as string[];
    expect(ratio[column('当前值')]).toBe('4.10');
    expect(ratio[column('缺口')]).toBe('59');
    // the gap counted in what its target counts: places here, deaths for maternal mortality
    expect(ratio[column('缺口单位')]).toBe('个托位');
    const maternal = weixiRows.find((r) => r[column('指标')].startsWith('孕产妇死亡率')) as string[];
    expect(maternal[column('缺口单位')]).toBe('例');
    expect(ratio[column('每季度需新增')]).toBe('14.75');
    expect(ratio[column('状态')]).toBe('进度正常');
    expect(ratio[column('约束性')]).toBe('是');
    expect(ratio[column('常住人口')]).toBe('146,363');
    expect(ratio[column('人口沿用')]).toBe('是');
    expect(ratio[column('数据状态')]).toBe('已审核');
    expect(ratio[column('最后修改人')]).toBe('entry-weixi');
    expect(ratio[column('最后修改时间')]).toBe('2025-01-08 11:30');
    expect(ratio[column('审核人')]).toBe('reviewer-diqing');
    // every row's status and gap, against the API
    const statuses = weixi.targets.map((t) => t.status).sort();
    const words: Record<string, string> = {
      met: '已达标',
      missed: '未达标',
      on_track: '进度正常',
      at_risk: '有风险',
      off_track: '进度滞后',
      no_data: '无数据',
    };
    expect(weixiRows.map((r) => r[column('状态')]).sort()).toEqual(statuses.map((s) => words[s]).sort());
    const gaps = weixi.targets.map((t) => (t.gap === null ? '' : t.gap.toLocaleString('en-US'))).sort();
    expect(weixiRows.map((r) => r[column('缺口')]).sort()).toEqual(gaps);

    // the schedule finding and the missing report of 2024Q4 (Deqin has nothing)
    expect(sheets.get('年度任务不一致')?.[1]).toEqual([
      '维发〔2023〕15号',
      '2025',
      '托位数',
      '656',
      '每千人口托位数 ≥ 4.5',
      '146363（2020）',
      '659',
      '3',
    ]);
    const late = sheets.get('迟报漏报') as string[][];
    // every county-level unit of Yunnan but Weixi (129 − 1) has reported nothing, Deqin among them
    const lateUnits = late.slice(1).map((r) => [r[0], r[2]]);
    expect(lateUnits).toHaveLength(128);
    expect(lateUnits).toContainEqual(['533422', '未报送']);
    expect(lateUnits.every(([, state]) => state === '未报送')).toBe(true);
    expect(lateUnits.map(([code]) => code)).not.toContain('533423');
    // a name that looks like a formula stays text
    const deqin = rows.find((r) => r[column('行政区划代码')] === '533422');
    expect(deqin?.[column('名称')]).toBe(`'=HYPERLINK("http://evil.example","德钦")`);
  });

  it('stores a formula-looking name as text in the workbook itself', async () => {
    const response = await download(auditor, 'root=533400&period=2024Q4&format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('差距明细') as ExcelJS.Worksheet;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.some((cell) => cell.type === ExcelJS.ValueType.Formula)).toBe(false);
  });

  it('writes eight workbooks asked for at once, each whole (they wait their turn for a slot)', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => download(auditor, 'root=533400&period=2024Q4&format=xlsx')),
    );
    const sizes = new Set<number>();
    for (const response of responses) {
      expect(response.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      expect(book.getWorksheet('差距明细')?.rowCount).toBeGreaterThan(1);
      sizes.add(response.rawPayload.length);
    }
    // the same report each time (the cover's time may differ by a second)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(16);
  });

  it('sends the one workbook made to each who asks alike; another reader, language or write gets its own', async () => {
    const query = 'root=530000&period=2024Q4&format=xlsx';
    const cover = async (body: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body as never);
      const sheet = workbook.worksheets[0];
      const lines = new Map<string, string>();
      sheet.eachRow((row) => lines.set(String(row.getCell(1).value), String(row.getCell(2).value ?? '')));
      return { name: sheet.name, lines };
    };
    const minute = () => beijingTime(new Date());
    const before = minute();
    const first = (await download(auditor, query)).rawPayload;
    const again = (await download(auditor, query)).rawPayload;
    // the same bytes, unless the minute on the cover turned between the two
    if (minute() === before) expect(again.equals(first)).toBe(true);
    expect((await cover(first)).lines.get('导出人')).toBe(`${ACCOUNTS.auditor.username} (auditor)`);
    const english = await cover((await download(auditor, query, 'en')).rawPayload);
    expect(english.name).toBe('Cover');
    expect(english.lines.get('Exported by')).toBe(`${ACCOUNTS.auditor.username} (auditor)`);
    const admin = await signIn(app, ACCOUNTS.admin.username);
    expect((await cover((await download(admin, query)).rawPayload)).lines.get('导出人')).toBe(
      `${ACCOUNTS.admin.username} (admin)`,
    );
    // a write in Yunnan: the next workbook is made from the new figures
    const gapOf = async (body: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body as never);
      const rows: unknown[][] = [];
      workbook.worksheets[1].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return JSON.stringify(rows.filter((row) => row[0] === '533423'));
    };
    const placesBefore = await gapOf(first);
    await sql`update quarterly_reports set places = places + 7 where jurisdiction_code = '533423' and year = 2024 and quarter = 4`.execute(
      test.database.db,
    );
    const after = (await download(auditor, query)).rawPayload;
    expect(after.equals(first)).toBe(false);
    expect(await gapOf(after)).not.toEqual(placesBefore);
    await sql`update quarterly_reports set places = places - 7 where jurisdiction_code = '533423' and year = 2024 and quarter = 4`.execute(
      test.database.db,
    );
  });

  it('writes a CSV with a BOM, parsed back equal to the API, in English when asked', async () => {
    const response = await download(auditor, 'root=533400&period=2024Q4&format=csv', 'en-GB');
    expect(response.headers['content-type']).toContain('text/csv');
    const body = response.rawPayload.toString('utf8');
    expect(body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(body.slice(1)) as string[][];
    expect(header.slice(0, 3)).toEqual(['Code', 'Name', 'Document']);
    const weixi = await progress('533423');
    const ratio = rows.find(
      (r) => r[0] === '533423' && r[header.indexOf('Metric')] === 'Places per 1,000 residents',
    ) as string[];
    const target = weixi.targets.find((t) => t.metric === 'places_per_1000');
    // unrounded, as the API answers
    expect(Number(ratio[header.indexOf('Current')])).toBe(target?.current);
    expect(Number(ratio[header.indexOf('Gap')])).toBe(59);
    expect(ratio[header.indexOf('Status')]).toBe('On track');
    expect(ratio[header.indexOf('Last changed at')]).toBe(beijingTime('2025-01-08T03:30:00Z'));
    // formula injection neutralised: '= and '+ lead
    const deqin = rows.filter((r) => r[0] === '533422');
    expect(deqin.length).toBeGreaterThan(0);
    expect(deqin[0][1]).toBe("'+Deqin");
  });

  it('covers the whole country for a country-wide auditor, and nobody narrower', async () => {
    const response = await download(auditor, 'period=2024Q4&format=json');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.root).toEqual({ code: 'country', name: '全国', nameEn: 'The whole country' });
    // a row for every unit a target applies to: Shanxi's, Guizhou's and Yunnan's 4.5 and 3 per 1,000
    // reach every unit below them, and Chiping's own; Shandong and Liaocheng have no plan of their own
    const { rows: under } = await sql<{ code: string }>`
      with recursive down as (
        select code from jurisdictions where code in ('140000', '520000', '530000')
        union all select j.code from jurisdictions j join down on j.parent_code = down.code)
      select code from down`.execute(test.database.db);
    expect(new Set(report.rows.map((r: { code: string }) => r.code))).toEqual(
      new Set([...under.map((r) => r.code), '371503']),
    );
    // Shanxi 1 + 11 + 121 units, Guizhou 1 + 9 + 88, Yunnan 1 + 16 + 129
    expect(under).toHaveLength(133 + 98 + 146);
    const leader = await signIn(app, ACCOUNTS.leaderShandong.username);
    expect((await download(leader, 'period=2024Q4&format=json')).statusCode).toBe(403);
  });

  it('answers only leaders, auditors and admins, within their jurisdiction', async () => {
    const entry = await signIn(app, ACCOUNTS.entryWeixi.username);
    expect((await download(entry, 'root=533423&period=2024Q4')).statusCode).toBe(403);
    const leader = await signIn(app, ACCOUNTS.leaderShandong.username);
    expect((await download(leader, 'root=530000&period=2024Q4')).statusCode).toBe(403);
    expect((await download(leader, 'root=370000&period=2024Q4&format=csv')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/gap-report?root=530000' })).statusCode).toBe(401);
  });
});
