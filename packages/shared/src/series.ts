// A jurisdiction quarter by quarter, and the lines a leader reads its places against: the yearly
// schedule, the ratio target turned into places at each year's population, the forecast, and the
// pace needed to make it.
import { z } from 'zod';
import type { SubtreeValues } from './aggregate.ts';
import { forecastAt } from './forecast.ts';
import { headlineTarget } from './headline.ts';
import { affordableShare, placesNeeded, placesPer1000 } from './metrics.ts';
import { dueQuarterIndex, formatPeriod, periodIndex as indexOf, parsePeriod, periodFromIndex } from './period.ts';
import type { TargetProgress } from './progress.ts';

const quarterFiguresSchema = z.object({
  period: z.string(),
  index: z.number().int(),
  places: z.number().nullable(),
  affordablePlaces: z.number().nullable(),
  population: z.number().nullable(),
  placesPer1000: z.number().nullable(),
  affordableShare: z.number().nullable(),
  completeness: z.number().nullable(),
});
export type QuarterFigures = z.infer<typeof quarterFiguresSchema>;

const placesChartRowSchema = z.object({
  period: z.string(),
  places: z.number().nullable(),
  /** The plan's schedule of places for the year, drawn at its fourth quarter. */
  scheduled: z.number().nullable(),
  /** Places the headline ratio target needs at the year's population. */
  neededByRatio: z.number().nullable(),
  /** The forecast line: from the latest figure to the due quarter. */
  forecast: z.number().nullable(),
  /** Where places must be each quarter from now to meet the ratio target in time. */
  requiredPace: z.number().nullable(),
});
export type PlacesChartRow = z.infer<typeof placesChartRowSchema>;

export const seriesSchema = z.object({
  code: z.string(),
  period: z.string(),
  points: z.array(quarterFiguresSchema),
  placesChart: z.array(placesChartRowSchema),
});
export type SeriesView = z.infer<typeof seriesSchema>;

/** The unit's figures for every quarter from `fromIndex` to `toIndex` (null where it has none). */
export function seriesOf(subtree: SubtreeValues, code: string, fromIndex: number, toIndex: number): QuarterFigures[] {
  const points: QuarterFigures[] = [];
  for (let index = fromIndex; index <= toIndex; index++) {
    const value = subtree.valueAt(code, index);
    const population = value?.population?.value ?? null;
    points.push({
      period: formatPeriod(periodFromIndex(index)),
      index,
      places: value?.values.places ?? null,
      affordablePlaces: value?.values.affordablePlaces ?? null,
      population,
      placesPer1000: value && population ? placesPer1000(value.values.places, population) : null,
      affordableShare: value ? affordableShare(value.values.affordablePlaces, value.values.places) : null,
      completeness: value?.completeness ?? null,
    });
  }
  return points;
}

/**
 * The rows of the places chart, from the first quarter of the series to the due quarter of the
 * headline ratio target (or the period in view when there is none).
 */
export function placesChart(
  points: readonly QuarterFigures[],
  targets: readonly TargetProgress[],
  periodIndex: number,
  populationOfYear: (year: number) => number | null,
): PlacesChartRow[] {
  const ratio = headlineTarget(targets, 'places_per_1000');
  const schedule = new Map(
    targets
      .filter((t) => t.metric === 'places' && t.comparator === 'at_least' && t.scope === 'self')
      .map((t) => [dueQuarterIndex(t.dueYear), t.value]),
  );
  const dueIndex = ratio ? dueQuarterIndex(ratio.dueYear) : periodIndex;
  const first = points[0]?.index ?? periodIndex;
  const last = Math.max(dueIndex, periodIndex, ...schedule.keys());
  const byIndex = new Map(points.map((p) => [p.index, p]));

  const observed = points.filter((p) => p.places !== null && p.index <= periodIndex);
  const latest = observed.at(-1) ?? null;
  // a target that replaced another forecasts from its baseline quarter on, as its progress does
  const baseline = ratio?.baseline ? parsePeriod(ratio.baseline.period) : null;
  const fromIndex = baseline ? indexOf(baseline) : Number.NEGATIVE_INFINITY;
  const placesForecast = forecastAt(
    observed.filter((p) => p.index >= fromIndex).map((p) => ({ index: p.index, value: p.places as number })),
    dueIndex,
  );
  // the pace is the target's own (progress computed it): no second computation of it here
  const pace = ratio?.requiredPerQuarter ?? null;

  const rows: PlacesChartRow[] = [];
  for (let index = first; index <= last; index++) {
    const period = periodFromIndex(index);
    const population = populationOfYear(period.year);
    const beyondNow = latest !== null && index >= latest.index && index <= dueIndex;
    rows.push({
      period: formatPeriod(period),
      places: index <= periodIndex ? (byIndex.get(index)?.places ?? null) : null,
      scheduled: schedule.get(index) ?? null,
      neededByRatio: ratio && population ? placesNeeded(ratio.value, population, 0) : null,
      forecast:
        beyondNow && placesForecast !== null && latest
          ? (latest.places as number) +
            ((placesForecast - (latest.places as number)) * (index - latest.index)) /
              Math.max(1, dueIndex - latest.index)
          : null,
      requiredPace:
        beyondNow && pace !== null && latest && index >= periodIndex
          ? (latest.places as number) + pace * (index - periodIndex)
          : null,
    });
  }
  return rows;
}
