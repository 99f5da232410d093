// Where a jurisdiction stands at the end of a quarter against every target that applies to it.

import type { SubtreeValues, UnitNode, UnitValue } from './aggregate.ts';
import { forecastAt, type SeriesPoint } from './forecast.ts';
import { MEASURED_METRICS } from './metric-table.ts';
import { type Measurement, measure, type QuarterValues } from './metrics.ts';
import { dueQuarterIndex, formatPeriod, periodFromIndex } from './period.ts';
import type { PopulationFigure, PopulationForYear } from './population.ts';
import { type ScheduleFinding, scheduleFindings } from './schedule.ts';
import { requiredPerQuarter, targetStatus } from './status.ts';
import { applicableTargets, bindingTargetIds, type Plan, type PlanTarget } from './targets.ts';
import type { TargetStatus } from './vocabulary.ts';

export interface TargetEvaluation {
  /** The latest value up to the period in view, and the quarter it is from. */
  current: number | null;
  currentPeriod: string | null;
  gap: number | null;
  requiredPerQuarter: number | null;
  forecast: number | null;
  status: TargetStatus;
  /** At or after the due quarter: the due year's value that decided the status. */
  dueYearValue: { value: number; period: string; provisional: boolean } | null;
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
  const measureAt = (index: number): Measurement | null => {
    if (unmeasurable) return null;
    const value = subtree.valueAt(code, index);
    return value === null ? null : measure(target, value.values, value.population?.value ?? null);
  };

  const points: SeriesPoint[] = [];
  let current: { measurement: Measurement; index: number } | null = null;
  if (subtree.earliestIndex !== null) {
    for (let index = periodIndex; index >= subtree.earliestIndex && points.length < 4; index--) {
      const measurement = measureAt(index);
      if (measurement === null) continue;
      current ??= { measurement, index };
      points.push({ index, value: measurement.value });
    }
  }

  let dueYearValue: TargetEvaluation['dueYearValue'] = null;
  let dueYearMeasurement: Measurement | null = null;
  if (periodIndex >= dueIndex) {
    for (let quarter = 4; quarter >= 1 && dueYearMeasurement === null; quarter--) {
      const index = dueIndex - (4 - quarter);
      dueYearMeasurement = measureAt(index);
      if (dueYearMeasurement !== null) {
        dueYearValue = {
          value: dueYearMeasurement.value,
          period: formatPeriod(periodFromIndex(index)),
          provisional: quarter !== 4,
        };
      }
    }
  }

  const forecast = periodIndex < dueIndex ? forecastAt(points, dueIndex) : null;
  const gap = periodIndex >= dueIndex ? (dueYearMeasurement?.gap ?? null) : (current?.measurement.gap ?? null);
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
  };
}

export interface TargetProgress extends TargetEvaluation {
  targetId: string;
  planId: string;
  documentNumber: string | null;
  planTitle: string;
  issuer: string;
  /** The jurisdiction whose plan sets the target. */
  planJurisdictionCode: string;
  inherited: boolean;
  clause: string;
  metric: PlanTarget['metric'];
  comparator: PlanTarget['comparator'];
  value: number;
  dueYear: number;
  scope: PlanTarget['scope'];
  institutionKind: PlanTarget['institutionKind'];
  /** False for targets that quarterly reports do not measure (health indicators, planning norms). */
  measured: boolean;
  binding: boolean;
}

export interface CascadeUnit {
  code: string;
  name: string;
  nameEn: string;
  current: number | null;
  gap: number | null;
  status: TargetStatus;
}

/** A target every child (or every county) below the jurisdiction must meet on its own. */
export interface CascadeProgress {
  targetId: string;
  planId: string;
  documentNumber: string | null;
  planTitle: string;
  clause: string;
  metric: PlanTarget['metric'];
  comparator: PlanTarget['comparator'];
  value: number;
  dueYear: number;
  scope: PlanTarget['scope'];
  institutionKind: PlanTarget['institutionKind'];
  unitsTotal: number;
  unitsMeeting: number;
  unitsNoData: number;
  /** Sum of the units' gaps. */
  gap: number;
  units: CascadeUnit[];
}

export interface ActualFigures extends QuarterValues {
  /** The quarter the figures are from (the latest up to the period in view). */
  period: string;
  /** True where the figures are not a fourth-quarter report, so stand in for their year. */
  provisional: boolean;
  basis: UnitValue['basis'];
  status: UnitValue['status'];
  demo: boolean;
  completeness: number;
  childrenReported: number;
  childrenTotal: number;
  reconciliation: UnitValue['reconciliation'];
}

export interface Progress {
  code: string;
  name: string;
  nameEn: string;
  level: UnitNode['level'];
  period: string;
  population: (PopulationForYear & { basis: UnitValue['basis'] }) | null;
  actual: ActualFigures | null;
  targets: TargetProgress[];
  cascades: CascadeProgress[];
  scheduleFindings: ScheduleFinding[];
  /** True where any figure shown comes from demo reports. */
  demo: boolean;
}

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
}

export function computeProgress(input: ProgressInput): Progress {
  const { periodIndex, lineage, subtree } = input;
  const unit = lineage[0];
  const period = periodFromIndex(periodIndex);

  const latest = latestValue(subtree, unit.code, periodIndex);
  const ownPopulation = subtree.populationOf(unit.code, period.year);
  const population = latest?.population
    ? { ...latest.population, basis: latest.basis }
    : ownPopulation && { ...ownPopulation, basis: 'own' as const };

  const applicable = applicableTargets(lineage, input.plans);
  const binding = bindingTargetIds(applicable);
  const targets = applicable.map(
    ({ plan, target, distance }): TargetProgress => ({
      targetId: target.id,
      planId: plan.id,
      documentNumber: plan.documentNumber,
      planTitle: plan.title,
      issuer: plan.issuer,
      planJurisdictionCode: plan.jurisdictionCode,
      inherited: distance > 0,
      clause: target.clause,
      metric: target.metric,
      comparator: target.comparator,
      value: target.value,
      dueYear: target.dueYear,
      scope: target.scope,
      institutionKind: target.institutionKind,
      measured: MEASURED_METRICS.has(target.metric),
      binding: binding.has(target.id),
      ...evaluateTarget(subtree, unit.code, target, periodIndex),
    }),
  );

  const cascades = cascadeTargets(input).map(({ plan, target }) =>
    cascadeProgress(subtree, unit, plan, target, periodIndex),
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
    actual: latest && {
      ...latest.values,
      period: formatPeriod(periodFromIndex(latest.periodIndex)),
      provisional: periodFromIndex(latest.periodIndex).quarter !== 4,
      basis: latest.basis,
      status: latest.status,
      demo: latest.demo,
      completeness: latest.completeness,
      childrenReported: latest.childrenReported,
      childrenTotal: latest.childrenTotal,
      reconciliation: latest.reconciliation,
    },
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
  const result: { plan: Plan; target: PlanTarget }[] = [];
  input.lineage.forEach((ancestor, distance) => {
    for (const plan of input.plans) {
      if (plan.jurisdictionCode !== ancestor.code) continue;
      for (const target of plan.targets) {
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
  subtree: SubtreeValues,
  unit: UnitNode,
  plan: Plan,
  target: PlanTarget,
  periodIndex: number,
): CascadeProgress {
  const codes = target.scope === 'each_child' ? subtree.childrenOf(unit.code) : countiesBelow(subtree, unit.code);
  const units = codes.map((code): CascadeUnit => {
    const node = subtree.units.get(code) as UnitNode;
    const evaluation = evaluateTarget(subtree, code, target, periodIndex);
    return {
      code,
      name: node.name,
      nameEn: node.nameEn,
      current: evaluation.current,
      gap: evaluation.gap,
      status: evaluation.status,
    };
  });
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
    unitsTotal: units.length,
    unitsMeeting: units.filter((u) => u.status === 'met').length,
    unitsNoData: units.filter((u) => u.status === 'no_data').length,
    gap: units.reduce((sum, u) => sum + (u.gap ?? 0), 0),
    units,
  };
}

function countiesBelow(subtree: SubtreeValues, code: string): string[] {
  const result: string[] = [];
  const visit = (parent: string) => {
    for (const child of subtree.childrenOf(parent)) {
      if (subtree.units.get(child)?.level === 'county') result.push(child);
      else visit(child);
    }
  };
  visit(code);
  return result;
}
