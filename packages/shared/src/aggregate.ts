// A jurisdiction's figures for a quarter: its own report where it has one, otherwise the
// sum of its children's, with completeness and reconciliation beside every aggregate.

import type { QuarterValues } from './metrics.ts';
import { periodFromIndex } from './period.ts';
import { type PopulationFigure, type PopulationForYear, populationForYear } from './population.ts';
import { NO_SUCCESSIONS, type Successions } from './successions.ts';
import type { InstitutionCounts, InstitutionKind, Level, ReportStatus } from './vocabulary.ts';

export interface UnitNode {
  code: string;
  name: string;
  nameEn: string;
  level: Level;
  parentCode: string | null;
}

/** A report that counts (by default: submitted or approved) for one unit and quarter. */
export interface CountedReport extends QuarterValues {
  periodIndex: number;
  status: ReportStatus;
  demo: boolean;
}

export interface Reconciliation {
  childrenPlaces: number;
  childrenAffordablePlaces: number;
  /** Own report minus the children's sum. */
  placesDifference: number;
  affordablePlacesDifference: number;
  childrenReported: number;
  childrenTotal: number;
}

export interface UnitValue {
  code: string;
  periodIndex: number;
  values: QuarterValues;
  /** The population the values stand for: the unit's own, or its reporting children's sum. */
  population: PopulationForYear | null;
  basis: 'own' | 'children';
  /** The unit's own report's status; for aggregates, the least advanced status among them. */
  status: ReportStatus;
  demo: boolean;
  childrenReported: number;
  childrenTotal: number;
  /** Children reported ÷ children; 1 for a unit's own report. */
  completeness: number;
  reconciliation: Reconciliation | null;
}

const STATUS_RANK: Record<ReportStatus, number> = { draft: 0, returned: 1, submitted: 2, approved: 3 };

/** The institutions of values that count none: one object for all of them, never written to. */
const NO_INSTITUTIONS: InstitutionCounts = Object.freeze({});

/**
 * A unit's values that come out the same in every context reading its subtree's same rows, kept by
 * the caller between contexts (a province's branches are, per branch version) so that after a
 * write only the units whose rows changed are computed again: its own values by quarter
 * (ownValueAt), filled as they are computed, and the institution kinds its subtree counts.
 */
export interface KeptValues {
  readonly byPeriod: Map<number, UnitValue | null>;
  kinds?: ReadonlySet<InstitutionKind>;
}

/**
 * Room to keep the values of a subtree's units that have units below them (a leaf's are its own
 * report, as cheap to make again), or none when a unit of the subtree carries on a predecessor
 * outside it: that one's rows, which are no part of the subtree's, enter its values.
 */
export function keptValuesFor(units: readonly UnitNode[], successions: Successions): Map<string, KeptValues> {
  const kept = new Map<string, KeptValues>();
  const inSubtree = new Set(units.map((unit) => unit.code));
  if (!successions.isEmpty) {
    for (const unit of units)
      if (successions.predecessorsOf(unit.code).some((code) => !inSubtree.has(code))) return kept;
  }
  for (const unit of units)
    if (unit.parentCode !== null && inSubtree.has(unit.parentCode) && !kept.has(unit.parentCode))
      kept.set(unit.parentCode, { byPeriod: new Map() });
  return kept;
}

/**
 * The source a computed population names (a figure of the units' own carries what was entered):
 * the sum of the reporting units below, or of a successor's predecessors. Screens show it in
 * their own words (`populationSumOf`).
 */
export const POPULATION_SUMS = {
  children: 'sum of reporting children',
  predecessors: 'sum of predecessors',
} as const;

/** Which computed sum a population's source names, or null for a source entered with the figure. */
export function populationSumOf(source: string): keyof typeof POPULATION_SUMS | null {
  for (const [sum, text] of Object.entries(POPULATION_SUMS))
    if (text === source) return sum as keyof typeof POPULATION_SUMS;
  return null;
}

/** Values of every unit in a subtree at any quarter, computed once and remembered. */
export class SubtreeValues {
  private readonly children = new Map<string, string[]>();
  /** Computed values by unit, then by quarter (undefined: not computed yet). */
  private readonly memo = new Map<string, Map<number, UnitValue | null>>();
  private readonly ownMemo = new Map<string, Map<number, UnitValue | null>>();
  private readonly childMemo = new Map<string, Map<number, UnitValue | null>>();
  private readonly populationMemo = new Map<string, Map<number, PopulationForYear | null>>();
  private readonly kindsMemo = new Map<string, ReadonlySet<InstitutionKind>>();
  readonly units: ReadonlyMap<string, UnitNode>;
  /** The earliest quarter any unit reported, or null when none did. */
  readonly earliestIndex: number | null;

  constructor(
    units: readonly UnitNode[],
    private readonly reports: ReadonlyMap<string, ReadonlyMap<number, CountedReport>>,
    private readonly populations: ReadonlyMap<string, readonly PopulationFigure[]>,
    /** Boundary changes: who stands at which quarter, and whose history a successor carries. */
    readonly successions: Successions = NO_SUCCESSIONS,
    /**
     * Units' values kept from other contexts over the same rows (keptValuesFor), read and filled
     * here: the caller vouches that these units' subtrees have the same rows in this context.
     */
    private readonly kept: ReadonlyMap<string, KeptValues> = new Map(),
  ) {
    this.units = new Map(units.map((unit) => [unit.code, unit]));
    for (const [code, values] of kept) this.ownMemo.set(code, values.byPeriod);
    for (const unit of units) {
      if (unit.parentCode !== null && this.units.has(unit.parentCode)) {
        const siblings = this.children.get(unit.parentCode) ?? [];
        siblings.push(unit.code);
        this.children.set(unit.parentCode, siblings);
      }
    }
    let earliest: number | null = null;
    for (const byPeriod of reports.values()) {
      for (const index of byPeriod.keys()) if (earliest === null || index < earliest) earliest = index;
    }
    this.earliestIndex = earliest;
  }

  /**
   * A unit's children; at a quarter, those standing then (a unit retired by a succession is no
   * child after its date, one made by a succession none before it).
   */
  childrenOf(code: string, atIndex?: number): readonly string[] {
    const all = this.children.get(code) ?? [];
    if (atIndex === undefined || this.successions.isEmpty) return all;
    return all.filter((child) => this.successions.inForce(child, atIndex));
  }

  /**
   * A unit's population for a year; a successor with no figure of its own that early takes its
   * predecessors' (their sum for a merge), so that its ratio carries on across the change.
   */
  populationOf(code: string, year: number): PopulationForYear | null {
    return remembered(this.populationMemo, code, year, () => {
      const own = populationForYear(this.populations.get(code) ?? [], year);
      if (own !== null || this.successions.isEmpty) return own;
      const predecessors = this.successions.historyBefore(code, Number.NEGATIVE_INFINITY);
      if (predecessors.length === 0) return null;
      const parts = predecessors.map((predecessor) => this.populationOf(predecessor, year));
      if (parts.some((part) => part === null)) return null;
      const known = parts as PopulationForYear[];
      if (known.length === 1) return known[0];
      return {
        value: known.reduce((sum, part) => sum + part.value, 0),
        year: Math.max(...known.map((part) => part.year)),
        carriedForward: known.some((part) => part.carriedForward),
        source: POPULATION_SUMS.predecessors,
      };
    });
  }

  /**
   * The institution kinds that any report in a unit's subtree counts, at any quarter: a kind none
   * of them counts is in none of the unit's values, so nothing needs computing to know it.
   */
  institutionKindsIn(code: string): ReadonlySet<InstitutionKind> {
    const known = this.kindsMemo.get(code) ?? this.kept.get(code)?.kinds;
    if (known) return known;
    const kinds = new Set<InstitutionKind>();
    for (const report of this.reports.get(code)?.values() ?? []) {
      for (const kind in report.institutions) kinds.add(kind as InstitutionKind);
    }
    for (const child of this.childrenOf(code)) for (const kind of this.institutionKindsIn(child)) kinds.add(kind);
    for (const predecessor of this.successions.predecessorsOf(code))
      for (const kind of this.institutionKindsIn(predecessor)) kinds.add(kind);
    this.kindsMemo.set(code, kinds);
    const kept = this.kept.get(code);
    if (kept) kept.kinds = kinds;
    return kinds;
  }

  /**
   * A unit's figures at a quarter as its series and progress read them: its own (see ownValueAt),
   * and before a rename or merge took effect, its predecessors' carried on (no gap at the change).
   */
  valueAt(code: string, periodIndex: number): UnitValue | null {
    if (this.successions.isEmpty) return this.ownValueAt(code, periodIndex);
    return remembered(this.memo, code, periodIndex, () => {
      const history = this.successions.historyBefore(code, periodIndex);
      const own = this.ownValueAt(code, periodIndex);
      if (history.length === 0) return own;
      const parts: UnitValue[] = own ? [own] : [];
      for (const predecessor of history) {
        const value = this.valueAt(predecessor, periodIndex);
        if (value !== null) parts.push(value);
      }
      if (parts.length === 0) return null;
      if (parts.length === 1) return { ...parts[0], code };
      return sumValues(code, periodIndex, parts, history.length + (own ? 1 : 0));
    });
  }

  /**
   * A unit's figures under its own code: its own report, else the sum of its children standing at
   * that quarter. Aggregates add these, so a renamed unit is counted once: as the old code before
   * the date, as the new one after.
   */
  ownValueAt(code: string, periodIndex: number): UnitValue | null {
    return remembered(this.ownMemo, code, periodIndex, () => this.compute(code, periodIndex));
  }

  private compute(code: string, periodIndex: number): UnitValue | null {
    const own = this.reports.get(code)?.get(periodIndex);
    const childrenTotal = this.childrenOf(code, periodIndex).length;
    const fromChildren = childrenTotal === 0 ? null : this.childrenSum(code, periodIndex);
    if (!own) return fromChildren;
    const { periodIndex: _period, status, demo, ...values } = own;
    return {
      code,
      periodIndex,
      values,
      population: this.populationOf(code, periodFromIndex(periodIndex).year),
      basis: 'own',
      status,
      demo,
      childrenReported: fromChildren?.childrenReported ?? 0,
      childrenTotal,
      completeness: 1,
      reconciliation: reconcile(values, fromChildren),
    };
  }

  /** The sum of the children's values, or null where no child has one. */
  childrenSum(code: string, periodIndex: number): UnitValue | null {
    const childCodes = this.childrenOf(code, periodIndex);
    if (childCodes.length === 0) return null;
    return remembered(this.childMemo, code, periodIndex, () => {
      const parts: UnitValue[] = [];
      for (const child of childCodes) {
        const value = this.ownValueAt(child, periodIndex);
        if (value !== null) parts.push(value);
      }
      return parts.length === 0 ? null : sumValues(code, periodIndex, parts, childCodes.length);
    });
  }
}

/**
 * A unit's value at a quarter from the memo, computed and kept there the first time. Kept by
 * unit, then by quarter: a country's million unit-quarters make no million string keys.
 */
function remembered<T>(
  memo: Map<string, Map<number, T | null>>,
  code: string,
  periodIndex: number,
  compute: () => T | null,
): T | null {
  let byPeriod = memo.get(code);
  if (byPeriod === undefined) {
    byPeriod = new Map();
    memo.set(code, byPeriod);
  }
  const known = byPeriod.get(periodIndex);
  if (known !== undefined) return known;
  const value = compute();
  byPeriod.set(periodIndex, value);
  return value;
}

function sumValues(code: string, periodIndex: number, parts: UnitValue[], childrenTotal: number): UnitValue {
  let institutions: InstitutionCounts = NO_INSTITUTIONS;
  let places = 0;
  let affordablePlaces = 0;
  let childrenEnrolled: number | null = null;
  // the population is the sum of the reporting children's, unknown when one of theirs is
  let populationKnown = true;
  let populationValue = 0;
  let populationYear = 0;
  let carriedForward = false;
  let status: ReportStatus = 'approved';
  let demo = false;
  for (const part of parts) {
    places += part.values.places;
    affordablePlaces += part.values.affordablePlaces;
    if (part.values.childrenEnrolled !== null)
      childrenEnrolled = (childrenEnrolled ?? 0) + part.values.childrenEnrolled;
    for (const kind in part.values.institutions) {
      if (institutions === NO_INSTITUTIONS) institutions = {};
      const count = part.values.institutions[kind as InstitutionKind] as number;
      institutions[kind as InstitutionKind] = (institutions[kind as InstitutionKind] ?? 0) + count;
    }
    if (part.population === null) populationKnown = false;
    else {
      populationValue += part.population.value;
      populationYear = Math.max(populationYear, part.population.year);
      carriedForward ||= part.population.carriedForward;
    }
    if (STATUS_RANK[part.status] < STATUS_RANK[status]) status = part.status;
    demo ||= part.demo;
  }
  const population: PopulationForYear | null = populationKnown
    ? { value: populationValue, year: populationYear, carriedForward, source: POPULATION_SUMS.children }
    : null;
  return {
    code,
    periodIndex,
    values: { places, affordablePlaces, childrenEnrolled, institutions },
    population,
    basis: 'children',
    status,
    demo,
    childrenReported: parts.length,
    childrenTotal,
    completeness: parts.length / childrenTotal,
    reconciliation: null,
  };
}

function reconcile(own: QuarterValues, children: UnitValue | null): Reconciliation | null {
  if (children === null) return null;
  const placesDifference = own.places - children.values.places;
  const affordablePlacesDifference = own.affordablePlaces - children.values.affordablePlaces;
  if (placesDifference === 0 && affordablePlacesDifference === 0) return null;
  return {
    childrenPlaces: children.values.places,
    childrenAffordablePlaces: children.values.affordablePlaces,
    placesDifference,
    affordablePlacesDifference,
    childrenReported: children.childrenReported,
    childrenTotal: children.childrenTotal,
  };
}
