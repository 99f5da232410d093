// Quarterly reports: reading one with its previous quarter, and the history of its changes.
import type { InstitutionCounts, ReportStatus, ReportView } from '@tuowei/shared';
import { formatPeriod, reportWarnings } from '@tuowei/shared';
import { type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface StoredReport {
  id: string;
  code: string;
  year: number;
  quarter: number;
  places: number;
  affordablePlaces: number;
  childrenEnrolled: number | null;
  secondChildMonths: number | null;
  thirdChildMonths: number | null;
  institutions: InstitutionCounts;
  status: ReportStatus;
  version: number;
  demo: boolean;
  comment: string | null;
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

type Reader = Kysely<DB> | Transaction<DB>;

const REPORT_COLUMNS = sql`
  r.id, r.jurisdiction_code, r.year, r.quarter, r.places, r.affordable_places, r.children_enrolled,
  r.second_child_months, r.third_child_months, r.status, r.version, r.demo, r.comment, r.return_reason, r.created_by, r.created_at, r.updated_by,
  r.updated_at, r.submitted_by, r.submitted_at, r.approved_by, r.approved_at,
  coalesce((select json_object_agg(i.kind, i.count) from report_institutions i where i.report_id = r.id), '{}') as institutions`;

interface ReportRow {
  id: string;
  jurisdiction_code: string;
  year: number;
  quarter: number;
  places: number;
  affordable_places: number;
  children_enrolled: number | null;
  second_child_months: number | null;
  third_child_months: number | null;
  status: ReportStatus;
  version: number;
  demo: boolean;
  comment: string | null;
  return_reason: string | null;
  created_by: string | null;
  created_at: Date;
  updated_by: string | null;
  updated_at: Date;
  submitted_by: string | null;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  institutions: InstitutionCounts;
}

const toReport = (row: ReportRow): StoredReport => ({
  id: row.id,
  code: row.jurisdiction_code,
  year: row.year,
  quarter: row.quarter,
  places: row.places,
  affordablePlaces: row.affordable_places,
  childrenEnrolled: row.children_enrolled,
  secondChildMonths: row.second_child_months,
  thirdChildMonths: row.third_child_months,
  institutions: row.institutions,
  status: row.status,
  version: row.version,
  demo: row.demo,
  comment: row.comment,
  returnReason: row.return_reason,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
  submittedBy: row.submitted_by,
  submittedAt: row.submitted_at,
  approvedBy: row.approved_by,
  approvedAt: row.approved_at,
});

/** One report; `forUpdate` locks its row for the rest of the transaction. */
export async function findReport(
  db: Reader,
  code: string,
  year: number,
  quarter: number,
  forUpdate = false,
): Promise<StoredReport | null> {
  const { rows } = await sql<ReportRow>`
    select ${REPORT_COLUMNS} from quarterly_reports r
    where r.jurisdiction_code = ${code} and r.year = ${year} and r.quarter = ${quarter}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return rows[0] ? toReport(rows[0]) : null;
}

/** The report of the quarter before, whatever its status. */
export function previousReport(db: Reader, code: string, year: number, quarter: number): Promise<StoredReport | null> {
  return quarter === 1 ? findReport(db, code, year - 1, 4) : findReport(db, code, year, quarter - 1);
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  by: string;
  at: string;
}

/** Field by field, what changed in a report since its last approval, and by whom. */
export async function changesSinceApproval(db: Reader, reportId: string): Promise<FieldChange[]> {
  // this transaction's own rows are chained only when it commits: read after the chained ones
  const { rows } = await sql<{ action: string; actor: string; at: Date; before: unknown; after: unknown }>`
    select action, actor, at, before, after from (
      select 0 as part, id as n, action, actor, at, before, after from audit_log
      where entity = 'report' and entity_id = ${reportId}
      union all
      select 1, seq, action, actor, at, before, after from audit_log_pending()
      where entity = 'report' and entity_id = ${reportId}
    ) trail
    order by part, n`.execute(db);
  const lastApproval = rows.map((row) => row.action).lastIndexOf('approve');
  if (lastApproval < 0) return [];
  const changes: FieldChange[] = [];
  for (const row of rows.slice(lastApproval + 1)) {
    if (row.action !== 'update') continue;
    const before = (row.before ?? {}) as Record<string, unknown>;
    const after = (row.after ?? {}) as Record<string, unknown>;
    for (const field of FIGURE_FIELDS) {
      if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
        changes.push({
          field,
          before: before[field],
          after: after[field],
          by: row.actor,
          at: new Date(row.at).toISOString(),
        });
      }
    }
  }
  return changes;
}

export const FIGURE_FIELDS = [
  'places',
  'affordablePlaces',
  'childrenEnrolled',
  'secondChildMonths',
  'thirdChildMonths',
  'institutions',
  'comment',
] as const;

/** What the audit trail keeps of a report, before and after a change. */
export function snapshot(report: StoredReport) {
  return {
    period: formatPeriod({ year: report.year, quarter: report.quarter as 1 | 2 | 3 | 4 }),
    status: report.status,
    version: report.version,
    places: report.places,
    affordablePlaces: report.affordablePlaces,
    childrenEnrolled: report.childrenEnrolled,
    secondChildMonths: report.secondChildMonths,
    thirdChildMonths: report.thirdChildMonths,
    institutions: report.institutions,
    comment: report.comment,
  };
}

const iso = (date: Date | null) => (date === null ? null : new Date(date).toISOString());

export function toView(report: StoredReport, previous: StoredReport | null, changes: FieldChange[]): ReportView {
  return {
    code: report.code,
    period: formatPeriod({ year: report.year, quarter: report.quarter as 1 | 2 | 3 | 4 }),
    version: report.version,
    status: report.status,
    places: report.places,
    affordablePlaces: report.affordablePlaces,
    childrenEnrolled: report.childrenEnrolled,
    secondChildMonths: report.secondChildMonths,
    thirdChildMonths: report.thirdChildMonths,
    institutions: report.institutions,
    comment: report.comment,
    returnReason: report.returnReason,
    demo: report.demo,
    createdBy: report.createdBy,
    createdAt: iso(report.createdAt) as string,
    updatedBy: report.updatedBy,
    updatedAt: iso(report.updatedAt) as string,
    submittedBy: report.submittedBy,
    submittedAt: iso(report.submittedAt),
    approvedBy: report.approvedBy,
    approvedAt: iso(report.approvedAt),
    previous: previous && {
      period: formatPeriod({ year: previous.year, quarter: previous.quarter as 1 | 2 | 3 | 4 }),
      status: previous.status,
      places: previous.places,
      affordablePlaces: previous.affordablePlaces,
      childrenEnrolled: previous.childrenEnrolled,
      institutions: previous.institutions,
    },
    changesSinceApproval: changes,
    warnings: reportWarnings(report, previous),
  };
}

/** The figures a draft is written with, and who wrote it when. */
export interface DraftFields {
  places: number;
  affordable_places: number;
  children_enrolled: number | null;
  second_child_months: number | null;
  third_child_months: number | null;
  comment: string | null;
  updated_by: string;
  updated_at: Date;
}

/**
 * Creates a report as a draft; its id, or null when someone else created the same unit-quarter
 * a moment ago (theirs stands).
 */
export async function insertDraft(
  trx: Transaction<DB>,
  key: { code: string; year: number; quarter: number },
  fields: DraftFields,
  createdBy: string,
): Promise<string | null> {
  const inserted = await trx
    .insertInto('quarterly_reports')
    .values({
      ...fields,
      jurisdiction_code: key.code,
      year: key.year,
      quarter: key.quarter,
      status: 'draft',
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(['jurisdiction_code', 'year', 'quarter']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function updateReport(
  trx: Transaction<DB>,
  reportId: string,
  changes: Updateable<DB['quarterly_reports']>,
): Promise<void> {
  await trx.updateTable('quarterly_reports').set(changes).where('id', '=', reportId).execute();
}

/** Replaces a report's institution counts with the given ones. */
export async function replaceInstitutions(
  trx: Transaction<DB>,
  reportId: string,
  institutions: InstitutionCounts | undefined,
): Promise<void> {
  await trx.deleteFrom('report_institutions').where('report_id', '=', reportId).execute();
  const rows = Object.entries(institutions ?? {}).map(([kind, count]) => ({
    report_id: reportId,
    kind,
    count: count as number,
  }));
  if (rows.length > 0) await trx.insertInto('report_institutions').values(rows).execute();
}
