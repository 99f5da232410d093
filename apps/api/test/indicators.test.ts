// Yearly health indicators through the API: entered, reviewed and measured in the progress answer,
// with every refusal (impossible counts, role, jurisdiction, stale version, a year not ended);
// on real Postgres and on the embedded default (its transactions are serialised, so the locks differ).
import type { FinalAccount, GapReport, IndicatorsView, ProgressView } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

// Chiping's 2025: 1 maternal death in 3,200 live births, 8 infant and 10 under-5 deaths, 1,700 boys to 1,500 girls.
const CHIPING_2025 = {
  liveBirths: 3200,
  maternalDeaths: 1,
  infantDeaths: 8,
  under5Deaths: 10,
  boysBorn: 1700,
  girlsBorn: 1500,
  pregnantWomen: 3300,
  pregnantWomenScreened: null,
};

describe.each(BACKENDS)('yearly indicators on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;
  let otherEntry: Client;
  let reviewer: Client;
  let wrongReviewer: Client;
  let leader: Client;
  const url = '/api/v1/indicators/371503/2025';
  // 1 December 2026, 10:00 in Beijing: 2025 has ended, 2026 has not
  const now = new Date('2026-12-01T02:00:00Z');

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [
      ACCOUNTS.entryChiping,
      ACCOUNTS.entryWeixi,
      ACCOUNTS.reviewerLiaocheng,
      ACCOUNTS.reviewerDiqing,
      ACCOUNTS.leaderShandong,
    ]);
    app = await buildApp({ database: test.database, webDist: null, clock: () => now });
    entry = await signIn(app, ACCOUNTS.entryChiping.username);
    otherEntry = await signIn(app, ACCOUNTS.entryWeixi.username);
    reviewer = await signIn(app, ACCOUNTS.reviewerLiaocheng.username);
    wrongReviewer = await signIn(app, ACCOUNTS.reviewerDiqing.username);
    leader = await signIn(app, ACCOUNTS.leaderShandong.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const send = async (
    client: Client | null,
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    payload?: unknown,
    version?: number,
    language = 'zh',
  ) => {
    const headers = { 'accept-language': language, ...(version === undefined ? {} : { 'if-match': `"${version}"` }) };
    const response = await app.inject({
      method,
      url: path,
      headers: client ? client.headers(headers) : headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json(), etag: response.headers.etag };
  };
  const stored = async () => {
    const { rows } = await sql<{ count: string }>`select count(*) from yearly_indicators`.execute(test.database.db);
    return Number(rows[0].count);
  };
  const audit = async () => {
    const { rows } = await sql<{ action: string; actor: string; reason: string | null }>`
      select action, actor, reason from audit_log where entity = 'indicators' order by id`.execute(test.database.db);
    return rows;
  };
  const progress = async () => (await send(null, 'GET', '/api/v1/progress/371503')).body as ProgressView;
  const target = (view: ProgressView, metric: string) => view.targets.find((t) => t.metric === metric);

  it('a target with no figures yet says which figures it waits for, for which year, and from whom', async () => {
    const view = await progress();
    // at 2026Q3, nothing sent: the maternal mortality target due 2025 waits for Chiping's 2025 deaths and births
    expect(target(view, 'maternal_mortality_per_100k')).toMatchObject({
      status: 'no_data',
      awaiting: {
        record: 'yearly_indicators',
        counts: ['maternalDeaths', 'liveBirths'],
        year: 2025,
        from: '371503',
        orBelow: false,
      },
    });
    // the new-housing norm waits for projects in the register: residents and planned places
    expect(target(view, 'new_residential_places_per_1000')?.awaiting).toEqual({
      record: 'residential_register',
      counts: ['plannedResidents', 'plannedPlaces'],
      year: null,
      from: '371503',
      orBelow: false,
    });
    // no quarterly report in this database either: the ratio waits for Chiping's quarterly report
    expect(target(view, 'places_per_1000')?.awaiting).toMatchObject({ record: 'quarterly_report', year: null });
  });

  it('refuses impossible counts with 400 naming the field, in both languages, and stores nothing', async () => {
    const bad = { ...CHIPING_2025, maternalDeaths: 3201, under5Deaths: 7 };
    const zh = await send(entry, 'PUT', url, bad);
    expect(zh.status).toBe(400);
    const fields = (zh.body.error.details as { field: string; message: string }[]).map((d) => [d.field, d.message]);
    expect(fields).toEqual([
      ['body.maternalDeaths', '孕产妇死亡数不能大于活产数'],
      ['body.under5Deaths', '5 岁以下儿童死亡数不能小于婴儿死亡数（婴儿也在 5 岁以下）'],
    ]);
    const en = await send(entry, 'PUT', url, { liveBirths: -1, stillbirths: 2 }, undefined, 'en');
    expect(en.status).toBe(400);
    expect(JSON.stringify(en.body.error.details)).toContain('cannot be negative');
    expect(await stored()).toBe(0);
  });

  it('refuses a year that has not ended (2026 before 2027-01-01 Beijing time)', async () => {
    const response = await send(entry, 'PUT', '/api/v1/indicators/371503/2026', CHIPING_2025);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('year_not_ended');
    expect(response.body.error.message).toContain('2027-01-01');
    expect(await stored()).toBe(0);
  });

  it('refuses the wrong role and the wrong jurisdiction with 403', async () => {
    expect((await send(reviewer, 'PUT', url, CHIPING_2025)).status).toBe(403);
    expect((await send(otherEntry, 'PUT', url, CHIPING_2025)).status).toBe(403);
    expect(await stored()).toBe(0);
  });

  it('enters, submits and approves Chiping’s 2025, each step audited, versions guarded', async () => {
    const created = await send(entry, 'PUT', url, CHIPING_2025);
    expect(created.status).toBe(201);
    expect(created.etag).toBe('"1"');
    expect(created.body as IndicatorsView).toMatchObject({
      status: 'draft',
      version: 1,
      liveBirths: 3200,
      pregnantWomenScreened: null,
      createdBy: 'entry-chiping',
      previous: null,
    });

    // an update without If-Match is 428, with a stale one 409 showing the current version; nothing changes
    expect((await send(entry, 'PUT', url, { ...CHIPING_2025, maternalDeaths: 2 })).status).toBe(428);
    const stale = await send(entry, 'PUT', url, { ...CHIPING_2025, maternalDeaths: 2 }, 7);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.version).toBe(1);
    expect((await send(entry, 'GET', url)).body.maternalDeaths).toBe(1);

    // a draft does not count yet: the maternal mortality target has no data
    expect(target(await progress(), 'maternal_mortality_per_100k')?.status).toBe('no_data');

    const submitted = await send(entry, 'POST', `${url}/submit`, undefined, 1);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    // submitted figures count (the default setting), so the very next read shows them
    expect(target(await progress(), 'maternal_mortality_per_100k')?.current).toBe(31.25);

    expect((await send(wrongReviewer, 'POST', `${url}/approve`, undefined, 2)).status).toBe(403);
    expect((await send(entry, 'POST', `${url}/approve`, undefined, 2)).status).toBe(403);
    const approved = await send(reviewer, 'POST', `${url}/approve`, undefined, 2);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', version: 3, approvedBy: 'reviewer-liaocheng' });
    // approved is locked
    expect((await send(entry, 'PUT', url, CHIPING_2025, 3)).body.error.code).toBe('indicators_approved');

    expect((await audit()).map((row) => `${row.action} ${row.actor}`)).toEqual([
      'insert entry-chiping',
      'submit entry-chiping',
      'approve reviewer-liaocheng',
    ]);
  });

  it('measures the 2025 targets in GET /api/v1/progress/371503 with their counts and status', async () => {
    const view = await progress();
    // the default period is 2026Q3: the latest year ended by its end is 2025, the targets' due year
    expect(target(view, 'maternal_mortality_per_100k')).toMatchObject({
      measured: true,
      // 1 × 100,000 ÷ 3,200 = 31.25 against < 8.2: ⌈8.2 × 3,200 ÷ 100,000⌉ = 1, so 1 − 1 + 1 = 1 death too many
      current: 31.25,
      year: 2025,
      numerator: 1,
      denominator: 3200,
      unstable: true,
      gap: 1,
      closed: true,
      status: 'missed',
    });
    expect(target(view, 'maternal_mortality_per_100k')?.dueYearValue).toMatchObject({
      period: '2025',
      reportStatus: 'approved',
    });
    // with a figure, it waits for nothing
    expect(target(view, 'maternal_mortality_per_100k')?.awaiting).toBeUndefined();
    // 8 × 1,000 ÷ 3,200 = 2.5 ‰ < 3.3: met
    expect(target(view, 'infant_mortality_per_1000')).toMatchObject({
      current: 2.5,
      numerator: 8,
      denominator: 3200,
      unstable: false,
      gap: 0,
      status: 'met',
    });
    // 10 × 1,000 ÷ 3,200 = 3.125 ‰ < 4: met
    expect(target(view, 'under5_mortality_per_1000')).toMatchObject({ current: 3.125, status: 'met' });
    // 1,700 × 100 ÷ 1,500 = 113.3 against < 110: ⌈110 × 1,500 ÷ 100⌉ = 1,650, so 1,700 − 1,650 + 1 = 51 boys
    const sexRatio = target(view, 'sex_ratio_at_birth');
    expect(sexRatio?.current).toBeCloseTo(113.333, 3);
    expect(sexRatio).toMatchObject({ numerator: 1700, denominator: 1500, gap: 51, status: 'missed' });
    // in 2025Q3 the year 2025 had not ended, so no year counts yet
    const before = (await send(null, 'GET', '/api/v1/progress/371503?period=2025Q3')).body as ProgressView;
    expect(target(before, 'maternal_mortality_per_100k')).toMatchObject({
      current: null,
      status: 'no_data',
      // at 2025Q3 the last year ended is 2024
      awaiting: { year: 2024, from: '371503' },
    });
  });

  it('tells who has sent 2025’s indicators: Chiping approved, the other counties of Liaocheng missing', async () => {
    const answer = (await send(null, 'GET', '/api/v1/completeness/371500?record=indicators&year=2025')).body;
    expect(answer.period).toBe('2025');
    const chiping = answer.units.find((u: { code: string }) => u.code === '371503');
    expect(chiping).toMatchObject({ state: 'approved', approvedBy: null });
    expect(answer.approved).toBe(1);
    expect(answer.missing).toBe(answer.expected - 1);
    // 2024 was never sent; the quarterly view is unchanged beside it
    const earlier = (await send(null, 'GET', '/api/v1/completeness/371500?record=indicators&year=2024')).body;
    expect(earlier.units.find((u: { code: string }) => u.code === '371503').state).toBe('missing');
    expect((await send(null, 'GET', '/api/v1/completeness/371500?period=2025Q4')).body.period).toBe('2025Q4');
    expect((await send(null, 'GET', '/api/v1/completeness/371500?record=indicators&year=20x5')).status).toBe(400);
  });

  it('shows the rates with their counts in the gap report and the final account, with who approved them', async () => {
    const query = 'root=371503&period=2025Q4';
    const json = (await send(leader, 'GET', `/api/v1/gap-report?${query}&format=json`)).body as GapReport;
    const row = json.rows.find((r) => r.metric === 'maternal_mortality_per_100k');
    expect(row).toMatchObject({
      current: 31.25,
      gap: 1,
      status: 'missed',
      indicatorCounts: { year: 2025, numerator: 1, denominator: 3200, unstable: true },
      // the row stands on the 2025 indicators, not on a quarterly report
      dataStatus: 'approved',
      approvedBy: 'reviewer-liaocheng',
      lastChangedBy: 'reviewer-liaocheng',
    });
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/gap-report?${query}&format=csv`,
      headers: { cookie: leader.cookie, 'accept-language': 'zh-CN' },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('1 例 / 3,200 活产（例数少，不稳定）');
    expect(csv.body).toContain('8 例 / 3,200 活产');
    const english = await app.inject({
      method: 'GET',
      url: `/api/v1/gap-report?${query}&format=csv`,
      headers: { cookie: leader.cookie, 'accept-language': 'en' },
    });
    expect(english.body).toContain('1,700 boys / 1,500 girls');
    const final = (await send(leader, 'GET', `/api/v1/gap-report?${query}&format=json&account=final`))
      .body as FinalAccount;
    expect(final.rows.find((r) => r.metric === 'infant_mortality_per_1000')).toMatchObject({
      dueYearValue: 2.5,
      dueYearPeriod: '2025',
      status: 'met',
      approved: true,
      approvedBy: 'reviewer-liaocheng',
    });
  });

  it('returned with a reason, the figures stop counting at once', async () => {
    expect((await send(reviewer, 'POST', `${url}/return`, { reason: '  ' }, 3)).status).toBe(400);
    const returned = await send(reviewer, 'POST', `${url}/return`, { reason: '请核对活产数' }, 3);
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '请核对活产数', approvedBy: null });
    expect(target(await progress(), 'maternal_mortality_per_100k')?.status).toBe('no_data');
    expect((await audit()).at(-1)).toMatchObject({ action: 'return', reason: '请核对活产数' });
  });
});
