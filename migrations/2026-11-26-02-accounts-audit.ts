// Accounts scoped to a jurisdiction, sessions kept in Postgres, an append-only audit trail, and
// the settings dashboards follow. Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null check (username ~ '^[A-Za-z0-9._-]{3,64}$'),
      display_name text not null default '' check (length(display_name) <= 100),
      password_hash text not null,
      role text not null check (role in ('entry', 'reviewer', 'leader', 'auditor', 'admin')),
      -- null: the whole country
      jurisdiction_code text references jurisdictions (code),
      active boolean not null default true,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_username on users (lower(username))`.execute(db);

  await sql`
    create table sessions (
      -- sha-256 of the cookie's token: a stolen table does not give a working cookie
      token_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
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
  await sql`create index audit_log_entity on audit_log (entity, entity_id)`.execute(db);
  await sql`create index audit_log_jurisdiction on audit_log (jurisdiction_code, at)`.execute(db);
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit trail is append-only: % on audit_log is refused', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);

  await sql`
    create table settings (
      key text primary key check (key in ('counted_statuses', 'report_deadline_days')),
      value jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by text
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table settings`.execute(db);
  await sql`drop table audit_log`.execute(db);
  await sql`drop function audit_log_append_only`.execute(db);
  await sql`drop table sessions`.execute(db);
  await sql`drop table users`.execute(db);
}
