// Writes a planned import in one transaction with a handful of set-based statements, so that a
// province's 2,850 rows take about as long as a few rows; each report gets its own audit rows.
import { formatPeriod } from '@tuowei/shared';
import { sql, type Transaction } from 'kysely';
import { type AuditActor, type AuditEntry, writeAudit } from '../../audit.ts';
import type { User } from '../../auth/users.ts';
import type { DB } from '../../db/schema.ts';
import type { ExistingReport, PlannedRow } from './plan.ts';

const snapshot = (
  row: { year: number; quarter: number },
  figures: {
    places: number;
    affordablePlaces: number;
    childrenEnrolled?: number | null;
    comment?: string | null;
    institutions?: object;
  },
  status: string,
  version: number,
) => ({
  period: formatPeriod({ year: row.year, quarter: row.quarter as 1 | 2 | 3 | 4 }),
  status,
  version,
  places: figures.places,
  affordablePlaces: figures.affordablePlaces,
  childrenEnrolled: figures.childrenEnrolled ?? null,
  institutions: figures.institutions ?? {},
  comment: figures.comment ?? null,
});

export async function commitImport(
  trx: Transaction<DB>,
  user: User,
  planned: PlannedRow[],
  options: { submit: boolean; fileName: string | null; actor: AuditActor },
): Promise<void> {
  const writes = planned.filter((row) => row.action !== 'unchanged');
  if (writes.length === 0) return;
  const now = new Date();
  const status = options.submit ? 'submitted' : 'draft';
  const creates = writes.filter((row) => row.action === 'create');
  const updates = writes.filter((row) => row.action === 'update');
  const column = <T>(rows: PlannedRow[], pick: (row: PlannedRow) => T) => sql.val(rows.map(pick));

  const ids = new Map<PlannedRow, string>();
  if (creates.length > 0) {
    const { rows } = await sql<{ id: string; jurisdiction_code: string; year: number; quarter: number }>`
      insert into quarterly_reports (jurisdiction_code, year, quarter, places, affordable_places, children_enrolled,
        comment, status, created_by, updated_by, updated_at, submitted_by, submitted_at)
      select v.code, v.year, v.quarter, v.places, v.affordable, v.children, v.comment, ${status},
             ${user.username}, ${user.username}, ${now}, ${options.submit ? user.username : null}, ${options.submit ? now : null}
      from unnest(${column(creates, (r) => r.code)}::text[], ${column(creates, (r) => r.year)}::int[],
                  ${column(creates, (r) => r.quarter)}::int[], ${column(creates, (r) => r.input.places)}::int[],
                  ${column(creates, (r) => r.input.affordablePlaces)}::int[],
                  ${column(creates, (r) => r.input.childrenEnrolled ?? null)}::int[],
                  ${column(creates, (r) => r.input.comment ?? null)}::text[])
        as v(code, year, quarter, places, affordable, children, comment)
      returning id, jurisdiction_code, year, quarter`.execute(trx);
    const byKey = new Map(rows.map((row) => [`${row.jurisdiction_code}/${row.year}/${row.quarter}`, row.id]));
    for (const row of creates) ids.set(row, byKey.get(`${row.code}/${row.year}/${row.quarter}`) as string);
  }
  if (updates.length > 0) {
    await sql`
      update quarterly_reports r set
        places = v.places, affordable_places = v.affordable, children_enrolled = v.children, comment = v.comment,
        status = ${status}, version = r.version + 1, demo = false, updated_by = ${user.username}, updated_at = ${now},
        submitted_by = ${options.submit ? user.username : sql`r.submitted_by`},
        submitted_at = ${options.submit ? now : sql`r.submitted_at`},
        return_reason = ${options.submit ? null : sql`r.return_reason`}
      from unnest(${column(updates, (r) => (r.existing as ExistingReport).id)}::uuid[],
                  ${column(updates, (r) => r.input.places)}::int[], ${column(updates, (r) => r.input.affordablePlaces)}::int[],
                  ${column(updates, (r) => r.input.childrenEnrolled ?? null)}::int[],
                  ${column(updates, (r) => r.input.comment ?? null)}::text[])
        as v(id, places, affordable, children, comment)
      where r.id = v.id`.execute(trx);
    for (const row of updates) ids.set(row, (row.existing as ExistingReport).id);
  }

  const reportIds = writes.map((row) => ids.get(row) as string);
  await sql`delete from report_institutions where report_id = any(${sql.val(reportIds)}::uuid[])`.execute(trx);
  const institutions = writes.flatMap((row) =>
    Object.entries(row.input.institutions ?? {}).map(([kind, count]) => ({
      id: ids.get(row) as string,
      kind,
      count: count as number,
    })),
  );
  if (institutions.length > 0) {
    await sql`
      insert into report_institutions (report_id, kind, count)
      select * from unnest(${sql.val(institutions.map((i) => i.id))}::uuid[], ${sql.val(institutions.map((i) => i.kind))}::text[],
                           ${sql.val(institutions.map((i) => i.count))}::int[])`.execute(trx);
  }

  // the same audit rows the form writes: insert or update, then submit when asked
  const reason = `导入 import${options.fileName ? `: ${options.fileName}` : ''}`;
  const audit = writes.flatMap((row) => {
    const existing = row.existing;
    const version = existing ? existing.version + 1 : 1;
    const write: AuditEntry = {
      action: row.action === 'create' ? 'insert' : 'update',
      entity: 'report',
      entityId: ids.get(row) as string,
      jurisdictionCode: row.code,
      before: existing ? snapshot(row, existing, existing.status, existing.version) : undefined,
      after: snapshot(row, row.input, 'draft', version),
      reason,
    };
    if (!options.submit) return [write];
    return [
      write,
      { ...write, action: 'submit', before: write.after, after: snapshot(row, row.input, 'submitted', version) },
    ];
  });
  await writeAudit(trx, options.actor, audit);
}
