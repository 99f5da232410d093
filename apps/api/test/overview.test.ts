// The overview's headline targets: each published plan's end goals on the ratio metrics, named
// and measured in the one answer, so that the national page needs neither every plan nor every
// jurisdiction. Real Postgres with the five shipped plans.
import { type HeadlineTarget, type OverviewView, overviewSchema, type ProgressView } from '@tuowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

describe('the overview', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    const db = test.database.db;
    await insertReports(db, [
      { code: '533423', period: '2024Q1', places: 544, affordablePlaces: 320 },
      { code: '533423', period: '2024Q2', places: 563, affordablePlaces: 330 },
      { code: '533423', period: '2024Q3', places: 581, affordablePlaces: 340 },
      { code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 },
      { code: '141000', period: '2024Q4', places: 17_600, affordablePlaces: 10_000 },
    ]);
    // Guizhou's plan gains a later goal on the same metric: the later one heads it
    const guizhou = await db
      .selectFrom('plans')
      .select('id')
      .where('jurisdiction_code', '=', '520000')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('targets')
      .values({
        plan_id: guizhou.id,
        metric: 'places_per_1000',
        comparator: 'at_least',
        value: 4,
        due_year: 2027,
        clause: '四(十)',
        scope: 'self',
      })
      .execute();
    // a plan entered without its text is not published: no headline
    const { id } = await db
      .insertInto('plans')
      .values({ jurisdiction_code: '530000', title: '云南省托育服务规划（草案）', issuer: '云南省卫生健康委员会' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('targets')
      .values({
        plan_id: id,
        metric: 'places_per_1000',
        comparator: 'at_least',
        value: 4.5,
        due_year: 2025,
        clause: '一',
        scope: 'self',
      })
      .execute();
    app = await buildApp({ database: test.database, webDist: null });
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const get = async <T>(url: string): Promise<T> => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };
  const heads = (overview: OverviewView) =>
    overview.headlines.map((headline) => `${headline.planJurisdictionCode} ${headline.metric} ${headline.value}`);

  it('heads the country with every published plan, plan by plan, places before affordable places', async () => {
    const overview = await get<OverviewView>('/api/v1/overview?period=2024Q4');
    expect(heads(overview)).toEqual([
      '140000 places_per_1000 4.5',
      '140000 affordable_share 0.6',
      '141000 places_per_1000 4.5',
      '371503 places_per_1000 5',
      '520000 places_per_1000 4',
      '533423 places_per_1000 4.5',
      '533423 affordable_places_per_1000 2.7',
    ]);
  });

  it("writes the national overview joined from its provinces' texts exactly as the whole answer validated", async () => {
    // the country's text is joined from each province's part, each validated and written when it
    // is made: it must be the text overviewSchema's parse of the whole answer stringifies to
    for (const period of ['2024Q4', '2024Q2']) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/overview?period=${period}` });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).toBe(JSON.stringify(overviewSchema.parse(JSON.parse(response.body))));
      const overview = response.json() as OverviewView;
      // every province a row, in code order; Weixi's Yunnan and Shanxi among them
      expect(overview.rows.map((row) => row.code)).toEqual([...overview.rows.map((row) => row.code)].sort());
      expect(overview.rows.map((row) => row.code)).toEqual(expect.arrayContaining(['140000', '530000']));
      expect(overview.root).toBeNull();
    }
  });

  it("names Weixi's plan and says how its two goals stand: 59 places and 46 affordable places to go", async () => {
    const overview = await get<OverviewView>('/api/v1/overview?period=2024Q4');
    const weixi = overview.headlines.filter((headline) => headline.planJurisdictionCode === '533423');
    // ⌈4.5 × 146,363 ÷ 1,000⌉ = 659; 659 − 600 = 59; 59 ÷ 4 quarters (2025Q1–Q4) = 14.75
    expect(weixi[0]).toMatchObject({
      name: '维西傈僳族自治县',
      nameEn: 'Weixi Lisu Autonomous County',
      documentNumber: '维发〔2023〕15号',
      planTitle: '维西县关于优化生育政策促进人口长期均衡发展的实施方案',
      issuer: '中共维西县委 维西县人民政府',
      clause: '一(二)',
      comparator: 'at_least',
      dueYear: 2025,
      gap: 59,
      requiredPerQuarter: 14.75,
      status: 'on_track',
    });
    // 600 ÷ 146.363 = 4.099 per 1,000
    expect(weixi[0].current).toBeCloseTo(4.0994, 4);
    // ⌈2.7 × 146,363 ÷ 1,000⌉ = 396; 396 − 350 = 46; 46 ÷ 4 = 11.5
    expect(weixi[1]).toMatchObject({ metric: 'affordable_places_per_1000', gap: 46, requiredPerQuarter: 11.5 });
  });

  it("gives each headline exactly the figures of its plan jurisdiction's progress", async () => {
    const overview = await get<OverviewView>('/api/v1/overview?period=2024Q4');
    const figures = ({ current, forecast, gap, requiredPerQuarter, status }: HeadlineTarget) => ({
      current,
      forecast,
      gap,
      requiredPerQuarter,
      status,
    });
    for (const headline of overview.headlines) {
      const progress = await get<ProgressView>(`/api/v1/progress/${headline.planJurisdictionCode}?period=2024Q4`);
      const target = progress.targets.find((candidate) => candidate.targetId === headline.targetId);
      expect(target, `${headline.planJurisdictionCode} ${headline.metric}`).toBeDefined();
      expect(figures(headline)).toEqual(figures({ ...headline, ...target }));
      expect([headline.name, headline.nameEn]).toEqual([progress.name, progress.nameEn]);
    }
    // Linfen: 17,600 places for 3,906,600 residents = 4.505 per 1,000, its 4.5 met a year early
    expect(overview.headlines.find((headline) => headline.planJurisdictionCode === '141000')).toMatchObject({
      gap: 0,
      status: 'met',
    });
  });

  it('heads a jurisdiction with the published plans of it and below it, not those above', async () => {
    const shanxi = await get<OverviewView>('/api/v1/overview?root=140000&period=2024Q4');
    expect(heads(shanxi)).toEqual([
      '140000 places_per_1000 4.5',
      '140000 affordable_share 0.6',
      '141000 places_per_1000 4.5',
    ]);
    const linfen = await get<OverviewView>('/api/v1/overview?root=141000&period=2024Q4');
    expect(heads(linfen)).toEqual(['141000 places_per_1000 4.5']);
    const diqing = await get<OverviewView>('/api/v1/overview?root=533400&period=2024Q4');
    expect(heads(diqing)).toEqual(['533423 places_per_1000 4.5', '533423 affordable_places_per_1000 2.7']);
    const yunnan = await get<OverviewView>('/api/v1/overview?root=530000&period=2024Q4');
    expect(heads(yunnan)).toEqual(heads(diqing));
  });
});
