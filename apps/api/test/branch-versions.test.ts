// A province's figures assembled from its branches' remembered rows (migration 20): a write bumps
// the version of its own branch only, and after any mix of writes the overview one API process
// answers from what it remembers is the one a process remembering nothing computes in full.
// Real Postgres, a small synthetic country down to townships.

import { periodIndex } from '@tuowei/shared';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FreshCache } from '../src/cache.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';
import { loadSubtree } from '../src/routes/progress/repository.ts';
import { readSettings } from '../src/routes/settings/repository.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';
import { loadSyntheticCountry } from '../src/seed/synthetic.ts';
import { createTestDatabase } from './support/backends.ts';

/** The quarter read; writes land in it and in the quarters before it, which its forecast reads. */
const PERIOD = { year: 2025, quarter: 4 } as const;
const PERIOD_TEXT = '2025Q4';

/** mulberry32, seeded: the same writes on every run, another set for another seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('branch versions and the province assembled from its branches', () => {
  let created: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: Database;
  let db: Kysely<DB>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let leaves: { code: string; branch: string; province: string }[];
  let provinces: string[];

  beforeAll(async () => {
    created = await createTestDatabase('empty');
    owner = await openDatabase({ databaseUrl: created.url, dataDir: '' });
    db = owner.db;
    await migrateToLatest(db);
    await loadShippedPlans(db);
    await loadSyntheticCountry(db, { seed: 16, counties: 120, townships: 900, firstYear: 2023, lastYear: 2025 });
    app = await buildApp({ database: owner, webDist: null });
    // every reporting unit (no children), with its branch: the unit on its way up under a province
    const { rows } = await sql<{ code: string; branch: string; province: string }>`
      with recursive up as (
        select j.code as leaf, j.code, j.parent_code from jurisdictions j
        where j.synthetic and not exists (select 1 from jurisdictions c where c.parent_code = j.code)
        union all
        select up.leaf, j.code, j.parent_code from jurisdictions j join up on j.code = up.parent_code
      )
      select a.leaf as code, a.code as branch, a.parent_code as province
      from up a join jurisdictions p on p.code = a.parent_code where p.parent_code is null
      order by a.leaf`.execute(db);
    leaves = rows;
    provinces = [...new Set(rows.map((row) => row.province))];
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await owner?.close();
    await created?.drop();
  });

  /** A report written straight to the table as submitted (or its figures replaced, submitted again). */
  const submitted = (code: string, quarter: { year: number; quarter: number }, places: number, affordable: number) =>
    sql`
      insert into quarterly_reports (jurisdiction_code, year, quarter, places, affordable_places, status, created_by,
                                     updated_by, submitted_by, submitted_at)
      values (${code}, ${quarter.year}, ${quarter.quarter}, ${places}, ${affordable}, 'submitted',
              'test', 'test', 'test', now())
      on conflict (jurisdiction_code, year, quarter) do update set places = excluded.places, status = 'submitted'`.execute(
      db,
    );

  const branchVersions = async () => {
    const { rows } = await sql<{ code: string; version: string }>`select code, version from branch_versions`.execute(
      db,
    );
    return new Map(rows.map((row) => [row.code, Number(row.version)]));
  };

  it('bumps the written unit’s branch alone, in the writing statement’s transaction', async () => {
    const [leaf] = leaves;
    const before = await branchVersions();
    await sql`update quarterly_reports set places = places + 1 where jurisdiction_code = ${leaf.code}
              and year = 2025 and quarter = 4`.execute(db);
    const after = await branchVersions();
    const moved = [...after].filter(([code, version]) => version !== (before.get(code) ?? 0)).map(([code]) => code);
    expect(moved).toEqual([leaf.branch]);
    // a population, and a report's institutions, likewise
    const other = leaves.find((l) => l.branch !== leaf.branch) as (typeof leaves)[number];
    await sql`update populations set population = population + 10 where jurisdiction_code = ${other.code}`.execute(db);
    const { rows } = await sql<{ id: string }>`
      select id from quarterly_reports where jurisdiction_code = ${leaf.code} order by year, quarter limit 1`.execute(
      db,
    );
    await sql`insert into report_institutions (report_id, kind, count) values (${rows[0].id}, 'public', 2)`.execute(db);
    const last = await branchVersions();
    expect((last.get(other.branch) ?? 0) - (after.get(other.branch) ?? 0)).toBe(1);
    expect((last.get(leaf.branch) ?? 0) - (after.get(leaf.branch) ?? 0)).toBe(1);
    // a province's own report belongs to no branch: it moves the province's own version
    // (migration 21), as a yearly indicator or a residential project anywhere in the province does
    const province = leaf.province;
    const moves = async (write: () => Promise<unknown>) => {
      const before = await branchVersions();
      await write();
      const after = await branchVersions();
      return [...after].filter(([code, version]) => version !== (before.get(code) ?? 0)).map(([code]) => code);
    };
    expect(await moves(() => submitted(province, PERIOD, 9000, 3000))).toEqual([province]);
    expect(
      await moves(() =>
        sql`insert into yearly_indicators (jurisdiction_code, year, live_births, status, created_by, updated_by)
            values (${leaf.code}, 2025, 1000, 'submitted', 'test', 'test')`.execute(db),
      ),
    ).toEqual([province]);
    expect(
      await moves(() =>
        sql`insert into residential_projects (jurisdiction_code, name, approved_on, planned_residents, planned_places,
                                              created_by, updated_by)
            values (${leaf.code}, '测试小区', '2025-03-01', 3000, 30, 'test', 'test')`.execute(db),
      ),
    ).toEqual([province]);
  });

  /**
   * One random write straight to the tables the figures come from (the triggers do the rest),
   * or to what moves the global version: a plan (its title is in every target's progress) or a
   * unit's name (in its own progress and its parent's).
   */
  async function randomWrite(next: () => number): Promise<string> {
    const leaf = leaves[Math.floor(next() * leaves.length)];
    const quarter = { year: PERIOD.year, quarter: PERIOD.quarter - Math.floor(next() * 3) };
    const kind = Math.floor(next() * 11);
    const at = sql`jurisdiction_code = ${leaf.code} and year = ${quarter.year} and quarter = ${quarter.quarter}`;
    if (kind === 0) {
      await sql`update quarterly_reports set places = places + ${1 + Math.floor(next() * 500)},
                affordable_places = affordable_places + 1 where ${at}`.execute(db);
    } else if (kind === 1) {
      await sql`delete from quarterly_reports where ${at}`.execute(db);
    } else if (kind === 2) {
      await sql`update quarterly_reports set status = 'returned' where ${at}`.execute(db);
    } else if (kind === 3) {
      const places = 100 + Math.floor(next() * 900);
      await submitted(leaf.code, quarter, places, Math.floor(places / 3));
    } else if (kind === 4) {
      await sql`update populations set population = population + ${1000 + Math.floor(next() * 50_000)}
                where jurisdiction_code = ${leaf.code}`.execute(db);
    } else if (kind === 5) {
      await sql`
        insert into report_institutions (report_id, kind, count)
        select id, 'community_point', ${1 + Math.floor(next() * 4)} from quarterly_reports where ${at}
        on conflict (report_id, kind) do update set count = excluded.count`.execute(db);
    } else if (kind === 6) {
      await sql`
        update plans set title = title || '·' where id = (
          select id from plans order by jurisdiction_code, id
          offset floor(${next()}::float8 * (select count(*) from plans))::int limit 1)`.execute(db);
    } else if (kind === 7) {
      await sql`update jurisdictions set name = name || '·' where code = ${leaf.code}`.execute(db);
    } else if (kind === 8) {
      // the province's own report (its own version, migration 21)
      const places = 5000 + Math.floor(next() * 5000);
      await submitted(leaf.province, quarter, places, Math.floor(places / 2));
      return `province-report ${leaf.province} ${quarter.year}Q${quarter.quarter}`;
    } else {
      // what the plans' health and residential targets read, for a unit whose plan has them
      const unit = next() < 0.5 ? '533423' : '371503';
      if (kind === 9) {
        const births = 2000 + Math.floor(next() * 3000);
        await sql`
          insert into yearly_indicators (jurisdiction_code, year, live_births, infant_deaths, under5_deaths,
                                         maternal_deaths, pregnant_women, pregnant_women_screened, boys_born,
                                         girls_born, status, created_by, updated_by)
          values (${unit}, ${PERIOD.year - Math.floor(next() * 2)}, ${births}, 5, 8, 0, ${births}, ${births - 40},
                  ${Math.floor(births * 0.52)}, ${births - Math.floor(births * 0.52)}, 'submitted', 'test', 'test')
          on conflict (jurisdiction_code, year) do update set live_births = excluded.live_births,
            pregnant_women = excluded.pregnant_women, pregnant_women_screened = excluded.pregnant_women_screened`.execute(
          db,
        );
        return `indicators ${unit} ${PERIOD.year}`;
      }
      await sql`
        insert into residential_projects (jurisdiction_code, name, approved_on, planned_residents, planned_places,
                                          delivered_places, created_by, updated_by)
        values (${unit}, ${`小区${Math.floor(next() * 1e9)}`}, '2024-06-01', ${1000 + Math.floor(next() * 9000)},
                ${Math.floor(next() * 90)}, ${Math.floor(next() * 40)}, 'test', 'test')`.execute(db);
      return `project ${unit} ${PERIOD.year}`;
    }
    return `${['update', 'delete', 'return', 'upsert', 'population', 'institutions', 'plan title', 'rename'][kind]} ${leaf.code} ${quarter.year}Q${quarter.quarter}`;
  }

  const answers = async (served: typeof app) => {
    const urls = [
      `/api/v1/overview?period=${PERIOD_TEXT}`,
      ...provinces.map((code) => `/api/v1/overview?root=${code}&period=${PERIOD_TEXT}`),
    ];
    const texts: string[] = [];
    for (const url of urls) {
      const response = await served.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      texts.push(response.body);
    }
    return texts;
  };

  /**
   * Every province's rows and figures assembled from remembered branches against the province read
   * whole, in one snapshot: the units in the same order, and the province's, each branch's and
   * each written unit's progress alike.
   */
  const compareWithWhole = (cache: FreshCache, written: readonly string[]) =>
    db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const settings = await readSettings(trx);
        const index = periodIndex(PERIOD);
        for (const province of provinces) {
          const whole = await loadSubtree(trx, province, index, settings);
          const assembled = await loadSubtree(trx, province, index, settings, cache);
          if (!whole || !assembled) throw new Error(`no province ${province}`);
          expect(assembled.units).toEqual(whole.units);
          const codes = [
            province,
            ...whole.subtree.childrenOf(province),
            ...written.filter((code) => whole.subtree.units.has(code)),
          ];
          expect(
            codes.map((code) => assembled.progressOf(code)),
            province,
          ).toEqual(codes.map((code) => whole.progressOf(code)));
        }
        // a unit below a province (a written one, and its parent) takes its part of the province's
        // remembered rows: the same context as its own subtree read whole
        const { rows: below } = await sql<{ code: string }>`
          select j.code from jurisdictions j where j.parent_code is not null and j.code = any(${written}::text[])
          union
          select p.code from jurisdictions j join jurisdictions p on p.code = j.parent_code
          where p.parent_code is not null and j.code = any(${written}::text[])
          order by 1`.execute(trx);
        for (const { code } of below) {
          const own = await loadSubtree(trx, code, index, settings);
          const assembled = await loadSubtree(trx, code, index, settings, cache);
          if (!own || !assembled) throw new Error(`no unit ${code}`);
          expect(assembled.units, code).toEqual(own.units);
          const codes = [code, ...own.subtree.childrenOf(code)];
          expect(
            codes.map((unit) => assembled.progressOf(unit)),
            code,
          ).toEqual(codes.map((unit) => own.progressOf(unit)));
        }
      });

  it('assembles each province from remembered branches as reading it whole does, after random writes', async () => {
    const seed = Number(process.env.BRANCH_SEED ?? 16);
    const next = random(seed);
    const cache = new FreshCache(db);
    await compareWithWhole(cache, []);
    for (let round = 0; round < 8; round++) {
      const writes: string[] = [];
      for (let i = 1 + Math.floor(next() * 4); i > 0; i--) writes.push(await randomWrite(next));
      try {
        await compareWithWhole(
          cache,
          writes.map((write) => write.split(' ')[1]),
        );
      } catch (error) {
        throw new Error(`seed ${seed}, round ${round} (${writes.join('; ')}): ${(error as Error).message}`);
      }
    }
  }, 300_000);

  it('keeps no branch values that a predecessor in another branch enters, as reading whole shows', async () => {
    const cache = new FreshCache(db);
    // two reporting units of one province in different branches: B carries on A from 2025Q2, and
    // with no population of its own takes A's (aggregate.ts: populationOf), a row of A's branch
    // (the synthetic units of a province are one branch: B is one of the province's own units)
    const { rows: others } = await sql<{ code: string; branch: string; province: string }>`
      with recursive up as (
        select j.code as leaf, j.code, j.parent_code from jurisdictions j
        where not j.synthetic and j.parent_code is not null
          and not exists (select 1 from jurisdictions c where c.parent_code = j.code)
        union all
        select up.leaf, j.code, j.parent_code from jurisdictions j join up on j.code = up.parent_code
      )
      select a.leaf as code, a.code as branch, a.parent_code as province
      from up a join jurisdictions p on p.code = a.parent_code where p.parent_code is null
      order by a.leaf`.execute(db);
    // B below a unit of its branch (whose sums are kept), reporting for itself
    const below = others.filter((o) => o.branch !== o.code);
    const a = leaves.find((l) => below.some((o) => o.province === l.province && o.branch !== l.branch));
    if (!a) throw new Error('no province with two branches');
    const b = below.find((o) => o.province === a.province && o.branch !== a.branch) as (typeof others)[number];
    await sql`
      insert into quarterly_reports (jurisdiction_code, year, quarter, places, affordable_places, status, created_by,
                                     updated_by, submitted_by, submitted_at)
      values (${b.code}, ${PERIOD.year}, ${PERIOD.quarter}, 800, 200, 'submitted', 'test', 'test', 'test', now())
      on conflict (jurisdiction_code, year, quarter) do update set places = 800, status = 'submitted'`.execute(db);
    await compareWithWhole(cache, [a.code, b.code]);
    await sql`insert into successions (from_code, to_code, effective_on, reason, kind)
              values (${a.code}, ${b.code}, '2025-04-01', 'test', 'merge')`.execute(db);
    await sql`delete from populations where jurisdiction_code = ${b.code}`.execute(db);
    await compareWithWhole(cache, [a.code, b.code]);
    // A's population moves A's branch version only; B's figures move with it
    await sql`update populations set population = population * 2 where jurisdiction_code = ${a.code}`.execute(db);
    await compareWithWhole(cache, [a.code, b.code]);
  }, 300_000);

  it('answers after random writes exactly as a full computation does', async () => {
    const seed = Number(process.env.BRANCH_SEED ?? 2026);
    const next = random(seed);
    // the process under test remembers the branches from here on
    await answers(app);
    for (let round = 0; round < 8; round++) {
      const writes: string[] = [];
      for (let i = 1 + Math.floor(next() * 3); i > 0; i--) writes.push(await randomWrite(next));
      const remembered = await answers(app);
      // a process that remembers nothing: every province read whole
      const fresh = await buildApp({ database: owner, webDist: null });
      try {
        const full = await answers(fresh);
        expect(remembered, `seed ${seed}, round ${round}: ${writes.join('; ')}`).toEqual(full);
      } finally {
        await fresh.close();
      }
    }
    // and the figures moved: the writes were seen, not an old answer compared with itself
    const first = await answers(app);
    // (an upsert: the random writes may have deleted or returned that report)
    await sql`
      insert into quarterly_reports (jurisdiction_code, year, quarter, places, affordable_places, status, created_by,
                                     updated_by, submitted_by, submitted_at)
      values (${leaves[1].code}, ${PERIOD.year}, ${PERIOD.quarter}, 5000, 1000, 'submitted', 'test', 'test', 'test', now())
      on conflict (jurisdiction_code, year, quarter)
      do update set places = quarterly_reports.places + 1000, status = 'submitted'`.execute(db);
    expect(await answers(app)).not.toEqual(first);
  }, 300_000);
});
