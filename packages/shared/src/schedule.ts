// Whether a plan's own yearly schedule of places can meet its own ratio target.

import type { z } from 'zod';
import type { scheduleFindingSchema } from './contract.ts';
import type { Metric } from './metric-table.ts';
import { placesNeeded } from './metrics.ts';
import { type PopulationFigure, populationForYear } from './population.ts';
import type { Plan } from './targets.ts';

export type ScheduleFinding = z.infer<typeof scheduleFindingSchema>;

const SCHEDULE_TO_RATIO: Partial<Record<Metric, Metric>> = {
  places: 'places_per_1000',
  affordable_places: 'affordable_places_per_1000',
};

/**
 * Each year in which a plan's schedule of places, at that year's population, falls short of
 * the same plan's ratio target due that year, with the shortfall in places.
 */
export function scheduleFindings(plan: Plan, populations: readonly PopulationFigure[]): ScheduleFinding[] {
  const findings: ScheduleFinding[] = [];
  for (const schedule of plan.targets) {
    const ratioMetric = SCHEDULE_TO_RATIO[schedule.metric];
    if (ratioMetric === undefined || schedule.scope !== 'self' || schedule.comparator !== 'at_least') continue;
    for (const ratio of plan.targets) {
      if (ratio.metric !== ratioMetric || ratio.dueYear !== schedule.dueYear || ratio.scope !== 'self') continue;
      if (ratio.comparator !== 'at_least') continue;
      const population = populationForYear(populations, schedule.dueYear);
      if (population === null) continue;
      const shortfall = placesNeeded(ratio.value, population.value, schedule.value);
      if (shortfall === 0) continue;
      findings.push({
        planId: plan.id,
        documentNumber: plan.documentNumber,
        year: schedule.dueYear,
        scheduleMetric: schedule.metric,
        scheduleTargetId: schedule.id,
        scheduled: schedule.value,
        ratioTargetId: ratio.id,
        ratioMetric,
        ratioValue: ratio.value,
        population,
        required: schedule.value + shortfall,
        shortfall,
      });
    }
  }
  return findings;
}
