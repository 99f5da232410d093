// Each unit's report of one quarter, with when it was first submitted.
import type { UnitReport } from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCodes } from '../jurisdictions/repository.ts';

interface SubmissionRow {
  jurisdiction_code: string;
  status: UnitReport['status'];
  first_submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  demo: boolean;
}

const byUnit = (rows: SubmissionRow[]): Map<string, UnitReport> =>
  new Map(
    rows.map((row) => [
      row.jurisdiction_code,
      {
        status: row.status,
        firstSubmittedAt: row.first_submitted_at && new Date(row.first_submitted_at),
        approvedBy: row.approved_by,
        approvedAt: row.approved_at && new Date(row.approved_at),
        demo: row.demo,
      },
    ]),
  );

/** First submission: the audit trail's earliest submit, else (reports loaded without one) submitted_at. */
export async function quarterReports(
  db: Kysely<DB> | Transaction<DB>,
  root: string | null,
  year: number,
  quarter: number,
): Promise<Map<string, UnitReport>> {
  const { rows } = await sql<SubmissionRow>`
    select r.jurisdiction_code, r.status, r.approved_by, r.approved_at, r.demo,
           coalesce((select min(a.at) from audit_log a
                     where a.entity = 'report' and a.entity_id = r.id::text and a.action = 'submit'),
                    r.submitted_at) as first_submitted_at
    from quarterly_reports r
    where r.jurisdiction_code in (${scopeCodes(root)}) and r.year = ${year} and r.quarter = ${quarter}`.execute(db);
  return byUnit(rows);
}

/** Each unit's yearly health indicators of one year, first submitted as the audit trail says. */
export async function yearIndicators(
  db: Kysely<DB> | Transaction<DB>,
  root: string | null,
  year: number,
): Promise<Map<string, UnitReport>> {
  const { rows } = await sql<SubmissionRow>`
    select r.jurisdiction_code, r.status, r.approved_by, r.approved_at, false as demo,
           coalesce((select min(a.at) from audit_log a
                     where a.entity = 'indicators' and a.entity_id = r.id::text and a.action = 'submit'),
                    r.submitted_at) as first_submitted_at
    from yearly_indicators r
    where r.jurisdiction_code in (${scopeCodes(root)}) and r.year = ${year}`.execute(db);
  return byUnit(rows);
}
