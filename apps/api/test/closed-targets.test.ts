// Closed targets at 2026Q3: every shipped target came due at the end of 2025, so the progress
// answer and the overview lead with 2025's value and verdict, today's value beside it; the final
// account exports every closed target with whether the data behind it was approved, and by whom;
// an admin enters the next cycle's 2030 target and its pace and forecast run to 2030Q4.
import type { FinalAccount, OverviewView, PlanView, ProgressView } from '@tuowei/shared';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { readSheetsByName } from './support/libreoffice.ts';
import { insertReports } from './support/reports.ts';

const WEIXI = '533423';
// 146,363 residents (2020 census): 650 places at 2025Q4 (4.44 per 1,000), approved by Diqing's
// reviewer; 681 at 2026Q3 (4.65), submitted only
const FIXTURE = [
  {
    code: WEIXI,
    period: '2025Q4',
    places: 650,
    affordablePlaces: 396,
    approvedBy: 'reviewer-diqing',
    approvedAt: '2026-01-12T02:00:00Z',
  },
  { code: WEIXI, period: '2026Q1', places: 660, affordablePlaces: 400 },
  { code: WEIXI, period: '2026Q2', places: 670, affordablePlaces: 405 },
  { code: WEIXI, period: '2026Q3', places: 681, affordablePlaces: 410, status: 'submitted' as const },
];

async function setUp(backend: (typeof BACKENDS)[number]) {
  const test = await openTestDatabase(backend);
  await insertReports(test.database.db, FIXTURE);
  await createAccounts(test.database.db, [ACCOUNTS.auditor, ACCOUNTS.adminYunnan]);
  const app = await buildApp({ database: test.database, webDist: null });
  return { test, app };
}

describe.each(BACKENDS)('closed targets in the progress answer (%s)', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    ({ test, app } = await setUp(backend));
  });
  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  it("answers Weixi's 4.5 per 1,000 at 2026Q3 with 2025's 4.44, missed by 9 places, and today's 4.65 that meets it", async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/progress/${WEIXI}?period=2026Q3` });
    expect(response.statusCode, response.body).toBe(200);
    const ratio = (response.json() as ProgressView).targets.find((t) => t.metric === 'places_per_1000');
    // ⌈4.5 × 146,363 ÷ 1,000⌉ = 659 needed; 659 − 650 = 9
    expect(ratio).toMatchObject({
      value: 4.5,
      dueYear: 2025,
      closed: true,
      status: 'missed',
      gap: 9,
      requiredPerQuarter: null,
      forecast: null,
      currentPeriod: '2026Q3',
      currentMeets: true,
      dueYearValue: {
        period: '2025Q4',
        provisional: false,
        meets: false,
        gap: 9,
        reportStatus: 'approved',
        basis: 'own',
        demo: false,
      },
    });
    // 650 ÷ 146.363 = 4.4410; 681 ÷ 146.363 = 4.6528
    expect(ratio?.dueYearValue?.value).toBeCloseTo(4.441, 4);
    expect(ratio?.current).toBeCloseTo(4.6528, 4);
  });

  it('still counts a 2025 target in force at 2025Q3, with no due-year verdict yet', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/progress/${WEIXI}?period=2025Q3` });
    const ratio = (response.json() as ProgressView).targets.find((t) => t.metric === 'places_per_1000');
    expect(ratio).toMatchObject({ closed: false, dueYearValue: null, status: 'no_data' });
  });
});

describe('the final account and the next cycle (postgres)', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let auditor: Client;

  beforeAll(async () => {
    ({ test, app } = await setUp('postgres'));
    auditor = await signIn(app, ACCOUNTS.auditor.username);
  });
  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const account = (query: string, language = 'zh-CN') =>
    app.inject({
      method: 'GET',
      url: `/api/v1/gap-report?account=final&${query}`,
      headers: { cookie: auditor.cookie, 'accept-language': language },
    });

  it("closes Weixi's 2025 account target by target: value, verdict, shortfall and who approved the data", async () => {
    const response = await account(`root=${WEIXI}&period=2026Q3&format=json`);
    expect(response.statusCode, response.body).toBe(200);
    const final = response.json() as FinalAccount;
    expect(final.dueYears).toEqual([2023, 2024, 2025]);
    const row = (metric: string, dueYear: number) =>
      final.rows.find((r) => r.metric === metric && r.dueYear === dueYear);
    expect(row('places_per_1000', 2025)).toMatchObject({
      status: 'missed',
      dueYearPeriod: '2025Q4',
      gap: 9,
      dataStatus: 'approved',
      approved: true,
      approvedBy: 'reviewer-diqing',
      approvedAt: '2026-01-12T02:00:00.000Z',
      currentPeriod: '2026Q3',
      currentMeets: true,
    });
    // 4.4410 − 4.5 = −0.0590
    expect(row('places_per_1000', 2025)?.difference).toBeCloseTo(-0.059, 4);
    // the 2025 schedule: 656 places, 650 reported, 6 short; 396 affordable places met exactly
    expect(row('places', 2025)).toMatchObject({
      value: 656,
      dueYearValue: 650,
      difference: -6,
      gap: 6,
      status: 'missed',
    });
    expect(row('affordable_places', 2025)).toMatchObject({ dueYearValue: 396, gap: 0, status: 'met' });
    // 2023 and 2024 had no reports: no verdict, nothing behind it
    expect(row('places', 2023)).toMatchObject({
      status: 'no_data',
      dueYearValue: null,
      dataStatus: 'missing',
      approved: false,
    });
  });

  it('writes the final account as a workbook LibreOffice reads back, and as CSV, in Chinese and English', async () => {
    const xlsx = await account(`root=${WEIXI}&period=2026Q3&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(`tuowei-final-account-${WEIXI}-2026Q3.xlsx`);
    const sheets = readSheetsByName(xlsx.rawPayload);
    const cover = sheets.get('封面') ?? [];
    expect(cover[0][0]).toBe('托位目标决算（2023、2024、2025 年到期目标）');
    const detail = sheets.get('决算明细') ?? [];
    const header = detail[0];
    const at = (line: string[], column: string) => line[header.indexOf(column)];
    const ratio = detail.find(
      (line) => at(line, '指标').startsWith('每千人口托位数') && at(line, '完成年份') === '2025',
    );
    expect(ratio, JSON.stringify(detail.slice(0, 3))).toBeDefined();
    const line = ratio as string[];
    expect(at(line, '到期年末值')).toBe('4.44');
    expect(at(line, '结论')).toBe('未达标');
    expect(at(line, '到期缺口')).toBe('9');
    expect(at(line, '数据已审核')).toBe('是');
    expect(at(line, '审核人')).toBe('reviewer-diqing');
    expect(at(line, '当前值')).toBe('4.65');
    expect(at(line, '当前值季度')).toBe('2026Q3');
    expect(at(line, '当前已达目标')).toBe('是');

    const csv = await account(`root=${WEIXI}&period=2026Q3&format=csv`, 'en');
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const english = rows.find((r) => r.Metric.startsWith('Places per 1,000') && r.Due === '2025');
    expect(english).toMatchObject({
      Verdict: 'Missed',
      'Short at the due year': '9',
      'Gap counted in': 'places',
      'Approved by': 'reviewer-diqing',
    });
    expect(Number(english?.['Value at the due year'])).toBeCloseTo(4.441, 4);
  });

  it("keeps the gap report's own contract: no account asked for, the gap rows as before", async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/gap-report?root=${WEIXI}&period=2026Q3&format=json`,
      headers: { cookie: auditor.cookie },
    });
    const body = response.json();
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.dueYears).toBeUndefined();
  });

  it('lets an admin add the 2030 target: in force at 2026Q3, its pace and forecast run to 2030Q4, 2025 closed beside it', async () => {
    const admin = await signIn(app, ACCOUNTS.adminYunnan.username);
    const plans = (await app.inject({ method: 'GET', url: '/api/v1/plans' })).json() as PlanView[];
    const weixi = plans.find((plan) => plan.jurisdictionCode === WEIXI) as PlanView;
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/plans/${weixi.id}/targets`,
      headers: admin.headers(),
      payload: {
        metric: 'places_per_1000',
        comparator: 'at_least',
        value: 5.5,
        dueYear: 2030,
        clause: '十五五',
        scope: 'self',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const progress = (
      await app.inject({ method: 'GET', url: `/api/v1/progress/${WEIXI}?period=2026Q3` })
    ).json() as ProgressView;
    const next = progress.targets.find((t) => t.metric === 'places_per_1000' && t.dueYear === 2030);
    // ⌈5.5 × 146,363 ÷ 1,000⌉ = 805; 805 − 681 = 124 places over the 17 quarters 2026Q4 … 2030Q4
    expect(next).toMatchObject({ closed: false, gap: 124, status: 'on_track' });
    expect(next?.requiredPerQuarter).toBeCloseTo(124 / 17, 10);
    // least squares through 650, 660, 670, 681 (slope 10.3 a quarter) to 2030Q4: 855.8 places
    expect(next?.forecast).toBeCloseTo((855.8 * 1000) / 146_363, 8);

    const overview = (
      await app.inject({ method: 'GET', url: '/api/v1/overview?period=2026Q3' })
    ).json() as OverviewView;
    const heads = overview.headlines
      .filter((h) => h.planJurisdictionCode === WEIXI && h.metric === 'places_per_1000')
      .map((h) => [h.dueYear, h.closed, h.status]);
    expect(heads).toEqual([
      [2030, false, 'on_track'],
      [2025, true, 'missed'],
    ]);
  });
});
