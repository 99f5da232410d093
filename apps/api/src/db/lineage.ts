// A jurisdiction's lineage, read by the access rules and by the routes alike (so that auth
// depends on no route's files).
import { type Level, type SuccessionKind, Successions, type UnitNode } from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export interface UnitRow {
  code: string;
  name: string;
  name_en: string;
  /** One of LEVELS: the database's check constraint holds it to them. */
  level: string;
  parent_code: string | null;
}

export const toUnit = (row: UnitRow): UnitNode => ({
  code: row.code,
  name: row.name,
  nameEn: row.name_en,
  level: row.level as Level,
  parentCode: row.parent_code,
});

/**
 * The lineage of `code` as one JSON value (an array of UnitRow, the jurisdiction first, then its
 * parent, up to its province; empty when unknown), for a statement that reads it beside other
 * things (the session of a request naming the unit).
 */
export const lineageJson = (code: string) => sql<UnitRow[]>`(
  with recursive up as (
    select code, name, name_en, level, parent_code, 0 as depth from jurisdictions where code = ${code}
    union all
    select j.code, j.name, j.name_en, j.level, j.parent_code, up.depth + 1
    from jurisdictions j join up on j.code = up.parent_code
  )
  select coalesce(json_agg(json_build_object('code', code, 'name', name, 'name_en', name_en, 'level', level,
    'parent_code', parent_code) order by depth), '[]') from up)`;

/** The jurisdiction first, then its parent, up to its province; empty when unknown. */
export async function lineageOf(db: Kysely<DB> | Transaction<DB>, code: string): Promise<UnitNode[]> {
  const { rows } = await sql<{ lineage: UnitRow[] }>`select ${lineageJson(code)} as lineage`.execute(db);
  return rows[0].lineage.map(toUnit);
}

/**
 * Every succession recorded (a code carried on by another from a date), for the figures that
 * follow them: a small table (a country's boundary changes over decades), read whole.
 */
export async function readSuccessions(db: Kysely<DB> | Transaction<DB>): Promise<Successions> {
  const rows = await db
    .selectFrom('successions')
    .select([
      'from_code',
      'to_code',
      'kind',
      'reason',
      sql<string>`to_char(effective_on, 'YYYY-MM-DD')`.as('effective_on'),
    ])
    .orderBy('effective_on')
    .orderBy('from_code')
    .orderBy('to_code')
    .execute();
  return new Successions(
    rows.map((row) => ({
      fromCode: row.from_code,
      toCode: row.to_code,
      effectiveOn: row.effective_on,
      reason: row.reason,
      kind: row.kind as SuccessionKind,
    })),
  );
}
