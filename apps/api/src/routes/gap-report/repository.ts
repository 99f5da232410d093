// The provenance of a gap report's figures: who approved and last changed the reports behind them.
import type { ReportStatus } from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import { periodIndexSql } from '../../db/period-index.ts';
import type { DB } from '../../db/schema.ts';
import { scopeCodes } from '../jurisdictions/repository.ts';

type Reader = Kysely<DB> | Transaction<DB>;

export interface ReportProvenanceRow {
  jurisdiction_code: string;
  approved_by: string | null;
  approved_at: Date | null;
  updated_by: string | null;
  updated_at: Date;
}

/** Each unit's latest counted report up to a quarter (root null: the whole country). */
export async function latestCountedReports(
  db: Reader,
  root: string | null,
  upToIndex: number,
  statuses: readonly ReportStatus[],
): Promise<ReportProvenanceRow[]> {
  const { rows } = await sql<ReportProvenanceRow>`
    select distinct on (jurisdiction_code) jurisdiction_code, approved_by, approved_at, updated_by, updated_at
    from quarterly_reports
    where jurisdiction_code in (${scopeCodes(root)}) and status = any(${sql.val([...statuses])}::text[])
      and ${periodIndexSql()} <= ${upToIndex}
    order by jurisdiction_code, year desc, quarter desc`.execute(db);
  return rows;
}

export interface ReportApprovalRow {
  jurisdiction_code: string;
  year: number;
  quarter: number;
  approved_by: string | null;
  approved_at: Date | null;
}

/** Who approved each counted report of a subtree in the given years. */
export async function countedReportApprovals(
  db: Reader,
  root: string | null,
  years: readonly number[],
  statuses: readonly ReportStatus[],
): Promise<ReportApprovalRow[]> {
  const { rows } = await sql<ReportApprovalRow>`
    select jurisdiction_code, year, quarter, approved_by, approved_at
    from quarterly_reports
    where jurisdiction_code in (${scopeCodes(root)}) and status = any(${sql.val([...statuses])}::text[])
      and year = any(${sql.val([...years])}::int[])`.execute(db);
  return rows;
}

export interface IndicatorRecordRow {
  jurisdiction_code: string;
  year: number;
  status: ReportStatus;
  approved_by: string | null;
  approved_at: Date | null;
  updated_by: string | null;
  updated_at: Date;
}

/** Each counted unit-year of yearly health indicators of a subtree in the given years: its status and who approved and last changed it. */
export async function countedIndicatorRecords(
  db: Reader,
  root: string | null,
  years: readonly number[],
  statuses: readonly ReportStatus[],
): Promise<IndicatorRecordRow[]> {
  const { rows } = await sql<IndicatorRecordRow>`
    select jurisdiction_code, year, status, approved_by, approved_at, updated_by, updated_at
    from yearly_indicators
    where jurisdiction_code in (${scopeCodes(root)}) and status = any(${sql.val([...statuses])}::text[])
      and year = any(${sql.val([...years])}::int[])`.execute(db);
  return rows;
}
