// Writes a planned import in one transaction with a handful of set-based statements, so that a
// province's 2,850 rows take about as long as a few rows; each report gets its own audit rows.
import type { Transaction } from 'kysely';
import { type AuditActor, type AuditEntry, writeAudit } from '../../audit.ts';
import type { User } from '../../auth/users.ts';
import type { DB } from '../../db/schema.ts';
import { snapshot } from '../reports/repository.ts';
import type { PlannedRow } from './plan.ts';
import {
  type ExistingReport,
  insertImportedReports,
  replaceImportedInstitutions,
  updateImportedReports,
} from './repository.ts';

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

  const ids = new Map<PlannedRow, string>();
  const stamp = { status, by: user.username, at: now, submit: options.submit } as const;
  const figures = (row: PlannedRow) => ({
    places: row.input.places,
    affordablePlaces: row.input.affordablePlaces,
    childrenEnrolled: row.input.childrenEnrolled ?? null,
    secondChildMonths: row.input.secondChildMonths ?? null,
    thirdChildMonths: row.input.thirdChildMonths ?? null,
    comment: row.input.comment ?? null,
  });
  if (creates.length > 0) {
    const rows = await insertImportedReports(
      trx,
      creates.map((row) => ({ code: row.code, year: row.year, quarter: row.quarter, ...figures(row) })),
      stamp,
    );
    const byKey = new Map(rows.map((row) => [`${row.jurisdiction_code}/${row.year}/${row.quarter}`, row.id]));
    for (const row of creates) ids.set(row, byKey.get(`${row.code}/${row.year}/${row.quarter}`) as string);
  }
  if (updates.length > 0) {
    await updateImportedReports(
      trx,
      updates.map((row) => ({ id: (row.existing as ExistingReport).id, ...figures(row) })),
      stamp,
    );
    for (const row of updates) ids.set(row, (row.existing as ExistingReport).id);
  }

  const reportIds = writes.map((row) => ids.get(row) as string);
  const institutions = writes.flatMap((row) =>
    Object.entries(row.input.institutions ?? {}).map(([kind, count]) => ({
      reportId: ids.get(row) as string,
      kind,
      count: count as number,
    })),
  );
  await replaceImportedInstitutions(trx, reportIds, institutions);

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
      before: existing ? snapshot({ ...row, ...existing }) : undefined,
      after: snapshot({ ...row, ...row.input, status: 'draft', version }),
      reason,
    };
    if (!options.submit) return [write];
    return [
      write,
      {
        ...write,
        action: 'submit',
        before: write.after,
        after: snapshot({ ...row, ...row.input, status: 'submitted', version }),
      },
    ];
  });
  await writeAudit(trx, options.actor, audit);
}
