// Everything in a gap report, computed from the same subtree context as progress and overview.
import {
  type Completeness,
  completeness,
  type FigureProvenance,
  formatPeriod,
  type GapRow,
  gapRows,
  periodFromIndex,
  reportDeadline,
  type ScheduleFinding,
  type Settings,
  type UnitReport,
} from '@tuowei/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { subtreeCodes } from '../jurisdictions/repository.ts';
import { loadSubtree } from '../progress/repository.ts';
import { countedStatuses } from '../settings/repository.ts';

export interface GapReport {
  root: { code: string; name: string; nameEn: string };
  period: string;
  counting: Settings['counting'];
  rows: GapRow[];
  scheduleFindings: (ScheduleFinding & { jurisdictionCode: string })[];
  reconciliations: {
    code: string;
    name: string;
    own: number;
    children: number;
    difference: number;
    childrenReported: number;
    childrenTotal: number;
  }[];
  completeness: Completeness;
  demo: boolean;
}

export async function buildGapReport(
  trx: Transaction<DB>,
  root: string,
  index: number,
  settings: Settings,
): Promise<GapReport | null> {
  const context = await loadSubtree(trx, root, index, settings);
  if (!context) return null;
  const period = periodFromIndex(index);

  // the latest counted report of each unit up to the period: who approved and last changed it
  const { rows: provenanceRows } = await sql<{
    jurisdiction_code: string;
    approved_by: string | null;
    approved_at: Date | null;
    updated_by: string | null;
    updated_at: Date;
  }>`
    select distinct on (jurisdiction_code) jurisdiction_code, approved_by, approved_at, updated_by, updated_at
    from quarterly_reports
    where jurisdiction_code in (${subtreeCodes(root)}) and status = any(${sql.val(countedStatuses(settings))}::text[])
      and year * 4 + quarter - 1 <= ${index}
    order by jurisdiction_code, year desc, quarter desc`.execute(trx);
  const { rows: quarterRows } = await sql<{
    jurisdiction_code: string;
    status: UnitReport['status'];
    first_submitted_at: Date | null;
    approved_by: string | null;
    approved_at: Date | null;
    demo: boolean;
  }>`
    select r.jurisdiction_code, r.status, r.approved_by, r.approved_at, r.demo,
           coalesce((select min(a.at) from audit_log a where a.entity = 'report' and a.entity_id = r.id::text and a.action = 'submit'),
                    r.submitted_at) as first_submitted_at
    from quarterly_reports r
    where r.jurisdiction_code in (${subtreeCodes(root)}) and r.year = ${period.year} and r.quarter = ${period.quarter}`.execute(
    trx,
  );
  const drafts = new Set(quarterRows.filter((r) => r.status === 'draft').map((r) => r.jurisdiction_code));
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  const provenance = new Map<string, FigureProvenance>(
    provenanceRows.map((row) => [
      row.jurisdiction_code,
      {
        approvedBy: row.approved_by,
        approvedAt: iso(row.approved_at),
        lastChangedBy: row.updated_by,
        lastChangedAt: iso(row.updated_at),
        draftPending: drafts.has(row.jurisdiction_code),
      },
    ]),
  );

  const rows: GapRow[] = [];
  const scheduleFindings = new Map<string, GapReport['scheduleFindings'][number]>();
  const reconciliations: GapReport['reconciliations'] = [];
  let demo = false;
  // the root first, then its units in code order
  const order = [root, ...context.units.map((u) => u.code).filter((code) => code !== root)];
  for (const code of order) {
    const progress = context.progressOf(code);
    demo ||= progress.demo;
    rows.push(
      ...gapRows(
        progress,
        provenance.get(code) ??
          (drafts.has(code)
            ? { approvedBy: null, approvedAt: null, lastChangedBy: null, lastChangedAt: null, draftPending: true }
            : undefined),
      ),
    );
    for (const finding of progress.scheduleFindings) {
      scheduleFindings.set(`${finding.planId}|${finding.year}|${finding.scheduleMetric}`, {
        ...finding,
        jurisdictionCode: context.plans.find((plan) => plan.id === finding.planId)?.jurisdictionCode ?? code,
      });
    }
    const reconciliation = progress.actual?.reconciliation;
    if (reconciliation) {
      reconciliations.push({
        code,
        name: progress.name,
        own: progress.actual?.places ?? 0,
        children: reconciliation.childrenPlaces,
        difference: reconciliation.placesDifference,
        childrenReported: reconciliation.childrenReported,
        childrenTotal: reconciliation.childrenTotal,
      });
    }
  }

  const unitReports = new Map<string, UnitReport>(
    quarterRows.map((row) => [
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
  const rootUnit = context.units.find((u) => u.code === root) as (typeof context.units)[number];
  return {
    root: { code: root, name: rootUnit.name, nameEn: rootUnit.nameEn },
    period: formatPeriod(period),
    counting: settings.counting,
    rows,
    scheduleFindings: [...scheduleFindings.values()],
    reconciliations,
    completeness: completeness(
      context.units,
      unitReports,
      reportDeadline(period, settings.reportDeadlineDays),
      new Date(),
    ),
    demo,
  };
}
