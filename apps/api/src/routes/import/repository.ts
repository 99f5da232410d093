// Reports, populations and yearly indicators as their imports read and write them: set-based, one
// statement for many rows.
import { INDICATOR_COUNTS, type IndicatorCounts, type ReportStatus } from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { COUNT_COLUMNS } from '../indicators/repository.ts';
import { subtreeCodes } from '../jurisdictions/repository.ts';

type Reader = Kysely<DB> | Transaction<DB>;

export interface ExistingReport {
  id: string;
  code: string;
  year: number;
  quarter: number;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  version: number;
  places: number;
  affordablePlaces: number;
  childrenEnrolled: number | null;
  secondChildMonths: number | null;
  thirdChildMonths: number | null;
  comment: string | null;
  institutions: Record<string, number>;
}

/** Stored reports for these unit-quarters, in one query; locked for update inside a commit. */
export async function existingReports(
  db: Reader,
  pairs: { code: string; year: number; quarter: number }[],
  lock: boolean,
): Promise<ExistingReport[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<ExistingReport>`
    select r.id, r.jurisdiction_code as code, r.year, r.quarter, r.status, r.version, r.places,
           r.affordable_places as "affordablePlaces", r.children_enrolled as "childrenEnrolled",
           r.second_child_months as "secondChildMonths", r.third_child_months as "thirdChildMonths", r.comment,
           coalesce((select json_object_agg(i.kind, i.count) from report_institutions i where i.report_id = r.id), '{}') as institutions
    from quarterly_reports r
    join unnest(${sql.val(pairs.map((p) => p.code))}::text[], ${sql.val(pairs.map((p) => p.year))}::int[],
                ${sql.val(pairs.map((p) => p.quarter))}::int[]) as k(code, year, quarter)
      on r.jurisdiction_code = k.code and r.year = k.year and r.quarter = k.quarter
    ${lock ? sql`for update of r` : sql``}`.execute(db);
  return rows;
}

/**
 * The named units that exist, each with whether it lies in a person's scope (their subtree; every
 * unit for a country-wide account, scope null).
 */
export async function unitsInScope(
  db: Reader,
  codes: readonly string[],
  scope: string | null,
): Promise<{ code: string; name: string; in_scope: boolean }[]> {
  const { rows } = await sql<{ code: string; name: string; in_scope: boolean }>`
    select j.code, j.name,
           ${scope ? sql`j.code in (${subtreeCodes(scope)})` : sql`true`} as in_scope
    from jurisdictions j
    where j.code = any(${sql.val([...codes])}::text[])`.execute(db);
  return rows;
}

export interface ImportedFigures {
  places: number;
  affordablePlaces: number;
  childrenEnrolled: number | null;
  secondChildMonths: number | null;
  thirdChildMonths: number | null;
  comment: string | null;
}

/** Who writes an import, when, and whether it is submitted as it is written. */
export interface ImportStamp {
  status: 'draft' | 'submitted';
  by: string;
  at: Date;
  submit: boolean;
}

const column = <R, T>(rows: readonly R[], pick: (row: R) => T) => sql.val(rows.map(pick));

/** Creates reports in one statement; their ids by unit and quarter. */
export async function insertImportedReports(
  trx: Transaction<DB>,
  creates: readonly ({ code: string; year: number; quarter: number } & ImportedFigures)[],
  stamp: ImportStamp,
): Promise<{ id: string; jurisdiction_code: string; year: number; quarter: number }[]> {
  const { rows } = await sql<{ id: string; jurisdiction_code: string; year: number; quarter: number }>`
    insert into quarterly_reports (jurisdiction_code, year, quarter, places, affordable_places, children_enrolled,
      second_child_months, third_child_months, comment, status, created_by, updated_by, updated_at, submitted_by,
      submitted_at)
    select v.code, v.year, v.quarter, v.places, v.affordable, v.children, v.second, v.third, v.comment, ${stamp.status},
           ${stamp.by}, ${stamp.by}, ${stamp.at}, ${stamp.submit ? stamp.by : null}, ${stamp.submit ? stamp.at : null}
    from unnest(${column(creates, (r) => r.code)}::text[], ${column(creates, (r) => r.year)}::int[],
                ${column(creates, (r) => r.quarter)}::int[], ${column(creates, (r) => r.places)}::int[],
                ${column(creates, (r) => r.affordablePlaces)}::int[],
                ${column(creates, (r) => r.childrenEnrolled)}::int[],
                ${column(creates, (r) => r.secondChildMonths)}::int[],
                ${column(creates, (r) => r.thirdChildMonths)}::int[],
                ${column(creates, (r) => r.comment)}::text[])
      as v(code, year, quarter, places, affordable, children, second, third, comment)
    returning id, jurisdiction_code, year, quarter`.execute(trx);
  return rows;
}

/** Replaces stored reports' figures in one statement (a new version each, no longer demo). */
export async function updateImportedReports(
  trx: Transaction<DB>,
  updates: readonly ({ id: string } & ImportedFigures)[],
  stamp: ImportStamp,
): Promise<void> {
  await sql`
    update quarterly_reports r set
      places = v.places, affordable_places = v.affordable, children_enrolled = v.children,
      second_child_months = v.second, third_child_months = v.third, comment = v.comment,
      status = ${stamp.status}, version = r.version + 1, demo = false, updated_by = ${stamp.by}, updated_at = ${stamp.at},
      submitted_by = ${stamp.submit ? stamp.by : sql`r.submitted_by`},
      submitted_at = ${stamp.submit ? stamp.at : sql`r.submitted_at`},
      return_reason = ${stamp.submit ? null : sql`r.return_reason`}
    from unnest(${column(updates, (r) => r.id)}::uuid[],
                ${column(updates, (r) => r.places)}::int[], ${column(updates, (r) => r.affordablePlaces)}::int[],
                ${column(updates, (r) => r.childrenEnrolled)}::int[],
                ${column(updates, (r) => r.secondChildMonths)}::int[],
                ${column(updates, (r) => r.thirdChildMonths)}::int[],
                ${column(updates, (r) => r.comment)}::text[])
      as v(id, places, affordable, children, second, third, comment)
    where r.id = v.id`.execute(trx);
}

/** Replaces the institution counts of these reports with the given ones, in two statements. */
export async function replaceImportedInstitutions(
  trx: Transaction<DB>,
  reportIds: readonly string[],
  institutions: readonly { reportId: string; kind: string; count: number }[],
): Promise<void> {
  await sql`delete from report_institutions where report_id = any(${sql.val([...reportIds])}::uuid[])`.execute(trx);
  if (institutions.length > 0) {
    await sql`
      insert into report_institutions (report_id, kind, count)
      select * from unnest(${column(institutions, (i) => i.reportId)}::uuid[], ${column(institutions, (i) => i.kind)}::text[],
                           ${column(institutions, (i) => i.count)}::int[])`.execute(trx);
  }
}

export interface LeafReport {
  code: string;
  name: string;
  places: number | null;
  affordable_places: number | null;
  children_enrolled: number | null;
  second_child_months: number | null;
  third_child_months: number | null;
  comment: string | null;
  version: number | null;
  institutions: Record<string, number> | null;
}

/** The reporting units (leaves) of a subtree, or of the country, with their stored report of a quarter where there is one. */
export async function leafReportsAt(
  db: Reader,
  root: string | null,
  period: { year: number; quarter: number },
): Promise<LeafReport[]> {
  const { rows } = await sql<LeafReport>`
    select j.code, j.name, r.places, r.affordable_places, r.children_enrolled, r.second_child_months,
           r.third_child_months, r.comment, r.version,
           (select json_object_agg(i.kind, i.count) from report_institutions i where i.report_id = r.id) as institutions
    from jurisdictions j
    left join quarterly_reports r on r.jurisdiction_code = j.code and r.year = ${period.year} and r.quarter = ${period.quarter}
    where not exists (select 1 from jurisdictions c where c.parent_code = j.code)
      ${root ? sql`and j.code in (${subtreeCodes(root)})` : sql``}
    order by j.code`.execute(db);
  return rows;
}

// Yearly populations as the population import reads and writes them.

export interface ExistingPopulation {
  code: string;
  year: number;
  population: number;
  source: string;
}

/** Stored population figures for these unit-years, in one query; locked for update inside a commit. */
export async function existingPopulations(
  db: Reader,
  pairs: readonly { code: string; year: number }[],
  lock: boolean,
): Promise<ExistingPopulation[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<{ code: string; year: number; population: string | number; source: string }>`
    select p.jurisdiction_code as code, p.year, p.population, p.source
    from populations p
    join unnest(${column(pairs, (p) => p.code)}::text[], ${column(pairs, (p) => p.year)}::int[]) as k(code, year)
      on p.jurisdiction_code = k.code and p.year = k.year
    ${lock ? sql`for update of p` : sql``}`.execute(db);
  return rows.map((row) => ({ ...row, population: Number(row.population) }));
}

/** Creates or replaces population figures in one statement. */
export async function upsertPopulations(trx: Transaction<DB>, figures: readonly ExistingPopulation[]): Promise<void> {
  if (figures.length === 0) return;
  await sql`
    insert into populations (jurisdiction_code, year, population, source)
    select * from unnest(${column(figures, (f) => f.code)}::text[], ${column(figures, (f) => f.year)}::int[],
                         ${column(figures, (f) => f.population)}::bigint[], ${column(figures, (f) => f.source)}::text[])
    on conflict (jurisdiction_code, year) do update set population = excluded.population, source = excluded.source`.execute(
    trx,
  );
}

/** Every unit of a subtree (or of the country) with its figure for a year, where stored, for the template. */
export async function populationsAt(
  db: Reader,
  root: string | null,
  year: number,
): Promise<{ code: string; name: string; population: string | null; source: string | null }[]> {
  const { rows } = await sql<{ code: string; name: string; population: string | null; source: string | null }>`
    select j.code, j.name, p.population, p.source
    from jurisdictions j
    left join populations p on p.jurisdiction_code = j.code and p.year = ${year}
    ${root ? sql`where j.code in (${subtreeCodes(root)})` : sql``}
    order by j.code`.execute(db);
  return rows;
}

// Yearly health indicators as their import reads and writes them.

export interface ExistingIndicators extends IndicatorCounts {
  id: string;
  code: string;
  year: number;
  status: ReportStatus;
  version: number;
}

const INDICATOR_COLUMNS = sql.raw(INDICATOR_COUNTS.map((name) => `"${COUNT_COLUMNS[name]}"`).join(', '));
const indicatorValues = <R extends { counts: IndicatorCounts }>(rows: readonly R[]) =>
  sql.join(INDICATOR_COUNTS.map((name) => sql`${column(rows, (r) => r.counts[name])}::int[]`));

/** Stored indicators for these unit-years, in one query; locked for update inside a commit. */
export async function existingIndicators(
  db: Reader,
  pairs: readonly { code: string; year: number }[],
  lock: boolean,
): Promise<ExistingIndicators[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<Record<string, unknown>>`
    select y.*
    from yearly_indicators y
    join unnest(${column(pairs, (p) => p.code)}::text[], ${column(pairs, (p) => p.year)}::int[]) as k(code, year)
      on y.jurisdiction_code = k.code and y.year = k.year
    ${lock ? sql`for update of y` : sql``}`.execute(db);
  return rows.map((row) => ({
    ...(Object.fromEntries(INDICATOR_COUNTS.map((name) => [name, row[COUNT_COLUMNS[name]]])) as IndicatorCounts),
    id: row.id as string,
    code: row.jurisdiction_code as string,
    year: row.year as number,
    status: row.status as ReportStatus,
    version: row.version as number,
  }));
}

/** Creates unit-years' indicators in one statement (as drafts, or submitted at once); their ids by unit and year. */
export async function insertImportedIndicators(
  trx: Transaction<DB>,
  creates: readonly { code: string; year: number; counts: IndicatorCounts }[],
  stamp: ImportStamp,
): Promise<{ id: string; code: string; year: number }[]> {
  const names = sql.raw(INDICATOR_COUNTS.map((_, index) => `c${index}`).join(', '));
  const { rows } = await sql<{ id: string; code: string; year: number }>`
    insert into yearly_indicators (jurisdiction_code, year, ${INDICATOR_COLUMNS}, status, created_by, updated_by,
      updated_at, submitted_by, submitted_at)
    select v.code, v.year, ${names}, ${stamp.status}, ${stamp.by}, ${stamp.by}, ${stamp.at},
           ${stamp.submit ? stamp.by : null}, ${stamp.submit ? stamp.at : null}
    from unnest(${column(creates, (r) => r.code)}::text[], ${column(creates, (r) => r.year)}::int[],
                ${indicatorValues(creates)}) as v(code, year, ${names})
    returning id, jurisdiction_code as code, year`.execute(trx);
  return rows;
}

/** Replaces stored indicators' counts in one statement, a new version each. */
export async function updateImportedIndicators(
  trx: Transaction<DB>,
  updates: readonly { id: string; counts: IndicatorCounts }[],
  stamp: ImportStamp,
): Promise<void> {
  const set = sql.join(
    INDICATOR_COUNTS.map((name, index) => sql`${sql.ref(COUNT_COLUMNS[name])} = ${sql.raw(`v.c${index}`)}`),
  );
  const names = sql.raw(INDICATOR_COUNTS.map((_, index) => `c${index}`).join(', '));
  await sql`
    update yearly_indicators y set ${set},
      status = ${stamp.status}, version = y.version + 1, updated_by = ${stamp.by}, updated_at = ${stamp.at},
      submitted_by = ${stamp.submit ? stamp.by : sql`y.submitted_by`},
      submitted_at = ${stamp.submit ? stamp.at : sql`y.submitted_at`},
      return_reason = ${stamp.submit ? null : sql`y.return_reason`}
    from unnest(${column(updates, (r) => r.id)}::uuid[], ${indicatorValues(updates)}) as v(id, ${names})
    where y.id = v.id`.execute(trx);
}

/** The reporting units (leaves) of a subtree, or of the country, with their stored indicators of a year. */
export async function leafIndicatorsAt(
  db: Reader,
  root: string | null,
  year: number,
): Promise<({ code: string; name: string; version: number | null } & IndicatorCounts)[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select j.code, j.name, y.*
    from jurisdictions j
    left join yearly_indicators y on y.jurisdiction_code = j.code and y.year = ${year}
    where not exists (select 1 from jurisdictions c where c.parent_code = j.code)
      ${root ? sql`and j.code in (${subtreeCodes(root)})` : sql``}
    order by j.code`.execute(db);
  return rows.map((row) => ({
    ...(Object.fromEntries(
      INDICATOR_COUNTS.map((name) => [name, row[COUNT_COLUMNS[name]] ?? null]),
    ) as IndicatorCounts),
    code: row.code as string,
    name: row.name as string,
    version: (row.version as number | null) ?? null,
  }));
}
