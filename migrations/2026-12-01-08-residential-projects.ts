// The register of new residential areas (新建居住区): one row per project, its planned residents and
// childcare places, against which the plans' norms are measured. Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table residential_projects (
      id uuid primary key default gen_random_uuid(),
      jurisdiction_code text not null references jurisdictions (code),
      name text not null check (length(name) between 1 and 100 and name = btrim(name)),
      approved_on date not null check (approved_on >= date '2000-01-01'),
      planned_residents integer not null check (planned_residents between 1 and 1000000),
      planned_places integer not null check (planned_places between 0 and 100000),
      delivered_places integer check (delivered_places between 0 and 100000),
      version integer not null default 1 check (version >= 1),
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_by text not null,
      updated_at timestamptz not null default now(),
      -- a project is told apart from its neighbours by its name within its jurisdiction
      unique (jurisdiction_code, name)
    )`.execute(db);
  // its rows change progress, overview and gap report figures: cached answers must know
  await sql`
    create trigger residential_projects_bump_data_version after insert or update or delete or truncate on residential_projects
    for each statement execute function bump_data_version()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table residential_projects`.execute(db);
}
