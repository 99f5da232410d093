// Yearly health indicators: one row per jurisdiction and calendar year, its counts (null where
// not known) moving through the same review as quarterly reports. Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table yearly_indicators (
      id uuid primary key default gen_random_uuid(),
      jurisdiction_code text not null references jurisdictions (code),
      year integer not null check (year between 2000 and 2100),
      live_births integer check (live_births >= 0),
      maternal_deaths integer check (maternal_deaths >= 0),
      infant_deaths integer check (infant_deaths >= 0),
      under5_deaths integer check (under5_deaths >= 0),
      boys_born integer check (boys_born >= 0),
      girls_born integer check (girls_born >= 0),
      pregnant_women integer check (pregnant_women >= 0),
      pregnant_women_screened integer check (pregnant_women_screened >= 0),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
      version integer not null default 1 check (version >= 1),
      return_reason text check (length(return_reason) <= 2000),
      created_by text,
      created_at timestamptz not null default now(),
      updated_by text,
      updated_at timestamptz not null default now(),
      submitted_by text,
      submitted_at timestamptz,
      approved_by text,
      approved_at timestamptz,
      unique (jurisdiction_code, year),
      check (maternal_deaths <= live_births),
      check (infant_deaths <= live_births),
      check (under5_deaths <= live_births),
      check (infant_deaths <= under5_deaths),
      check (pregnant_women_screened <= pregnant_women)
    )`.execute(db);
  await sql`create index yearly_indicators_year on yearly_indicators (year)`.execute(db);
  // its rows change the figures (progress, gap report, completeness), so cached answers must go
  await sql`
    create trigger yearly_indicators_bump_data_version after insert or update or delete or truncate on yearly_indicators
    for each statement execute function bump_data_version()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table yearly_indicators`.execute(db);
}
