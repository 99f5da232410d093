// Boundary changes and plan revisions keep history: a succession records that one division code
// carries on another's from a date (a county made a district, merges, splits); a target replaced
// by a later document ends the day before the new one begins, instead of being overwritten. Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table successions (
      id uuid primary key default gen_random_uuid(),
      from_code text not null references jurisdictions (code),
      to_code text not null references jurisdictions (code),
      effective_on date not null,
      reason text not null,
      kind text not null check (kind in ('rename', 'merge', 'split')),
      created_at timestamptz not null default now(),
      check (from_code <> to_code),
      unique (from_code, to_code)
    )`.execute(db);
  await sql`create index successions_to_code on successions (to_code)`.execute(db);
  // a succession moves figures between codes: cached answers must not outlive it
  await sql`
    create trigger successions_bump_data_version after insert or update or delete or truncate on successions
    for each statement execute function bump_data_version()`.execute(db);

  await sql`
    alter table targets
      add column supersedes uuid references targets (id) on delete set null,
      add column in_force_from date,
      add column in_force_until date,
      add column version integer not null default 1,
      add constraint targets_in_force_order check (in_force_until is null or in_force_from is null or in_force_until >= in_force_from)`.execute(
    db,
  );
  await sql`create unique index targets_supersedes on targets (supersedes) where supersedes is not null`.execute(db);
  // the targets there are came into force with their document and are still in force
  await sql`update targets t set in_force_from = p.issued_on from plans p where p.id = t.plan_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index targets_supersedes`.execute(db);
  await sql`
    alter table targets
      drop constraint targets_in_force_order,
      drop column version,
      drop column in_force_until,
      drop column in_force_from,
      drop column supersedes`.execute(db);
  await sql`drop table successions`.execute(db);
}
