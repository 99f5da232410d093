// Which targets bind a jurisdiction, and which of them is the hardest to meet.

import type { UnitNode } from './aggregate.ts';
import type { PlanView, TargetView } from './contract.ts';
import { INTENSIVE_METRICS } from './metric-table.ts';
import { dueQuarterIndex, periodEndDate, periodFromIndex } from './period.ts';
import { NO_SUCCESSIONS, type Successions } from './successions.ts';
import type { InstitutionKind } from './vocabulary.ts';

/** What a revision adds to a target; a target never revised may leave it out. */
type RevisionFields = 'supersedes' | 'supersededBy' | 'inForceFrom' | 'inForceUntil' | 'version';

/** A target as the domain reads it: the API's target (contract.ts), with no kind of institution as null. */
export type PlanTarget = Omit<TargetView, 'institutionKind' | RevisionFields> & {
  institutionKind: InstitutionKind | null;
} & Partial<Pick<TargetView, RevisionFields>>;

/**
 * Whether a target is in force on a day (ISO date). A target that replaced none has no first day:
 * a plan's target is the yardstick of the quarters before its document too, as it always was; one
 * that replaced another begins on its `inForceFrom`. It ends after its `inForceUntil`.
 */
export function inForceOn(target: PlanTarget, day: string): boolean {
  if (target.inForceUntil && day > target.inForceUntil) return false;
  if (target.supersedes && target.inForceFrom && day < target.inForceFrom) return false;
  return true;
}

/**
 * Whether a target belongs in the answer for a quarter: in force at the quarter's end, or closed
 * by then having been in force to its due quarter's end (a 2025 target replaced from 2026 keeps its
 * 2025 verdict in the final account).
 */
export function countsAt(target: PlanTarget, periodIndex: number): boolean {
  if (inForceOn(target, periodEndDate(periodFromIndex(periodIndex)))) return true;
  const dueIndex = dueQuarterIndex(target.dueYear);
  return periodIndex >= dueIndex && inForceOn(target, periodEndDate(periodFromIndex(dueIndex)));
}

/** A plan as the domain reads it: the API's plan with its targets so read, without its source file. */
export type Plan = Omit<PlanView, 'targets' | 'sourceFile' | 'fundingRules'> & { targets: PlanTarget[] };

export interface ApplicableTarget {
  plan: Plan;
  target: PlanTarget;
  /** 0 for the jurisdiction's own plan, 1 for its parent's, and so on. */
  distance: number;
}

/**
 * The targets that apply to `lineage[0]`, given its lineage up to the root (itself first):
 * its own plans' targets on itself; an ancestor's ratio targets (a province's 4.5 per 1,000
 * is a yardstick for each of its counties too); `each_child` targets of its parent's plans;
 * `each_county` targets of any ancestor's plans when it is a county.
 */
export function applicableTargets(
  lineage: readonly UnitNode[],
  plans: readonly Plan[],
  options: { periodIndex?: number; successions?: Successions } = {},
): ApplicableTarget[] {
  const self = lineage[0];
  const successions = options.successions ?? NO_SUCCESSIONS;
  const result: ApplicableTarget[] = [];
  lineage.forEach((unit, distance) => {
    // a successor answers to its predecessors' plans too: the old county's targets follow the district
    const codes = new Set([unit.code, ...successions.predecessorsOf(unit.code)]);
    for (const plan of plans) {
      if (!codes.has(plan.jurisdictionCode)) continue;
      for (const target of plan.targets) {
        if (options.periodIndex !== undefined && !countsAt(target, options.periodIndex)) continue;
        if (applies(target, distance, self)) result.push({ plan, target, distance });
      }
    }
  });
  return result;
}

function applies(target: PlanTarget, distance: number, self: UnitNode): boolean {
  switch (target.scope) {
    case 'self':
      return distance === 0 || INTENSIVE_METRICS.has(target.metric);
    case 'each_child':
      return distance === 1;
    case 'each_county':
      return distance >= 1 && self.level === 'county';
  }
}

/** Targets compete to bind only when they measure the same thing by the same date. */
function competitionKey(target: PlanTarget): string {
  return [target.metric, target.institutionKind ?? '', target.comparator, target.dueYear].join('|');
}

/**
 * The binding target of each competing group: the highest value for "at least", the lowest
 * for "below"; on a tie, the most local plan's.
 */
export function bindingTargetIds(targets: readonly ApplicableTarget[]): Set<string> {
  const best = new Map<string, ApplicableTarget>();
  for (const candidate of targets) {
    const key = competitionKey(candidate.target);
    const current = best.get(key);
    if (current === undefined || harder(candidate, current)) best.set(key, candidate);
  }
  return new Set([...best.values()].map((winner) => winner.target.id));
}

function harder(a: ApplicableTarget, b: ApplicableTarget): boolean {
  if (a.target.value !== b.target.value) {
    return a.target.comparator === 'at_least' ? a.target.value > b.target.value : a.target.value < b.target.value;
  }
  return a.distance < b.distance;
}
