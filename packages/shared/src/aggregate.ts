// A jurisdiction's figures for a quarter: its own report where it has one, otherwise the
// sum of its children's, with completeness and reconciliation beside every aggregate.

import type { QuarterValues } from './metrics.ts';
import { periodFromIndex } from './period.ts';
import { type PopulationFigure, type PopulationForYear, populationForYear } from './population.ts';
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

/** Values of every unit in a subtree at any quarter, computed once and remembered. */
export class SubtreeValues {
  private readonly children = new Map<string, string[]>();
  private readonly memo = new Map<string, UnitValue | null>();
  private readonly childMemo = new Map<string, UnitValue | null>();
  readonly units: ReadonlyMap<string, UnitNode>;
  /** The earliest quarter any unit reported, or null when none did. */
  readonly earliestIndex: number | null;

  constructor(
    units: readonly UnitNode[],
    private readonly reports: ReadonlyMap<string, ReadonlyMap<number, CountedReport>>,
    private readonly populations: ReadonlyMap<string, readonly PopulationFigure[]>,
  ) {
    this.units = new Map(units.map((unit) => [unit.code, unit]));
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

  childrenOf(code: string): readonly string[] {
    return this.children.get(code) ?? [];
  }

  populationOf(code: string, year: number): PopulationForYear | null {
    return populationForYear(this.populations.get(code) ?? [], year);
  }

  valueAt(code: string, periodIndex: number): UnitValue | null {
    const key = `${code}@${periodIndex}`;
    if (this.memo.has(key)) return this.memo.get(key) ?? null;
    const value = this.compute(code, periodIndex);
    this.memo.set(key, value);
    return value;
  }

  private compute(code: string, periodIndex: number): UnitValue | null {
    const own = this.reports.get(code)?.get(periodIndex);
    const fromChildren = this.childrenSum(code, periodIndex);
    const childrenTotal = this.childrenOf(code).length;
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
    const key = `${code}@${periodIndex}`;
    if (this.childMemo.has(key)) return this.childMemo.get(key) ?? null;
    const childCodes = this.childrenOf(code);
    const parts = childCodes.map((child) => this.valueAt(child, periodIndex)).filter((v) => v !== null);
    const value = parts.length === 0 ? null : sumValues(code, periodIndex, parts, childCodes.length);
    this.childMemo.set(key, value);
    return value;
  }
}

function sumValues(code: string, periodIndex: number, parts: UnitValue[], childrenTotal: number): UnitValue {
  const institutions: InstitutionCounts = {};
  let places = 0;
  let affordablePlaces = 0;
  let childrenEnrolled: number | null = null;
  let population: PopulationForYear | null = { value: 0, year: 0, carriedForward: false, source: '' };
  let status: ReportStatus = 'approved';
  for (const part of parts) {
    places += part.values.places;
    affordablePlaces += part.values.affordablePlaces;
    if (part.values.childrenEnrolled !== null)
      childrenEnrolled = (childrenEnrolled ?? 0) + part.values.childrenEnrolled;
    for (const [kind, count] of Object.entries(part.values.institutions) as [InstitutionKind, number][]) {
      institutions[kind] = (institutions[kind] ?? 0) + count;
    }
    population =
      population === null || part.population === null
        ? null
        : {
            value: population.value + part.population.value,
            year: Math.max(population.year, part.population.year),
            carriedForward: population.carriedForward || part.population.carriedForward,
            source: 'sum of reporting children',
          };
    if (STATUS_RANK[part.status] < STATUS_RANK[status]) status = part.status;
  }
  return {
    code,
    periodIndex,
    values: { places, affordablePlaces, childrenEnrolled, institutions },
    population,
    basis: 'children',
    status,
    demo: parts.some((part) => part.demo),
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
