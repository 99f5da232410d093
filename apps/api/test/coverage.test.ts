// What a parent's figure stands on, on real Postgres, with the national tree: Yunnan's 16
// prefectures and 129 county-level units, nearly all without reports or populations.
import {
  COVERAGE_LIST_CAP,
  type CompletenessView,
  type GapReport,
  type OverviewView,
  type ProgressView,
} from '@tuowei/shared';
import { sql } from 'kysely';
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
    // the tree gives Diqing Shangri-La 533401, Deqin 533422 and Weixi 533423 (146,363 in 2020);
    // Shangri-La gets 180,000 residents, Deqin and every other unit of Yunnan but Yunnan itself
    // (46,730,000 in 2023) and Diqing (387,511 in 2020) stay without a population
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

  /** Yunnan's county-level units in code order, from the tree, but those given. */
  const yunnanCounties = async (...except: string[]) => {
    const { rows } = await sql<{ code: string }>`
      select code from jurisdictions where level = 'county' and code like '53%' order by code`.execute(
      test.database.db,
    );
    return rows.map((row) => row.code).filter((code) => !except.includes(code));
  };

  it('says Yunnan at 2024Q4 stands on 1 of its 129 county-level units, 0.31 % of its population', async () => {
    const yunnan = await get<ProgressView>('/api/v1/progress/530000?period=2024Q4');
    // 129 county-level units, all below its 16 prefectures; only Weixi (146,363) reported the quarter,
    // the other 128 are missing and the first 50 (the list's cap) named in code order, 530102 first;
    // Yunnan's population for 2024 is its 2023 figure, 46,730,000: 146,363 ÷ 46,730,000 = 0.313 %
    const missing = await yunnanCounties('533423');
    expect(missing).toHaveLength(128);
    expect(COVERAGE_LIST_CAP).toBe(50);
    expect(yunnan.coverage).toMatchObject({
      period: '2024Q4',
      basis: 'children',
      level: 'county',
      reporting: 1,
      expected: 129,
      populationCovered: 146_363,
      populationTotal: 46_730_000,
      missingCount: 128,
      missing: missing.slice(0, 50),
    });
    expect(yunnan.coverage?.missing[0]).toBe('530102');
    expect(yunnan.coverage?.missingUnits).toHaveLength(50);
    expect(yunnan.coverage?.populationShare).toBeCloseTo(146_363 / 46_730_000, 12);
    // its children: Diqing has figures, the 15 other prefectures none — 1 of 16, not 100 %
    expect(yunnan.actual).toMatchObject({
      places: 600,
      childrenReported: 1,
      childrenTotal: 16,
      completeness: 1 / 16,
    });
    expect(yunnan.population?.value).toBe(146_363);
  });

  it("counts Shangri-La as missing in Diqing's quarter and marks its own page's 2024Q3 figures as standing in", async () => {
    const diqing = await get<ProgressView>('/api/v1/progress/533400?period=2024Q4');
    // Diqing's 2024Q4 is Weixi's 600 alone, at Weixi's population; Shangri-La's 300 are not added
    expect(diqing.actual).toMatchObject({ places: 600, childrenReported: 1, childrenTotal: 3, standIn: false });
    expect(diqing.coverage).toMatchObject({
      reporting: 1,
      expected: 3,
      populationCovered: 146_363,
      populationTotal: 387_511,
      missingCount: 2,
      missing: ['533401', '533422'],
    });
    // Shangri-La is named with the quarter it last reported, Deqin never did
    expect(diqing.coverage?.missingUnits.map((u) => [u.code, u.lastPeriod])).toEqual([
      ['533401', '2024Q3'],
      ['533422', null],
    ]);
    const shangrila = await get<ProgressView>('/api/v1/progress/533401?period=2024Q4');
    expect(shangrila.actual).toMatchObject({ places: 300, period: '2024Q3', standIn: true });
    expect(shangrila.coverage).toBeNull();
  });

  it('gives each overview row what it stands on', async () => {
    const overview = await get<OverviewView>('/api/v1/overview?root=530000&period=2024Q4');
    expect(overview.root?.coverage).toMatchObject({ reporting: 1, expected: 129, missingCount: 128 });
    const rows = new Map(overview.rows.map((row) => [row.code, row]));
    expect(rows.get('533400')?.coverage).toMatchObject({ reporting: 1, expected: 3, missing: ['533401', '533422'] });
    // Kunming (and each of the other 14 prefectures) has no figures at all: no coverage to show
    expect(rows.get('530100')?.coverage).toBeNull();
  });

  it('lists the units without a population as data gaps, and a population stored is seen by the next read', async () => {
    // Yunnan's subtree is 1 + 16 + 129 = 146 units; four have a population for 2024 (Yunnan, Diqing,
    // Shangri-La, Weixi): 142 gaps in code order, Kunming 530100 and Wuhua 530102 first
    const { rows } = await sql<{ code: string }>`
      select code from jurisdictions where code like '53%' order by code`.execute(test.database.db);
    const subtree = rows.map((row) => row.code);
    expect(subtree).toHaveLength(146);
    const withPopulation = ['530000', '533400', '533401', '533423'];
    const before = await get<CompletenessView>('/api/v1/completeness/530000?period=2024Q4');
    expect(before.populationGaps.map((gap) => gap.code)).toEqual(subtree.filter((c) => !withPopulation.includes(c)));
    expect(before.populationGaps).toHaveLength(142);
    expect(before.populationGaps.slice(0, 2).map((gap) => gap.code)).toEqual(['530100', '530102']);
    expect(before.populationGaps.map((gap) => gap.code)).toContain('533422');
    expect(before.coverage).toMatchObject({ reporting: 1, expected: 129 });
    await put('/api/v1/jurisdictions/533422/populations/2020', { population: 66_000, source: '第七次全国人口普查' });
    const after = await get<CompletenessView>('/api/v1/completeness/530000?period=2024Q4');
    expect(after.populationGaps.map((gap) => gap.code)).toEqual(
      subtree.filter((c) => ![...withPopulation, '533422'].includes(c)),
    );
    expect(after.populationGaps).toHaveLength(141);
  });

  it('carries the coverage columns in the gap report and the final account', async () => {
    // Linfen's plan gives its units rows: the tree gives Linfen 17 county-level units (Shanxi 121),
    // one of them, Yaodu 141002, reporting
    await put('/api/v1/jurisdictions/141002/populations/2020', { population: 900_000, source: '第七次全国人口普查' });
    await insertReports(test.database.db, [
      { code: '141002', period: '2024Q4', places: 3_000, affordablePlaces: 2_000 },
      { code: '141002', period: '2025Q4', places: 3_600, affordablePlaces: 2_400 },
    ]);
    const report = await get<GapReport>('/api/v1/gap-report?root=140000&period=2024Q4&format=json', admin);
    // Linfen at 2024Q4: Yaodu's 900,000 of Linfen's 2022 figure, 3,906,600 (23.0 %)
    const linfen = report.rows.find((row) => row.code === '141000');
    expect(linfen).toMatchObject({ coverageReporting: 1, coverageExpected: 17 });
    expect(linfen?.coveragePopulationShare).toBeCloseTo(900_000 / 3_906_600, 12);
    // Shanxi: the same district, of Shanxi's 2023 figure, 34,659,900
    const shanxi = report.rows.find((row) => row.code === '140000');
    expect(shanxi).toMatchObject({ coverageReporting: 1, coverageExpected: 121 });
    expect(shanxi?.coveragePopulationShare).toBeCloseTo(900_000 / 34_659_900, 12);
    const yaodu = report.rows.find((row) => row.code === '141002');
    expect(yaodu).toMatchObject({ coverageReporting: null, coverageExpected: null, coveragePopulationShare: null });

    const account = await get<{ rows: GapReport['rows'] }>(
      '/api/v1/gap-report?account=final&root=140000&period=2026Q3&format=json',
      admin,
    );
    const closed = account.rows.find((row) => row.code === '141000');
    expect(closed).toMatchObject({ coverageReporting: 1, coverageExpected: 17 });
  });
});
