// The data versions (migration 13): a write bumps the version of the provinces it changed, or the
// global one, and every table that had the old bump_data_version() trigger (a later table too)
// was moved onto the new triggers.
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';
import { createTestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';
import { triggerEvents } from './support/triggers.ts';

describe('data versions per province', () => {
  let created: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: Database;
  let db: Kysely<DB>;

  beforeAll(async () => {
    created = await createTestDatabase('empty');
    owner = await openDatabase({ databaseUrl: created.url, dataDir: '', poolSize: 1 });
    db = owner.db;
    // up to the migration before this one, then two tables another engineer attached the old
    // trigger to (as migration 03 does): one per jurisdiction, one not
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    const { error } = await migrator.migrateTo('2026-12-01-06-login-throttle');
    if (error) throw error;
    await sql`create table scratch_figures (jurisdiction_code text not null references jurisdictions (code), value integer)`.execute(
      db,
    );
    await sql`create table scratch_rules (id integer primary key, rule text)`.execute(db);
    await sql`create table scratch_links (jurisdiction_code text references jurisdictions (code), successor_code text references jurisdictions (code))`.execute(
      db,
    );
    for (const table of ['scratch_figures', 'scratch_rules', 'scratch_links'])
      await sql`
        create trigger ${sql.id(`${table}_bump_data_version`)} after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function bump_data_version()`.execute(db);
    await migrateToLatest(db);
    await loadShippedPlans(db);
  });

  afterAll(async () => {
    await owner?.close();
    await created?.drop();
  });

  const versions = async () => {
    const { rows } = await sql<{ scope: string; version: string }>`select scope, version from data_versions`.execute(
      db,
    );
    return Object.fromEntries(rows.map((row) => [row.scope, Number(row.version)]));
  };
  /** What changed between two readings: scope → how many bumps. */
  const bumped = (before: Record<string, number>, after: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(after)
        .map(([scope, version]) => [scope, version - (before[scope] ?? 0)])
        .filter(([, by]) => by !== 0),
    );
  const change = async (work: () => Promise<unknown>) => {
    const before = await versions();
    await work();
    return bumped(before, await versions());
  };

  it('leaves no bump_data_version trigger behind, the later tables included', async () => {
    const { rows } = await sql<{ table: string; argument: string }>`
      select distinct c.relname as table, encode(t.tgargs, 'escape') as argument
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgfoid = 'bump_data_versions'::regproc and not t.tgisinternal
      order by 1`.execute(db);
    // every table the old trigger was on, and how its rows map to versions
    expect(rows.map((row) => `${row.table} ${row.argument.replace('\\000', '')}`)).toEqual([
      'division_editions global',
      'funding_rules global',
      'jurisdictions global',
      'plans global',
      'populations jurisdiction',
      'quarterly_reports jurisdiction',
      'report_institutions report',
      'residential_projects jurisdiction',
      'scratch_figures jurisdiction',
      'scratch_links global',
      'scratch_rules global',
      'settings global',
      'successions global',
      'targets global',
      'yearly_indicators jurisdiction',
    ]);
    const { rows: old } = await sql`select 1 from pg_trigger where tgfoid = 'bump_data_version'::regproc`.execute(db);
    expect(old).toEqual([]);
  });

  it('fires one trigger per row-level event of a table, which moves every version its rows touch (migration 22)', async () => {
    const fired = new Map<string, string[]>();
    for (const row of await triggerEvents(db, [
      'bump_data_versions',
      'bump_branch_versions',
      'bump_province_own_versions',
      'bump_versions',
    ])) {
      const tables = [
        'populations',
        'quarterly_reports',
        'report_institutions',
        'residential_projects',
        'scratch_figures',
      ];
      if (row.event === 'truncate' || !tables.includes(row.table)) continue;
      const key = `${row.table} ${row.event}`;
      fired.set(key, [...(fired.get(key) ?? []), row.function]);
    }
    const rows = [...fired].map(([key, functions]) => ({ key, functions }));
    expect(rows).toHaveLength(15);
    for (const row of rows) expect(row.functions, row.key).toEqual(['bump_versions']);
    // a county's report moves its province and its branch (the prefecture), a row of a later
    // table its province and the province's own rows, in one transaction as three triggers did
    const branches = async () => {
      const { rows } = await sql<{ code: string; version: string }>`select code, version from branch_versions`.execute(
        db,
      );
      return Object.fromEntries(rows.map((row) => [`branch:${row.code}`, Number(row.version)]));
    };
    const moved = async (work: () => Promise<unknown>) => {
      const before = { ...(await versions()), ...(await branches()) };
      await work();
      return bumped(before, { ...(await versions()), ...(await branches()) });
    };
    expect(
      await moved(() => insertReports(db, [{ code: '533423', period: '2024Q4', places: 60, affordablePlaces: 35 }])),
    ).toEqual({ 'province:530000': 1, 'branch:533400': 1 });
    expect(
      await moved(() => insertReports(db, [{ code: '530000', period: '2024Q4', places: 60, affordablePlaces: 35 }])),
    ).toEqual({ 'province:530000': 1, 'branch:530000': 1 });
    expect(await moved(() => sql`insert into scratch_figures values ('533423', 4)`.execute(db))).toEqual({
      'province:530000': 1,
      'branch:530000': 1,
    });
    // a code naming no jurisdiction (no foreign key in the way): the global version, as before
    await sql`alter table scratch_figures drop constraint scratch_figures_jurisdiction_code_fkey`.execute(db);
    expect(await moved(() => sql`insert into scratch_figures values ('999999', 5)`.execute(db))).toEqual({ global: 1 });
    await sql`delete from scratch_figures where jurisdiction_code = '999999'`.execute(db);
    await sql`alter table scratch_figures add foreign key (jurisdiction_code) references jurisdictions (code)`.execute(
      db,
    );
    await sql`delete from quarterly_reports where year = 2024 and quarter = 4`.execute(db);
  });

  it('bumps the province of the reports written, and nothing else', async () => {
    expect(
      await change(() =>
        insertReports(db, [
          { code: '533423', period: '2025Q1', places: 600, affordablePlaces: 350 },
          { code: '371503', period: '2025Q1', places: 300, affordablePlaces: 100 },
        ]),
      ),
    ).toEqual({ 'province:530000': 1, 'province:370000': 1 });
    // one statement over two provinces: each once
    expect(await change(() => sql`update quarterly_reports set places = places + 1`.execute(db))).toEqual({
      'province:530000': 1,
      'province:370000': 1,
    });
    // a statement that changes no row changes no version
    expect(
      await change(() => sql`update quarterly_reports set places = 1 where jurisdiction_code = '140000'`.execute(db)),
    ).toEqual({});
    expect(
      await change(() => sql`delete from quarterly_reports where jurisdiction_code = '371503'`.execute(db)),
    ).toEqual({ 'province:370000': 1 });
  });

  it('bumps the province of a report whose institutions change', async () => {
    const { rows } = await sql<{
      id: string;
    }>`select id from quarterly_reports where jurisdiction_code = '533423'`.execute(db);
    expect(
      await change(() =>
        sql`insert into report_institutions (report_id, kind, count) values (${rows[0].id}, 'public', 3)`.execute(db),
      ),
    ).toEqual({ 'province:530000': 1 });
  });

  it('bumps a later table’s rows by their jurisdiction’s province, or the global version', async () => {
    expect(
      await change(() => sql`insert into scratch_figures values ('141000', 1), ('520000', 2)`.execute(db)),
    ).toEqual({ 'province:140000': 1, 'province:520000': 1 });
    expect(await change(() => sql`insert into scratch_rules values (1, 'x')`.execute(db))).toEqual({ global: 1 });
    // a row naming two jurisdictions may move figures between provinces: global
    expect(await change(() => sql`insert into scratch_links values ('141000', '520000')`.execute(db))).toEqual({
      global: 1,
    });
    expect(await change(() => sql`truncate scratch_figures`.execute(db))).toEqual({ global: 1 });
  });

  it('bumps the global version for the tree, plans, targets and settings', async () => {
    expect(
      await change(() => sql`update jurisdictions set name_en = name_en where code = '533423'`.execute(db)),
    ).toEqual({ global: 1 });
    expect(await change(() => sql`update plans set title = title`.execute(db))).toEqual({ global: 1 });
    expect(await change(() => sql`update targets set clause = clause`.execute(db))).toEqual({ global: 1 });
  });

  it('bumps the province a population belongs to, found up the tree', async () => {
    expect(
      await change(() =>
        sql`update populations set population = population + 1 where jurisdiction_code = '533423' and year = 2020`.execute(
          db,
        ),
      ),
    ).toEqual({ 'province:530000': 1 });
  });

  it('is undone by its down migration, back to the one row', async () => {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    // down to the migration before this one, whatever later ones there are
    const down = await migrator.migrateTo('2026-12-01-12-successions-revisions');
    expect(down.error).toBeUndefined();
    const { rows } = await sql<{ version: string }>`select version from data_version`.execute(db);
    const before = Number(rows[0].version);
    await sql`insert into scratch_figures values ('141000', 3)`.execute(db);
    const { rows: after } = await sql<{ version: string }>`select version from data_version`.execute(db);
    expect(Number(after[0].version)).toBe(before + 1);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
