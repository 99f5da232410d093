// A data version per province (and one global), instead of one row every write queued on: a
// write to a province's figures bumps that province's version only, so an answer about another
// province stays current and concurrent writers in different provinces never wait on each other.
// Every table that had the statement trigger bump_data_version() (this file's tables and those
// later migrations attached it to) is moved onto the new triggers, found in pg_trigger. Frozen.
import { type Kysely, sql } from 'kysely';

/** A row whose figures belong to one jurisdiction names it in this column. */
const JURISDICTION_COLUMN = 'jurisdiction_code';
/**
 * Tables that bump the global version though their rows name a jurisdiction: the tree itself
 * (a unit moved changes two subtrees), and plans, read as one list by every page and rarely
 * changed.
 */
const GLOBAL_TABLES = ['jurisdictions', 'plans'];

interface Covered {
  table: string;
  trigger: string;
  /** How the new triggers find the provinces a statement changed. */
  mode: 'jurisdiction' | 'report' | 'global';
}

/** Every table with a bump_data_version() trigger, and how its rows map to provinces. */
async function coveredTables(db: Kysely<any>): Promise<Covered[]> {
  const { rows } = await sql<{ table: string; trigger: string; has_column: boolean; other_references: boolean }>`
    select c.relname as table, t.tgname as trigger,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = ${JURISDICTION_COLUMN}
                   and not a.attisdropped) as has_column,
           -- a column (other than jurisdiction_code) that points at a jurisdiction may carry a change to
           -- another province (a succession, a division): such a table bumps the global version
           exists (select 1 from pg_constraint k
                   join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
                   where k.conrelid = c.oid and k.contype = 'f' and k.confrelid = 'jurisdictions'::regclass
                     and a.attname <> ${JURISDICTION_COLUMN}) as other_references
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where t.tgfoid = 'bump_data_version'::regproc and not t.tgisinternal and n.nspname = current_schema()
    order by c.relname`.execute(db);
  return rows.map((row) => ({
    table: row.table,
    trigger: row.trigger,
    mode:
      row.table === 'report_institutions'
        ? 'report'
        : !GLOBAL_TABLES.includes(row.table) && row.has_column && !row.other_references
          ? 'jurisdiction'
          : 'global',
  }));
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table data_versions (
      scope text primary key check (scope = 'global' or scope like 'province:%'),
      version bigint not null
    )`.execute(db);
  await sql`insert into data_versions (scope, version) values ('global', 1)`.execute(db);
  await sql`
    insert into data_versions (scope, version)
    select 'province:' || code, 1 from jurisdictions where parent_code is null`.execute(db);

  // The owner's functions (security definer): the serving role only reads the versions.
  await sql`
    create function bump_data_scopes(scopes text[]) returns void
    language sql security definer set search_path = public as $$
      -- in the scopes' order, so that two statements bumping the same rows lock them alike
      insert into data_versions as v (scope, version)
      select distinct s, 1 from unnest(scopes) s order by s
      on conflict (scope) do update set version = v.version + 1
    $$`.execute(db);
  // The provinces of the jurisdictions named; the global scope as well when one is null or unknown.
  await sql`
    create function bump_jurisdiction_scopes(codes text[]) returns void
    language plpgsql security definer set search_path = public as $$
    declare
      scopes text[];
    begin
      if codes is null or cardinality(codes) = 0 then return; end if;
      with recursive up as (
        select j.code, j.parent_code from jurisdictions j where j.code = any(codes)
        union
        select j.code, j.parent_code from jurisdictions j join up on j.code = up.parent_code
      )
      select array_agg('province:' || code) into scopes from up where parent_code is null;
      if array_position(codes, null) is not null
         or exists (select 1 from unnest(codes) c where not exists (select 1 from jurisdictions j where j.code = c)) then
        scopes := coalesce(scopes, '{}') || 'global';
      end if;
      perform bump_data_scopes(scopes);
    end $$`.execute(db);
  // Statement triggers reading the changed rows (transition tables): TG_ARGV[0] says how a row
  // names its jurisdiction. Postgres allows transition tables on one event per trigger, hence
  // one trigger per event.
  await sql`
    create function bump_data_versions() returns trigger
    language plpgsql security definer set search_path = public as $$
    declare
      codes text[] := '{}';
    begin
      if TG_OP = 'TRUNCATE' or TG_ARGV[0] = 'global' then
        perform bump_data_scopes(array['global']);
        return null;
      end if;
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
      perform bump_jurisdiction_scopes(codes);
      return null;
    end $$`.execute(db);
  // A trigger a later migration attaches the old way still keeps answers fresh (for every province).
  await sql`
    create or replace function bump_data_version() returns trigger
    language plpgsql security definer set search_path = public as $$
    begin
      perform bump_data_scopes(array['global']);
      return null;
    end $$`.execute(db);

  for (const { table, trigger, mode } of await coveredTables(db)) {
    await sql`drop trigger ${sql.id(trigger)} on ${sql.table(table)}`.execute(db);
    const name = (event: string) => sql.id(`${table}_freshness_${event}`);
    const argument = sql.lit(mode);
    if (mode === 'global') {
      await sql`
        create trigger ${name('change')} after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function bump_data_versions(${argument})`.execute(db);
      continue;
    }
    await sql`
      create trigger ${name('insert')} after insert on ${sql.table(table)} referencing new table as new_rows
      for each statement execute function bump_data_versions(${argument})`.execute(db);
    await sql`
      create trigger ${name('update')} after update on ${sql.table(table)}
      referencing old table as old_rows new table as new_rows
      for each statement execute function bump_data_versions(${argument})`.execute(db);
    await sql`
      create trigger ${name('delete')} after delete on ${sql.table(table)} referencing old table as old_rows
      for each statement execute function bump_data_versions(${argument})`.execute(db);
    await sql`
      create trigger ${name('truncate')} after truncate on ${sql.table(table)}
      for each statement execute function bump_data_versions(${argument})`.execute(db);
  }
  await sql`drop table data_version`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create table data_version (
      id integer primary key check (id = 1),
      version bigint not null
    )`.execute(db);
  await sql`insert into data_version (id, version) select 1, coalesce(sum(version), 1) from data_versions`.execute(db);
  await sql`
    create or replace function bump_data_version() returns trigger language plpgsql as $$
    begin
      update data_version set version = version + 1 where id = 1;
      return null;
    end $$`.execute(db);
  const { rows } = await sql<{ table: string; trigger: string }>`
    select c.relname as table, t.tgname as trigger
    from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where t.tgfoid = 'bump_data_versions'::regproc and not t.tgisinternal
    order by c.relname, t.tgname`.execute(db);
  const tables = new Set<string>();
  for (const { table, trigger } of rows) {
    await sql`drop trigger ${sql.id(trigger)} on ${sql.table(table)}`.execute(db);
    tables.add(table);
  }
  for (const table of tables) {
    await sql`
      create trigger ${sql.id(`${table}_bump_data_version`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function bump_data_version()`.execute(db);
  }
  await sql`drop function bump_data_versions`.execute(db);
  await sql`drop function bump_jurisdiction_scopes`.execute(db);
  await sql`drop function bump_data_scopes`.execute(db);
  await sql`drop table data_versions`.execute(db);
}
