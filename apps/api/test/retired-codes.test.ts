// A code retired by a boundary change takes no figures about days on or after the change: Weixi
// (533423) becomes a district (533425, a code of our own) on 2025-01-01, and every write path —
// quarterly reports, indicators, residential projects, populations and the three imports — refuses
// 2025 under the old code with a 4xx naming the district, nothing stored, while 2024 (late reports
// of the old county) stays open. Then the yearly indicators follow the rename: Weixi's 2024 under
// the old code and the district's 2025 under the new are each counted once in Diqing's rate, on
// real Postgres and the embedded default.
import type { ProgressView } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

const DISTRICT = '533425';
const RETIRED = '533423';

describe.each(BACKENDS)('writes to a retired code (%s)', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;
  // Diqing's entry and reviewer accounts cover both the old county and the district
  let entry: Client;
  let reviewer: Client;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.admin, ACCOUNTS.entryDiqing, ACCOUNTS.reviewerDiqing]);
    app = await buildApp({ database: test.database, webDist: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
    entry = await signIn(app, ACCOUNTS.entryDiqing.username);
    reviewer = await signIn(app, ACCOUNTS.reviewerDiqing.username);
    const recorded = await call(admin, 'POST', '/api/v1/successions', {
      fromCode: RETIRED,
      toCode: DISTRICT,
      effectiveOn: '2025-01-01',
      reason: '撤县设区（测试）',
      kind: 'rename',
      newUnit: { name: '维西区', nameEn: 'Weixi District' },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  async function call(
    client: Client | null,
    method: 'PUT' | 'POST' | 'GET',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await app.inject({
      method,
      url,
      headers: client ? client.headers(headers) : headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  }
  const count = async (table: 'quarterly_reports' | 'yearly_indicators' | 'residential_projects' | 'populations') =>
    Number(
      (
        await sql<{
          n: string;
        }>`select count(*)::text n from ${sql.table(table)} where jurisdiction_code = ${RETIRED}`.execute(
          test.database.db,
        )
      ).rows[0].n,
    );
  const expectRetired = (answer: { status: number; body: { error: Record<string, unknown> } }, field: string) => {
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({
      code: 'jurisdiction_retired',
      details: [{ field, successors: [DISTRICT], effectiveOn: '2025-01-01' }],
    });
    expect(answer.body.error.message).toContain(DISTRICT);
  };

  it('lists the succession with both names for Diqing and for the country, and 404 for an unknown root', async () => {
    const listed = {
      fromCode: RETIRED,
      toCode: DISTRICT,
      effectiveOn: '2025-01-01',
      reason: '撤县设区（测试）',
      kind: 'rename',
      fromName: '维西傈僳族自治县',
      fromNameEn: expect.any(String),
      toName: '维西区',
      toNameEn: 'Weixi District',
    };
    expect(await call(null, 'GET', '/api/v1/successions?root=533400')).toEqual({ status: 200, body: [listed] });
    expect((await call(null, 'GET', '/api/v1/successions')).body).toEqual([listed]);
    expect((await call(null, 'GET', '/api/v1/successions?root=371500')).body).toEqual([]);
    expect((await call(null, 'GET', '/api/v1/successions?root=539999')).status).toBe(404);
  });

  it('refuses a quarterly report for 2025Q1 under the old code, naming the district, and keeps 2024Q4 open', async () => {
    const before = await count('quarterly_reports');
    const late = await call(entry, 'PUT', `/api/v1/reports/${RETIRED}/2025Q1`, { places: 610, affordablePlaces: 355 });
    expectRetired(late, 'params.code');
    expect(late.body.error.message).toBe(
      `${RETIRED} 已于 2025-01-01 起由 ${DISTRICT} 承继（区划调整）：该日及以后的数据请用新代码 ${DISTRICT} 填报；该日以前的数据仍可用原代码补报。`,
    );
    const submit = await call(entry, 'POST', `/api/v1/reports/${RETIRED}/2025Q1/submit`, undefined, {
      'if-match': '"1"',
      'accept-language': 'en',
    });
    expectRetired(submit, 'params.code');
    expect(submit.body.error.message).toContain(`was succeeded by ${DISTRICT} from 2025-01-01`);
    expect(await count('quarterly_reports')).toBe(before);
    // a late report of the old county, before the change: welcome, and it can be submitted
    const q4 = await call(entry, 'PUT', `/api/v1/reports/${RETIRED}/2024Q4`, { places: 600, affordablePlaces: 350 });
    expect(q4.status).toBe(201);
    const submitted = await call(entry, 'POST', `/api/v1/reports/${RETIRED}/2024Q4/submit`, undefined, {
      'if-match': `"${q4.body.version}"`,
    });
    expect(submitted.status).toBe(200);
    // the district takes 2025Q1
    expect(
      (await call(entry, 'PUT', `/api/v1/reports/${DISTRICT}/2025Q1`, { places: 620, affordablePlaces: 360 })).status,
    ).toBe(201);
  });

  it('refuses 2025’s indicators under the old code and takes 2024’s', async () => {
    const before = await count('yearly_indicators');
    const counts = { liveBirths: 1_500, maternalDeaths: 3 };
    expectRetired(await call(entry, 'PUT', `/api/v1/indicators/${RETIRED}/2025`, counts), 'params.code');
    expectRetired(
      await call(entry, 'POST', `/api/v1/indicators/${RETIRED}/2025/submit`, undefined, { 'if-match': '"1"' }),
      'params.code',
    );
    expect(await count('yearly_indicators')).toBe(before);
    expect((await call(entry, 'PUT', `/api/v1/indicators/${RETIRED}/2024`, counts)).status).toBe(201);
  });

  it('refuses a residential project approved on or after the date under the old code', async () => {
    const before = await count('residential_projects');
    const project = {
      jurisdictionCode: RETIRED,
      name: '永春新区',
      approvedOn: '2025-01-01',
      plannedResidents: 3_000,
      plannedPlaces: 18,
      deliveredPlaces: 0,
    };
    expectRetired(await call(entry, 'POST', '/api/v1/residential-projects', project), 'body.jurisdictionCode');
    expect(await count('residential_projects')).toBe(before);
    const earlier = await call(entry, 'POST', '/api/v1/residential-projects', { ...project, approvedOn: '2024-12-31' });
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);
  });

  it('refuses the old code’s 2025 population and takes its 2024 one', async () => {
    const before = await count('populations');
    const figure = { population: 146_000, source: '统计公报（测试）' };
    expectRetired(await call(admin, 'PUT', `/api/v1/jurisdictions/${RETIRED}/populations/2025`, figure), 'params.code');
    expect(await count('populations')).toBe(before);
    expect((await call(admin, 'PUT', `/api/v1/jurisdictions/${RETIRED}/populations/2024`, figure)).status).toBe(200);
  });

  it('names the row of a retired code in each import, and commits nothing', async () => {
    const upload = async (client: Client, url: string, csv: string, language = 'zh-CN') => {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: client.headers({ 'content-type': 'text/csv', 'accept-language': language }),
        payload: Buffer.from(`\uFEFF${csv}`),
      });
      return { status: response.statusCode, body: response.json() };
    };
    const reportsBefore = await count('quarterly_reports');
    const reports = '行政区划代码,季度,托位数,普惠托位数\n533423,2024Q3,581,320\n533423,2025Q2,640,370\n';
    const dry = await upload(entry, '/api/v1/import?mode=dry-run', reports);
    expect(dry.status).toBe(200);
    expect(dry.body.problems).toEqual([
      { row: 3, column: '行政区划代码', value: RETIRED, reason: expect.stringContaining(`由 ${DISTRICT} 承继`) },
    ]);
    const english = await upload(entry, '/api/v1/import?mode=dry-run', reports, 'en');
    expect(english.body.problems[0].reason).toContain(`was succeeded by ${DISTRICT}`);
    expect((await upload(entry, '/api/v1/import?mode=commit', reports)).status).toBe(400);
    expect(await count('quarterly_reports')).toBe(reportsBefore);

    const populationsBefore = await count('populations');
    const populations = '行政区划代码,年份,常住人口,来源\n533423,2023,145800,公报\n533423,2025,146500,公报\n';
    const people = await upload(admin, '/api/v1/import/populations?mode=dry-run', populations);
    expect(people.status).toBe(200);
    expect(people.body.problems).toEqual([
      { row: 3, column: '行政区划代码', value: RETIRED, reason: expect.stringContaining(DISTRICT) },
    ]);
    expect((await upload(admin, '/api/v1/import/populations?mode=commit', populations)).status).toBe(400);
    expect(await count('populations')).toBe(populationsBefore);

    const projectsBefore = await count('residential_projects');
    const projects =
      '行政区划代码,项目名称,批准日期,规划居住人口,规划托位数,已交付托位数\n533423,保和小区,2024-05-01,2000,14,0\n533423,塔城新村,2025-03-01,2000,14,0\n';
    const register = await upload(entry, '/api/v1/residential-projects/import?mode=dry-run', projects);
    expect(register.status).toBe(200);
    expect(register.body.problems).toEqual([
      { row: 3, column: '行政区划代码', value: RETIRED, reason: expect.stringContaining(DISTRICT) },
    ]);
    expect((await upload(entry, '/api/v1/residential-projects/import?mode=commit', projects)).status).toBe(400);
    expect(await count('residential_projects')).toBe(projectsBefore);
  });

  it('counts Weixi’s 2024 and the district’s 2025 indicators once each in Diqing’s rate', async () => {
    // a maternal mortality target for Diqing, so that its progress measures the prefecture's rate
    const plan = await call(admin, 'POST', '/api/v1/plans', {
      jurisdictionCode: '533400',
      documentNumber: '迪卫〔2024〕1号（测试）',
      title: '迪庆州母婴安全（测试）',
      issuer: '迪庆州卫生健康委员会',
      issuedOn: '2024-01-01',
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const target = await call(admin, 'POST', `/api/v1/plans/${plan.body.id}/targets`, {
      metric: 'maternal_mortality_per_100k',
      comparator: 'below',
      value: 10,
      dueYear: 2030,
      clause: '一',
      scope: 'self',
    });
    expect(target.status, JSON.stringify(target.body)).toBe(201);
    // Weixi's 2024 (3 in 1,500, entered above) approved; the district's 2025: 1 in 1,200; Deqin both years
    const approve = async (code: string, year: number, counts?: Record<string, number>) => {
      const saved = counts
        ? await call(entry, 'PUT', `/api/v1/indicators/${code}/${year}`, counts)
        : await call(entry, 'GET', `/api/v1/indicators/${code}/${year}`);
      expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
      const submitted = await call(entry, 'POST', `/api/v1/indicators/${code}/${year}/submit`, undefined, {
        'if-match': `"${saved.body.version}"`,
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      const approved = await call(reviewer, 'POST', `/api/v1/indicators/${code}/${year}/approve`, undefined, {
        'if-match': `"${submitted.body.version}"`,
      });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    };
    await approve(RETIRED, 2024);
    await approve(DISTRICT, 2025, { liveBirths: 1_200, maternalDeaths: 1 });
    await approve('533422', 2024, { liveBirths: 1_500, maternalDeaths: 0 });
    await approve('533422', 2025, { liveBirths: 1_800, maternalDeaths: 2 });

    const rate = async (period: string) => {
      const progress = (await call(null, 'GET', `/api/v1/progress/533400?period=${period}`)).body as ProgressView;
      const found = progress.targets.find((t) => t.metric === 'maternal_mortality_per_100k');
      return (
        found && {
          year: found.year,
          numerator: found.numerator,
          denominator: found.denominator,
          current: found.current,
        }
      );
    };
    // 2024: Weixi's 3 + Deqin's 0 deaths in 1,500 + 1,500 births = 3 in 3,000 = 100 per 100,000
    expect(await rate('2024Q4')).toEqual({ year: 2024, numerator: 3, denominator: 3_000, current: 100 });
    // 2025: the district's 1 + Deqin's 2 in 1,200 + 1,800 = 3 in 3,000 = 100 per 100,000 (not Weixi's 2024 again)
    expect(await rate('2025Q4')).toEqual({ year: 2025, numerator: 3, denominator: 3_000, current: 100 });

    // the district's own figure carries Weixi's 2024 on: its latest year at 2024Q4 is Weixi's
    const district = (await call(null, 'GET', `/api/v1/progress/${DISTRICT}?period=2024Q4`)).body as ProgressView;
    const own = district.targets.find(
      (t) => t.metric === 'maternal_mortality_per_100k' && t.documentNumber === '维发〔2023〕15号',
    );
    expect(own).toMatchObject({ year: 2024, numerator: 3, denominator: 1_500 });

    // and completeness of 2025's indicators expects the district, not Weixi
    const sent = (await call(null, 'GET', '/api/v1/completeness/533400?record=indicators&year=2025')).body as {
      units: { code: string; state: string }[];
    };
    expect(sent.units.map((u) => [u.code, u.state])).toEqual([
      ['533401', 'missing'],
      ['533422', 'approved'],
      [DISTRICT, 'approved'],
    ]);
  });

  it('refuses a succession that would leave a year’s indicators under a retired code', async () => {
    // Deqin has 2025 indicators: retiring it from 2025-01-01 would drop them from Diqing's sum
    const answer = await call(admin, 'POST', '/api/v1/successions', {
      fromCode: '533422',
      toCode: '533426',
      effectiveOn: '2025-01-01',
      reason: '撤县设区（测试）',
      kind: 'rename',
      newUnit: { name: '德钦区', nameEn: 'Deqin District' },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({
      code: 'indicators_after_succession',
      details: [{ field: 'body.effectiveOn' }],
    });
    expect(answer.body.error.message).toContain('2025');
    expect((await call(admin, 'GET', '/api/v1/jurisdictions/533426')).status).toBe(404);
  });
});
