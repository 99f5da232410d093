// One row counting every change to the data that figures are computed from, so that any API
// process can tell, with one read, whether what it computed before is still current. Frozen.
import { type Kysely, sql } from 'kysely';

const TABLES = [
  'jurisdictions',
  'populations',
  'plans',
  'targets',
  'quarterly_reports',
  'report_institutions',
  'settings',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table data_version (
      id integer primary key check (id = 1),
      version bigint not null
    )`.execute(db);
  await sql`insert into data_version (id, version) values (1, 1)`.execute(db);
  // Transactional: the new version becomes visible exactly when the change commits.
  await sql`
    create function bump_data_version() returns trigger language plpgsql as $$
    begin
      update data_version set version = version + 1 where id = 1;
      return null;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_bump_data_version`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function bump_data_version()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await sql`drop trigger ${sql.id(`${table}_bump_data_version`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function bump_data_version`.execute(db);
  await sql`drop table data_version`.execute(db);
}
