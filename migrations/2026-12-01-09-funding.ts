// Money that follows from places: a plan's funding rules (part of the plan, gone with it), and the
// quarterly report's child-months in care by birth order that per-child-month rules pay on. Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table funding_rules (
      id uuid primary key default gen_random_uuid(),
      seed_key text unique,
      plan_id uuid not null references plans (id) on delete cascade,
      kind text not null check (kind in ('per_place_built', 'per_child_month', 'per_institution_once')),
      rate numeric(14, 2) not null check (rate > 0 and rate <= 10000000),
      payer text not null check (payer in ('province', 'prefecture', 'county')),
      condition text check (condition in ('schedule_target_met')),
      clause text not null check (length(clause) between 1 and 200),
      document_number text check (length(document_number) between 1 and 100),
      description text not null check (length(description) between 1 and 1000),
      birth_order smallint check (birth_order in (2, 3)),
      institution_kind text check (institution_kind in (
        'public', 'public_private', 'affordable_private', 'for_profit', 'standalone',
        'kindergarten_class', 'community_point', 'family_point', 'employer',
        'comprehensive_centre', 'demonstration', 'public_demonstration', 'public_guidance',
        'public_independent')),
      sort_order integer not null default 0,
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      check ((kind = 'per_child_month') = (birth_order is not null)),
      check ((kind = 'per_institution_once') = (institution_kind is not null)),
      check (condition is null or kind = 'per_place_built')
    )`.execute(db);
  await sql`create index funding_rules_plan on funding_rules (plan_id)`.execute(db);
  // the funding answer is computed from these rows: cached answers follow their changes
  await sql`
    create trigger funding_rules_bump_data_version after insert or update or delete or truncate on funding_rules
    for each statement execute function bump_data_version()`.execute(db);

  // unknown (null) is not zero, as for children enrolled
  await sql`
    alter table quarterly_reports
      add column second_child_months integer check (second_child_months >= 0),
      add column third_child_months integer check (third_child_months >= 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table quarterly_reports drop column third_child_months, drop column second_child_months`.execute(db);
  await sql`drop table funding_rules`.execute(db);
}
