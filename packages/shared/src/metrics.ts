// The figures docs/figures.md defines, each computed in one place.

import { METRIC_TABLE, type Metric, type RecordCounts } from './metric-table.ts';
import { atLeast, ceilScaled } from './rational.ts';
import type { Comparator, InstitutionCounts, InstitutionKind } from './vocabulary.ts';

/** What one jurisdiction reported (or its children add up to) at one quarter's end. */
export interface QuarterValues {
  places: number;
  affordablePlaces: number;
  /** Unknown is not zero: null where nobody said. */
  childrenEnrolled: number | null;
  institutions: InstitutionCounts;
}

/** numerator × base ÷ denominator: every ratio, share and rate of the metric table. */
export function quotient(numerator: number, denominator: number, base: number): number {
  return (numerator * base) / denominator;
}

/**
 * The smallest whole n ≥ 0 with (numerator + n) × base ÷ denominator ≥ target, that is
 * max(0, ⌈target × denominator ÷ base⌉ − numerator), computed exactly: the places a ratio needs,
 * the affordable places a share is short of, what a count still lacks (base and denominator 1).
 */
export function shortfall(target: number, numerator: number, denominator: number, base: number): number {
  return Math.max(0, ceilScaled(target, denominator, base) - numerator);
}

/** Places × 1,000 ÷ resident population. */
export function placesPer1000(places: number, population: number): number {
  return quotient(places, population, 1000);
}

/** max(0, ⌈target × population ÷ 1,000⌉ − places): 4.5 × 145,800 ÷ 1,000 = 656.1 needs 657. */
export function placesNeeded(targetPer1000: number, population: number, places: number): number {
  return shortfall(targetPer1000, places, population, 1000);
}

/** Affordable ÷ total places; undefined (null) where there are no places. */
export function affordableShare(affordablePlaces: number, places: number): number | null {
  return places > 0 ? quotient(affordablePlaces, places, 1) : null;
}

/** Affordable places short of a share target: max(0, ⌈share × total⌉ − affordable). */
export function affordableShortfall(share: number, places: number, affordablePlaces: number): number {
  return shortfall(share, affordablePlaces, places, 1);
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
 * and the gap in the target's natural unit of effort, all as the metric table defines the metric:
 * a count is the reported stock; a quotient is numerator × base ÷ denominator. Null where the
 * figures do not measure it (another record carries it, or the denominator is unknown or zero).
 */
export function measure(rule: TargetRule, values: QuarterValues, population: number | null): Measurement | null {
  const definition = METRIC_TABLE[rule.metric];
  if (definition.record !== 'quarterly_report') return null;
  const count = (name: RecordCounts['quarterly_report']): number | null | undefined => {
    switch (name) {
      case 'places':
        return values.places;
      case 'affordablePlaces':
        return values.affordablePlaces;
      case 'population':
        return population;
      case 'institutions':
        return rule.institutionKind ? values.institutions[rule.institutionKind] : undefined;
    }
  };
  const { aggregation } = definition;
  if (aggregation.kind === 'sum') {
    const stock = count(aggregation.of);
    return stock === null || stock === undefined ? null : quotientMeasurement(rule, stock, 1, 1);
  }
  const numerator = count(aggregation.numerator);
  const denominator = count(aggregation.denominator);
  if (numerator === null || numerator === undefined || !denominator || denominator <= 0) return null;
  return quotientMeasurement(rule, numerator, denominator, aggregation.base);
}

/**
 * numerator × base ÷ denominator against the target, compared exactly, with its shortfall for
 * "at least" and, for a metric counted in events (deaths, boys born), the events too many for "below".
 */
export function quotientMeasurement(
  rule: TargetRule,
  numerator: number,
  denominator: number,
  base: number,
): Measurement {
  const gap =
    rule.comparator === 'at_least'
      ? shortfall(rule.value, numerator, denominator, base)
      : METRIC_TABLE[rule.metric].gapUnit === 'events'
        ? excess(rule.value, numerator, denominator, base)
        : null;
  return { value: quotient(numerator, denominator, base), gap, meets: compare(rule, numerator * base, denominator) };
}

/**
 * The smallest whole d ≥ 0 with (numerator − d) × base ÷ denominator < target, that is
 * max(0, numerator − ⌈target × denominator ÷ base⌉ + 1), computed exactly: 3 maternal deaths in
 * 1,500 births against < 10 per 100,000 allow ⌈10 × 1,500 ÷ 100,000⌉ − 1 = 0 deaths, so 3 too many.
 */
export function excess(target: number, numerator: number, denominator: number, base: number): number {
  return Math.max(0, numerator - ceilScaled(target, denominator, base) + 1);
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
