// Quarterly reports: reading one with its previous quarter, and the history of its changes.

import crypto from 'node:crypto';
import type { InstitutionCounts, ReportStatus, ReportView } from '@tuowei/shared';
import { formatPeriod, reportWarnings, type Succession, Successions } from '@tuowei/shared';
import { type Compilable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import { type AuditActor, type AuditEntry, auditInsert } from '../../audit.ts';
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

/**
 * A report's own columns, by name (not `*`): the write returns them too, and a prepared statement
 * (db/prepared.ts) that returned `*` would be refused once another process's migration added one.
 */
const REPORT_ROW_COLUMNS = [
  'id',
  'jurisdiction_code',
  'year',
  'quarter',
  'places',
  'affordable_places',
  'children_enrolled',
  'second_child_months',
  'third_child_months',
  'status',
  'version',
  'demo',
  'comment',
  'return_reason',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
  'submitted_by',
  'submitted_at',
  'approved_by',
  'approved_at',
] as const;

/** A report's columns read from `quarterly_reports r`, with its institution counts. */
const REPORT_COLUMNS = sql`
  ${sql.join(REPORT_ROW_COLUMNS.map((column) => sql.ref(`r.${column}`)))},
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

const quarterBefore = (year: number, quarter: number) =>
  quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };

/** The report of the quarter before, whatever its status. */
export function previousReport(db: Reader, code: string, year: number, quarter: number): Promise<StoredReport | null> {
  const before = quarterBefore(year, quarter);
  return findReport(db, code, before.year, before.quarter);
}

/** A report's audit row, as far as its changes since an approval need it. */
export interface TrailRow {
  action: string;
  actor: string;
  at: Date | string;
  before: unknown;
  after: unknown;
}

export interface ReportForWrite {
  report: StoredReport | null;
  previous: StoredReport | null;
  /** The successions from the report's code (what the retired-code refusal looks at). */
  successions: Successions;
  /** The report's chained audit rows, in order (this transaction has written none yet). */
  trail: TrailRow[];
}

/**
 * A writer's first read, the first statement of its transaction: the report, its row locked for
 * the rest of the transaction, the report of the quarter before (not locked), the successions from
 * its code and its trail so far, in one statement; a write needs them all (the retired-code
 * refusal, the warnings, the answer), and each statement is a round trip while the row is locked.
 */
export async function findReportForWrite(
  trx: Transaction<DB>,
  code: string,
  year: number,
  quarter: number,
): Promise<ReportForWrite> {
  const before = quarterBefore(year, quarter);
  const { rows } = await sql<
    (ReportRow & { part: number | null }) & { successions: Succession[]; trail: TrailRow[] | null }
  >`
    with this_quarter as materialized (
      select ${REPORT_COLUMNS} from quarterly_reports r
      where r.jurisdiction_code = ${code} and r.year = ${year} and r.quarter = ${quarter}
      for update of r
    ),
    found as (
      select 0 as part, * from this_quarter
      union all
      select 1 as part, ${REPORT_COLUMNS} from quarterly_reports r
      where r.jurisdiction_code = ${code} and r.year = ${before.year} and r.quarter = ${before.quarter}
    )
    select found.*,
      (select coalesce(json_agg(json_build_object(
         'fromCode', s.from_code, 'toCode', s.to_code, 'effectiveOn', to_char(s.effective_on, 'YYYY-MM-DD'),
         'reason', s.reason, 'kind', s.kind) order by s.effective_on, s.to_code), '[]')
       from successions s where s.from_code = ${code}) as successions,
      case when found.part = 0 then
        (select coalesce(json_agg(json_build_object(
           'action', a.action, 'actor', a.actor, 'at', a.at, 'before', a.before, 'after', a.after) order by a.id), '[]')
         from audit_log a where a.entity = 'report' and a.entity_id = found.id::text)
      end as trail
    from (select) one left join found on true`.execute(trx);
  const part = (n: number) => rows.find((row) => row.part === n);
  const current = part(0);
  const previous = part(1);
  return {
    report: current ? toReport(current) : null,
    previous: previous ? toReport(previous) : null,
    successions: new Successions(rows[0].successions),
    trail: current?.trail ?? [],
  };
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
  const { rows } = await sql<TrailRow>`
    select action, actor, at, before, after from (
      select 0 as part, id as n, action, actor, at, before, after from audit_log
      where entity = 'report' and entity_id = ${reportId}
      union all
      select 1, seq, action, actor, at, before, after from audit_log_pending()
      where entity = 'report' and entity_id = ${reportId}
    ) trail
    order by part, n`.execute(db);
  return changesInTrail(rows);
}

/** Field by field, the figures' changes in a report's trail since its last approval. */
export function changesInTrail(rows: readonly TrailRow[]): FieldChange[] {
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

/** What the audit trail keeps of a report: its quarter, status, version and figures. */
export interface AuditedReport {
  year: number;
  quarter: number;
  status: string;
  version: number;
  places: number;
  affordablePlaces: number;
  childrenEnrolled?: number | null;
  secondChildMonths?: number | null;
  thirdChildMonths?: number | null;
  comment?: string | null;
  institutions?: object;
}

/** What the audit trail keeps of a report, before and after a change (the form's, an import's). */
export function snapshot(report: AuditedReport) {
  return {
    period: formatPeriod({ year: report.year, quarter: report.quarter as 1 | 2 | 3 | 4 }),
    status: report.status,
    version: report.version,
    places: report.places,
    affordablePlaces: report.affordablePlaces,
    childrenEnrolled: report.childrenEnrolled ?? null,
    secondChildMonths: report.secondChildMonths ?? null,
    thirdChildMonths: report.thirdChildMonths ?? null,
    institutions: report.institutions ?? {},
    comment: report.comment ?? null,
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

/** A stored row as written, with the institution counts the caller knows it has. */
const written = (
  row: Omit<ReportRow, 'status' | 'institutions'> & { status: string },
  institutions: InstitutionCounts,
) => toReport({ ...row, status: row.status as ReportStatus, institutions });

/** The counts as report_institutions keeps them: a row per kind given. */
const institutionRows = (reportId: string, institutions: InstitutionCounts | undefined) =>
  Object.entries(institutions ?? {}).map(([kind, count]) => ({ report_id: reportId, kind, count: count as number }));

/** The counts a report has once `institutions` replaced its own (what json_object_agg reads back). */
export const institutionsOf = (institutions: InstitutionCounts | undefined): InstitutionCounts =>
  Object.fromEntries(institutionRows('', institutions).map((row) => [row.kind, row.count]));

/** Whether two sets of counts are the same kinds with the same counts. */
export function sameInstitutions(a: InstitutionCounts, b: InstitutionCounts): boolean {
  const kinds = Object.keys(a) as (keyof InstitutionCounts)[];
  return kinds.length === Object.keys(b).length && kinds.every((kind) => a[kind] === b[kind]);
}

/** A report's audit row as its write sends it: all but the row written, which the statement gives. */
export interface ReportAudit {
  actor: AuditActor;
  action: string;
  before?: ReturnType<typeof snapshot>;
  reason?: string | null;
}

/**
 * A report's write and its audit row in one statement (a round trip fewer while the row is
 * locked): `write` returns the written row, and the audit row, written only when it did, says
 * `after` of it. The row returned is checked to be what `after` says of the row's own columns,
 * else nothing is kept (the error rolls the transaction back): the trail never tells another
 * figure of the report's row than the one stored. (Its institution counts are written by their
 * own statements, from the same object `after` gives them from.)
 */
async function writtenAndAudited(
  trx: Transaction<DB>,
  write: Compilable,
  id: string,
  code: string,
  audit: ReportAudit,
  after: ReturnType<typeof snapshot>,
  institutions: InstitutionCounts,
): Promise<StoredReport | null> {
  const entry: AuditEntry = {
    action: audit.action,
    entity: 'report',
    entityId: id,
    jurisdictionCode: code,
    before: audit.before,
    after,
    reason: audit.reason ?? null,
  };
  const { rows } = await sql<Omit<ReportRow, 'institutions'>>`
    with written as (${write}),
    audited as (${auditInsert(audit.actor, [entry], sql`exists (select 1 from written)`)})
    select ${sql.join(REPORT_ROW_COLUMNS.map((column) => sql.ref(column)))} from written`.execute(trx);
  if (!rows[0]) return null;
  const report = written(rows[0], institutions);
  if (JSON.stringify(snapshot(report)) !== JSON.stringify(after))
    throw new Error(`report ${id}: the row written is not the one its audit row describes`);
  return report;
}

/**
 * Creates a report as a draft with its institution counts and its audit row; the report as
 * stored (the insert's own returned row, not read again), or null when someone else created the
 * same unit-quarter a moment ago (theirs stands, and nothing of this one is written).
 */
export async function insertDraft(
  trx: Transaction<DB>,
  key: { code: string; year: number; quarter: number },
  fields: DraftFields,
  createdBy: string,
  institutions: InstitutionCounts | undefined,
  audit: ReportAudit,
): Promise<StoredReport | null> {
  const id = crypto.randomUUID();
  const counts = institutionsOf(institutions);
  const insert = trx
    .insertInto('quarterly_reports')
    .values({
      ...fields,
      id,
      jurisdiction_code: key.code,
      year: key.year,
      quarter: key.quarter,
      status: 'draft',
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(['jurisdiction_code', 'year', 'quarter']).doNothing())
    .returning(REPORT_ROW_COLUMNS);
  const after = snapshot({
    ...key,
    status: 'draft',
    version: 1,
    places: fields.places,
    affordablePlaces: fields.affordable_places,
    childrenEnrolled: fields.children_enrolled,
    secondChildMonths: fields.second_child_months,
    thirdChildMonths: fields.third_child_months,
    comment: fields.comment,
    institutions: counts,
  });
  const report = await writtenAndAudited(trx, insert, id, key.code, audit, after, counts);
  if (!report) return null;
  // a new report has no counts yet: nothing to delete
  const rows = institutionRows(report.id, institutions);
  if (rows.length > 0) await trx.insertInto('report_institutions').values(rows).execute();
  return report;
}

/** The figures and state an update's changes give a report (what its audit row's `after` says). */
function changed(report: StoredReport, changes: Updateable<DB['quarterly_reports']>): AuditedReport {
  const pick = <T>(value: T | undefined, kept: T) => (value === undefined ? kept : value);
  return {
    year: report.year,
    quarter: report.quarter,
    status: pick(changes.status as string | undefined, report.status),
    version: pick(changes.version as number | undefined, report.version),
    places: pick(changes.places as number | undefined, report.places),
    affordablePlaces: pick(changes.affordable_places as number | undefined, report.affordablePlaces),
    childrenEnrolled: pick(changes.children_enrolled as number | null | undefined, report.childrenEnrolled),
    secondChildMonths: pick(changes.second_child_months as number | null | undefined, report.secondChildMonths),
    thirdChildMonths: pick(changes.third_child_months as number | null | undefined, report.thirdChildMonths),
    comment: pick(changes.comment as string | null | undefined, report.comment),
  };
}

/**
 * Updates a report with its audit row; the report as stored, with the institution counts it
 * has (`institutions`: unchanged by this, or just replaced).
 */
export async function updateReport(
  trx: Transaction<DB>,
  existing: StoredReport,
  changes: Updateable<DB['quarterly_reports']>,
  institutions: InstitutionCounts,
  audit: ReportAudit,
): Promise<StoredReport> {
  const update = trx
    .updateTable('quarterly_reports')
    .set(changes)
    .where('id', '=', existing.id)
    .returning(REPORT_ROW_COLUMNS);
  const after = snapshot({ ...changed(existing, changes), institutions });
  const report = await writtenAndAudited(trx, update, existing.id, existing.code, audit, after, institutions);
  if (!report) throw new Error(`report ${existing.id}: locked for this write, but not there to update`);
  return report;
}

/** Replaces a report's institution counts with the given ones. */
export async function replaceInstitutions(
  trx: Transaction<DB>,
  reportId: string,
  institutions: InstitutionCounts | undefined,
): Promise<void> {
  await trx.deleteFrom('report_institutions').where('report_id', '=', reportId).execute();
  const rows = institutionRows(reportId, institutions);
  if (rows.length > 0) await trx.insertInto('report_institutions').values(rows).execute();
}
