// Failed sign-ins counted in Postgres, so that every API process spends one budget: one row per
// account (its lower-cased user name, existing or not) and one per address. Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table login_throttle (
      key text primary key check (key ~ '^(account|address):'),
      failures integer not null check (failures >= 0),
      window_started_at timestamptz not null,
      locked_until timestamptz
    )`.execute(db);
  // the purge looks for rows whose window and lock have both passed
  await sql`create index login_throttle_window_started_at on login_throttle (window_started_at)`.execute(db);
  // expired sessions are purged on a schedule and on sign-in: found by this index, not a scan
  await sql`create index sessions_expires_at on sessions (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index sessions_expires_at`.execute(db);
  await sql`drop table login_throttle`.execute(db);
}
