// What a parent's figure for a quarter stands on: the units at the reporting level whose figures
// are in it, the share of the population they hold, and the units missing (docs/figures.md).
import type { z } from 'zod';
import type { SubtreeValues, UnitNode } from './aggregate.ts';
import { COVERAGE_LIST_CAP, type coverageSchema } from './contract.ts';
import { formatPeriod, periodFromIndex } from './period.ts';
import { CHILD_LEVEL, LEVELS, type Level } from './vocabulary.ts';

export type Coverage = z.infer<typeof coverageSchema>;

const rank = (level: Level) => LEVELS.indexOf(level);

/**
 * The level a unit's figures are counted at: county-level units below a province or a prefecture
 * (the level quarterly reports are made at), townships below a county; none below a township.
 */
export function reportingLevel(level: Level): Level | null {
  return level === 'province' ? 'county' : CHILD_LEVEL[level];
}

/**
 * A unit's population for a year: its own figure, else the sum of its children's; unknown when
 * it has neither, or when any child's is unknown.
 */
export function subtreePopulation(subtree: SubtreeValues, code: string, year: number): number | null {
  const own = subtree.populationOf(code, year);
  if (own) return own.value;
  const children = subtree.childrenOf(code);
  if (children.length === 0) return null;
  let sum = 0;
  for (const child of children) {
    const population = subtreePopulation(subtree, child, year);
    if (population === null) return null;
    sum += population;
  }
  return sum;
}

/**
 * What the unit's figure at a quarter stands on, or null for a unit with nothing below it (with
 * no figure at the quarter, nothing: every unit counted is missing). A unit's own report stands for all of it; a sum of children counts, at
 * the reporting level, each unit whose figure (its own, or its own children's) is in the sum, and
 * names each that is not, with the latest earlier quarter it reported: that value is its own
 * page's current value, never added into the quarter's sum.
 */
export function coverageOf(subtree: SubtreeValues, code: string, periodIndex: number): Coverage | null {
  const root = subtree.units.get(code);
  const value = subtree.valueAt(code, periodIndex);
  const level = root && reportingLevel(root.level);
  if (!root || !level || subtree.childrenOf(code).length === 0) return null;
  const year = periodFromIndex(periodIndex).year;

  // a unit is counted at the level, or as itself when it is a leaf above the level
  const counted = (unit: UnitNode) =>
    unit.level === level || (rank(unit.level) < rank(level) && subtree.childrenOf(unit.code).length === 0);
  const countedBelow = (from: string): string[] => {
    const found: string[] = [];
    const visit = (parent: string) => {
      for (const child of subtree.childrenOf(parent)) {
        if (counted(subtree.units.get(child) as UnitNode)) found.push(child);
        else visit(child);
      }
    };
    visit(from);
    return found;
  };
  // the own reports in a unit's figure whose population is unknown
  const withoutPopulationIn = (unit: string): string[] => {
    const figure = subtree.valueAt(unit, periodIndex);
    if (!figure || figure.population) return [];
    if (figure.basis === 'own') return [unit];
    return subtree.childrenOf(unit).flatMap(withoutPopulationIn);
  };

  let reporting = 0;
  let populationCovered = 0;
  let partsWithPopulation = 0;
  const missing: string[] = [];
  const withoutPopulation: string[] = [];
  const populationOfPart = (unit: string) => {
    const figure = subtree.valueAt(unit, periodIndex);
    if (figure?.population) {
      populationCovered += figure.population.value;
      partsWithPopulation += 1;
    } else withoutPopulation.push(...withoutPopulationIn(unit));
  };

  if (value?.basis === 'own') {
    reporting = countedBelow(code).length;
    populationOfPart(code);
  } else {
    const visit = (parent: string) => {
      for (const child of subtree.childrenOf(parent)) {
        const node = subtree.units.get(child) as UnitNode;
        const figure = subtree.valueAt(child, periodIndex);
        if (counted(node)) {
          if (figure) {
            reporting += 1;
            populationOfPart(child);
          } else missing.push(child);
        } else if (!figure) missing.push(...countedBelow(child));
        else if (figure.basis === 'own') {
          // a unit reporting for itself stands for everything below it
          reporting += countedBelow(child).length;
          populationOfPart(child);
        } else visit(child);
      }
    };
    visit(code);
  }

  missing.sort();
  withoutPopulation.sort();
  const populationTotal = subtreePopulation(subtree, code, year);
  const named = (unit: string) => {
    const node = subtree.units.get(unit) as UnitNode;
    return { code: unit, name: node.name, nameEn: node.nameEn };
  };
  const listedMissing = missing.slice(0, COVERAGE_LIST_CAP);
  const covered = partsWithPopulation > 0 ? populationCovered : null;
  return {
    period: formatPeriod(periodFromIndex(periodIndex)),
    basis: value?.basis ?? 'children',
    level,
    reporting,
    expected: reporting + missing.length,
    populationCovered: covered,
    populationTotal,
    // not capped at 1: a parent's own figure below its children's sum is a data error to be seen
    populationShare: covered !== null && populationTotal ? covered / populationTotal : null,
    missingCount: missing.length,
    missing: listedMissing,
    missingUnits: listedMissing.map((unit) => ({
      ...named(unit),
      lastPeriod: lastReported(subtree, unit, periodIndex),
    })),
    withoutPopulationCount: withoutPopulation.length,
    withoutPopulation: withoutPopulation.slice(0, COVERAGE_LIST_CAP).map(named),
  };
}

/** The latest quarter before the one given at which a unit had figures, or null. */
function lastReported(subtree: SubtreeValues, code: string, periodIndex: number): string | null {
  if (subtree.earliestIndex === null) return null;
  for (let index = periodIndex - 1; index >= subtree.earliestIndex; index--) {
    if (subtree.valueAt(code, index) !== null) return formatPeriod(periodFromIndex(index));
  }
  return null;
}

/** A unit with no population figure for a year (none that year or before): a data gap to fill. */
export interface PopulationGap {
  code: string;
  name: string;
  nameEn: string;
  level: Level;
}

/**
 * The units of a subtree without a population for a year, in code order: their own ratios cannot be
 * computed, and a sum they are part of has an unknown population (coverage names them there).
 */
export function populationGaps(subtree: SubtreeValues, year: number): PopulationGap[] {
  const gaps: PopulationGap[] = [];
  for (const unit of subtree.units.values()) {
    if (subtree.populationOf(unit.code, year) === null)
      gaps.push({ code: unit.code, name: unit.name, nameEn: unit.nameEn, level: unit.level });
  }
  return gaps.sort((a, b) => a.code.localeCompare(b.code));
}
