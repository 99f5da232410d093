// Townships and sub-districts (乡镇、街道) under the counties: a fourth level, with the nine-digit
// codes of GB/T 10114 (the county's six digits and three of its own). Frozen.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table jurisdictions drop constraint jurisdictions_code_check`.execute(db);
  await sql`alter table jurisdictions drop constraint jurisdictions_level_check`.execute(db);
  await sql`
    alter table jurisdictions
      add constraint jurisdictions_level_check check (level in ('province', 'prefecture', 'county', 'township')),
      add constraint jurisdictions_code_check check (
        case when level = 'township' then code ~ '^[0-9]{9}$' else code ~ '^[0-9]{6}$' end),
      add constraint jurisdictions_township_in_county check (
        level <> 'township' or left(code, 6) = parent_code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table jurisdictions
      drop constraint jurisdictions_township_in_county,
      drop constraint jurisdictions_code_check,
      drop constraint jurisdictions_level_check`.execute(db);
  await sql`
    alter table jurisdictions
      add constraint jurisdictions_level_check check (level in ('province', 'prefecture', 'county')),
      add constraint jurisdictions_code_check check (code ~ '^[0-9]{6}$')`.execute(db);
}
