// Everything the progress computation needs for one jurisdiction and quarter, read in a few queries.
import {
  type CountedReport,
  type InstitutionCounts,
  type ProgressInput,
  type ReportStatus,
  type Settings,
  SubtreeValues,
} from '@tuowei/shared';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { lineageOf, populationsOf, subtreeCodes, subtreeOf, subtreePopulations } from '../jurisdictions/repository.ts';
import { listPlans } from '../plans/repository.ts';
import { countedStatuses } from '../settings/repository.ts';

interface ReportRow {
  jurisdiction_code: string;
  year: number;
  quarter: number;
  places: number;
  affordable_places: number;
  children_enrolled: number | null;
  status: ReportStatus;
  demo: boolean;
  institutions: InstitutionCounts | null;
}

/** Counted reports of a subtree up to a quarter, by jurisdiction and quarter. */
export async function countedReports(
  db: Kysely<DB>,
  code: string,
  upToIndex: number,
  statuses: readonly ReportStatus[],
): Promise<Map<string, Map<number, CountedReport>>> {
  const { rows } = await sql<ReportRow>`
    select r.jurisdiction_code, r.year, r.quarter, r.places, r.affordable_places, r.children_enrolled,
           r.status, r.demo,
           (select json_object_agg(i.kind, i.count) from report_institutions i where i.report_id = r.id) as institutions
    from quarterly_reports r
    where r.jurisdiction_code in (${subtreeCodes(code)})
      and r.status = any(${sql.val([...statuses])}::text[])
      and r.year * 4 + r.quarter - 1 <= ${upToIndex}`.execute(db);
  const result = new Map<string, Map<number, CountedReport>>();
  for (const row of rows) {
    const periodIndex = row.year * 4 + row.quarter - 1;
    const byPeriod = result.get(row.jurisdiction_code) ?? new Map<number, CountedReport>();
    byPeriod.set(periodIndex, {
      periodIndex,
      places: row.places,
      affordablePlaces: row.affordable_places,
      childrenEnrolled: row.children_enrolled,
      institutions: row.institutions ?? {},
      status: row.status,
      demo: row.demo,
    });
    result.set(row.jurisdiction_code, byPeriod);
  }
  return result;
}

/** The inputs of computeProgress, or null for an unknown jurisdiction. */
export async function loadProgressInput(
  db: Kysely<DB>,
  code: string,
  periodIndex: number,
  settings: Settings,
): Promise<ProgressInput | null> {
  const lineage = await lineageOf(db, code);
  if (lineage.length === 0) return null;
  const lineageCodes = lineage.map((unit) => unit.code);
  const [units, reports, populations, plans] = await Promise.all([
    subtreeOf(db, code),
    countedReports(db, code, periodIndex, countedStatuses(settings)),
    subtreePopulations(db, code),
    listPlans(db, lineageCodes),
  ]);
  const planPopulations = await populationsOf(
    db,
    plans.map((plan) => plan.jurisdictionCode),
  );
  return {
    periodIndex,
    lineage,
    subtree: new SubtreeValues(units, reports, populations),
    plans,
    planPopulations,
  };
}
