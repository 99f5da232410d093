// Every public read answers from the remembered-answer cache and is never stale: two API instances
// on one Postgres, each with its own cache; each read is asked twice (computed, then remembered),
// then a write (through the other instance's API, or straight in the database, which only the
// data-version triggers can tell the reader about) and the very next read shows it.
import type { ProgressView } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { ACCOUNTS, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';
import { triggerEvents } from './support/triggers.ts';

const WEIXI = '533423';
const DIQING = '533400';

interface PlansAnswer {
  id: string;
  jurisdictionCode: string;
  targets: { id: string; metric: string; value: number; version: number; [field: string]: unknown }[];
  fundingRules: { id: string; rate: number }[];
}

describe('every public read, remembered, then fresh after a write through another instance', () => {
  let test: TestDatabase;
  let second: Database;
  let writer: Awaited<ReturnType<typeof buildApp>>;
  let reader: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await insertReports(test.database.db, [{ code: WEIXI, period: '2024Q4', places: 600, affordablePlaces: 350 }]);
    await createAccounts(test.database.db, [ACCOUNTS.entryWeixi, ACCOUNTS.admin]);
    second = await openDatabase({ databaseUrl: test.location, dataDir: '' });
    writer = await buildApp({ database: test.database, webDist: null });
    reader = await buildApp({ database: second, webDist: null });
  });

  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await second?.close();
    await test?.destroy();
  });

  /** The reader's answer, asked twice so that the second comes from its cache. */
  const read = async <T>(url: string): Promise<T> => {
    const first = await reader.inject({ method: 'GET', url });
    expect(first.statusCode, url).toBe(200);
    const again = await reader.inject({ method: 'GET', url });
    expect(again.body, url).toBe(first.body);
    return again.json() as T;
  };
  const readOnce = async <T>(url: string): Promise<T> => {
    const response = await reader.inject({ method: 'GET', url });
    expect(response.statusCode, url).toBe(200);
    return response.json() as T;
  };

  const weixiRatioTarget = (plans: PlansAnswer[]) =>
    plans.find((plan) => plan.jurisdictionCode === WEIXI)?.targets.find((t) => t.metric === 'places_per_1000');

  it("plans and a county's progress: an admin's edit of a target's value", async () => {
    const before = weixiRatioTarget(await read<PlansAnswer[]>('/api/v1/plans'));
    expect(before?.value).toBe(4.5);
    const progress = (await read<ProgressView>(`/api/v1/progress/${WEIXI}?period=2024Q4`)).targets.find(
      (t) => t.targetId === before?.id,
    );
    expect(progress?.value).toBe(4.5);
    const admin = await signIn(writer, ACCOUNTS.admin.username);
    const { id, version, ...fields } = before as NonNullable<typeof before>;
    const edited = await writer.inject({
      method: 'PUT',
      url: `/api/v1/targets/${id}`,
      headers: admin.headers({ 'if-match': `"${version}"` }),
      payload: { ...fields, value: 4.6 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(weixiRatioTarget(await readOnce<PlansAnswer[]>('/api/v1/plans'))?.value).toBe(4.6);
    const after = (await readOnce<ProgressView>(`/api/v1/progress/${WEIXI}?period=2024Q4`)).targets.find(
      (t) => t.targetId === id,
    );
    expect(after?.value).toBe(4.6);
  });

  it("plans: a funding rule's rate changed in the database", async () => {
    const rule = (await read<PlansAnswer[]>('/api/v1/plans')).find((plan) => plan.jurisdictionCode === WEIXI)
      ?.fundingRules[0];
    expect(rule?.rate).toBe(2000);
    await sql`update funding_rules set rate = 2100 where id = ${rule?.id}`.execute(test.database.db);
    const after = (await readOnce<PlansAnswer[]>('/api/v1/plans')).find((plan) => plan.jurisdictionCode === WEIXI)
      ?.fundingRules[0];
    expect(after?.rate).toBe(2100);
  });

  it('jurisdictions, listed by level and by parent: a unit renamed and a unit added', async () => {
    type Unit = { code: string; nameEn: string };
    const byLevel = `/api/v1/jurisdictions?level=prefecture,county`;
    const byParent = `/api/v1/jurisdictions?parent=${DIQING}`;
    const all = '/api/v1/jurisdictions';
    for (const url of [byLevel, byParent, all])
      expect((await read<Unit[]>(url)).find((unit) => unit.code === WEIXI)?.nameEn).toBe(
        'Weixi Lisu Autonomous County',
      );
    expect((await read<Unit[]>(byParent)).map((unit) => unit.code)).toEqual(['533401', '533422', WEIXI]);
    await sql`update jurisdictions set name_en = 'Weixi County' where code = ${WEIXI}`.execute(test.database.db);
    await sql`insert into jurisdictions (code, name, name_en, level, parent_code) values ('533424', '新县', 'New County', 'county', ${DIQING})`.execute(
      test.database.db,
    );
    for (const url of [byLevel, byParent, all])
      expect((await readOnce<Unit[]>(url)).find((unit) => unit.code === WEIXI)?.nameEn, url).toBe('Weixi County');
    expect((await readOnce<Unit[]>(byParent)).map((unit) => unit.code)).toEqual(['533401', '533422', WEIXI, '533424']);
  });

  it('a jurisdiction: its populations and its successions', async () => {
    type Detail = { populations: { year: number; population: number }[]; successions: { toCode: string }[] };
    const url = `/api/v1/jurisdictions/${WEIXI}`;
    const before = await read<Detail>(url);
    expect(before.populations.map((p) => p.year)).not.toContain(2025);
    expect(before.successions).toEqual([]);
    await sql`insert into populations (jurisdiction_code, year, population, source) values (${WEIXI}, 2025, 151000, 'test')`.execute(
      test.database.db,
    );
    expect((await readOnce<Detail>(url)).populations.find((p) => p.year === 2025)?.population).toBe(151_000);
    await sql`insert into successions (from_code, to_code, effective_on, reason, kind) values (${WEIXI}, '533424', '2030-01-01', 'test', 'rename')`.execute(
      test.database.db,
    );
    expect((await readOnce<Detail>(url)).successions.map((s) => s.toCode)).toEqual(['533424']);
    await sql`delete from successions where from_code = ${WEIXI}`.execute(test.database.db);
  });

  it("series and completeness: a report submitted through the writer's API", async () => {
    type Series = { points: { period: string; places: number | null }[] };
    type Completeness = { submitted: number; units: { code: string; state: string }[] };
    const seriesUrl = `/api/v1/series/${WEIXI}?period=2025Q2`;
    const completenessUrl = `/api/v1/completeness/${DIQING}?period=2025Q2`;
    const placesAt = (series: Series) => series.points.find((p) => p.period === '2025Q2')?.places ?? null;
    expect(placesAt(await read<Series>(seriesUrl))).toBeNull();
    const before = await read<Completeness>(completenessUrl);
    expect(before.units.find((unit) => unit.code === WEIXI)?.state).toBe('missing');
    const entry = await signIn(writer, ACCOUNTS.entryWeixi.username);
    const report = `/api/v1/reports/${WEIXI}/2025Q2`;
    const put = await writer.inject({
      method: 'PUT',
      url: report,
      headers: entry.headers(),
      payload: { places: 650, affordablePlaces: 380 },
    });
    expect(put.statusCode, put.body).toBe(201);
    const submit = await writer.inject({
      method: 'POST',
      url: `${report}/submit`,
      headers: entry.headers({ 'if-match': '"1"' }),
    });
    expect(submit.statusCode, submit.body).toBe(200);
    expect(placesAt(await readOnce<Series>(seriesUrl))).toBe(650);
    const after = await readOnce<Completeness>(completenessUrl);
    expect(after.units.find((unit) => unit.code === WEIXI)?.state).toBe('submitted');
    expect(after.submitted).toBe(before.submitted + 1);
  });

  it('the divisions edition: a newer edition recorded', async () => {
    type Edition = { edition: string };
    const before = await read<Edition>('/api/v1/divisions/edition');
    await sql`insert into division_editions (edition, source, provinces, prefectures, counties, townships, loaded_at)
      values ('test-2099', 'test', 31, 342, 2978, 0, now() + interval '1 day')`.execute(test.database.db);
    const after = await readOnce<Edition>('/api/v1/divisions/edition');
    expect(before.edition).not.toBe('test-2099');
    expect(after.edition).toBe('test-2099');
  });
});

describe('the data-version triggers', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await test?.destroy();
  });

  it('cover every table a public read reads, for each kind of write', async () => {
    const covered: Record<string, string[]> = {};
    for (const row of await triggerEvents(test.database.db, ['bump_data_versions', 'bump_versions']))
      covered[row.table] = [...new Set([...(covered[row.table] ?? []), row.event])].sort();
    // what plans, jurisdictions, a jurisdiction, series, completeness, overview, progress, funding
    // and the divisions edition read
    for (const table of [
      'jurisdictions',
      'populations',
      'plans',
      'targets',
      'funding_rules',
      'successions',
      'quarterly_reports',
      'report_institutions',
      'yearly_indicators',
      'residential_projects',
      'settings',
      'division_editions',
    ])
      expect(covered[table], table).toEqual(['delete', 'insert', 'truncate', 'update']);
  });
});
