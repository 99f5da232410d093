// The figures PLANS.md "How the numbers are defined" names, each computed in one place.

import { atLeast, ceilScaled } from './rational.ts';
import type { Comparator, InstitutionCounts, InstitutionKind, Metric } from './vocabulary.ts';

/** What one jurisdiction reported (or its children add up to) at one quarter's end. */
export interface QuarterValues {
  places: number;
  affordablePlaces: number;
  /** Unknown is not zero: null where nobody said. */
  childrenEnrolled: number | null;
  institutions: InstitutionCounts;
}

/** Places × 1,000 ÷ resident population. */
export function placesPer1000(places: number, population: number): number {
  return (places * 1000) / population;
}

/**
 * The smallest whole n ≥ 0 with (places + n) × 1,000 ÷ population ≥ target:
 * max(0, ⌈target × population ÷ 1,000⌉ − places), computed exactly.
 */
export function placesNeeded(targetPer1000: number, population: number, places: number): number {
  return Math.max(0, ceilScaled(targetPer1000, population, 1000) - places);
}

/** Affordable ÷ total places; undefined (null) where there are no places. */
export function affordableShare(affordablePlaces: number, places: number): number | null {
  return places > 0 ? affordablePlaces / places : null;
}

/** Affordable places short of a share target: max(0, ⌈share × total⌉ − affordable). */
export function affordableShortfall(share: number, places: number, affordablePlaces: number): number {
  return Math.max(0, ceilScaled(share, places) - affordablePlaces);
}

/** The part of a target a measurement needs. */
export interface TargetRule {
  metric: Metric;
  comparator: Comparator;
  value: number;
  institutionKind?: InstitutionKind | null;
}

export interface Measurement {
  /** The metric's value; null where it cannot be computed from what was reported. */
  value: number;
  /** Places (or institutions) still needed; null where the metric has no unit of effort. */
  gap: number | null;
  meets: boolean;
}

/**
 * The metric's value for one quarter's figures at a population, whether it meets the target,
 * and the gap in the target's natural unit of effort. Null where the figures do not measure it.
 */
export function measure(rule: TargetRule, values: QuarterValues, population: number | null): Measurement | null {
  switch (rule.metric) {
    case 'places_per_1000':
    case 'affordable_places_per_1000': {
      if (population === null || population <= 0) return null;
      const count = rule.metric === 'places_per_1000' ? values.places : values.affordablePlaces;
      return ratioMeasurement(rule, count, population);
    }
    case 'affordable_share': {
      const share = affordableShare(values.affordablePlaces, values.places);
      if (share === null) return null;
      return {
        value: share,
        gap:
          rule.comparator === 'at_least'
            ? affordableShortfall(rule.value, values.places, values.affordablePlaces)
            : null,
        meets: compare(rule, values.affordablePlaces, values.places),
      };
    }
    case 'places':
      return countMeasurement(rule, values.places);
    case 'affordable_places':
      return countMeasurement(rule, values.affordablePlaces);
    case 'institutions': {
      const count = rule.institutionKind ? values.institutions[rule.institutionKind] : undefined;
      return count === undefined ? null : countMeasurement(rule, count);
    }
    default:
      return null;
  }
}

function ratioMeasurement(rule: TargetRule, count: number, population: number): Measurement {
  return {
    value: placesPer1000(count, population),
    gap: rule.comparator === 'at_least' ? placesNeeded(rule.value, population, count) : null,
    meets: compare(rule, count * 1000, population),
  };
}

function countMeasurement(rule: TargetRule, count: number): Measurement {
  return {
    value: count,
    gap: rule.comparator === 'at_least' ? Math.max(0, ceilScaled(rule.value, 1) - count) : null,
    meets: compare(rule, count, 1),
  };
}

/** whole ÷ divisor against the target, exactly: ≥ for at_least, < for below. */
function compare(rule: TargetRule, whole: number, divisor: number): boolean {
  const reached = atLeast(whole, divisor, rule.value);
  return rule.comparator === 'at_least' ? reached : !reached;
}

/** Whether a plain value meets a target (for values such as forecasts, not exact counts). */
export function meetsValue(comparator: Comparator, value: number, target: number): boolean {
  return comparator === 'at_least' ? value >= target : value < target;
}
