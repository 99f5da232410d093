// The two rows every writer shared, locked at commit instead of from a transaction's first write
// to its end: the audit chain's head and the data versions. Measured under the quarter-end rush
// (docs/architecture.md, "Writers that don't queue"), writers spent most of their time waiting on
// them while the transaction holding them was still talking to the API. Now a transaction's audit
// rows and version bumps are kept aside, per transaction, and applied by one deferred trigger when
// it commits: the versions first, each once and in one order (so two multi-province writers can no
// longer deadlock on them), then the audit rows, chained by the chain's own trigger exactly as
// before. The chain's format, verification and guarantees are unchanged. Frozen.
import { type Kysely, sql } from 'kysely';

/** The content columns of an audit row: what an inserter may say (the rest is the chain's). */
const CONTENT = 'actor, actor_role, action, entity, entity_id, jurisdiction_code, before, after, reason, request_id';

export async function up(db: Kysely<any>): Promise<void> {
  // What a running transaction will do at its commit: 'audit' (move its audit rows into the
  // chain) or a data-version scope to bump. One row per transaction and item; the first queues
  // the deferred trigger. Only the owner's functions touch it (roles.ts grants the serving role
  // nothing here).
  await sql`
    create table commit_work (
      xact xid8 not null,
      item text not null,
      primary key (xact, item)
    )`.execute(db);
  // A transaction's audit rows, in the order written, until it commits.
  await sql`
    create table audit_pending (
      seq bigint generated always as identity primary key,
      xact xid8 not null,
      at timestamptz not null default clock_timestamp(),
      actor text not null,
      actor_role text,
      action text not null,
      entity text not null,
      entity_id text not null,
      jurisdiction_code text,
      before jsonb,
      after jsonb,
      reason text,
      request_id text
    )`.execute(db);
  await sql`create index audit_pending_xact on audit_pending (xact, seq)`.execute(db);

  // The bump itself, as bump_data_scopes did it until now: in the scopes' order.
  await sql`
    create function apply_data_scopes(scopes text[]) returns void
    language sql security definer set search_path = public as $$
      insert into data_versions as v (scope, version)
      select distinct s, 1 from unnest(scopes) s order by s
      on conflict (scope) do update set version = v.version + 1
    $$`.execute(db);
  // Every trigger that bumps calls this name: it now only notes the scopes for the commit.
  await sql`
    create or replace function bump_data_scopes(scopes text[]) returns void
    language sql security definer set search_path = public as $$
      insert into commit_work (xact, item)
      select distinct pg_catalog.pg_current_xact_id(), s from unnest(scopes) s where s is not null
      on conflict do nothing
    $$`.execute(db);

  // An audit row inserted by a statement (depth 1) without a hash of its own is kept aside for the
  // commit. A row inserted with a hash (a superuser's forgery with the chain trigger off, or an
  // inserter that sends one) goes on to the chain trigger now, as before; so do the rows this
  // migration's commit step inserts (depth 2). It fires before audit_log_chain (names in order).
  await sql`
    create function audit_log_at_commit() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
    begin
      if pg_trigger_depth() > 1 or coalesce(NEW.hash, '') <> '' then
        return NEW;
      end if;
      insert into public.audit_pending (xact, ${sql.raw(CONTENT)})
      values (pg_current_xact_id(), NEW.actor, NEW.actor_role, NEW.action, NEW.entity, NEW.entity_id,
              NEW.jurisdiction_code, NEW.before, NEW.after, NEW.reason, NEW.request_id);
      insert into public.commit_work (xact, item) values (pg_current_xact_id(), 'audit') on conflict do nothing;
      return null;
    end $$`.execute(db);
  // The head is locked only where a statement chained rows (the rows kept aside chain nothing).
  await sql`
    create or replace function audit_log_chain_end() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
    declare
      head public.audit_chain;
      last public.audit_chain;
    begin
      if coalesce(current_setting('tuowei.audit_chain_link', true), '') = '' then
        return null;
      end if;
      select * into head from public.audit_chain where id = 1 for update;
      last := public.audit_log_chain_link(head.last_id);
      if last is not null then
        update public.audit_chain set last_id = last.last_id, last_hash = last.last_hash where id = 1;
        perform set_config('tuowei.audit_chain_link', '', true);
      end if;
      return null;
    end $$`.execute(db);

  // At commit: the versions (sorted, each once), then the audit rows into the chain, in the
  // order they were written. Fires once per row of commit_work; the first does the work.
  await sql`
    create function commit_work_at_commit() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      x xid8 := pg_catalog.pg_current_xact_id();
      items text[];
      scopes text[];
    begin
      with done as (delete from commit_work where xact = x returning item)
      select array_agg(item order by item) into items from done;
      if items is null then
        return null;
      end if;
      scopes := array(select i from unnest(items) i where i <> 'audit' order by i);
      if cardinality(scopes) > 0 then
        perform apply_data_scopes(scopes);
      end if;
      if 'audit' = any(items) then
        with moved as (delete from audit_pending where xact = x returning *)
        insert into audit_log (${sql.raw(CONTENT)})
        select ${sql.raw(CONTENT)} from moved order by seq;
      end if;
      return null;
    end $$`.execute(db);
  // The transaction's own audit rows not yet chained, for reads inside it (a report's changes).
  await sql`
    create function audit_log_pending() returns setof audit_pending
    language sql stable security definer set search_path = public, pg_temp as $$
      select * from audit_pending where xact = pg_catalog.pg_current_xact_id_if_assigned() order by seq
    $$`.execute(db);
  // bump_data_scopes keeps the grants migration 13 gave it: a later trigger may call it as invoker
  for (const fn of ['apply_data_scopes(text[])', 'audit_log_at_commit()', 'commit_work_at_commit()']) {
    await sql`revoke all on function ${sql.raw(fn)} from public`.execute(db);
  }

  await sql`
    create trigger audit_log_at_commit before insert on audit_log
    for each row execute function audit_log_at_commit()`.execute(db);
  await sql`
    create constraint trigger commit_work_at_commit after insert on commit_work
    deferrable initially deferred
    for each row execute function commit_work_at_commit()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger commit_work_at_commit on commit_work`.execute(db);
  await sql`drop trigger audit_log_at_commit on audit_log`.execute(db);
  await sql`drop function audit_log_pending`.execute(db);
  await sql`drop function commit_work_at_commit`.execute(db);
  await sql`drop function audit_log_at_commit`.execute(db);
  await sql`
    create or replace function audit_log_chain_end() returns trigger
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
  await sql`
    create or replace function bump_data_scopes(scopes text[]) returns void
    language sql security definer set search_path = public as $$
      insert into data_versions as v (scope, version)
      select distinct s, 1 from unnest(scopes) s order by s
      on conflict (scope) do update set version = v.version + 1
    $$`.execute(db);
  await sql`drop function apply_data_scopes`.execute(db);
  await sql`drop table audit_pending`.execute(db);
  await sql`drop table commit_work`.execute(db);
}
