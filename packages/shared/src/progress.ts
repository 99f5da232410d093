// Where a jurisdiction stands at the end of a quarter against every target that applies to it.

import type { z } from 'zod';
import type { SubtreeValues, UnitNode, UnitValue } from './aggregate.ts';
import { awaitingFigures } from './awaiting.ts';
import type { cascadeProgressSchema, ProgressView, targetProgressSchema } from './contract.ts';
import { coverageOf } from './coverage.ts';
import { forecastAt, type SeriesPoint } from './forecast.ts';
import { evaluateYearlyTarget, type SubtreeIndicators } from './indicators.ts';
import { MEASURED_METRICS, METRIC_TABLE } from './metric-table.ts';
import { type Measurement, measure } from './metrics.ts';
import { dueQuarterIndex, formatPeriod, periodEndDate, periodFromIndex, periodIndex, type Quarter } from './period.ts';
import type { PopulationFigure } from './population.ts';
import { evaluateResidentialTarget, isResidentialNorm, type ResidentialProject } from './residential.ts';
import { scheduleFindings } from './schedule.ts';
import { isClosed, requiredPerQuarter, targetStatus } from './status.ts';
import { applicableTargets, bindingTargetIds, countsAt, type Plan, type PlanTarget } from './targets.ts';

/** How one target stands on one unit: the figures part of a progress answer's target. */
export type TargetEvaluation = Pick<
  TargetProgress,
  | 'current'
  | 'currentPeriod'
  | 'gap'
  | 'requiredPerQuarter'
  | 'forecast'
  | 'status'
  | 'dueYearValue'
  | 'closed'
  | 'currentMeets'
  | 'baseline'
  | 'year'
  | 'numerator'
  | 'denominator'
  | 'unstable'
>;

/**
 * The quarter a target that replaced another runs from: the last quarter ending before its first
 * day in force (a target in force from 2026-01-01 runs from 2025Q4). Null for a target that
 * replaced none.
 */
export function baselineIndex(target: PlanTarget): number | null {
  if (!target.supersedes || !target.inForceFrom) return null;
  const year = Number(target.inForceFrom.slice(0, 4));
  const month = Number(target.inForceFrom.slice(5, 7));
  return periodIndex({ year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter }) - 1;
}

/** One target on one unit, measured from the record that carries its metric. */
function evaluateFrom(
  input: Pick<ProgressInput, 'subtree' | 'indicators'>,
  code: string,
  target: PlanTarget,
  periodIndex: number,
): TargetEvaluation {
  if (METRIC_TABLE[target.metric].record === 'yearly_indicators' && input.indicators) {
    return evaluateYearlyTarget(input.indicators, code, target, periodIndex);
  }
  return evaluateTarget(input.subtree, code, target, periodIndex);
}

/** One target measured on one unit of a subtree for the period in view. */
export function evaluateTarget(
  subtree: SubtreeValues,
  code: string,
  target: PlanTarget,
  periodIndex: number,
): TargetEvaluation {
  const dueIndex = dueQuarterIndex(target.dueYear);
  // an institution count that no report below counts is unknown at every quarter
  const unmeasurable =
    target.metric === 'institutions' &&
    (target.institutionKind === null || !subtree.institutionKindsIn(code).has(target.institutionKind));
  const measuredAt = (index: number): { measurement: Measurement; value: UnitValue } | null => {
    if (unmeasurable) return null;
    const value = subtree.valueAt(code, index);
    const measurement = value && measure(target, value.values, value.population?.value ?? null);
    return measurement ? { measurement, value } : null;
  };

  // a target that replaced another runs from the value it inherited: no point before that quarter
  // enters its forecast, and the latest value up to that quarter is its baseline
  const fromIndex = baselineIndex(target);
  const points: SeriesPoint[] = [];
  let current: { measurement: Measurement; index: number } | null = null;
  if (subtree.earliestIndex !== null) {
    const earliest = Math.max(subtree.earliestIndex, fromIndex ?? Number.NEGATIVE_INFINITY);
    for (let index = periodIndex; index >= earliest && points.length < 4; index--) {
      const measurement = measuredAt(index)?.measurement;
      if (measurement === undefined) continue;
      current ??= { measurement, index };
      points.push({ index, value: measurement.value });
    }
  }
  let baseline: TargetEvaluation['baseline'] = null;
  if (fromIndex !== null && fromIndex <= periodIndex && subtree.earliestIndex !== null) {
    for (let index = fromIndex; index >= subtree.earliestIndex && baseline === null; index--) {
      const measurement = measuredAt(index)?.measurement;
      if (measurement) baseline = { period: formatPeriod(periodFromIndex(index)), value: measurement.value };
    }
  }

  // A closed target's verdict is its due year's: the fourth quarter's value, else the year's latest.
  const closed = isClosed(target.dueYear, periodIndex);
  let dueYearValue: TargetEvaluation['dueYearValue'] = null;
  let dueYearMeasurement: Measurement | null = null;
  if (closed) {
    for (let quarter = 4; quarter >= 1 && dueYearMeasurement === null; quarter--) {
      const index = dueIndex - (4 - quarter);
      const found = measuredAt(index);
      if (found === null) continue;
      dueYearMeasurement = found.measurement;
      dueYearValue = {
        value: found.measurement.value,
        period: formatPeriod(periodFromIndex(index)),
        provisional: quarter !== 4,
        meets: found.measurement.meets,
        gap: found.measurement.gap,
        reportStatus: found.value.status,
        basis: found.value.basis,
        demo: found.value.demo,
      };
    }
  }

  const forecast = periodIndex < dueIndex ? forecastAt(points, dueIndex) : null;
  const gap = closed ? (dueYearMeasurement?.gap ?? null) : (current?.measurement.gap ?? null);
  return {
    current: current?.measurement.value ?? null,
    currentPeriod: current ? formatPeriod(periodFromIndex(current.index)) : null,
    gap,
    requiredPerQuarter: requiredPerQuarter(gap, periodIndex, dueIndex),
    forecast,
    status: targetStatus({
      comparator: target.comparator,
      target: target.value,
      periodIndex,
      dueIndex,
      current: current?.measurement ?? null,
      dueYearValue: dueYearMeasurement,
      forecast,
    }),
    dueYearValue,
    closed,
    currentMeets: current?.measurement.meets ?? null,
    baseline,
  };
}

// The answers' shapes are the API contract's schemas (contract.ts): computing an answer that misses
// a field, or carries one the schema would drop, is a type error here, not a silent loss.
export type TargetProgress = z.infer<typeof targetProgressSchema>;
/** A target every child (or every county) below the jurisdiction must meet on its own. */
export type CascadeProgress = z.infer<typeof cascadeProgressSchema>;
export type CascadeUnit = CascadeProgress['units'][number];
/** A progress answer as computed; the route adds which reports it counts. */
export type Progress = Omit<ProgressView, 'counting'>;

export interface ProgressInput {
  periodIndex: number;
  /** The jurisdiction first, then its parent, up to the root. */
  lineage: readonly UnitNode[];
  /** Values of the jurisdiction's whole subtree. */
  subtree: SubtreeValues;
  /** Plans of the jurisdiction and its ancestors. */
  plans: readonly Plan[];
  /** Population figures of every plan's jurisdiction, for schedule consistency. */
  planPopulations: ReadonlyMap<string, readonly PopulationFigure[]>;
  /** Registered new residential projects of the subtree, by jurisdiction (none: no norm is measured). */
  residentialProjects?: ReadonlyMap<string, readonly ResidentialProject[]>;
  /** The subtree's yearly health indicators; without them indicator targets have no data. */
  indicators?: SubtreeIndicators;
}

/** A norm on new residential areas, measured over the projects of the unit's subtree (residential.ts). */
function evaluateNorm(
  input: ProgressInput,
  plan: Plan,
  target: PlanTarget,
): TargetEvaluation & Pick<TargetProgress, 'residential'> {
  const projects: ResidentialProject[] = [];
  const visit = (code: string) => {
    projects.push(...(input.residentialProjects?.get(code) ?? []));
    for (const child of input.subtree.childrenOf(code)) visit(child);
  };
  visit(input.lineage[0].code);
  const period = periodFromIndex(input.periodIndex);
  const evaluation = evaluateResidentialTarget({ plan, target }, projects, periodEndDate(period));
  // A norm holds each project as it is approved: no pace, forecast or due-year verdict.
  return {
    current: evaluation.current,
    currentPeriod: evaluation.current === null ? null : formatPeriod(period),
    gap: evaluation.gap,
    requiredPerQuarter: null,
    forecast: null,
    status: evaluation.status,
    dueYearValue: null,
    closed: false,
    currentMeets: evaluation.current === null ? null : evaluation.status === 'met',
    baseline: null,
    residential: evaluation.residential,
  };
}

export function computeProgress(input: ProgressInput): Progress {
  const { periodIndex, lineage, subtree } = input;
  const unit = lineage[0];
  const period = periodFromIndex(periodIndex);

  const latest = latestValue(subtree, unit.code, periodIndex);
  const ownPopulation = subtree.populationOf(unit.code, period.year);
  // objects built with Object.assign, not spread, here and below: quarterlyRow (gap-report.ts) says why
  const population = latest?.population
    ? Object.assign({}, latest.population, { basis: latest.basis })
    : ownPopulation && Object.assign({}, ownPopulation, { basis: 'own' as const });

  const applicable = applicableTargets(lineage, input.plans, { periodIndex, successions: subtree.successions });
  const binding = bindingTargetIds(applicable);
  const hasUnitsBelow = subtree.childrenOf(unit.code, periodIndex).length > 0;
  const targets = applicable.map(({ plan, target, distance }): TargetProgress => {
    const evaluated: TargetProgress = Object.assign(
      targetAndSource(plan, target),
      {
        issuer: plan.issuer,
        planJurisdictionCode: plan.jurisdictionCode,
        inherited: distance > 0,
        measured: MEASURED_METRICS.has(target.metric),
        binding: binding.has(target.id),
        supersedes: target.supersedes ?? null,
        supersededBy: target.supersededBy ?? null,
        inForceFrom: target.inForceFrom ?? null,
        inForceUntil: target.inForceUntil ?? null,
      },
      isResidentialNorm(target)
        ? evaluateNorm(input, plan, target)
        : evaluateFrom(input, unit.code, target, periodIndex),
    );
    // a target with no figure yet says what it waits for and from whom
    const awaiting = awaitingFigures(evaluated, { code: unit.code, hasUnitsBelow }, period);
    return awaiting ? Object.assign(evaluated, { awaiting }) : evaluated;
  });

  const cascades = cascadeTargets(input).map(({ plan, target }) =>
    cascadeProgress(input, unit, plan, target, periodIndex),
  );
  const plansThatApply = new Set(applicable.map(({ plan }) => plan));
  const findings = [...plansThatApply].flatMap((plan) =>
    scheduleFindings(plan, input.planPopulations.get(plan.jurisdictionCode) ?? []),
  );

  return {
    code: unit.code,
    name: unit.name,
    nameEn: unit.nameEn,
    level: unit.level,
    period: formatPeriod(period),
    population,
    actual:
      latest &&
      Object.assign({}, latest.values, {
        period: formatPeriod(periodFromIndex(latest.periodIndex)),
        provisional: periodFromIndex(latest.periodIndex).quarter !== 4,
        basis: latest.basis,
        status: latest.status,
        demo: latest.demo,
        completeness: latest.completeness,
        childrenReported: latest.childrenReported,
        childrenTotal: latest.childrenTotal,
        reconciliation: latest.reconciliation,
        standIn: latest.periodIndex !== periodIndex,
      }),
    coverage: latest && coverageOf(subtree, unit.code, latest.periodIndex),
    targets,
    cascades,
    scheduleFindings: findings,
    demo: latest?.demo ?? false,
  };
}

/** The latest value of a unit up to a quarter. */
export function latestValue(subtree: SubtreeValues, code: string, periodIndex: number): UnitValue | null {
  if (subtree.earliestIndex === null) return null;
  for (let index = periodIndex; index >= subtree.earliestIndex; index--) {
    const value = subtree.valueAt(code, index);
    if (value !== null) return value;
  }
  return null;
}

/** Targets of the jurisdiction's own plans, and its ancestors' county-wide ones, that bind the units below it. */
function cascadeTargets(input: ProgressInput): { plan: Plan; target: PlanTarget }[] {
  const unit = input.lineage[0];
  const successions = input.subtree.successions;
  const result: { plan: Plan; target: PlanTarget }[] = [];
  input.lineage.forEach((ancestor, distance) => {
    const codes = new Set([ancestor.code, ...successions.predecessorsOf(ancestor.code)]);
    for (const plan of input.plans) {
      if (!codes.has(plan.jurisdictionCode)) continue;
      for (const target of plan.targets) {
        if (!countsAt(target, input.periodIndex)) continue;
        const cascades =
          (target.scope === 'each_child' && distance === 0) ||
          (target.scope === 'each_county' && (unit.level === 'province' || unit.level === 'prefecture'));
        if (cascades) result.push({ plan, target });
      }
    }
  });
  return result;
}

function cascadeProgress(
  input: ProgressInput,
  unit: UnitNode,
  plan: Plan,
  target: PlanTarget,
  periodIndex: number,
): CascadeProgress {
  const { subtree } = input;
  const codes =
    target.scope === 'each_child'
      ? subtree.childrenOf(unit.code, periodIndex)
      : countiesBelow(subtree, unit.code, periodIndex);
  const units = codes.map((code): CascadeUnit => {
    const node = subtree.units.get(code) as UnitNode;
    const evaluation = evaluateFrom(input, code, target, periodIndex);
    const { year, numerator, denominator, unstable } = evaluation;
    return Object.assign(
      {
        code,
        name: node.name,
        nameEn: node.nameEn,
        current: evaluation.current,
        gap: evaluation.gap,
        status: evaluation.status,
      },
      year === undefined ? {} : { year, numerator, denominator, unstable },
    );
  });
  return Object.assign(targetAndSource(plan, target), {
    unitsTotal: units.length,
    unitsMeeting: units.filter((u) => u.status === 'met').length,
    unitsNoData: units.filter((u) => u.status === 'no_data').length,
    gap: units.reduce((sum, u) => sum + (u.gap ?? 0), 0),
    units,
  });
}

/** What a unit's target and a cascade both begin with: the target, and the document it comes from. */
function targetAndSource(plan: Plan, target: PlanTarget) {
  return {
    targetId: target.id,
    planId: plan.id,
    documentNumber: plan.documentNumber,
    planTitle: plan.title,
    clause: target.clause,
    metric: target.metric,
    comparator: target.comparator,
    value: target.value,
    dueYear: target.dueYear,
    scope: target.scope,
    institutionKind: target.institutionKind,
  };
}

function countiesBelow(subtree: SubtreeValues, code: string, periodIndex: number): string[] {
  const result: string[] = [];
  const visit = (parent: string) => {
    for (const child of subtree.childrenOf(parent, periodIndex)) {
      if (subtree.units.get(child)?.level === 'county') result.push(child);
      else visit(child);
    }
  };
  visit(code);
  return result;
}
