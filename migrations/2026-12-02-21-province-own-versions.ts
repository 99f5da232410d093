// A version for what a province's figures read besides its branches (migration 20): its own rows
// (its reports, their institutions, its populations) and the rows of its whole subtree that are
// read with the province at once (residential projects, yearly indicators, and any other table
// whose rows name a jurisdiction in the province). Kept in branch_versions under the province's
// own code, beside its branches' (a province is never a branch of itself), so that a report
// written in one county leaves the province's own rows and those tables remembered: the
// province's figures after such a write read that county's branch again, and nothing else.
// Bumped by statement triggers of their own: on the branch tables for rows of a province itself,
// on the other tables (found as migration 13 found them: every table whose freshness triggers
// name jurisdictions, less the branch tables) for every row. Noted for the commit as every other
// version is (migration 19). Frozen.
import { type Kysely, sql } from 'kysely';

const EVENTS = ['insert', 'update', 'delete'] as const;

/** How a table's rows name a jurisdiction, and which of its rows move the province's own version. */
interface Covered {
  table: string;
  mode: 'jurisdiction' | 'report';
  /** 'own': the rows of a province itself (a branch table); 'all': every row. */
  rows: 'own' | 'all';
}

/** Every table whose freshness triggers name jurisdictions, and whether it has branch triggers. */
async function coveredTables(db: Kysely<any>): Promise<Covered[]> {
  const { rows } = await sql<{ table: string; mode: string; branch: boolean }>`
    select distinct c.relname as table, split_part(encode(t.tgargs, 'escape'), '\\000', 1) as mode,
           exists (select 1 from pg_trigger b where b.tgrelid = c.oid and b.tgfoid = 'bump_branch_versions'::regproc) as branch
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where t.tgfoid = 'bump_data_versions'::regproc and not t.tgisinternal and n.nspname = current_schema()
      and split_part(encode(t.tgargs, 'escape'), '\\000', 1) in ('jurisdiction', 'report')
    order by c.relname`.execute(db);
  return rows.map((row) => ({
    table: row.table,
    mode: row.mode as Covered['mode'],
    rows: row.branch ? 'own' : 'all',
  }));
}

export async function up(db: Kysely<any>): Promise<void> {
  // The owner's function (security definer), as migration 20's: TG_ARGV[0] says how a row names
  // its jurisdiction, TG_ARGV[1] which rows count.
  await sql`
    create function bump_province_own_versions() returns trigger
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
      if TG_ARGV[1] = 'own' then
        -- a branch table: the rows of provinces themselves (the others are their branches')
        perform bump_data_scopes(array(
          select distinct 'branch:' || j.code from jurisdictions j where j.code = any(codes) and j.parent_code is null));
      else
        perform bump_data_scopes(array(
          with recursive up as (
            select j.code, j.parent_code from jurisdictions j where j.code = any(codes)
            union
            select j.code, j.parent_code from jurisdictions j join up on j.code = up.parent_code
          )
          select distinct 'branch:' || up.code from up where up.parent_code is null));
      end if;
      return null;
    end $$`.execute(db);
  for (const { table, mode, rows } of await coveredTables(db)) {
    for (const event of EVENTS) {
      const transition =
        event === 'insert'
          ? sql`referencing new table as new_rows`
          : event === 'delete'
            ? sql`referencing old table as old_rows`
            : sql`referencing old table as old_rows new table as new_rows`;
      await sql`
        create trigger ${sql.id(`${table}_province_own_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} ${transition}
        for each statement execute function bump_province_own_versions(${sql.lit(mode)}, ${sql.lit(rows)})`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ table: string; trigger: string }>`
    select c.relname as table, t.tgname as trigger from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where t.tgfoid = 'bump_province_own_versions'::regproc`.execute(db);
  for (const row of rows) await sql`drop trigger ${sql.id(row.trigger)} on ${sql.table(row.table)}`.execute(db);
  await sql`drop function bump_province_own_versions`.execute(db);
  await sql`delete from branch_versions b using jurisdictions j where j.code = b.code and j.parent_code is null`.execute(
    db,
  );
}
