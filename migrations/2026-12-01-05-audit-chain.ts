// The audit trail as a hash chain: each row carries sha256 over its content and the previous
// row's hash, so that a row deleted, changed or slipped in by anyone, a superuser with the
// triggers off included, shows when the chain is walked. Frozen.
//
// The hashed message, which apps/api/src/routes/audit/chain.ts recomputes on its own to verify:
// the fields below in this order, each written as `<bytes>:<UTF-8 text>`, or `-` for null:
//   previous row's hash (64 zeros before the first row), id, prev_id, at (UTC, microseconds,
//   2026-12-01T08:00:00.123456Z), actor, actor_role, action, entity, entity_id,
//   jurisdiction_code, before and after (jsonb's own text form: keys sorted, one spacing),
//   reason, request_id.
// A column added to audit_log later is not hashed until a later migration says how.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // No row may be written while the existing ones are chained.
  await sql`lock table audit_log in exclusive mode`.execute(db);
  await sql`alter table audit_log add column prev_id bigint, add column hash text`.execute(db);

  await sql`
    create function audit_hash_field(value text) returns bytea
    language sql immutable parallel safe as $$
      select case when value is null then pg_catalog.convert_to('-', 'UTF8')
        else pg_catalog.convert_to(
          pg_catalog.length(pg_catalog.convert_to(value, 'UTF8'))::text || ':' || value, 'UTF8') end
    $$`.execute(db);
  await sql`
    create function audit_row_hash(prev_hash text, r audit_log) returns text
    language sql stable parallel safe as $$
      select pg_catalog.encode(pg_catalog.sha256(
        public.audit_hash_field(prev_hash) || public.audit_hash_field(r.id::text) ||
        public.audit_hash_field(r.prev_id::text) ||
        public.audit_hash_field(pg_catalog.to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) ||
        public.audit_hash_field(r.actor) || public.audit_hash_field(r.actor_role) ||
        public.audit_hash_field(r.action) || public.audit_hash_field(r.entity) ||
        public.audit_hash_field(r.entity_id) || public.audit_hash_field(r.jurisdiction_code) ||
        public.audit_hash_field(r.before::text) || public.audit_hash_field(r.after::text) ||
        public.audit_hash_field(r.reason) || public.audit_hash_field(r.request_id)), 'hex')
    $$`.execute(db);

  // The rows written so far, chained in id order (the append-only trigger is off for this alone,
  // inside the migration's transaction).
  await sql`alter table audit_log disable trigger audit_log_no_update_or_delete`.execute(db);
  await sql`
    do $$
    declare
      r public.audit_log;
      last_id bigint := null;
      last_hash text := repeat('0', 64);
    begin
      for r in select * from public.audit_log order by id loop
        r.prev_id := last_id;
        r.hash := public.audit_row_hash(last_hash, r);
        update public.audit_log set prev_id = r.prev_id, hash = r.hash where id = r.id;
        last_id := r.id;
        last_hash := r.hash;
      end loop;
    end $$`.execute(db);
  await sql`alter table audit_log enable trigger audit_log_no_update_or_delete`.execute(db);
  // The trigger below always sets the hash; the empty default, which the check refuses, is for
  // inserts that leave it out (writeAudit) and for nothing else.
  await sql`
    alter table audit_log
      alter column hash set not null,
      alter column hash set default '',
      add constraint audit_log_hash_hex check (hash ~ '^[0-9a-f]{64}$')`.execute(db);

  // The chain's head: the last row's id and hash. Every audited write locks this one row until it
  // commits, so ids, times and links follow commit order and no two writers chain off the same
  // row. No role but the owner may change it; the triggers below run as the owner.
  await sql`
    create table audit_chain (
      id integer primary key check (id = 1),
      last_id bigint,
      last_hash text not null check (last_hash ~ '^[0-9a-f]{64}$')
    )`.execute(db);
  await sql`
    insert into audit_chain (id, last_id, last_hash)
    select 1, (select id from audit_log order by id desc limit 1),
           coalesce((select hash from audit_log order by id desc limit 1), repeat('0', 64))`.execute(db);

  // Whatever the inserter sent, the row gets the next id, the time it was chained and its link:
  // a back-dated row cannot be written through any role that may only insert. The head row is
  // locked by the first row of a transaction and moved once per statement, at its end: moving it
  // for every row would leave a version per row for the next row to step over (a 200,000-row
  // insert was still running after 26 minutes). Within a statement each row links to the one chained before it,
  // named in a transaction-local setting that is only trusted when it names a row past the head
  // with that hash (an inserter that sets it can only make its own insert fail). The hash
  // functions above name pg_catalog's own and set no search_path, so that Postgres can inline
  // them: with a search_path of their own, fourteen calls a row made inserts four times slower.
  await sql`
    create function audit_log_chain_begin() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
    begin
      perform set_config('tuowei.audit_chain_link', '', true);
      return null;
    end $$`.execute(db);
  await sql`
    create function audit_log_chain_link(head_id bigint) returns public.audit_chain
    language plpgsql as $$
    declare
      link text := coalesce(current_setting('tuowei.audit_chain_link', true), '');
      found_row public.audit_chain;
    begin
      if link = '' then
        return null;
      end if;
      select 1, a.id, a.hash into found_row from public.audit_log a
      where link ~ '^[0-9]{1,18}:[0-9a-f]{64}$' and a.id = split_part(link, ':', 1)::bigint
        and a.hash = split_part(link, ':', 2) and a.id > coalesce(head_id, 0);
      if found_row is null then
        raise exception 'the audit chain''s link (%) is not a row this statement chained', link
          using errcode = 'insufficient_privilege';
      end if;
      return found_row;
    end $$`.execute(db);
  await sql`
    create function audit_log_chain() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
    declare
      head public.audit_chain;
      previous public.audit_chain;
    begin
      select * into head from public.audit_chain where id = 1 for update;
      previous := coalesce(public.audit_log_chain_link(head.last_id), head);
      NEW.id := coalesce(previous.last_id, 0) + 1;
      NEW.at := clock_timestamp();
      NEW.prev_id := previous.last_id;
      NEW.hash := public.audit_row_hash(previous.last_hash, NEW);
      perform set_config('tuowei.audit_chain_link', NEW.id || ':' || NEW.hash, true);
      return NEW;
    end $$`.execute(db);
  await sql`
    create function audit_log_chain_end() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
    declare
      head public.audit_chain;
      last public.audit_chain;
    begin
      select * into head from public.audit_chain where id = 1 for update;
      last := public.audit_log_chain_link(head.last_id);
      if last is not null then
        update public.audit_chain set last_id = last.last_id, last_hash = last.last_hash where id = 1;
        perform set_config('tuowei.audit_chain_link', '', true);
      end if;
      return null;
    end $$`.execute(db);
  for (const fn of [
    'audit_log_chain_begin()',
    'audit_log_chain_link(bigint)',
    'audit_log_chain()',
    'audit_log_chain_end()',
  ]) {
    await sql`revoke all on function ${sql.raw(fn)} from public`.execute(db);
  }
  await sql`
    create trigger audit_log_chain_begin before insert on audit_log
    for each statement execute function audit_log_chain_begin()`.execute(db);
  await sql`
    create trigger audit_log_chain before insert on audit_log
    for each row execute function audit_log_chain()`.execute(db);
  await sql`
    create trigger audit_log_chain_end after insert on audit_log
    for each statement execute function audit_log_chain_end()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['audit_log_chain_end', 'audit_log_chain', 'audit_log_chain_begin']) {
    await sql`drop trigger ${sql.id(name)} on audit_log`.execute(db);
    await sql`drop function ${sql.id(name)}`.execute(db);
  }
  await sql`drop function audit_log_chain_link`.execute(db);
  await sql`drop table audit_chain`.execute(db);
  await sql`drop function audit_row_hash`.execute(db);
  await sql`drop function audit_hash_field`.execute(db);
  await sql`alter table audit_log drop constraint audit_log_hash_hex, drop column prev_id, drop column hash`.execute(
    db,
  );
}
