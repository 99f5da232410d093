// Yearly health indicators imported from a workbook or a CSV, on real Postgres and the embedded
// default: a dry run that writes nothing, a commit that creates drafts (or submits them) with the
// audit rows PUT writes, every bad row named by row, column and reason with nothing stored, a
// locked year and another county's row refused, a GBK CSV read, and the progress answer measuring
// what was imported.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IndicatorsImportResult, ProgressView } from '@tuowei/shared';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { XLSX_TYPE } from '../src/routes/import/index.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

const HEADER = [
  '行政区划代码',
  '名称',
  '年份',
  '活产数',
  '孕产妇死亡数',
  '婴儿死亡数',
  '5 岁以下儿童死亡数',
  '出生男婴数',
  '出生女婴数',
  '孕产妇数',
  '产前筛查人数',
];
// Chiping's 2025: 1 maternal death in 3,200 live births, 8 infant and 10 under-5 deaths, 1,700 boys to 1,500 girls
const CHIPING_2025 = ['371503', '茌平区', 2025, 3200, 1, 8, 10, 1700, 1500, 3300, null];

async function workbook(rows: (string | number | null)[][], name = '健康指标'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(name);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(BACKENDS)('yearly indicators import on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;
  let weixi: Client;
  let reviewer: Client;
  // 1 December 2026, 10:00 in Beijing: 2025 has ended, 2026 has not
  const now = new Date('2026-12-01T02:00:00Z');

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.entryChiping, ACCOUNTS.entryWeixi, ACCOUNTS.reviewerLiaocheng]);
    app = await buildApp({ database: test.database, webDist: null, clock: () => now });
    entry = await signIn(app, ACCOUNTS.entryChiping.username);
    weixi = await signIn(app, ACCOUNTS.entryWeixi.username);
    reviewer = await signIn(app, ACCOUNTS.reviewerLiaocheng.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const upload = async (
    client: Client,
    body: Buffer,
    mode: 'dry-run' | 'commit',
    options: { type?: string; language?: string; submit?: boolean } = {},
  ) => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/import/indicators?mode=${mode}${options.submit ? '&submit=1' : ''}`,
      headers: client.headers({
        'content-type': options.type ?? XLSX_TYPE,
        'x-file-name': encodeURIComponent('健康指标.xlsx'),
        'accept-language': options.language ?? 'zh-CN',
      }),
      payload: body,
    });
    return { status: response.statusCode, body: response.json() };
  };
  const stored = async () => {
    const { rows } = await sql<{ key: string }>`
      select jurisdiction_code || '/' || year || ' v' || version || ' ' || status || ' ' || live_births || '/' ||
             maternal_deaths as key
      from yearly_indicators order by jurisdiction_code, year`.execute(test.database.db);
    return rows.map((r) => r.key);
  };
  const auditRows = async () => {
    const { rows } = await sql<{ action: string; actor: string; reason: string; after: { version: number } }>`
      select action, actor, reason, after from audit_log where entity = 'indicators' order by id`.execute(
      test.database.db,
    );
    return rows.map((r) => `${r.action} ${r.actor} v${r.after.version} ${r.reason}`);
  };

  it('names every bad row by row, column and reason, and stores nothing, even when asked to commit', async () => {
    const file = await workbook([
      HEADER,
      // row 2: 3,201 maternal deaths in 3,200 births; under-5 deaths fewer than infant deaths
      ['371503', '茌平区', 2024, 3200, 3201, 8, 7, 1700, 1500, 3300, 3000],
      // row 3: a word where a count belongs
      ['371503', '茌平区', 2023, 'three thousand', 1, 8, 10, 1700, 1500, 3300, 3000],
      // row 4: not a year
      ['371503', '茌平区', 'last year', 3200, 1, 8, 10, 1700, 1500, 3300, 3000],
      // row 5: good; row 6 repeats it
      CHIPING_2025,
      CHIPING_2025,
      // row 7: a year that has not ended
      ['371503', '茌平区', 2026, 3200, 1, 8, 10, 1700, 1500, 3300, 3000],
    ]);
    const dry = await upload(entry, file, 'dry-run');
    expect(dry.status).toBe(200);
    const result = dry.body as IndicatorsImportResult;
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.row, p.column, p.value, p.reason])).toEqual([
      [2, '孕产妇死亡数', '3201', '孕产妇死亡数不能大于活产数'],
      [2, '5 岁以下儿童死亡数', '7', '5 岁以下儿童死亡数不能小于婴儿死亡数（婴儿也在 5 岁以下）'],
      [3, '活产数', 'three thousand', '应为整数'],
      [4, '年份', 'last year', '年份应为 2000 到 2100 之间的四位数字，例如 2025'],
      [6, '年份', '2025', '与第 5 行重复（同一单位同一年份）'],
      [7, '年份', '2026', '该年尚未结束，不能填报全年健康指标；2027-01-01（北京时间）起可以填报'],
    ]);
    const en = await upload(entry, file, 'dry-run', { language: 'en' });
    expect((en.body as IndicatorsImportResult).problems[0]).toMatchObject({
      column: 'Maternal deaths',
      reason: 'maternal deaths cannot exceed live births',
    });
    const commit = await upload(entry, file, 'commit');
    expect(commit.status).toBe(400);
    expect(commit.body.error.code).toBe('import_rejected');
    expect(commit.body.error.details.problems).toHaveLength(6);
    expect(await stored()).toEqual([]);
    expect(await auditRows()).toEqual([]);
  });

  it('refuses another county’s row, naming its code, and stores nothing', async () => {
    const dry = await upload(weixi, await workbook([HEADER, CHIPING_2025]), 'commit');
    expect(dry.status).toBe(400);
    expect(dry.body.error.details.problems).toEqual([
      { row: 2, column: '行政区划代码', value: '371503', reason: '不在您的管辖范围内' },
    ]);
    expect(await stored()).toEqual([]);
  });

  it('shows a good file in a dry run without writing, then commits drafts with the audit rows PUT writes', async () => {
    const file = await workbook([HEADER, CHIPING_2025]);
    const dry = await upload(entry, file, 'dry-run');
    expect(dry.body).toMatchObject({ ok: true, committed: false, created: 1, updated: 0, fileName: '健康指标.xlsx' });
    expect((dry.body as IndicatorsImportResult).rows[0]).toMatchObject({
      row: 2,
      code: '371503',
      name: '茌平区',
      year: 2025,
      action: 'create',
      liveBirths: 3200,
      pregnantWomenScreened: null,
      before: null,
    });
    expect(await stored()).toEqual([]);

    const commit = await upload(entry, file, 'commit');
    expect(commit.status).toBe(200);
    expect(commit.body).toMatchObject({ ok: true, committed: true, created: 1 });
    expect(await stored()).toEqual(['371503/2025 v1 draft 3200/1']);
    expect(await auditRows()).toEqual(['insert entry-chiping v1 导入 import: 健康指标.xlsx']);
    // the record reads back through the API as PUT's does, the unknown count still unknown
    const read = await app.inject({ method: 'GET', url: '/api/v1/indicators/371503/2025', headers: entry.headers() });
    expect(read.json()).toMatchObject({ version: 1, status: 'draft', liveBirths: 3200, pregnantWomenScreened: null });

    // the same file again changes nothing; a changed count is a new version
    expect((await upload(entry, file, 'commit')).body).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
    const changed = await workbook([HEADER, ['371503', '茌平区', 2025, 3200, 0, 8, 10, 1700, 1500, 3300, null]]);
    expect((await upload(entry, changed, 'commit')).body).toMatchObject({ updated: 1 });
    expect(await stored()).toEqual(['371503/2025 v2 draft 3200/0']);
  });

  it('refuses a row made from an older version of the record', async () => {
    // the sheet says version 1; the record is at version 2 now
    const stale = await workbook([
      [...HEADER, '版本'],
      [...CHIPING_2025, 1],
    ]);
    const result = await upload(entry, stale, 'dry-run');
    expect(result.body.problems).toEqual([
      {
        row: 2,
        column: '版本',
        value: '1',
        reason: '下载模板后该年度健康指标已被修改（现为第 2 版），请重新下载模板',
      },
    ]);
  });

  it('submits at once when asked, and then refuses the locked year', async () => {
    const file = await workbook([HEADER, CHIPING_2025]);
    const commit = await upload(entry, file, 'commit', { submit: true });
    expect(commit.body).toMatchObject({ ok: true, committed: true, updated: 1, submitted: 1 });
    expect(await stored()).toEqual(['371503/2025 v3 submitted 3200/1']);
    expect((await auditRows()).slice(-2)).toEqual([
      'update entry-chiping v3 导入 import: 健康指标.xlsx',
      'submit entry-chiping v3 导入 import: 健康指标.xlsx',
    ]);
    const again = await upload(entry, file, 'commit');
    expect(again.status).toBe(400);
    expect(again.body.error.details.problems).toEqual([
      { row: 2, column: '年份', value: '2025', reason: '该年度健康指标已提交审核，需先由审核人员退回' },
    ]);
    // approved by the level above, it is locked and measured
    const approve = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators/371503/2025/approve',
      headers: reviewer.headers({ 'if-match': '"3"' }),
    });
    expect(approve.statusCode).toBe(200);
    expect((await upload(entry, file, 'dry-run')).body.problems[0].reason).toBe(
      '该年度健康指标已审核通过并锁定，需先由审核人员退回',
    );
    const progress = (await app.inject({ method: 'GET', url: '/api/v1/progress/371503' })).json() as ProgressView;
    // 1 × 100,000 ÷ 3,200 = 31.25 per 100,000 on 1 death in 3,200 births
    expect(progress.targets.find((t) => t.metric === 'maternal_mortality_per_100k')).toMatchObject({
      current: 31.25,
      numerator: 1,
      denominator: 3200,
      year: 2025,
    });
  });

  it('reads a CSV saved in GBK, with thousands separators', async () => {
    const csv = fs.readFileSync(path.join(FIXTURES, 'gbk-indicators-2024.csv'));
    const dry = await upload(entry, csv, 'commit', { type: 'text/csv' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ ok: true, encoding: 'gb18030', created: 1 });
    expect((dry.body as IndicatorsImportResult).rows[0]).toMatchObject({
      year: 2024,
      liveBirths: 3350,
      under5Deaths: 12,
    });
    expect(await stored()).toContain('371503/2024 v1 draft 3350/0');
  });

  it('gives a template of the units’ stored counts that imports back unchanged', async () => {
    const template = await app.inject({
      method: 'GET',
      url: '/api/v1/import/indicators/template.xlsx?year=2024',
      headers: entry.headers(),
    });
    expect(template.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('健康指标');
    expect(sheet?.getRow(1).getCell(4).value).toBe('活产数');
    expect(sheet?.getRow(2).values).toEqual([
      undefined,
      '371503',
      '茌平区',
      2024,
      3350,
      0,
      9,
      12,
      1750,
      1600,
      3400,
      3100,
      1,
    ]);
    const back = await upload(entry, template.rawPayload, 'dry-run');
    expect(back.body).toMatchObject({ ok: true, unchanged: 1 });
  });

  it('serialises an import and a PUT of one unit-year: one record, each audit row replacing what the other wrote', async () => {
    const file = await workbook([HEADER, ['371503', '茌平区', 2022, 3100, 0, 7, 9, 1650, 1450, 3200, 3000]]);
    const [imported, put] = await Promise.all([
      upload(entry, file, 'commit'),
      app.inject({
        method: 'PUT',
        url: '/api/v1/indicators/371503/2022',
        headers: entry.headers(),
        payload: { liveBirths: 3000, maternalDeaths: 1 },
      }),
    ]);
    // whichever came second saw the first: the import updates the PUT's draft, or the PUT finds
    // the imported record and, sent without If-Match, is told to send one
    expect(imported.status).toBe(200);
    expect([201, 428]).toContain(put.statusCode);
    const { rows } = await sql<{ action: string; before: { version: number } | null; after: { version: number } }>`
      select action, before, after from audit_log
      where entity = 'indicators' and (after->>'year')::int = 2022 order by id`.execute(test.database.db);
    expect(rows.map((r) => [r.action, r.before?.version ?? null, r.after.version])).toEqual(
      put.statusCode === 201
        ? [
            ['insert', null, 1],
            ['update', 1, 2],
          ]
        : [['insert', null, 1]],
    );
    expect(imported.body).toMatchObject(put.statusCode === 201 ? { updated: 1 } : { created: 1 });
    expect((await stored()).filter((key) => key.startsWith('371503/2022'))).toEqual([
      put.statusCode === 201 ? '371503/2022 v2 draft 3100/0' : '371503/2022 v1 draft 3100/0',
    ]);
  });
});
