// The read half of the API (docs/api.md), through app.inject, on real Postgres and on the embedded default.
import type { ProgressView } from '@tuowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

describe.each(BACKENDS)('read API on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await insertReports(test.database.db, [
      // Weixi, the worked example of docs/figures.md
      { code: '533423', period: '2024Q1', places: 544, affordablePlaces: 320 },
      { code: '533423', period: '2024Q2', places: 563, affordablePlaces: 330 },
      { code: '533423', period: '2024Q3', places: 581, affordablePlaces: 340 },
      { code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350, institutions: { demonstration: 1 } },
      // Chiping: 50 more places a quarter
      { code: '371503', period: '2024Q3', places: 2250, affordablePlaces: 1200 },
      { code: '371503', period: '2024Q4', places: 2300, affordablePlaces: 1250 },
      { code: '371503', period: '2025Q1', places: 2350, affordablePlaces: 1300 },
      { code: '371503', period: '2025Q2', places: 2400, affordablePlaces: 1350 },
      // a draft counts for nobody but its author
      { code: '371503', period: '2025Q3', places: 9999, affordablePlaces: 0, status: 'draft' },
      // Linfen's own year-end report
      {
        code: '141000',
        period: '2025Q4',
        places: 17_600,
        affordablePlaces: 10_000,
        institutions: { comprehensive_centre: 1 },
      },
    ]);
    app = await buildApp({ database: test.database, webDist: null });
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json() };
  };
  const progress = async (code: string, period: string) => {
    const { status, body } = await get(`/api/v1/progress/${code}?period=${period}`);
    expect(status).toBe(200);
    return body as ProgressView;
  };
  const target = (
    p: ProgressView,
    metric: string,
    extra: (t: ProgressView['targets'][number]) => boolean = () => true,
  ) => p.targets.find((t) => t.metric === metric && extra(t));

  it('reports health with the kind of database', async () => {
    expect(await get('/api/v1/health')).toEqual({ status: 200, body: { status: 'ok', database: backend } });
  });

  it("lists the national tree to the counties with their parents, the five plans' units among them", async () => {
    const { body } = await get('/api/v1/jurisdictions');
    // the NBS 2023 edition: 31 + 342 + 2,975 (its 2,978 county-level entries less the three
    // prefecture-level cities without counties listed again under their own code)
    expect(body).toHaveLength(31 + 342 + 2975);
    expect(body).toContainEqual({
      code: '533423',
      name: '维西傈僳族自治县',
      nameEn: 'Weixi Lisu Autonomous County',
      level: 'county',
      parentCode: '533400',
    });
  });

  it('lists the jurisdictions of the levels asked for, and names a level it does not know', async () => {
    const { body } = await get('/api/v1/jurisdictions?level=province,county');
    expect(body).toHaveLength(31 + 2975);
    const codes = body.map((unit: { code: string }) => unit.code);
    for (const code of ['140000', '370000', '371503', '520000', '530000', '533423']) expect(codes).toContain(code);
    expect(body.some((unit: { level: string }) => unit.level === 'prefecture')).toBe(false);
    const unknown = await get('/api/v1/jurisdictions?level=province,village');
    expect(unknown.status).toBe(400);
  });

  it('gives a jurisdiction with its populations and children', async () => {
    const { body: diqing } = await get('/api/v1/jurisdictions/533400');
    // 香格里拉市, 德钦县, 维西傈僳族自治县
    expect(diqing.children).toEqual(['533401', '533422', '533423']);
    const { body: shanxi } = await get('/api/v1/jurisdictions/140000');
    expect(shanxi.populations.map((p: { year: number; population: number }) => [p.year, p.population])).toEqual([
      [2020, 34_915_616],
      [2021, 34_804_800],
      [2023, 34_659_900],
    ]);
    expect(shanxi.populations[0].source).toContain('第七次全国人口普查');
  });

  it('lists the five plans with every target of docs/figures.md', async () => {
    const { body } = await get('/api/v1/plans');
    const counts = Object.fromEntries(
      body.map((p: { jurisdictionCode: string; targets: unknown[] }) => [p.jurisdictionCode, p.targets.length]),
    );
    // Shanxi 4, Guizhou 2, Linfen 3, Chiping 7, Weixi 13
    expect(counts).toEqual({ '140000': 4, '520000': 2, '141000': 3, '371503': 7, '533423': 13 });
    const weixi = body.find((p: { jurisdictionCode: string }) => p.jurisdictionCode === '533423');
    expect(weixi).toMatchObject({ documentNumber: '维发〔2023〕15号', issuedOn: '2023-06-28' });
    expect(weixi.targets).toContainEqual(
      expect.objectContaining({
        metric: 'institutions',
        institutionKind: 'demonstration',
        value: 2,
        clause: '四(十二)',
      }),
    );
    expect(weixi.targets).toContainEqual(
      expect.objectContaining({ metric: 'maternal_mortality_per_100k', comparator: 'below', value: 10 }),
    );
  });

  it("answers Weixi's progress at 2024Q4 as docs/figures.md's worked example", async () => {
    const p = await progress('533423', '2024Q4');
    expect(p.population).toMatchObject({ value: 146_363, year: 2020, carriedForward: true });
    expect(p.actual).toMatchObject({ places: 600, affordablePlaces: 350, provisional: false, completeness: 1 });
    const ratio = target(p, 'places_per_1000');
    // 600 × 1,000 ÷ 146,363 = 4.0994; ⌈4.5 × 146,363 ÷ 1,000⌉ = ⌈658.63⌉ = 659 → 59 needed; 59 ÷ 4 = 14.75
    expect(ratio).toMatchObject({
      documentNumber: '维发〔2023〕15号',
      clause: '一(二)',
      gap: 59,
      requiredPerQuarter: 14.75,
    });
    expect(ratio?.current).toBeCloseTo(4.0994, 4);
    // least squares through 544, 563, 581, 600 reaches 674.3 at 2025Q4: 674.3 × 1,000 ÷ 146,363 = 4.61
    expect(ratio?.forecast).toBeCloseTo(4.607, 3);
    expect(ratio).toMatchObject({ status: 'on_track', binding: true });
    // 2.7 × 146,363 ÷ 1,000 = 395.18 → 396 − 350 = 46 affordable places; 46 ÷ 4 = 11.5
    expect(target(p, 'affordable_places_per_1000')).toMatchObject({ gap: 46, requiredPerQuarter: 11.5 });
    // the 2024 schedule of 352 affordable places was missed by 2 (350 at 2024Q4)
    expect(target(p, 'affordable_places', (t) => t.dueYear === 2024)).toMatchObject({ status: 'missed', gap: 2 });
    // only 2024Q4 counted institutions: one value forecasts itself, 1 < 90 % of 2 → off track
    expect(target(p, 'institutions')).toMatchObject({ current: 1, gap: 1, forecast: 1, status: 'off_track' });
    // measured from yearly indicators, none of which is entered here
    expect(target(p, 'maternal_mortality_per_100k')).toMatchObject({ measured: true, status: 'no_data' });
    expect(p.scheduleFindings).toEqual([
      expect.objectContaining({
        year: 2025,
        scheduled: 656,
        required: 659,
        shortfall: 3,
        documentNumber: '维发〔2023〕15号',
      }),
    ]);
    expect(p.demo).toBe(false);
  });

  it('answers Chiping at 2025Q2: 150 places short of 5 per 1,000, 75 a quarter, at risk', async () => {
    const p = await progress('371503', '2025Q2');
    // 2023's 510,000 residents carried forward; 5 × 510,000 ÷ 1,000 = 2,550 − 2,400 = 150; 2 quarters left
    expect(p.population).toMatchObject({ value: 510_000, year: 2023, carriedForward: true });
    const ratio = target(p, 'places_per_1000');
    expect(ratio).toMatchObject({ gap: 150, requiredPerQuarter: 75, binding: true });
    // 50 places a quarter: 2,500 at 2025Q4 → 2,500 ÷ 510 = 4.90, within 90 % of 5 → at risk
    expect(ratio?.forecast).toBeCloseTo(2500 / 510, 9);
    expect(ratio?.status).toBe('at_risk');
    expect(target(p, 'institutions')).toMatchObject({ institutionKind: 'public_independent', status: 'no_data' });
    // every target is measured now: the residential norm from the register, health targets from the
    // yearly indicators; with neither entered, no data
    expect(target(p, 'new_residential_places_per_1000')).toMatchObject({ measured: true, status: 'no_data' });
    expect(p.targets.filter((t) => !t.measured).map((t) => t.metric)).toEqual([]);
    expect(
      p.targets
        .filter((t) => t.metric.endsWith('_per_1000') && t.metric.includes('mortality'))
        .map((t) => [t.metric, t.measured, t.status]),
    ).toEqual([
      ['infant_mortality_per_1000', true, 'no_data'],
      ['under5_mortality_per_1000', true, 'no_data'],
    ]);
  });

  it('counts no draft: Chiping at 2025Q3 still stands on 2025Q2', async () => {
    const p = await progress('371503', '2025Q3');
    expect(p.actual).toMatchObject({ places: 2400, period: '2025Q2' });
    expect(target(p, 'places_per_1000')?.currentPeriod).toBe('2025Q2');
  });

  it("measures Linfen against its own and Shanxi's targets", async () => {
    const p = await progress('141000', '2025Q4');
    // 2022's 3,906,600 carried forward; 17,600 × 1,000 ÷ 3,906,600 = 4.505 ≥ 4.5 (17,580 needed)
    const ratios = p.targets.filter((t) => t.metric === 'places_per_1000');
    expect(ratios.map((t) => [t.planJurisdictionCode, t.status, t.binding])).toEqual([
      ['141000', 'met', true],
      ['140000', 'met', false],
    ]);
    // Shanxi's 60 % share: ⌈0.6 × 17,600⌉ − 10,000 = 560 affordable places short
    expect(target(p, 'affordable_share')).toMatchObject({
      inherited: true,
      status: 'missed',
      gap: 560,
      documentNumber: '晋发〔2022〕26号',
    });
    expect(
      p.targets.filter((t) => t.metric === 'institutions').map((t) => [t.planJurisdictionCode, t.scope, t.binding]),
    ).toEqual([
      ['141000', 'self', true],
      ['140000', 'each_child', false],
    ]);
    // Linfen's 17 county-level units (1 district, 14 counties, 2 cities), none reporting
    expect(p.cascades.map((c) => [c.institutionKind, c.unitsTotal, c.unitsNoData])).toEqual([
      ['public_demonstration', 17, 17],
      ['public_guidance', 17, 17],
    ]);
  });

  it("sums Linfen into Shanxi, weighted by Linfen's population, with completeness", async () => {
    const p = await progress('140000', '2025Q4');
    expect(p.actual).toMatchObject({
      places: 17_600,
      basis: 'children',
      // Linfen alone of Shanxi's 11 prefectures
      childrenReported: 1,
      childrenTotal: 11,
      completeness: 1 / 11,
    });
    expect(p.population).toMatchObject({ value: 3_906_600, basis: 'children' });
    expect(target(p, 'places_per_1000')?.current).toBeCloseTo(17_600_000 / 3_906_600, 12);
    const eachPrefecture = p.cascades.find((c) => c.scope === 'each_child');
    expect(eachPrefecture?.units).toHaveLength(11);
    expect(eachPrefecture?.units).toContainEqual(
      expect.objectContaining({ code: '141000', current: 1, status: 'met' }),
    );
    expect(eachPrefecture).toMatchObject({ unitsTotal: 11, unitsMeeting: 1, unitsNoData: 10 });
  });

  it('heads the country with each province, and a prefecture with each county', async () => {
    const { status, body } = await get('/api/v1/overview?period=2025Q4');
    expect(status).toBe(200);
    // every province, reported or not
    expect(body.rows).toHaveLength(31);
    const shanxi = body.rows.find((r: { code: string }) => r.code === '140000');
    // Linfen's 17,600 places over its 3,906,600 residents = 4.505 per 1,000: Shanxi's 4.5 is met
    expect(shanxi).toMatchObject({ places: 17_600, population: 3_906_600, childrenReported: 1, childrenTotal: 11 });
    expect(shanxi.placesPer1000).toBeCloseTo(4.5052, 4);
    expect(shanxi.placesTarget).toMatchObject({
      documentNumber: '晋发〔2022〕26号',
      value: 4.5,
      status: 'met',
      gap: 0,
    });
    // ⌈0.6 × 17,600⌉ − 10,000 = 560 affordable places short of 60 %
    expect(shanxi.affordableShareTarget).toMatchObject({ status: 'missed', gap: 560 });
    const diqing = await get('/api/v1/overview?root=533400&period=2024Q4');
    expect(diqing.body.root).toMatchObject({ code: '533400', places: 600, population: 146_363 });
    expect(diqing.body.rows.map((r: { code: string }) => r.code)).toEqual(['533401', '533422', '533423']);
    expect(diqing.body.rows[2]).toEqual(
      expect.objectContaining({
        code: '533423',
        places: 600,
        placesTarget: expect.objectContaining({ gap: 59, status: 'on_track' }),
      }),
    );
    expect((await get('/api/v1/overview?root=999999')).status).toBe(404);
  });

  it("draws Weixi's places chart: the 659 the ratio needs, the forecast and the pace", async () => {
    const { status, body } = await get('/api/v1/series/533423?period=2024Q4');
    expect(status).toBe(200);
    expect(body.points.map((p: { places: number }) => p.places)).toEqual([544, 563, 581, 600]);
    const last = body.placesChart.at(-1);
    // ⌈4.5 × 146,363 ÷ 1,000⌉ = 659; 600 + 14.75 × 4 = 659; least squares: 674.3
    expect(last).toMatchObject({ period: '2025Q4', neededByRatio: 659, scheduled: 656, requiredPace: 659 });
    expect(last.forecast).toBeCloseTo(674.3, 6);
  });

  it('names what was wrong and what is accepted', async () => {
    const badCode = await get('/api/v1/progress/5334?period=2024Q4');
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details).toEqual([
      { field: 'params.code', message: expect.stringContaining('6 位数字') },
    ]);
    const badPeriod = await get('/api/v1/progress/533423?period=2024Q5', { 'accept-language': 'en-GB,en' });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error.message).toContain('YYYYQn');
    const farPeriod = await get('/api/v1/progress/533423?period=1990Q1');
    expect(farPeriod).toMatchObject({ status: 400, body: { error: { code: 'invalid_period' } } });
    const unknown = await get('/api/v1/progress/999999?period=2024Q4');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'unknown_jurisdiction' } } });
    expect(unknown.body.error.message).toContain('999999');
    expect((await get('/api/v1/jurisdictions/000000')).status).toBe(404);
    expect((await get('/api/v1/nothing-here')).status).toBe(404);
  });

  it('sends security headers with a content security policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // helmet's default: a year, subdomains included
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('serves the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toContain('/api/v1/progress/{code}');
  });
});
