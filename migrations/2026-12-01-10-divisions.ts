// The published edition of the national division codes loaded into the tree: which edition, from
// where, when, and how many units of each level it brought; each unit it loaded names it, so that
// the tree an edition brings can be told from units an admin added. Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table division_editions (
      edition text primary key check (edition ~ '^[a-z0-9-]{1,40}$'),
      source text not null check (length(source) between 1 and 500),
      loaded_at timestamptz not null default now(),
      provinces integer not null check (provinces >= 0),
      prefectures integer not null check (prefectures >= 0),
      counties integer not null check (counties >= 0),
      townships integer not null check (townships >= 0)
    )`.execute(db);
  await sql`alter table jurisdictions add column division_edition text references division_editions (edition)`.execute(
    db,
  );
  // a screen lists one unit's children at a time, and one level's units
  await sql`create index jurisdictions_level on jurisdictions (level, code)`.execute(db);
  await sql`
    create trigger division_editions_bump_data_version after insert or update or delete or truncate on division_editions
    for each statement execute function bump_data_version()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index jurisdictions_level`.execute(db);
  await sql`alter table jurisdictions drop column division_edition`.execute(db);
  await sql`drop table division_editions`.execute(db);
}
