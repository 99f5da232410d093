// The headline of a jurisdiction for dashboards and rankings: its figures, the binding ratio
// targets and how its targets stand, and the published plans' headline targets, all taken from
// progress (no figure is computed here twice).
import { z } from 'zod';
import { coverageSchema, dueYearValueSchema } from './contract.ts';
import { dueLast, headlineTarget } from './headline.ts';
import { METRICS, type Metric } from './metric-table.ts';
import { affordableShare, placesPer1000 } from './metrics.ts';
import type { Progress, TargetProgress } from './progress.ts';
import { byCycle } from './status.ts';
import { COMPARATORS, LEVELS, TARGET_STATUSES, type TargetStatus } from './vocabulary.ts';

const targetSummarySchema = z.object({
  targetId: z.string(),
  documentNumber: z.string().nullable(),
  planTitle: z.string(),
  planJurisdictionCode: z.string(),
  clause: z.string(),
  value: z.number(),
  dueYear: z.number().int(),
  current: z.number().nullable(),
  gap: z.number().nullable(),
  requiredPerQuarter: z.number().nullable(),
  forecast: z.number().nullable(),
  status: z.enum(TARGET_STATUSES),
});

export const overviewRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(LEVELS),
  population: z.number().nullable(),
  places: z.number().nullable(),
  affordablePlaces: z.number().nullable(),
  placesPer1000: z.number().nullable(),
  affordableShare: z.number().nullable(),
  /** The quarter the figures are from. */
  figuresPeriod: z.string().nullable(),
  completeness: z.number().nullable(),
  childrenReported: z.number().int(),
  childrenTotal: z.number().int(),
  /** What the row's figures stand on (null for a unit with nothing below it). */
  coverage: coverageSchema.nullable(),
  demo: z.boolean(),
  placesTarget: targetSummarySchema.nullable(),
  affordableShareTarget: targetSummarySchema.nullable(),
  statusCounts: z.record(z.enum(TARGET_STATUSES), z.number().int()),
});
export type OverviewRow = z.infer<typeof overviewRowSchema>;

const summary = (target: TargetProgress | null) =>
  target && {
    targetId: target.targetId,
    documentNumber: target.documentNumber,
    planTitle: target.planTitle,
    planJurisdictionCode: target.planJurisdictionCode,
    clause: target.clause,
    value: target.value,
    dueYear: target.dueYear,
    current: target.current,
    gap: target.gap,
    requiredPerQuarter: target.requiredPerQuarter,
    forecast: target.forecast,
    status: target.status,
  };

export function overviewRow(progress: Progress): OverviewRow {
  const actual = progress.actual;
  const population = progress.population?.value ?? null;
  const statusCounts = Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) as Record<TargetStatus, number>;
  for (const target of progress.targets) if (target.measured) statusCounts[target.status] += 1;
  return {
    code: progress.code,
    name: progress.name,
    nameEn: progress.nameEn,
    level: progress.level,
    population,
    places: actual?.places ?? null,
    affordablePlaces: actual?.affordablePlaces ?? null,
    placesPer1000: actual && population ? placesPer1000(actual.places, population) : null,
    affordableShare: actual ? affordableShare(actual.affordablePlaces, actual.places) : null,
    figuresPeriod: actual?.period ?? null,
    completeness: actual?.completeness ?? null,
    childrenReported: actual?.childrenReported ?? 0,
    childrenTotal: actual?.childrenTotal ?? 0,
    coverage: progress.coverage,
    demo: progress.demo,
    placesTarget: summary(headlineTarget(progress.targets, 'places_per_1000')),
    affordableShareTarget: summary(headlineTarget(progress.targets, 'affordable_share')),
    statusCounts,
  };
}

/** The ratio targets a plan leads with, in the order a plan's headline lists them. */
export const HEADLINE_METRICS = [
  'places_per_1000',
  'affordable_places_per_1000',
  'affordable_share',
] as const satisfies readonly Metric[];

export const headlineTargetSchema = z.object({
  targetId: z.string(),
  planId: z.string(),
  planJurisdictionCode: z.string(),
  /** The plan's jurisdiction, named in both languages. */
  name: z.string(),
  nameEn: z.string(),
  documentNumber: z.string().nullable(),
  planTitle: z.string(),
  issuer: z.string(),
  clause: z.string(),
  metric: z.enum(METRICS),
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  dueYear: z.number().int(),
  current: z.number().nullable(),
  forecast: z.number().nullable(),
  gap: z.number().nullable(),
  requiredPerQuarter: z.number().nullable(),
  status: z.enum(TARGET_STATUSES),
  /** The quarter `current` is from. */
  currentPeriod: z.string().nullable(),
  currentMeets: z.boolean().nullable(),
  /** A closed target (its due quarter reached): its due year's value and verdict lead. */
  closed: z.boolean(),
  dueYearValue: dueYearValueSchema.nullable(),
});
export type HeadlineTarget = z.infer<typeof headlineTargetSchema>;

/**
 * A plan's headline targets: for each headline metric it sets on its own jurisdiction, the one
 * due last (the plan's end goal) among those in force, and the one due last among those closed
 * (the cycle just ended, whose account stands beside the next), with how each stands; `progress`
 * is the plan jurisdiction's.
 */
export function headlineTargets(planId: string, progress: Progress): HeadlineTarget[] {
  const headlines: HeadlineTarget[] = [];
  for (const metric of HEADLINE_METRICS) {
    const own = progress.targets.filter(
      (t) => t.planId === planId && !t.inherited && t.scope === 'self' && t.metric === metric,
    );
    const { inForce, closed } = byCycle(own);
    for (const target of [dueLast(inForce), dueLast(closed)]) {
      if (target) headlines.push(headline(target, progress));
    }
  }
  return headlines;
}

function headline(target: TargetProgress, progress: Progress): HeadlineTarget {
  return {
    targetId: target.targetId,
    planId: target.planId,
    planJurisdictionCode: target.planJurisdictionCode,
    name: progress.name,
    nameEn: progress.nameEn,
    documentNumber: target.documentNumber,
    planTitle: target.planTitle,
    issuer: target.issuer,
    clause: target.clause,
    metric: target.metric,
    comparator: target.comparator,
    value: target.value,
    dueYear: target.dueYear,
    current: target.current,
    forecast: target.forecast,
    gap: target.gap,
    requiredPerQuarter: target.requiredPerQuarter,
    status: target.status,
    currentPeriod: target.currentPeriod,
    currentMeets: target.currentMeets,
    closed: target.closed,
    dueYearValue: target.dueYearValue,
  };
}

export const overviewSchema = z.object({
  period: z.string(),
  counting: z.enum(['submitted_and_approved', 'approved_only']),
  /** The jurisdiction in view (null: the whole country) and the units under it. */
  root: overviewRowSchema.nullable(),
  rows: z.array(overviewRowSchema),
  /**
   * The headline targets of each published plan (one whose text the product holds) of the
   * jurisdiction in view and the units below it, plan by plan: a page names and shows them
   * without asking for every plan.
   */
  headlines: z.array(headlineTargetSchema),
  demo: z.boolean(),
});
export type OverviewView = z.infer<typeof overviewSchema>;
