// What a parent's figure stands on, on real Postgres: Yunnan given more units than the shipped
// nine, most of them without reports or populations, as the national tree will leave them.
import type { CompletenessView, GapReport, OverviewView, ProgressView } from '@tuowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

describe('coverage', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;

  const get = async <T>(url: string, client?: Client): Promise<T> => {
    const response = await app.inject({ method: 'GET', url, headers: client?.headers() ?? {} });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };
  const put = async (url: string, payload: object) => {
    const response = await app.inject({ method: 'PUT', url, headers: admin.headers(), payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
  };

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db, [ACCOUNTS.admin]);
    app = await buildApp({ database: test.database, webDist: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
    // Diqing gets Shangri-La (180,000 residents) and Deqin (no population); Yunnan gets Kunming
    // with one district, neither with a population or a report
    const unit = (name: string, nameEn: string, level: string, parentCode: string) => ({
      name,
      nameEn,
      level,
      parentCode,
    });
    await put('/api/v1/jurisdictions/533401', unit('香格里拉市', 'Shangri-La', 'county', '533400'));
    await put('/api/v1/jurisdictions/533422', unit('德钦县', 'Deqin County', 'county', '533400'));
    await put('/api/v1/jurisdictions/530100', unit('昆明市', 'Kunming', 'prefecture', '530000'));
    await put('/api/v1/jurisdictions/530102', unit('五华区', 'Wuhua District', 'county', '530100'));
    await put('/api/v1/jurisdictions/533401/populations/2020', { population: 180_000, source: '第七次全国人口普查' });
    // Weixi reports 2024Q4; Shangri-La reported 2024Q3 and not since
    await insertReports(test.database.db, [
      { code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 },
      { code: '533401', period: '2024Q3', places: 300, affordablePlaces: 150 },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  it('says Yunnan at 2024Q4 stands on 1 of its 4 county-level units, 0.31 % of its population', async () => {
    const yunnan = await get<ProgressView>('/api/v1/progress/530000?period=2024Q4');
    // county-level units: 530102, 533401, 533422, 533423; only Weixi (146,363) reported the quarter;
    // Yunnan's population for 2024 is its 2023 figure, 46,730,000: 146,363 ÷ 46,730,000 = 0.313 %
    expect(yunnan.coverage).toMatchObject({
      period: '2024Q4',
      basis: 'children',
      level: 'county',
      reporting: 1,
      expected: 4,
      populationCovered: 146_363,
      populationTotal: 46_730_000,
      missingCount: 3,
      missing: ['530102', '533401', '533422'],
    });
    expect(yunnan.coverage?.populationShare).toBeCloseTo(146_363 / 46_730_000, 12);
    expect(yunnan.coverage?.missingUnits.find((u) => u.code === '533401')?.lastPeriod).toBe('2024Q3');
    // its children: Diqing has figures, Kunming none — 1 of 2, not 100 %
    expect(yunnan.actual).toMatchObject({ places: 600, childrenReported: 1, childrenTotal: 2, completeness: 0.5 });
    expect(yunnan.population?.value).toBe(146_363);
  });

  it("counts Shangri-La as missing in Diqing's quarter and marks its own page's 2024Q3 figures as standing in", async () => {
    const diqing = await get<ProgressView>('/api/v1/progress/533400?period=2024Q4');
    // Diqing's 2024Q4 is Weixi's 600 alone, at Weixi's population; Shangri-La's 300 are not added
    expect(diqing.actual).toMatchObject({ places: 600, childrenReported: 1, childrenTotal: 3, standIn: false });
    expect(diqing.coverage).toMatchObject({ reporting: 1, expected: 3, populationTotal: 387_511 });
    const shangrila = await get<ProgressView>('/api/v1/progress/533401?period=2024Q4');
    expect(shangrila.actual).toMatchObject({ places: 300, period: '2024Q3', standIn: true });
    expect(shangrila.coverage).toBeNull();
  });

  it('gives each overview row what it stands on', async () => {
    const overview = await get<OverviewView>('/api/v1/overview?root=530000&period=2024Q4');
    expect(overview.root?.coverage).toMatchObject({ reporting: 1, expected: 4 });
    const rows = new Map(overview.rows.map((row) => [row.code, row]));
    expect(rows.get('533400')?.coverage).toMatchObject({ reporting: 1, expected: 3, missing: ['533401', '533422'] });
    // Kunming has no figures at all: no coverage to show
    expect(rows.get('530100')?.coverage).toBeNull();
  });

  it('lists the units without a population as data gaps, and a population stored is seen by the next read', async () => {
    const before = await get<CompletenessView>('/api/v1/completeness/530000?period=2024Q4');
    expect(before.populationGaps.map((gap) => gap.code)).toEqual(['530100', '530102', '533422']);
    expect(before.coverage).toMatchObject({ reporting: 1, expected: 4 });
    await put('/api/v1/jurisdictions/533422/populations/2020', { population: 66_000, source: '第七次全国人口普查' });
    const after = await get<CompletenessView>('/api/v1/completeness/530000?period=2024Q4');
    expect(after.populationGaps.map((gap) => gap.code)).toEqual(['530100', '530102']);
  });

  it('carries the coverage columns in the gap report and the final account', async () => {
    // Linfen's plan gives its units rows: Linfen gets two districts, one reporting
    await put('/api/v1/jurisdictions/141002', {
      name: '尧都区',
      nameEn: 'Yaodu District',
      level: 'county',
      parentCode: '141000',
    });
    await put('/api/v1/jurisdictions/141081', {
      name: '侯马市',
      nameEn: 'Houma',
      level: 'county',
      parentCode: '141000',
    });
    await put('/api/v1/jurisdictions/141002/populations/2020', { population: 900_000, source: '第七次全国人口普查' });
    await insertReports(test.database.db, [
      { code: '141002', period: '2024Q4', places: 3_000, affordablePlaces: 2_000 },
      { code: '141002', period: '2025Q4', places: 3_600, affordablePlaces: 2_400 },
    ]);
    const report = await get<GapReport>('/api/v1/gap-report?root=140000&period=2024Q4&format=json', admin);
    // Linfen at 2024Q4: Yaodu's 900,000 of Linfen's 2022 figure, 3,906,600 (23.0 %)
    const linfen = report.rows.find((row) => row.code === '141000');
    expect(linfen).toMatchObject({ coverageReporting: 1, coverageExpected: 2 });
    expect(linfen?.coveragePopulationShare).toBeCloseTo(900_000 / 3_906_600, 12);
    // Shanxi: the same district, of Shanxi's 2023 figure, 34,659,900
    const shanxi = report.rows.find((row) => row.code === '140000');
    expect(shanxi?.coveragePopulationShare).toBeCloseTo(900_000 / 34_659_900, 12);
    const yaodu = report.rows.find((row) => row.code === '141002');
    expect(yaodu).toMatchObject({ coverageReporting: null, coverageExpected: null, coveragePopulationShare: null });

    const account = await get<{ rows: GapReport['rows'] }>(
      '/api/v1/gap-report?account=final&root=140000&period=2026Q3&format=json',
      admin,
    );
    const closed = account.rows.find((row) => row.code === '141000');
    expect(closed).toMatchObject({ coverageReporting: 1, coverageExpected: 2 });
  });
});
