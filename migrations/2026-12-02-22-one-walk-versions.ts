// One trigger per table and event for every version a row moves, instead of three: migration 13's
// (the province's), 20's (the branch's) and 21's (the province's own rows) each read the
// statement's rows and walked up the tree from them again, and each noted its scopes for the
// commit in a statement of its own. Measured under the quarter-end rush, a report (a save and a
// submit) fired six of them, a third of the Postgres time its statements took. The one function
// reads the rows once, walks up once, carrying on the way the unit just under each province (the
// branch), and notes every scope in one statement. The scopes noted are exactly the three
// triggers' (apps/api/test/data-versions.test.ts and branch-versions.test.ts hold them); a
// truncate still moves the global version by migration 13's trigger. Frozen.
import { type Kysely, sql } from 'kysely';

const EVENTS = ['insert', 'update', 'delete'] as const;

/** A table with the three triggers: how its rows name a jurisdiction, and which rows are a branch's. */
interface Covered {
  table: string;
  mode: 'jurisdiction' | 'report';
  /** 'branch': a branch table (migration 20); 'all': every row moves its province's own version. */
  rows: 'branch' | 'all';
}

/** Every table with migration 21's triggers, which every table with migration 13's per-row ones has. */
async function coveredTables(db: Kysely<any>, fn: string): Promise<Covered[]> {
  const { rows } = await sql<{ table: string; mode: string; rows: string }>`
    select distinct c.relname as table, split_part(encode(t.tgargs, 'escape'), '\\000', 1) as mode,
           split_part(encode(t.tgargs, 'escape'), '\\000', 2) as rows
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where t.tgfoid = ${fn}::regproc and not t.tgisinternal and n.nspname = current_schema()
    order by c.relname`.execute(db);
  return rows.map((row) => ({
    table: row.table,
    mode: row.mode as Covered['mode'],
    rows: row.rows === 'own' || row.rows === 'branch' ? 'branch' : 'all',
  }));
}

const transition = (event: (typeof EVENTS)[number]) =>
  event === 'insert'
    ? sql`referencing new table as new_rows`
    : event === 'delete'
      ? sql`referencing old table as old_rows`
      : sql`referencing old table as old_rows new table as new_rows`;

export async function up(db: Kysely<any>): Promise<void> {
  // The owner's function (security definer), as the three were: TG_ARGV[0] says how a row names
  // its jurisdiction, TG_ARGV[1] which versions its rows move besides their province's.
  await sql`
    create function bump_versions() returns trigger
    language plpgsql security definer set search_path = public as $$
    declare
      codes text[] := '{}';
    begin
      if TG_ARGV[0] = 'report' then
        if TG_OP in ('INSERT', 'UPDATE') then
          codes := codes || array(select distinct r.jurisdiction_code from new_rows n join quarterly_reports r on r.id = n.report_id);
        end if;
        if TG_OP in ('UPDATE', 'DELETE') then
          codes := codes || array(select distinct r.jurisdiction_code from old_rows o join quarterly_reports r on r.id = o.report_id);
        end if;
      else
        if TG_OP in ('INSERT', 'UPDATE') then
          codes := codes || array(select distinct jurisdiction_code::text from new_rows);
        end if;
        if TG_OP in ('UPDATE', 'DELETE') then
          codes := codes || array(select distinct jurisdiction_code::text from old_rows);
        end if;
      end if;
      if cardinality(codes) = 0 then return null; end if;
      -- up from every code to its province, carrying the unit the walk came from (at the
      -- province: its branch, or null when the code is the province itself)
      perform bump_data_scopes(array(
        with recursive up as (
          select j.code, j.parent_code, null::text as below from jurisdictions j where j.code = any(codes)
          union
          select j.code, j.parent_code, up.code from jurisdictions j join up on j.code = up.parent_code
        ),
        top as (select code as province, below from up where parent_code is null)
        select 'province:' || province from top
        union
        select 'branch:' || case when TG_ARGV[1] = 'branch' then coalesce(below, province) else province end from top
        union
        -- a code that is null or names no jurisdiction: the global version (migration 13)
        select 'global' where array_position(codes, null) is not null
          or exists (select 1 from unnest(codes) c where not exists (select 1 from jurisdictions j where j.code = c))));
      return null;
    end $$`.execute(db);
  for (const { table, mode, rows } of await coveredTables(db, 'bump_province_own_versions')) {
    for (const event of EVENTS) {
      await sql`drop trigger if exists ${sql.id(`${table}_freshness_${event}`)} on ${sql.table(table)}`.execute(db);
      await sql`drop trigger if exists ${sql.id(`${table}_branch_${event}`)} on ${sql.table(table)}`.execute(db);
      await sql`drop trigger ${sql.id(`${table}_province_own_${event}`)} on ${sql.table(table)}`.execute(db);
      await sql`
        create trigger ${sql.id(`${table}_versions_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} ${transition(event)}
        for each statement execute function bump_versions(${sql.lit(mode)}, ${sql.lit(rows)})`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table, mode, rows } of await coveredTables(db, 'bump_versions')) {
    for (const event of EVENTS) {
      await sql`drop trigger ${sql.id(`${table}_versions_${event}`)} on ${sql.table(table)}`.execute(db);
      await sql`
        create trigger ${sql.id(`${table}_freshness_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} ${transition(event)}
        for each statement execute function bump_data_versions(${sql.lit(mode)})`.execute(db);
      if (rows === 'branch')
        await sql`
          create trigger ${sql.id(`${table}_branch_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} ${transition(event)}
          for each statement execute function bump_branch_versions(${sql.lit(mode)})`.execute(db);
      await sql`
        create trigger ${sql.id(`${table}_province_own_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} ${transition(event)}
        for each statement execute function bump_province_own_versions(${sql.lit(mode)}, ${sql.lit(rows === 'branch' ? 'own' : 'all')})`.execute(
        db,
      );
    }
  }
  await sql`drop function bump_versions`.execute(db);
}
