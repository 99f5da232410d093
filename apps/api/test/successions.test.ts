// A county's code replaced (撤县设区) keeps its history: Weixi (533423) carried on as a new code
// from 2025-01-01, on real Postgres and the embedded one. The series across the change has no gap
// and no double count, the old code's reports stay readable, Diqing above it is unchanged by the
// renaming alone, the successor answers to Weixi's plan, and every refusal names its field with
// nothing stored. Diqing (533400) stands on the national tree: Shangri-La (533401), Deqin (533422)
// and Weixi, of which only Weixi reports here, so each of its figures is Weixi's (or the district's)
// over three expected counties.
import type { CompletenessView, JurisdictionDetail, ProgressView, SeriesView } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

/** The district Weixi becomes in this test (a code of our own, free in the national tree; the real one is not known yet). */
const DISTRICT = '533425';
/** Diqing's other two counties in the national tree; neither reports in this test. */
const SHANGRILA = '533401';
const DEQIN = '533422';

describe.each(BACKENDS)('successions (%s)', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;
  let yunnanAdmin: Client;
  let leader: Client;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.admin, ACCOUNTS.adminYunnan, ACCOUNTS.leaderYunnan]);
    app = await buildApp({ database: test.database, webDist: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
    yunnanAdmin = await signIn(app, ACCOUNTS.adminYunnan.username);
    leader = await signIn(app, ACCOUNTS.leaderYunnan.username);
    // Weixi's 2024 (the worked example's 544, 563, 581, 600), then the district's first half of 2025
    await insertReports(test.database.db, [
      { code: '533423', period: '2024Q1', places: 544, affordablePlaces: 300 },
      { code: '533423', period: '2024Q2', places: 563, affordablePlaces: 310 },
      { code: '533423', period: '2024Q3', places: 581, affordablePlaces: 320 },
      { code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const call = async (client: Client | null, method: 'PUT' | 'POST' | 'GET', url: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url,
      headers: client ? client.headers() : {},
      ...(payload ? { payload: payload as object } : {}),
    });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };
  const get = async <T>(url: string): Promise<T> => (await call(admin, 'GET', url)).body as T;
  const successionRows = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from successions`.execute(test.database.db)).rows[0].n);

  const rename = {
    fromCode: '533423',
    toCode: DISTRICT,
    effectiveOn: '2025-01-01',
    reason: '国务院批复撤销维西县，设立维西区（测试）',
    kind: 'rename',
  };

  it('records the rename once the district exists, and the next read of Diqing sees it', async () => {
    const created = await call(yunnanAdmin, 'PUT', `/api/v1/jurisdictions/${DISTRICT}`, {
      name: '维西区',
      nameEn: 'Weixi District',
      level: 'county',
      parentCode: '533400',
    });
    expect(created.status).toBe(201);
    await insertReports(test.database.db, [
      { code: DISTRICT, period: '2025Q1', places: 620, affordablePlaces: 360 },
      { code: DISTRICT, period: '2025Q2', places: 640, affordablePlaces: 370 },
    ]);
    // before the succession Diqing has four counties (Shangri-La, Deqin, Weixi and the district), of
    // which only the district has reported in 2025: 1 of 4
    const before = await get<ProgressView>('/api/v1/progress/533400?period=2025Q2');
    expect(before.actual).toMatchObject({ places: 640, childrenReported: 1, childrenTotal: 4, completeness: 0.25 });

    const recorded = await call(yunnanAdmin, 'POST', '/api/v1/successions', rename);
    expect(recorded.status).toBe(201);
    expect((recorded.body as JurisdictionDetail).successions).toEqual([
      { fromCode: '533423', toCode: DISTRICT, effectiveOn: '2025-01-01', reason: rename.reason, kind: 'rename' },
    ]);
    // the very next read: Weixi no longer stands in 2025, so three counties are expected, and one reported
    const after = await get<ProgressView>('/api/v1/progress/533400?period=2025Q2');
    expect(after.actual).toMatchObject({ places: 640, childrenReported: 1, childrenTotal: 3 });
    expect(after.actual?.completeness).toBeCloseTo(1 / 3, 10);
  });

  it('gives the district a series across the change with no gap and no double count', async () => {
    const series = await get<SeriesView>(`/api/v1/series/${DISTRICT}?period=2025Q2`);
    expect(series.points.map((p) => [p.period, p.places])).toEqual([
      ['2024Q1', 544],
      ['2024Q2', 563],
      ['2024Q3', 581],
      ['2024Q4', 600],
      ['2025Q1', 620],
      ['2025Q2', 640],
    ]);
    // the ratio carries on at Weixi's 2020 census population: 600 × 1,000 ÷ 146,363 = 4.0994
    expect(series.points[3].placesPer1000).toBeCloseTo(4.0994, 4);
    expect(series.points[5].placesPer1000).toBeCloseTo(4.3727, 4); // 640 000 ÷ 146 363
  });

  it('leaves Diqing above unchanged by the renaming alone: each quarter counted once', async () => {
    const diqing = await get<SeriesView>('/api/v1/series/533400?period=2025Q2');
    // one reporting county in every quarter: Weixi before 2025, the district from 2025Q1; never both
    // (1,200 places at 2024Q4), and three counties expected in each (never four): 1 of 3
    expect(diqing.points.map((p) => [p.period, p.places, p.completeness])).toEqual(
      [
        ['2024Q1', 544],
        ['2024Q2', 563],
        ['2024Q3', 581],
        ['2024Q4', 600],
        ['2025Q1', 620],
        ['2025Q2', 640],
      ].map(([period, places]) => [period, places, expect.closeTo(1 / 3, 10)]),
    );
    const q4 = await get<ProgressView>('/api/v1/progress/533400?period=2024Q4');
    expect(q4.actual).toMatchObject({ places: 600, childrenReported: 1, childrenTotal: 3 });
    // the population of the units in the figure: Weixi's alone, not Diqing's 387,511
    expect(q4.population?.value).toBe(146_363);
  });

  it('expects Weixi before the change and the district after it, never both', async () => {
    const q4 = await get<CompletenessView>('/api/v1/completeness/533400?period=2024Q4');
    expect(q4.units.map((u) => [u.code, u.state])).toEqual([
      [SHANGRILA, 'missing'],
      [DEQIN, 'missing'],
      ['533423', 'approved'],
    ]);
    const q2 = await get<CompletenessView>('/api/v1/completeness/533400?period=2025Q2');
    expect(q2.units.map((u) => [u.code, u.state])).toEqual([
      [SHANGRILA, 'missing'],
      [DEQIN, 'missing'],
      [DISTRICT, 'approved'],
    ]);
  });

  it('keeps the old code’s reports readable, and its progress as it was', async () => {
    const report = await call(admin, 'GET', '/api/v1/reports/533423/2024Q4');
    expect(report).toMatchObject({ status: 200, body: { places: 600, affordablePlaces: 350 } });
    const weixi = await get<ProgressView>('/api/v1/progress/533423?period=2024Q4');
    const ratio = weixi.targets.find((t) => t.metric === 'places_per_1000' && t.value === 4.5 && !t.inherited);
    // the worked example: ⌈4.5 × 146,363 ÷ 1,000⌉ = 659, so 59 places short
    expect(ratio).toMatchObject({ gap: 59, requiredPerQuarter: 14.75 });
  });

  it('holds the district to Weixi’s plan: its 4.5 per 1,000 by 2025, measured across the change', async () => {
    const district = await get<ProgressView>(`/api/v1/progress/${DISTRICT}?period=2025Q2`);
    const ratio = district.targets.find(
      (t) => t.documentNumber === '维发〔2023〕15号' && t.metric === 'places_per_1000',
    );
    // 659 needed − 640 = 19, over the two quarters left (2025Q3, 2025Q4)
    expect(ratio).toMatchObject({ current: 640_000 / 146_363, gap: 19, requiredPerQuarter: 9.5 });
    // the least-squares line through 581, 600, 620, 640 (2024Q3–2025Q2): mean 610.25 at x = 1.5, rising
    // 98.5 ÷ 5 = 19.7 a quarter, so 610.25 + 19.7 × 3.5 = 679.2 places at 2025Q4, 4.6405 per 1,000
    expect(ratio?.forecast).toBeCloseTo(679.2 / 146.363, 6);
  });

  it('lists the succession on both units, and Diqing’s children today are the district in Weixi’s place', async () => {
    const weixi = await get<JurisdictionDetail>('/api/v1/jurisdictions/533423');
    expect(weixi.successions.map((s) => s.toCode)).toEqual([DISTRICT]);
    const diqing = await get<JurisdictionDetail>('/api/v1/jurisdictions/533400');
    expect(diqing.children).toEqual([SHANGRILA, DEQIN, DISTRICT]);
    expect(diqing.successions).toEqual([]);
  });

  it('writes the succession to the audit trail', async () => {
    const { rows } = await sql<{ actor: string; action: string; after: { toCode: string }; reason: string }>`
      select actor, action, after, reason from audit_log where entity = 'succession'`.execute(test.database.db);
    expect(rows).toEqual([
      {
        actor: 'admin-yunnan',
        action: 'insert',
        after: expect.objectContaining({ toCode: DISTRICT }),
        reason: rename.reason,
      },
    ]);
  });

  it('creates the new unit in the same call, audited with it', async () => {
    // Deqin (533422) is in the national tree; 533426 is not
    expect((await call(admin, 'GET', `/api/v1/jurisdictions/${DEQIN}`)).status).toBe(200);
    expect((await call(admin, 'GET', '/api/v1/jurisdictions/533426')).status).toBe(404);
    const recorded = await call(admin, 'POST', '/api/v1/successions', {
      fromCode: DEQIN,
      toCode: '533426',
      effectiveOn: '2026-01-01',
      reason: '撤县设区（测试）',
      kind: 'rename',
      newUnit: { name: '德钦区', nameEn: 'Deqin District' },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ code: '533426', level: 'county', parentCode: '533400' });
    const { rows } = await sql<{ entity: string }>`
      select entity from audit_log where entity_id in ('533426', '533422>533426') and action = 'insert' order by id`.execute(
      test.database.db,
    );
    expect(rows.map((r) => r.entity)).toEqual(['jurisdiction', 'succession']);
  });

  it('refuses what cannot be true, naming the field, and stores nothing', async () => {
    const stored = await successionRows();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...rename, fromCode: '533499', toCode: '533498' }, 400, 'body.fromCode'],
      [{ ...rename, fromCode: '533400', toCode: '533497' }, 400, 'body.toCode'],
      [{ ...rename, toCode: '533423' }, 400, 'body.toCode'],
      [{ ...rename, effectiveOn: '2025-13-01' }, 400, 'body.effectiveOn'],
      [{ ...rename, effectiveOn: '2099-01-01' }, 400, 'body.effectiveOn'],
      [{ ...rename, kind: 'annexation' }, 400, 'body.kind'],
      [{ ...rename, reason: '' }, 400, 'body.reason'],
      // the district back to Weixi would be a cycle
      [{ ...rename, fromCode: DISTRICT, toCode: '533423' }, 400, 'body.toCode'],
      [rename, 409, 'body.toCode'],
      // a prefecture cannot succeed a county
      [{ ...rename, fromCode: '533426', toCode: '533400', effectiveOn: '2026-06-01' }, 400, 'body.toCode'],
      // the new code exists already
      [{ ...rename, fromCode: '533426', toCode: DISTRICT, newUnit: { name: 'x', nameEn: 'x' } }, 409, 'body.toCode'],
    ];
    for (const [payload, status, field] of cases) {
      const answer = await call(admin, 'POST', '/api/v1/successions', payload);
      expect({ payload, status: answer.status }).toEqual({ payload, status });
      expect(answer.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await successionRows()).toBe(stored);
  });

  it('refuses a change that would drop reports from every aggregate', async () => {
    // Chiping reported 2025Q2: a rename from 2025-01-01 would leave that report under a retired code
    await insertReports(test.database.db, [{ code: '371503', period: '2025Q2', places: 2000, affordablePlaces: 1000 }]);
    await call(admin, 'PUT', '/api/v1/jurisdictions/371599', {
      name: '茌平新区',
      nameEn: 'Chiping New District',
      level: 'county',
      parentCode: '371500',
    });
    const answer = await call(admin, 'POST', '/api/v1/successions', {
      ...rename,
      fromCode: '371503',
      toCode: '371599',
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({
      code: 'reports_after_succession',
      details: [{ field: 'body.effectiveOn', message: 'reports_after_succession' }],
    });
    expect(answer.body.error.message).toContain('2025Q2');
  });

  it('answers in English when asked', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/successions',
      headers: admin.headers({ 'accept-language': 'en' }),
      payload: { ...rename, fromCode: '533499', toCode: '533498' },
    });
    expect(answer.json().error.message).toBe('The old code 533499 does not exist.');
  });

  it('compares a newer edition of the codes, proposes the rename, and records only what is confirmed', async () => {
    const tree = (await call(admin, 'GET', '/api/v1/jurisdictions')).body as JurisdictionDetail[];
    // the newer edition: Chiping (371503) under a new code, everything else as it is (371527 is free in
    // the national tree; Liaocheng's 371526 is Gaotang)
    const units = tree.map((u) => ({
      code: u.code === '371503' ? '371527' : u.code,
      name: u.name,
      parentCode: u.parentCode,
    }));
    const edition = { units, effectiveOn: '2026-10-01', reason: '新版区划代码（测试）' };
    const url = '/api/v1/successions/edition';
    const proposal = { fromCode: '371503', toCode: '371527', name: '茌平区', parentCode: '371500', kind: 'rename' };
    const dryRun = await call(admin, 'POST', `${url}?mode=dry-run`, edition);
    expect(dryRun).toMatchObject({ status: 200, body: { proposals: [proposal], recorded: [] } });
    expect((await call(admin, 'GET', '/api/v1/jurisdictions/371527')).status).toBe(404);

    const stored = await successionRows();
    // Chiping under Gaotang's code: one code for two units is refused, naming the second, in both languages
    const clash = tree.map((u) => ({
      code: u.code === '371503' ? '371526' : u.code,
      name: u.name,
      parentCode: u.parentCode,
    }));
    const gaotang = clash.findIndex((u) => u.code === '371526' && u.name === '高唐县');
    const chiping = clash.findIndex((u) => u.code === '371526' && u.name === '茌平区');
    expect(gaotang).toBeGreaterThanOrEqual(0);
    expect(chiping).toBeGreaterThanOrEqual(0);
    for (const mode of ['dry-run', 'commit']) {
      const refused = await call(admin, 'POST', `${url}?mode=${mode}`, {
        ...edition,
        units: clash,
        confirm: [{ fromCode: '371503', toCode: '371526' }],
      });
      expect(refused).toMatchObject({
        status: 400,
        body: {
          error: { code: 'duplicate_code', details: [{ field: `body.units.${Math.max(gaotang, chiping)}.code` }] },
        },
      });
      expect(refused.body.error.message).toContain('371526');
    }
    const inEnglish = await app.inject({
      method: 'POST',
      url: `${url}?mode=dry-run`,
      headers: admin.headers({ 'accept-language': 'en' }),
      payload: { ...edition, units: clash },
    });
    expect(inEnglish.json().error.message).toBe(
      'The code 371526 appears more than once in the newer edition: a code stands for one unit.',
    );
    const wrong = await call(admin, 'POST', `${url}?mode=commit`, {
      ...edition,
      confirm: [{ fromCode: '371503', toCode: '371528' }],
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: { details: [{ field: 'body.confirm.0' }] } } });
    expect((await call(yunnanAdmin, 'POST', `${url}?mode=dry-run`, edition)).status).toBe(403);
    expect(await successionRows()).toBe(stored);

    const committed = await call(admin, 'POST', `${url}?mode=commit`, {
      ...edition,
      confirm: [{ fromCode: '371503', toCode: '371527' }],
    });
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    expect(committed.body.recorded).toEqual([
      { fromCode: '371503', toCode: '371527', effectiveOn: '2026-10-01', reason: edition.reason, kind: 'rename' },
    ]);
    const created = await get<JurisdictionDetail>('/api/v1/jurisdictions/371527');
    expect(created).toMatchObject({
      name: '茌平区',
      nameEn: 'Chiping District',
      parentCode: '371500',
      level: 'county',
    });
  });

  it('lets only admins record one, each within its scope', async () => {
    const stored = await successionRows();
    const payload = { ...rename, fromCode: '371503', toCode: '371599', effectiveOn: '2026-01-01' };
    expect((await call(leader, 'POST', '/api/v1/successions', payload)).status).toBe(403);
    expect((await call(yunnanAdmin, 'POST', '/api/v1/successions', payload)).status).toBe(403);
    expect((await call(null, 'POST', '/api/v1/successions', payload)).status).toBe(401);
    expect(await successionRows()).toBe(stored);
  });
});
