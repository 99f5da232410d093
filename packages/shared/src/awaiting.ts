// What a measured target with no figure yet waits for: which record, which of its counts, for which
// year, and whose entry staff send it (docs/figures.md, "Figures not reported yet").
import type { z } from 'zod';
import type { awaitingFiguresSchema } from './contract.ts';
import { METRIC_TABLE, type Metric } from './metric-table.ts';
import type { TargetStatus } from './vocabulary.ts';

export type AwaitingFigures = z.infer<typeof awaitingFiguresSchema>;

/** The counts of its record a metric is made of: a stock's one count, a quotient's numerator and denominator. */
export function countsOfMetric(metric: Metric): string[] {
  const definition = METRIC_TABLE[metric];
  if (definition.record === 'residential_register') return ['plannedResidents', 'plannedPlaces'];
  const { aggregation } = definition;
  return aggregation.kind === 'sum' ? [aggregation.of] : [aggregation.numerator, aggregation.denominator];
}

/**
 * What a target waits for, or null where it has a figure (any status but `no_data`) or is not
 * measured at all. The year wanted for yearly indicators is the last year ended by the period in
 * view, and never later than the due year, whose value decides once it has ended: at 2026Q3 a
 * target due 2025 waits for 2025's record, one due 2030 for 2025's too; at 2025Q2, for 2024's.
 */
export function awaitingFigures(
  target: { metric: Metric; dueYear: number; status: TargetStatus; measured: boolean },
  unit: { code: string; hasUnitsBelow: boolean },
  period: { year: number; quarter: number },
): AwaitingFigures | null {
  if (!target.measured || target.status !== 'no_data') return null;
  const record = METRIC_TABLE[target.metric].record;
  const lastEnded = period.quarter === 4 ? period.year : period.year - 1;
  return {
    record,
    counts: countsOfMetric(target.metric),
    year: record === 'yearly_indicators' ? Math.min(target.dueYear, lastEnded) : null,
    from: unit.code,
    orBelow: unit.hasUnitsBelow,
  };
}
