// A target's status for the period in view (docs/figures.md "Status").

import { type Measurement, meetsValue } from './metrics.ts';
import { dueQuarterIndex } from './period.ts';
import type { Comparator, TargetStatus } from './vocabulary.ts';

/** A forecast within this share of the target is at risk rather than off track. */
export const AT_RISK_SHARE = 0.9;

export interface StatusInput {
  comparator: Comparator;
  target: number;
  periodIndex: number;
  dueIndex: number;
  /** The latest value up to the period in view. */
  current: Measurement | null;
  /** The due year's value; used at or after the due quarter. */
  dueYearValue: Measurement | null;
  forecast: number | null;
}

export function targetStatus(input: StatusInput): TargetStatus {
  if (input.periodIndex >= input.dueIndex) {
    if (input.dueYearValue === null) return 'no_data';
    return input.dueYearValue.meets ? 'met' : 'missed';
  }
  if (input.current === null) return 'no_data';
  if (input.current.meets) return 'met';
  if (input.forecast === null) return 'no_data';
  if (meetsValue(input.comparator, input.forecast, input.target)) return 'on_track';
  // Turned round for lower-is-better: the target must be at least 90 % of the forecast.
  const closeEnough =
    input.comparator === 'at_least'
      ? input.forecast >= AT_RISK_SHARE * input.target
      : AT_RISK_SHARE * input.forecast <= input.target;
  return closeEnough ? 'at_risk' : 'off_track';
}

/**
 * A target is closed once the period in view is at or after its due quarter (the due year's
 * fourth): from then on its due year's value is its verdict, and it no longer counts as in force.
 */
export function isClosed(dueYear: number, periodIndex: number): boolean {
  return periodIndex >= dueQuarterIndex(dueYear);
}

/** Targets of an answer split into those still in force and those closed, each in its order. */
export function byCycle<T extends { closed: boolean }>(targets: readonly T[]): { inForce: T[]; closed: T[] } {
  return { inForce: targets.filter((t) => !t.closed), closed: targets.filter((t) => t.closed) };
}

/** Quarters after the period in view up to and including the due quarter (0 once due). */
export function quartersLeft(periodIndex: number, dueIndex: number): number {
  return Math.max(0, dueIndex - periodIndex);
}

/** What is still needed ÷ the quarters left; null once there are none. */
export function requiredPerQuarter(gap: number | null, periodIndex: number, dueIndex: number): number | null {
  const left = quartersLeft(periodIndex, dueIndex);
  return gap === null || left === 0 ? null : gap / left;
}
