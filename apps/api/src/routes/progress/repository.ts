// Everything the progress computation needs for a jurisdiction's whole subtree (or the whole
// country) at a quarter, read in a few set-based queries, from which any unit's progress follows.
import {
  type CountedIndicators,
  type CountedReport,
  computeProgress,
  type InstitutionCounts,
  type KeptValues,
  keptValuesFor,
  type Level,
  latestCountedYear,
  type PopulationFigure,
  type Progress,
  type ProgressInput,
  type ReportStatus,
  type ResidentialProject,
  type Settings,
  SubtreeIndicators,
  SubtreeValues,
  type Successions,
  type UnitNode,
} from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { FreshCache } from '../../cache.ts';
import { lineageOf, readSuccessions } from '../../db/lineage.ts';
import { periodIndexSql } from '../../db/period-index.ts';
import type { DB } from '../../db/schema.ts';
import { countedIndicators } from '../indicators/repository.ts';
import {
  groupPopulations,
  type PopulationRow,
  populationsOf,
  scopeCodes,
  unitsOf,
} from '../jurisdictions/repository.ts';
import { listPlans, type StoredPlan } from '../plans/repository.ts';
import { projectsByJurisdiction } from '../residential/repository.ts';
import { countedStatuses } from '../settings/repository.ts';

type Reader = Kysely<DB> | Transaction<DB>;

/**
 * One unit's counted reports as Postgres packs them: a column each, the same row order in every
 * column (statuses as their place in the counted statuses; institutions null when no report has any).
 */
type PackedColumns = [
  periods: number[],
  places: number[],
  affordable: number[],
  children: (number | null)[],
  statuses: number[],
  demo: boolean[],
  institutions: (InstitutionCounts | null)[] | null,
];

const NO_INSTITUTIONS: InstitutionCounts = Object.freeze({});

/** A report's numbers in a row of `REPORT_FIELDS` integers: quarter, figures, status, demo. */
const REPORT_FIELDS = 6;
/** A report's children enrolled when it gave none (the column holds counts, never negative). */
const NO_COUNT = -1;

/**
 * A unit's reports by quarter, kept as integers in one array shared by every unit read in the
 * same statement (a row of REPORT_FIELDS each) and made into report objects only when read: a
 * township-scale country has about a million reports, of which a dashboard reads a few quarters,
 * and an array of numbers per unit and column took 67 MiB of heap for them, against 24 MiB here.
 */
class PackedReports implements ReadonlyMap<number, CountedReport> {
  constructor(
    private readonly numbers: Int32Array,
    /** Where the unit's first report is in `numbers`, in rows. */
    private readonly first: number,
    readonly size: number,
    private readonly institutions: readonly (InstitutionCounts | null)[] | null,
    private readonly statuses: readonly ReportStatus[],
  ) {}

  private periodAt(at: number): number {
    return this.numbers[(this.first + at) * REPORT_FIELDS];
  }

  /** Where a quarter's report is among the unit's (a unit has a few dozen at most), or -1. */
  private position(periodIndex: number): number {
    for (let at = 0; at < this.size; at++) if (this.periodAt(at) === periodIndex) return at;
    return -1;
  }

  private report(at: number): CountedReport {
    const row = (this.first + at) * REPORT_FIELDS;
    const children = this.numbers[row + 3];
    return {
      periodIndex: this.numbers[row],
      places: this.numbers[row + 1],
      affordablePlaces: this.numbers[row + 2],
      childrenEnrolled: children === NO_COUNT ? null : children,
      institutions: this.institutions?.[at] ?? NO_INSTITUTIONS,
      status: this.statuses[this.numbers[row + 4]],
      demo: this.numbers[row + 5] === 1,
    };
  }

  get(periodIndex: number): CountedReport | undefined {
    const at = this.position(periodIndex);
    return at < 0 ? undefined : this.report(at);
  }

  has(periodIndex: number): boolean {
    return this.position(periodIndex) >= 0;
  }

  *keys(): MapIterator<number> {
    for (let at = 0; at < this.size; at++) yield this.periodAt(at);
  }

  *values(): MapIterator<CountedReport> {
    for (let at = 0; at < this.size; at++) yield this.report(at);
  }

  *entries(): MapIterator<[number, CountedReport]> {
    for (let at = 0; at < this.size; at++) yield [this.periodAt(at), this.report(at)];
  }

  [Symbol.iterator](): MapIterator<[number, CountedReport]> {
    return this.entries();
  }

  forEach(callback: (value: CountedReport, key: number, map: ReadonlyMap<number, CountedReport>) => void): void {
    for (let at = 0; at < this.size; at++) callback(this.report(at), this.periodAt(at), this);
  }
}

/**
 * Rows of the subtree's jurisdictions: by the codes when known (an index lookup per unit, where
 * a subtree's recursive query leads the planner to read the whole table), else by the subtree.
 */
const inSubtree = (column: string, root: string | null, codes: readonly string[] | null) =>
  codes
    ? sql`${sql.ref(column)} = any(${sql.val([...codes])}::text[])`
    : sql`${sql.ref(column)} in (${scopeCodes(root)})`;

/** The statement reading a subtree's counted reports up to a quarter, a row per jurisdiction. */
function countedReportsSql(
  root: string | null,
  upToIndex: number,
  statuses: readonly ReportStatus[],
  codes: readonly string[] | null,
) {
  const counted = sql.val([...statuses]);
  return sql<ReportRow>`
    select r.jurisdiction_code,
           json_build_array(
             array_agg(${periodIndexSql('r')}),
             array_agg(r.places),
             array_agg(r.affordable_places),
             array_agg(r.children_enrolled),
             array_agg(array_position(${counted}::text[], r.status) - 1),
             array_agg(r.demo),
             case when bool_or(i.institutions is not null)
                  then json_agg(i.institutions) end) as columns
    from quarterly_reports r
    ${
      codes
        ? sql`left join lateral (select json_object_agg(kind, count) as institutions from report_institutions
                where report_id = r.id) i on true`
        : sql`left join (select report_id, json_object_agg(kind, count) as institutions from report_institutions
                group by report_id) i on i.report_id = r.id`
    }
    where ${inSubtree('r.jurisdiction_code', root, codes)}
      and r.status = any(${counted}::text[])
      and ${periodIndexSql('r')} <= ${upToIndex}
    group by r.jurisdiction_code`;
}

/** A row of countedReportsSql. */
interface ReportRow {
  jurisdiction_code: string;
  columns: PackedColumns;
}

/** The reports countedReportsSql read, by jurisdiction and quarter: their numbers in one array. */
function packedReports(
  rows: readonly ReportRow[],
  statuses: readonly ReportStatus[],
): Map<string, ReadonlyMap<number, CountedReport>> {
  let count = 0;
  for (const row of rows) count += row.columns[0].length;
  const numbers = new Int32Array(count * REPORT_FIELDS);
  const result = new Map<string, ReadonlyMap<number, CountedReport>>();
  let first = 0;
  for (const row of rows) {
    const [periods, places, affordable, children, counted, demo, institutions] = row.columns;
    for (let at = 0; at < periods.length; at++) {
      const next = (first + at) * REPORT_FIELDS;
      numbers[next] = periods[at];
      numbers[next + 1] = places[at];
      numbers[next + 2] = affordable[at];
      numbers[next + 3] = children[at] ?? NO_COUNT;
      numbers[next + 4] = counted[at];
      numbers[next + 5] = demo[at] ? 1 : 0;
    }
    result.set(row.jurisdiction_code, new PackedReports(numbers, first, periods.length, institutions, statuses));
    first += periods.length;
  }
  return result;
}

/** Counted reports of a subtree up to a quarter, by jurisdiction and quarter. */
export async function countedReports(
  db: Reader,
  root: string | null,
  upToIndex: number,
  statuses: readonly ReportStatus[],
  codes: readonly string[] | null = null,
): Promise<Map<string, ReadonlyMap<number, CountedReport>>> {
  const { rows } = await countedReportsSql(root, upToIndex, statuses, codes).execute(db);
  return packedReports(rows, statuses);
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

/** A subtree's rows as loadSubtree reads them: its units, their populations and counted reports. */
interface SubtreeRows {
  units: UnitNode[];
  populations: Map<string, PopulationFigure[]>;
  reports: Map<string, ReadonlyMap<number, CountedReport>>;
}

/** A subtree's units in code order (root null: the country). */
async function unitsIn(db: Reader, root: string | null): Promise<UnitNode[]> {
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
  return unitRows.map((row) => ({
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    level: row.level as Level,
    parentCode: row.parent_code,
  }));
}

/**
 * The rows of a subtree (root null: the country, read whole; a subtree by its units' codes), with
 * the reports of `carried` units outside it; units in code order. `known`: the subtree's units,
 * already read (unitsIn).
 */
async function subtreeRows(
  db: Reader,
  root: string | null,
  periodIndex: number,
  statuses: readonly ReportStatus[],
  carriedOf: (units: UnitNode[]) => Promise<readonly string[]> = async () => [],
  known?: UnitNode[],
): Promise<SubtreeRows & { carried: readonly string[] }> {
  const units = known ?? (await unitsIn(db, root));
  if (root && units.length === 0) return { units, populations: new Map(), reports: new Map(), carried: [] };
  const codes = root ? units.map((unit) => unit.code) : null;
  const carried = await carriedOf(units);
  const reportsSql = countedReportsSql(root, periodIndex, statuses, codes ? [...codes, ...carried] : null);
  const populationsSql = sql<PopulationRow>`
    select jurisdiction_code, year, population, source from populations
    where ${inSubtree('jurisdiction_code', root, codes)} order by jurisdiction_code, year`;
  if (!root) {
    // the whole country a row at a time: one text of every report would be tens of megabytes
    const populations = groupPopulations((await populationsSql.execute(db)).rows);
    return { units, populations, reports: packedReports((await reportsSql.execute(db)).rows, statuses), carried };
  }
  // a subtree's populations and reports in one statement: one round trip for both
  const { rows } = await sql<{ populations: PopulationRow[]; reports: ReportRow[] }>`
    select (select coalesce(json_agg(p order by p.jurisdiction_code, p.year), '[]'::json) from (${populationsSql}) p) as populations,
           (select coalesce(json_agg(r), '[]'::json) from (${reportsSql}) r) as reports`.execute(db);
  const populations = groupPopulations(rows[0].populations);
  const reports = packedReports(rows[0].reports, statuses);
  return { units, populations, reports, carried };
}

/** The values of a map's entries, each a collection, counted together. */
function sizesOf(map: ReadonlyMap<string, { readonly size: number } | readonly unknown[]>): number {
  let count = 0;
  for (const value of map.values()) count += 'size' in value ? value.size : value.length;
  return count;
}

/** What a piece of rows weighs in the cache's count (see `FreshCache.piece`): about a row each. */
function weighRows(rows: SubtreeRows): number {
  return rows.units.length + sizesOf(rows.reports) + sizesOf(rows.populations);
}

/** Every promise's end, then their values, or the first failure once none is still running. */
async function allEnded<T>(promises: Promise<T>[]): Promise<T[]> {
  const ended = await Promise.allSettled(promises);
  const failed = ended.find((end) => end.status === 'rejected');
  if (failed) throw failed.reason;
  return ended.map((end) => (end as PromiseFulfilledResult<T>).value);
}

/** What a province's figures read besides its branches: its own rows, and its subtree's projects and indicators. */
interface ProvinceOwn extends SubtreeRows {
  projects: Map<string, ResidentialProject[]>;
  indicators: Map<string, Map<number, CountedIndicators>>;
}

/**
 * A province's rows assembled from its branches' (each unit directly under it and what lies
 * below), each branch remembered in `cache` under its own version (migration 20) and the global
 * one, and the province's own rows with its subtree's projects and indicators under the
 * province's own version (migration 21), all as `trx`'s snapshot saw them: a write in one
 * prefecture rereads that branch's reports and populations alone, and its units only when the
 * global version moved (the tree moves it). The same rows, in the same order, as subtreeRows
 * reads for the province at once.
 */
async function provinceRows(
  trx: Transaction<DB>,
  province: string,
  periodIndex: number,
  statuses: readonly ReportStatus[],
  cache: FreshCache,
  successions: Successions,
  /** Only this branch's rows with the province's own (for a root within it). */
  onlyBranch?: string,
): Promise<ProvinceOwn & { kept: Map<string, KeptValues> }> {
  const snapshot = await cache.snapshotOf(trx);
  const { global } = snapshot;
  const counted = `${periodIndex}|${statuses.join(',')}`;
  const branches = await cache.perGlobal(
    trx,
    `branches|${province}`,
    async () =>
      (
        await trx
          .selectFrom('jurisdictions')
          .select('code')
          .where('parent_code', '=', province)
          .orderBy('code')
          .execute()
      ).map((row) => row.code),
    (read) => read.length + 1,
  );
  const own = await cache.piece(
    `province-own|${province}|${counted}`,
    [Number(global), Number(snapshot.branchVersion(province))],
    async (): Promise<ProvinceOwn> => ({
      ...(await ownRows(trx, province, periodIndex, statuses)),
      projects: await projectsByJurisdiction(trx, province),
      indicators: await countedIndicators(trx, province, latestCountedYear(periodIndex), statuses),
    }),
    (rows) => weighRows(rows) + sizesOf(rows.projects) + sizesOf(rows.indicators),
  );
  // every branch's reads ended before a failure is passed on: a read still under way after the
  // transaction was rolled back would run outside its snapshot, and be remembered at its versions
  const parts = await allEnded(
    (onlyBranch === undefined ? branches : [onlyBranch]).map(async (branch) => {
      const units = await cache.perGlobal(
        trx,
        `branch-units|${branch}`,
        () => unitsIn(trx, branch),
        (read) => read.length,
      );
      return cache.piece(
        `branch|${branch}|${counted}`,
        [Number(global), Number(snapshot.branchVersion(branch))],
        // with room for the branch's computed values, kept with its rows (as the successions, by the
        // global version): a province's sums after a write add the unchanged branches' totals
        async () => ({
          ...(await subtreeRows(trx, branch, periodIndex, statuses, undefined, units)),
          kept: keptValuesFor(units, successions),
        }),
        (rows) => rows.kept.size + weighRows(rows),
      );
    }),
  );
  const units = [...own.units, ...parts.flatMap((part) => part.units)];
  units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const populations = new Map(own.populations);
  const reports = new Map(own.reports);
  const kept = new Map<string, KeptValues>();
  for (const part of parts) {
    for (const [code, figures] of part.populations) populations.set(code, figures);
    for (const [code, byPeriod] of part.reports) reports.set(code, byPeriod);
    for (const [code, values] of part.kept) kept.set(code, values);
  }
  return { units, populations, reports, kept, projects: own.projects, indicators: own.indicators };
}

/** A unit's own rows, without those of the units below it. */
async function ownRows(
  db: Reader,
  code: string,
  periodIndex: number,
  statuses: readonly ReportStatus[],
): Promise<SubtreeRows> {
  const units = await unitsOf(db, [code]);
  return {
    units,
    populations: await populationsOf(db, [code]),
    reports: units.length === 0 ? new Map() : await countedReports(db, null, periodIndex, statuses, [code]),
  };
}

/** The codes of `root` and every unit below it among `units`, by their parents. */
function subtreeCodes(units: readonly UnitNode[], root: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentCode === null) continue;
    const list = children.get(unit.parentCode) ?? [];
    list.push(unit.code);
    children.set(unit.parentCode, list);
  }
  const codes = new Set([root]);
  for (const code of codes) for (const child of children.get(code) ?? []) codes.add(child);
  return codes;
}

/** The plans of the given jurisdictions among every plan, in the same order (all: every plan). */
function plansOf(every: StoredPlan[], codes: readonly string[] | undefined): StoredPlan[] {
  if (!codes) return every;
  const wanted = new Set(codes);
  return every.filter((plan) => wanted.has(plan.jurisdictionCode));
}

/**
 * The context of a subtree (root null: the whole country), or null for an unknown root. With a
 * cache, a province's rows come from its branches' remembered rows (provinceRows).
 */
export async function loadSubtree(
  db: Reader,
  root: string | null,
  periodIndex: number,
  settings: Settings,
  cache?: FreshCache,
): Promise<SubtreeContext | null> {
  // with a cache (in a computing transaction), what moves only with the global version (the tree,
  // successions, plans) is read once per global version, in the snapshot of the first request to
  // need it, and a province's rows come from its remembered branches and own rows
  const trx = cache && db.isTransaction ? (db as Transaction<DB>) : null;
  const perGlobal = <T>(what: string, read: () => Promise<T>, weigh: (value: T) => number): Promise<T> =>
    cache && trx ? cache.perGlobal(trx, what, read, weigh) : read();
  const rootLineage = root
    ? await perGlobal(
        `lineage|${root}`,
        () => lineageOf(db, root),
        (read) => read.length + 1,
      )
    : [];
  if (root && rootLineage.length === 0) return null;
  const above = rootLineage.slice(1);
  const statuses = countedStatuses(settings);
  const successions = await perGlobal(
    'successions',
    () => readSuccessions(db),
    (read) => read.list.length + 1,
  );
  // a successor in the subtree carries on units outside it (a renamed county viewed on its own):
  // their reports, populations and plans come too, though they are no part of the subtree
  const carriedOf = async (units: UnitNode[]) => {
    if (!root) return [];
    const inScope = new Set(units.map((u) => u.code));
    return [...new Set([...units, ...above].flatMap((u) => successions.predecessorsOf(u.code)))].filter(
      (code) => !inScope.has(code),
    );
  };
  let units: UnitNode[];
  let populations: Map<string, PopulationFigure[]>;
  let reports: Map<string, ReadonlyMap<number, CountedReport>>;
  let carried: readonly string[];
  let kept: ReadonlyMap<string, KeptValues> | undefined;
  let projects: Map<string, ResidentialProject[]> | undefined;
  let counted: Map<string, Map<number, CountedIndicators>> | undefined;
  const year = latestCountedYear(periodIndex);
  /** The populations of the units above the root, when the province's remembered rows hold them. */
  let abovePopulations: Map<string, PopulationFigure[]> | undefined;
  if (cache && trx && root) {
    // the root's province assembled from its remembered branches and own rows; a root below it
    // takes its subtree's part of them, the same rows subtreeRows reads for the root
    // (a root below it lies in one of its branches: that branch's rows and the province's own)
    const province = rootLineage[rootLineage.length - 1].code;
    const branch = above.length === 0 ? undefined : rootLineage[rootLineage.length - 2].code;
    const rows = await provinceRows(trx, province, periodIndex, statuses, cache, successions, branch);
    if (above.length === 0) {
      ({ units, populations, reports, kept, projects } = rows);
      counted = rows.indicators;
    } else {
      const inRoot = subtreeCodes(rows.units, root);
      units = rows.units.filter((unit) => inRoot.has(unit.code));
      const pick = <T>(from: ReadonlyMap<string, T>) => {
        const picked = new Map<string, T>();
        for (const [code, value] of from) if (inRoot.has(code)) picked.set(code, value);
        return picked;
      };
      populations = pick(rows.populations);
      reports = pick(rows.reports);
      projects = pick(rows.projects);
      counted = pick(rows.indicators);
      abovePopulations = new Map();
      for (const unit of above) {
        const figures = rows.populations.get(unit.code);
        if (figures) abovePopulations.set(unit.code, figures);
      }
    }
    carried = await carriedOf(units);
    if (carried.length > 0) {
      for (const [code, byPeriod] of await countedReports(db, null, periodIndex, statuses, carried))
        reports.set(code, byPeriod);
      // the units carried on are outside the subtree: their indicators are read with its own
      counted = await countedIndicators(db, root, year, statuses, carried);
    }
  } else {
    ({ units, populations, reports, carried } = await subtreeRows(db, root, periodIndex, statuses, carriedOf));
  }
  if (root && units.length === 0) return null;
  const carriedUnits = carried.length === 0 ? [] : await unitsOf(db, carried);
  const planCodes = root ? [...above.map((u) => u.code), ...units.map((u) => u.code), ...carried] : undefined;
  // every plan, remembered, then those of the codes (in listPlans's order): a township-scale
  // province names some 1,700 codes, a list Postgres takes long to match
  const plans = cache
    ? plansOf(
        await perGlobal(
          'plans',
          () => listPlans(db),
          (read) => read.length + 1,
        ),
        planCodes,
      )
    : await listPlans(db, planCodes);
  // plans above the root need those units' populations for schedule consistency
  const outside = abovePopulations ? carried : [...above.map((u) => u.code), ...carried];
  for (const [code, figures] of [...(abovePopulations ?? []), ...(await populationsOf(db, outside))])
    populations.set(code, figures);

  const residentialProjects = projects ?? (await projectsByJurisdiction(db, root));
  const subtree = new SubtreeValues([...units, ...carriedUnits], reports, populations, successions, kept);
  const indicators = new SubtreeIndicators(
    [...units, ...carriedUnits],
    counted ?? (await countedIndicators(db, root, year, statuses, carried)),
    successions,
  );
  const byCode = new Map([...units, ...above].map((unit) => [unit.code, unit]));
  const lineage = (code: string): UnitNode[] => {
    const chain: UnitNode[] = [];
    for (let unit = byCode.get(code); unit; unit = unit.parentCode ? byCode.get(unit.parentCode) : undefined)
      chain.push(unit);
    return chain;
  };
  // a unit's plans are those of its lineage and of their predecessors, in the order of `plans`:
  // looked up by jurisdiction, not filtered out of every plan for every unit a page computes
  const plansByCode = new Map<string, StoredPlan[]>();
  for (const plan of plans) {
    const list = plansByCode.get(plan.jurisdictionCode) ?? [];
    list.push(plan);
    plansByCode.set(plan.jurisdictionCode, list);
  }
  const planOrder = new Map(plans.map((plan, at) => [plan, at]));
  const plansFor = (chain: readonly UnitNode[]): StoredPlan[] => {
    const found = new Set<StoredPlan>();
    for (const unit of chain) {
      for (const code of [unit.code, ...successions.predecessorsOf(unit.code)])
        for (const plan of plansByCode.get(code) ?? []) found.add(plan);
    }
    return [...found].sort((a, b) => (planOrder.get(a) as number) - (planOrder.get(b) as number));
  };
  const inputFor = (code: string): ProgressInput => ({
    periodIndex,
    lineage: lineage(code),
    subtree,
    plans: plansFor(lineage(code)),
    planPopulations: populations,
    residentialProjects,
    indicators,
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
