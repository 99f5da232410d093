// Jurisdictions, their subtrees, and their population figures (their lineage is in db/lineage.ts).
import {
  beijingDate,
  type JurisdictionInput,
  type Level,
  type PopulationFigure,
  type PopulationInput,
  type UnitNode,
} from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import { lineageOf, readSuccessions, toUnit, type UnitRow } from '../../db/lineage.ts';
import type { DB } from '../../db/schema.ts';

type Reader = Kysely<DB> | Transaction<DB>;

/** Every jurisdiction, or those of the given levels, or the children of one, or one's subtree, in code order. */
export async function listJurisdictions(
  db: Reader,
  levels: readonly Level[] | null = null,
  parent: string | null = null,
  within: string | null = null,
): Promise<UnitNode[]> {
  let query = db.selectFrom('jurisdictions').select(['code', 'name', 'name_en', 'level', 'parent_code']);
  if (levels !== null) query = query.where('level', 'in', [...levels]);
  if (parent !== null) query = query.where('parent_code', '=', parent);
  if (within !== null) query = query.where(sql<boolean>`code in (${subtreeCodes(within)})`);
  const rows = await query.orderBy('code').execute();
  return rows.map(toUnit);
}

/** What narrows a search or a look-up: levels, one unit's children, one unit's subtree. */
export interface UnitFilter {
  levels: readonly Level[] | null;
  parent: string | null;
  /** The unit and everything below it (a person's scope); null: the whole country. */
  within: string | null;
}

/** The filter's conditions on `jurisdictions j`, each joined by `and`; `true` when it narrows nothing. */
function filterSql(filter: UnitFilter) {
  const conditions = [sql`true`];
  if (filter.levels !== null) conditions.push(sql`j.level in (${sql.join([...filter.levels])})`);
  if (filter.parent !== null) conditions.push(sql`j.parent_code = ${filter.parent}`);
  if (filter.within !== null) conditions.push(sql`j.code in (${subtreeCodes(filter.within)})`);
  return sql.join(conditions, sql` and `);
}

/** `text` as a LIKE pattern that matches it literally (`%`, `_` and `\` escaped). */
const literal = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

export interface SearchAnswer {
  units: UnitNode[];
  /** How many units match in all; more than `units` holds when the limit cut the list. */
  total: number;
}

/**
 * Units whose Chinese name or English name holds `q` (the English without regard to case), or
 * whose code begins with it; best first: the code itself, the name itself, names that begin with
 * it, then the higher levels, then by code. At most `limit` of them.
 */
export async function searchJurisdictions(
  db: Reader,
  q: string,
  filter: UnitFilter,
  limit: number,
): Promise<SearchAnswer> {
  const inside = `%${literal(q)}%`;
  const start = `${literal(q)}%`;
  const { rows } = await sql<UnitRow & { total: string | number }>`
    select j.code, j.name, j.name_en, j.level, j.parent_code, count(*) over () as total
    from jurisdictions j
    where (j.name like ${inside} or j.name_en ilike ${inside} or j.code like ${start}) and ${filterSql(filter)}
    order by j.code = ${q} desc, j.name = ${q} desc, j.name like ${start} desc,
      array_position(array['province', 'prefecture', 'county', 'township']::text[], j.level::text), j.code
    limit ${limit}`.execute(db);
  return { units: rows.map(toUnit), total: rows.length === 0 ? 0 : Number(rows[0].total) };
}

/** The units of the given codes that pass the filter, in code order; a code not known is left out. */
export async function lookUpJurisdictions(db: Reader, codes: readonly string[], filter: UnitFilter) {
  if (codes.length === 0) return [];
  const { rows } = await sql<UnitRow>`
    select j.code, j.name, j.name_en, j.level, j.parent_code from jurisdictions j
    where j.code in (${sql.join([...codes])}) and ${filterSql(filter)}
    order by j.code`.execute(db);
  return rows.map(toUnit);
}

/** Each unit with its ancestors, province first, read in one query for all of them. */
export async function withAncestors(db: Reader, units: readonly UnitNode[]) {
  const codes = units.map((unit) => unit.code);
  if (codes.length === 0) return [];
  const { rows } = await sql<UnitRow & { leaf: string; depth: number }>`
    with recursive up as (
      select j.code as leaf, j.parent_code as code, 1 as depth
      from jurisdictions j where j.code in (${sql.join(codes)}) and j.parent_code is not null
      union all
      select up.leaf, j.parent_code, up.depth + 1
      from up join jurisdictions j on j.code = up.code
      where j.parent_code is not null and up.depth < 8
    )
    select up.leaf, up.depth, j.code, j.name, j.name_en, j.level, j.parent_code
    from up join jurisdictions j on j.code = up.code
    order by up.leaf, up.depth desc`.execute(db);
  const above = new Map<string, UnitNode[]>();
  for (const row of rows) {
    const list = above.get(row.leaf) ?? [];
    list.push(toUnit(row));
    above.set(row.leaf, list);
  }
  return units.map((unit) => ({ ...unit, ancestors: above.get(unit.code) ?? [] }));
}

/** The edition of the division codes loaded last, with how many units of each level it brought. */
export async function loadedEdition(db: Reader) {
  const row = await db
    .selectFrom('division_editions')
    .selectAll()
    .orderBy('loaded_at', 'desc')
    .orderBy('edition', 'desc')
    .executeTakeFirst();
  return (
    row && {
      edition: row.edition,
      source: row.source,
      loadedAt: new Date(row.loaded_at).toISOString(),
      counts: { province: row.provinces, prefecture: row.prefectures, county: row.counties, township: row.townships },
    }
  );
}

/** The provinces (the units without a parent), by code. */
export async function provinceCodes(db: Reader): Promise<string[]> {
  const rows = await db
    .selectFrom('jurisdictions')
    .select('code')
    .where('parent_code', 'is', null)
    .orderBy('code')
    .execute();
  return rows.map((row) => row.code);
}

/** One unit with its populations, its children standing on `today` and its successions. */
export async function findJurisdiction(db: Reader, code: string, today: string = beijingDate(new Date())) {
  const row = await db
    .selectFrom('jurisdictions')
    .select(['code', 'name', 'name_en', 'level', 'parent_code'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const [populations, children, lineage, successions] = await Promise.all([
    populationsOf(db, [code]),
    db.selectFrom('jurisdictions').select('code').where('parent_code', '=', code).orderBy('code').execute(),
    lineageOf(db, code),
    readSuccessions(db),
  ]);
  // by the day: a unit retired on or before today, or made by a succession not yet in effect, is no child today
  const standsToday = (child: string) => {
    const touching = successions.of(child);
    if (touching.some((s) => s.fromCode === child && s.effectiveOn <= today)) return false;
    const made = touching.filter((s) => s.toCode === child);
    return made.length === 0 || made.some((s) => s.effectiveOn <= today);
  };
  return {
    ...toUnit(row),
    populations: populations.get(code) ?? [],
    children: children.map((child) => child.code).filter(standsToday),
    // the way down to it, province first: a screen draws its breadcrumb without the whole tree
    ancestors: lineage.slice(1).reverse(),
    successions: successions.of(code),
  };
}

/** SQL for the codes of a jurisdiction and everything below it. */
export const subtreeCodes = (code: string) => sql`
  with recursive down as (
    select code from jurisdictions where code = ${code}
    union all
    select j.code from jurisdictions j join down on j.parent_code = down.code
  )
  select code from down`;

/** SQL for the codes of a subtree, or of every unit when the root is null (the country). */
export const scopeCodes = (root: string | null) => (root ? subtreeCodes(root) : sql`select code from jurisdictions`);

export async function subtreeOf(db: Reader, code: string): Promise<UnitNode[]> {
  const { rows } = await sql<UnitRow>`
    select j.code, j.name, j.name_en, j.level, j.parent_code
    from jurisdictions j where j.code in (${subtreeCodes(code)})`.execute(db);
  return rows.map(toUnit);
}

/** The units of the given codes. */
export async function unitsOf(db: Reader, codes: readonly string[]): Promise<UnitNode[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('jurisdictions')
    .select(['code', 'name', 'name_en', 'level', 'parent_code'])
    .where('code', 'in', codes)
    .orderBy('code')
    .execute();
  return rows.map(toUnit);
}

/** A population figure as read (a bigint: a string from a row, a number from JSON). */
export interface PopulationRow {
  jurisdiction_code: string;
  year: number;
  population: string | number;
  source: string;
}

/** Population rows in code and year order, by jurisdiction. */
export function groupPopulations(rows: readonly PopulationRow[]): Map<string, PopulationFigure[]> {
  const result = new Map<string, PopulationFigure[]>();
  for (const row of rows) {
    const list = result.get(row.jurisdiction_code) ?? [];
    list.push({ year: row.year, population: Number(row.population), source: row.source });
    result.set(row.jurisdiction_code, list);
  }
  return result;
}

export async function populationsOf(db: Reader, codes: readonly string[]): Promise<Map<string, PopulationFigure[]>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('populations')
    .select(['jurisdiction_code', 'year', 'population', 'source'])
    .where('jurisdiction_code', 'in', codes)
    .orderBy('jurisdiction_code')
    .orderBy('year')
    .execute();
  return groupPopulations(rows);
}

// The admin's writes: each takes the transaction its caller holds (and has locked the key in).

/** One jurisdiction without its populations and children; `forUpdate` locks its row. */
export async function findUnit(db: Reader, code: string, forUpdate = false): Promise<UnitNode | null> {
  let query = db
    .selectFrom('jurisdictions')
    .select(['code', 'name', 'name_en', 'level', 'parent_code'])
    .where('code', '=', code);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toUnit(row) : null;
}

export async function renameJurisdiction(trx: Transaction<DB>, code: string, input: JurisdictionInput): Promise<void> {
  await trx
    .updateTable('jurisdictions')
    .set({ name: input.name, name_en: input.nameEn })
    .where('code', '=', code)
    .execute();
}

export async function insertJurisdiction(trx: Transaction<DB>, code: string, input: JurisdictionInput): Promise<void> {
  await trx
    .insertInto('jurisdictions')
    .values({ code, name: input.name, name_en: input.nameEn, level: input.level, parent_code: input.parentCode })
    .execute();
}

/** A jurisdiction's population for one year, or null; `forUpdate` locks its row. */
export async function findPopulation(
  db: Reader,
  code: string,
  year: number,
  forUpdate = false,
): Promise<PopulationFigure | null> {
  let query = db
    .selectFrom('populations')
    .select(['year', 'population', 'source'])
    .where('jurisdiction_code', '=', code)
    .where('year', '=', year);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? { year: row.year, population: Number(row.population), source: row.source } : null;
}

export async function upsertPopulation(
  trx: Transaction<DB>,
  code: string,
  year: number,
  input: PopulationInput,
): Promise<void> {
  await trx
    .insertInto('populations')
    .values({ jurisdiction_code: code, year, population: input.population, source: input.source })
    .onConflict((oc) =>
      oc.columns(['jurisdiction_code', 'year']).doUpdateSet({ population: input.population, source: input.source }),
    )
    .execute();
}

/** Removes a year's population; the figure removed, or null when there was none. */
export async function deletePopulation(
  trx: Transaction<DB>,
  code: string,
  year: number,
): Promise<PopulationFigure | null> {
  const removed = await trx
    .deleteFrom('populations')
    .where('jurisdiction_code', '=', code)
    .where('year', '=', year)
    .returning(['population', 'source'])
    .executeTakeFirst();
  return removed ? { year, population: Number(removed.population), source: removed.source } : null;
}
