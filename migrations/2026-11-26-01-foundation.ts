// Jurisdictions, populations, plans with their targets, and quarterly reports. Frozen: a later
// change is a new migration. The database itself refuses what can never be true.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table jurisdictions (
      code text primary key check (code ~ '^[0-9]{6}$'),
      name text not null check (length(name) between 1 and 100),
      name_en text not null check (length(name_en) between 1 and 200),
      level text not null check (level in ('province', 'prefecture', 'county')),
      parent_code text references jurisdictions (code),
      synthetic boolean not null default false,
      created_at timestamptz not null default now(),
      check ((level = 'province') = (parent_code is null)),
      check (parent_code is distinct from code)
    )`.execute(db);
  await sql`create index jurisdictions_parent on jurisdictions (parent_code)`.execute(db);

  await sql`
    create table populations (
      jurisdiction_code text not null references jurisdictions (code) on delete cascade,
      year integer not null check (year between 1949 and 2100),
      population bigint not null check (population > 0),
      source text not null check (length(source) between 1 and 500),
      created_at timestamptz not null default now(),
      primary key (jurisdiction_code, year)
    )`.execute(db);

  await sql`
    create table plans (
      id uuid primary key default gen_random_uuid(),
      seed_key text unique,
      jurisdiction_code text not null references jurisdictions (code),
      document_number text unique check (length(document_number) between 1 and 100),
      title text not null check (length(title) between 1 and 300),
      issuer text not null check (length(issuer) between 1 and 300),
      issued_on date,
      source_file text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index plans_jurisdiction on plans (jurisdiction_code)`.execute(db);

  await sql`
    create table targets (
      id uuid primary key default gen_random_uuid(),
      seed_key text unique,
      plan_id uuid not null references plans (id) on delete cascade,
      metric text not null check (metric in (
        'places_per_1000', 'affordable_places_per_1000', 'affordable_share', 'places',
        'affordable_places', 'institutions', 'new_residential_places_per_1000',
        'maternal_mortality_per_100k', 'infant_mortality_per_1000', 'under5_mortality_per_1000',
        'sex_ratio_at_birth', 'prenatal_screening_rate')),
      comparator text not null check (comparator in ('at_least', 'below')),
      value numeric(14, 4) not null check (value >= 0),
      due_year integer not null check (due_year between 2000 and 2100),
      clause text not null check (length(clause) between 1 and 200),
      scope text not null check (scope in ('self', 'each_child', 'each_county')),
      institution_kind text check (institution_kind in (
        'public', 'public_private', 'affordable_private', 'for_profit', 'standalone',
        'kindergarten_class', 'community_point', 'family_point', 'employer',
        'comprehensive_centre', 'demonstration', 'public_demonstration', 'public_guidance',
        'public_independent')),
      sort_order integer not null default 0,
      created_at timestamptz not null default now(),
      check ((metric = 'institutions') = (institution_kind is not null)),
      check (metric not in ('affordable_share', 'prenatal_screening_rate') or value <= 1)
    )`.execute(db);
  await sql`create index targets_plan on targets (plan_id)`.execute(db);

  await sql`
    create table quarterly_reports (
      id uuid primary key default gen_random_uuid(),
      jurisdiction_code text not null references jurisdictions (code),
      year integer not null check (year between 2000 and 2100),
      quarter smallint not null check (quarter between 1 and 4),
      places integer not null check (places >= 0),
      affordable_places integer not null check (affordable_places >= 0),
      children_enrolled integer check (children_enrolled >= 0),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
      version integer not null default 1 check (version >= 1),
      demo boolean not null default false,
      comment text check (length(comment) <= 2000),
      return_reason text check (length(return_reason) <= 2000),
      created_by text,
      created_at timestamptz not null default now(),
      updated_by text,
      updated_at timestamptz not null default now(),
      submitted_by text,
      submitted_at timestamptz,
      approved_by text,
      approved_at timestamptz,
      unique (jurisdiction_code, year, quarter),
      check (affordable_places <= places)
    )`.execute(db);
  await sql`create index quarterly_reports_period on quarterly_reports (year, quarter)`.execute(db);

  await sql`
    create table report_institutions (
      report_id uuid not null references quarterly_reports (id) on delete cascade,
      kind text not null check (kind in (
        'public', 'public_private', 'affordable_private', 'for_profit', 'standalone',
        'kindergarten_class', 'community_point', 'family_point', 'employer',
        'comprehensive_centre', 'demonstration', 'public_demonstration', 'public_guidance',
        'public_independent')),
      count integer not null check (count >= 0),
      primary key (report_id, kind)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'report_institutions',
    'quarterly_reports',
    'targets',
    'plans',
    'populations',
    'jurisdictions',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
