// Everything the progress computation needs for a jurisdiction's whole subtree (or the whole
// country) at a quarter, read in a few set-based queries, from which any unit's progress follows.
import {
  type CountedReport,
  computeProgress,
  type InstitutionCounts,
  type Level,
  type PopulationFigure,
  type Progress,
  type ProgressInput,
  type ReportStatus,
  type Settings,
  SubtreeValues,
  type UnitNode,
} from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { lineageOf, populationsOf, scopeCodes } from '../jurisdictions/repository.ts';
import { listPlans, type StoredPlan } from '../plans/repository.ts';
import { countedStatuses } from '../settings/repository.ts';

type Reader = Kysely<DB> | Transaction<DB>;

/** [periodIndex, places, affordable, children, status, demo, institutions] */
type PackedReport = [number, number, number, number | null, ReportStatus, boolean, InstitutionCounts | null];

/**
 * Counted reports of a subtree up to a quarter, by jurisdiction and quarter. Postgres packs each
 * unit's reports into one JSON array: a country's 66,000 reports parse several times faster so.
 */
export async function countedReports(
  db: Reader,
  root: string | null,
  upToIndex: number,
  statuses: readonly ReportStatus[],
): Promise<Map<string, Map<number, CountedReport>>> {
  const { rows } = await sql<{ jurisdiction_code: string; reports: PackedReport[] }>`
    select r.jurisdiction_code,
           json_agg(json_build_array(r.year * 4 + r.quarter - 1, r.places, r.affordable_places, r.children_enrolled,
                                     r.status, r.demo, i.institutions)) as reports
    from quarterly_reports r
    left join (select report_id, json_object_agg(kind, count) as institutions from report_institutions group by report_id) i
      on i.report_id = r.id
    where r.jurisdiction_code in (${scopeCodes(root)})
      and r.status = any(${sql.val([...statuses])}::text[])
      and r.year * 4 + r.quarter - 1 <= ${upToIndex}
    group by r.jurisdiction_code`.execute(db);
  const result = new Map<string, Map<number, CountedReport>>();
  for (const row of rows) {
    const byPeriod = new Map<number, CountedReport>();
    for (const [periodIndex, places, affordablePlaces, childrenEnrolled, status, demo, institutions] of row.reports) {
      byPeriod.set(periodIndex, {
        periodIndex,
        places,
        affordablePlaces,
        childrenEnrolled,
        institutions: institutions ?? {},
        status,
        demo,
      });
    }
    result.set(row.jurisdiction_code, byPeriod);
  }
  return result;
}

export interface SubtreeContext {
  periodIndex: number;
  /** The root's units first (the country: every province), then everything below. */
  units: UnitNode[];
  subtree: SubtreeValues;
  plans: StoredPlan[];
  /** A unit's lineage up to its province. */
  lineageOf(code: string): UnitNode[];
  inputFor(code: string): ProgressInput;
  progressOf(code: string): Progress;
}

/** The context of a subtree (root null: the whole country), or null for an unknown root. */
export async function loadSubtree(
  db: Reader,
  root: string | null,
  periodIndex: number,
  settings: Settings,
): Promise<SubtreeContext | null> {
  const above = root ? (await lineageOf(db, root)).slice(1) : [];
  const { rows: unitRows } = await sql<{
    code: string;
    name: string;
    name_en: string;
    level: string;
    parent_code: string | null;
  }>`
    select code, name, name_en, level, parent_code from jurisdictions where code in (${scopeCodes(root)}) order by code`.execute(
    db,
  );
  if (root && unitRows.length === 0) return null;
  const units: UnitNode[] = unitRows.map((row) => ({
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    level: row.level as Level,
    parentCode: row.parent_code,
  }));
  const { rows: populationRows } = await sql<{
    jurisdiction_code: string;
    year: number;
    population: string;
    source: string;
  }>`
    select jurisdiction_code, year, population, source from populations
    where jurisdiction_code in (${scopeCodes(root)}) order by jurisdiction_code, year`.execute(db);
  const populations = new Map<string, PopulationFigure[]>();
  for (const row of populationRows) {
    const list = populations.get(row.jurisdiction_code) ?? [];
    list.push({ year: row.year, population: Number(row.population), source: row.source });
    populations.set(row.jurisdiction_code, list);
  }
  const reports = await countedReports(db, root, periodIndex, countedStatuses(settings));
  const plans = await listPlans(db, root ? [...above.map((u) => u.code), ...units.map((u) => u.code)] : undefined);
  // plans above the root need those units' populations for schedule consistency
  for (const [code, figures] of await populationsOf(
    db,
    above.map((u) => u.code),
  ))
    populations.set(code, figures);

  const subtree = new SubtreeValues(units, reports, populations);
  const byCode = new Map([...units, ...above].map((unit) => [unit.code, unit]));
  const lineage = (code: string): UnitNode[] => {
    const chain: UnitNode[] = [];
    for (let unit = byCode.get(code); unit; unit = unit.parentCode ? byCode.get(unit.parentCode) : undefined)
      chain.push(unit);
    return chain;
  };
  const inputFor = (code: string): ProgressInput => ({
    periodIndex,
    lineage: lineage(code),
    subtree,
    plans: plans.filter((plan) => lineage(code).some((unit) => unit.code === plan.jurisdictionCode)),
    planPopulations: populations,
  });
  return {
    periodIndex,
    units,
    subtree,
    plans,
    lineageOf: lineage,
    inputFor,
    progressOf: (code) => computeProgress(inputFor(code)),
  };
}
