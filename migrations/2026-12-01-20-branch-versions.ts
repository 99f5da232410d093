// A data version per branch of a province (each unit directly under a province: a prefecture,
// or a county the province governs itself), beside the province's own: a province's figures are
// then assembled from its branches' rows, each read again only when its own version moved, so a
// write in one prefecture rereads that prefecture's rows, not the whole province's. Bumped by
// statement triggers of their own on the tables those rows come from (reports, their
// institutions, populations); everything else a branch's rows depend on (the tree, settings, a
// truncate) bumps the global version, which is part of every branch's key. The bumps are noted
// for the commit as every other version's are (migration 19). Frozen.
import { type Kysely, sql } from 'kysely';

/** The tables a branch's rows are read from, and how their rows name a jurisdiction. */
const TABLES = [
  { table: 'quarterly_reports', mode: 'jurisdiction' },
  { table: 'report_institutions', mode: 'report' },
  { table: 'populations', mode: 'jurisdiction' },
] as const;
const EVENTS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table branch_versions (
      code text primary key,
      version bigint not null
    )`.execute(db);
  // The owner's function (security definer): the serving role only reads the versions.
  await sql`
    create function bump_branch_versions() returns trigger
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
      -- each unit's branch: the unit on its way up whose parent is a province (a province's own
      -- rows belong to no branch: they are read with the province), noted for the commit
      -- (migration 19), where every version is bumped once and in one order
      perform bump_data_scopes(array(
        with recursive up as (
          select j.code, j.parent_code from jurisdictions j where j.code = any(codes)
          union
          select j.code, j.parent_code from jurisdictions j join up on j.code = up.parent_code
        )
        select distinct 'branch:' || up.code from up join jurisdictions p on p.code = up.parent_code
        where p.parent_code is null));
      return null;
    end $$`.execute(db);
  // At commit (migration 19's step): the data versions, then the branches, each in code order, so
  // that every writer locks version rows in one order and none can deadlock on them.
  await sql`
    create or replace function apply_data_scopes(scopes text[]) returns void
    language sql security definer set search_path = public as $$
      insert into data_versions as v (scope, version)
      select distinct s, 1 from unnest(scopes) s where s not like 'branch:%' order by s
      on conflict (scope) do update set version = v.version + 1;
      insert into branch_versions as v (code, version)
      select distinct substr(s, 8), 1 from unnest(scopes) s where s like 'branch:%' order by 1
      on conflict (code) do update set version = v.version + 1;
    $$`.execute(db);
  for (const { table, mode } of TABLES) {
    for (const event of EVENTS) {
      const transition =
        event === 'insert'
          ? sql`referencing new table as new_rows`
          : event === 'delete'
            ? sql`referencing old table as old_rows`
            : sql`referencing old table as old_rows new table as new_rows`;
      await sql`
        create trigger ${sql.id(`${table}_branch_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} ${transition}
        for each statement execute function bump_branch_versions(${sql.lit(mode)})`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of TABLES) {
    for (const event of EVENTS)
      await sql`drop trigger ${sql.id(`${table}_branch_${event}`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`
    create or replace function apply_data_scopes(scopes text[]) returns void
    language sql security definer set search_path = public as $$
      insert into data_versions as v (scope, version)
      select distinct s, 1 from unnest(scopes) s order by s
      on conflict (scope) do update set version = v.version + 1
    $$`.execute(db);
  await sql`drop function bump_branch_versions`.execute(db);
  await sql`drop table branch_versions`.execute(db);
}
