// Which target a jurisdiction's headline shows on a metric when it has several (a 2025 and a 2030
// target on places per 1,000): one rule for the overview's rows, the dashboard's headline, the
// affordable chart's share line and the places chart's target line, so that they never differ.
import { METRIC_TABLE, type Metric } from './metric-table.ts';
import type { Comparator } from './vocabulary.ts';

/** What the rule reads of a target (a progress answer's target). */
export interface HeadlineCandidate {
  metric: Metric;
  comparator: Comparator;
  dueYear: number;
  binding: boolean;
}

/**
 * The target due last (the end goal), as a plan's headline also chooses among its own targets;
 * on the same due year, the first listed.
 */
export function dueLast<T extends { dueYear: number }>(targets: readonly T[]): T | null {
  let last: T | null = null;
  for (const target of targets) if (last === null || target.dueYear > last.dueYear) last = target;
  return last;
}

/**
 * The headline target of a jurisdiction on a metric: of its binding targets on the metric, held
 * the way the metric is (at least for a ratio, below for a mortality rate), the one due last.
 */
export function headlineTarget<T extends HeadlineCandidate>(targets: readonly T[], metric: Metric): T | null {
  const comparator = METRIC_TABLE[metric].comparator;
  return dueLast(
    targets.filter((target) => target.metric === metric && target.binding && target.comparator === comparator),
  );
}
