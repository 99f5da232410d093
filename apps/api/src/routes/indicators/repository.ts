// Yearly health indicators: reading, creating and changing one unit-year's row, and a subtree's
// counted rows for progress.
import {
  type CountedIndicators,
  INDICATOR_COUNTS,
  type IndicatorCount,
  type IndicatorCounts,
  type IndicatorsView,
  type ReportStatus,
} from '@tuowei/shared';
import { type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCodes } from '../jurisdictions/repository.ts';

type Reader = Kysely<DB> | Transaction<DB>;

/** Each count's column. */
export const COUNT_COLUMNS: Record<IndicatorCount, keyof DB['yearly_indicators'] & string> = {
  liveBirths: 'live_births',
  maternalDeaths: 'maternal_deaths',
  infantDeaths: 'infant_deaths',
  under5Deaths: 'under5_deaths',
  boysBorn: 'boys_born',
  girlsBorn: 'girls_born',
  pregnantWomen: 'pregnant_women',
  pregnantWomenScreened: 'pregnant_women_screened',
};

export interface StoredIndicators extends IndicatorCounts {
  id: string;
  code: string;
  year: number;
  status: ReportStatus;
  version: number;
  returnReason: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
  submittedBy: string | null;
  submittedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
}

type Row = DB['yearly_indicators'] extends infer T ? { [K in keyof T]: unknown } : never;

const countsOf = (row: Row): IndicatorCounts =>
  Object.fromEntries(
    INDICATOR_COUNTS.map((name) => [name, row[COUNT_COLUMNS[name]] as number | null]),
  ) as IndicatorCounts;

const toStored = (row: Row): StoredIndicators => ({
  ...countsOf(row),
  id: row.id as string,
  code: row.jurisdiction_code as string,
  year: row.year as number,
  status: row.status as ReportStatus,
  version: row.version as number,
  returnReason: row.return_reason as string | null,
  createdBy: row.created_by as string | null,
  createdAt: row.created_at as Date,
  updatedBy: row.updated_by as string | null,
  updatedAt: row.updated_at as Date,
  submittedBy: row.submitted_by as string | null,
  submittedAt: row.submitted_at as Date | null,
  approvedBy: row.approved_by as string | null,
  approvedAt: row.approved_at as Date | null,
});

/** One unit-year's indicators; `forUpdate` locks the row for the rest of the transaction. */
export async function findIndicators(
  db: Reader,
  code: string,
  year: number,
  forUpdate = false,
): Promise<StoredIndicators | null> {
  const { rows } = await sql<Row>`
    select * from yearly_indicators where jurisdiction_code = ${code} and year = ${year}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return rows[0] ? toStored(rows[0]) : null;
}

/** The counts as columns, for an insert or an update. */
export function countColumns(counts: IndicatorCounts): Partial<Record<string, number | null>> {
  return Object.fromEntries(INDICATOR_COUNTS.map((name) => [COUNT_COLUMNS[name], counts[name]]));
}

/** Creates a unit-year's indicators as a draft; its id, or null when someone else just did (theirs stands). */
export async function insertIndicators(
  trx: Transaction<DB>,
  key: { code: string; year: number },
  counts: IndicatorCounts,
  by: string,
): Promise<string | null> {
  const inserted = await trx
    .insertInto('yearly_indicators')
    .values({
      ...countColumns(counts),
      jurisdiction_code: key.code,
      year: key.year,
      status: 'draft',
      created_by: by,
      updated_by: by,
    })
    .onConflict((oc) => oc.columns(['jurisdiction_code', 'year']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function updateIndicators(
  trx: Transaction<DB>,
  id: string,
  changes: Updateable<DB['yearly_indicators']>,
): Promise<void> {
  await trx.updateTable('yearly_indicators').set(changes).where('id', '=', id).execute();
}

/** What the audit trail keeps of a unit-year's indicators, before and after a change. */
export function snapshot(stored: StoredIndicators) {
  return {
    year: stored.year,
    status: stored.status,
    version: stored.version,
    ...Object.fromEntries(INDICATOR_COUNTS.map((name) => [name, stored[name]])),
  };
}

const iso = (date: Date | null) => (date === null ? null : new Date(date).toISOString());

export function toView(stored: StoredIndicators, previous: StoredIndicators | null): IndicatorsView {
  const counts = (from: StoredIndicators) => Object.fromEntries(INDICATOR_COUNTS.map((name) => [name, from[name]]));
  return {
    code: stored.code,
    year: stored.year,
    version: stored.version,
    status: stored.status,
    ...(counts(stored) as IndicatorCounts),
    returnReason: stored.returnReason,
    createdBy: stored.createdBy,
    createdAt: iso(stored.createdAt) as string,
    updatedBy: stored.updatedBy,
    updatedAt: iso(stored.updatedAt) as string,
    submittedBy: stored.submittedBy,
    submittedAt: iso(stored.submittedAt),
    approvedBy: stored.approvedBy,
    approvedAt: iso(stored.approvedAt),
    previous: previous && { year: previous.year, status: previous.status, ...(counts(previous) as IndicatorCounts) },
  };
}

/**
 * Counted indicators of a subtree (root null: the whole country) up to a year, by unit and year;
 * `alsoCodes`: units outside it whose history a successor inside carries on.
 */
export async function countedIndicators(
  db: Reader,
  root: string | null,
  upToYear: number,
  statuses: readonly ReportStatus[],
  alsoCodes: readonly string[] = [],
): Promise<Map<string, Map<number, CountedIndicators>>> {
  const { rows } = await sql<Row>`
    select * from yearly_indicators
    where (jurisdiction_code in (${scopeCodes(root)}) or jurisdiction_code = any(${sql.val([...alsoCodes])}::text[]))
      and status = any(${sql.val([...statuses])}::text[])
      and year <= ${upToYear}`.execute(db);
  const result = new Map<string, Map<number, CountedIndicators>>();
  for (const row of rows) {
    const years = result.get(row.jurisdiction_code as string) ?? new Map<number, CountedIndicators>();
    years.set(row.year as number, { counts: countsOf(row), status: row.status as ReportStatus });
    result.set(row.jurisdiction_code as string, years);
  }
  return result;
}
