// New residential areas (新建居住区): the places a project's norm requires, which norm applies to a
// project, and how a norm target stands over the projects registered below it (PLANS.md).
import type { z } from 'zod';
import type { residentialTargetSchema } from './contract.ts';
import { METRIC_TABLE } from './metric-table.ts';
import { quotient, shortfall } from './metrics.ts';
import type { Plan, PlanTarget } from './targets.ts';
import type { TargetStatus } from './vocabulary.ts';

/** A registered project as the domain reads it. */
export interface ResidentialProject {
  id: string;
  jurisdictionCode: string;
  name: string;
  /** YYYY-MM-DD */
  approvedOn: string;
  plannedResidents: number;
  plannedPlaces: number;
  /** Unknown (not yet counted) is not zero. */
  deliveredPlaces: number | null;
  version: number;
}

/** A norm target ("≥ 7 places per 1,000 residents in new residential areas") with its plan. */
export interface ResidentialNorm {
  plan: Plan;
  target: PlanTarget;
}

export interface ProjectCompliance {
  requiredPlaces: number;
  shortfall: number;
  compliant: boolean;
}

/** Whether a target is a norm on new residential areas (measured from the register, not from reports). */
export function isResidentialNorm(target: Pick<PlanTarget, 'metric'>): boolean {
  return METRIC_TABLE[target.metric].record === 'residential_register';
}

/** ⌈norm × planned residents ÷ 1,000⌉, exactly: 7 per 1,000 of 3,000 residents is 21. */
export function requiredPlaces(norm: number, plannedResidents: number): number {
  return shortfall(norm, 0, plannedResidents, 1000);
}

/**
 * Required places, shortfall = max(0, required − planned) and compliance. Planned places decide
 * (PLANS.md): a project is judged when it is approved, long before anything is delivered.
 */
export function projectCompliance(
  norm: number,
  project: Pick<ResidentialProject, 'plannedResidents' | 'plannedPlaces'>,
): ProjectCompliance {
  const required = requiredPlaces(norm, project.plannedResidents);
  const short = Math.max(0, required - project.plannedPlaces);
  return { requiredPlaces: required, shortfall: short, compliant: short === 0 };
}

/**
 * Whether a norm covers a project: approved on or after the plan's issue date, in the plan's
 * jurisdiction or below (`lineage`: the project's jurisdiction, then its parent, up to the root).
 * A plan without an issue date covers every project below it (nothing says when it began).
 */
export function normCovers(
  norm: ResidentialNorm,
  project: Pick<ResidentialProject, 'approvedOn'>,
  lineage: readonly string[],
): boolean {
  if (!lineage.includes(norm.plan.jurisdictionCode)) return false;
  return norm.plan.issuedOn === null || project.approvedOn >= norm.plan.issuedOn;
}

/** Every norm target of the plans given. */
export function residentialNorms(plans: readonly Plan[]): ResidentialNorm[] {
  return plans.flatMap((plan) => plan.targets.filter(isResidentialNorm).map((target) => ({ plan, target })));
}

/**
 * The norm a project is held to: of the norms that cover it, the hardest (the highest value); on a
 * tie, the most local plan's, as for binding targets. Null where none covers it.
 */
export function applicableNorm(
  project: Pick<ResidentialProject, 'approvedOn'>,
  lineage: readonly string[],
  norms: readonly ResidentialNorm[],
): ResidentialNorm | null {
  let best: ResidentialNorm | null = null;
  for (const norm of norms) {
    if (!normCovers(norm, project, lineage)) continue;
    if (
      best === null ||
      norm.target.value > best.target.value ||
      (norm.target.value === best.target.value &&
        lineage.indexOf(norm.plan.jurisdictionCode) < lineage.indexOf(best.plan.jurisdictionCode))
    ) {
      best = norm;
    }
  }
  return best;
}

/** What a progress answer adds to a norm target: the projects counted and those that fall short. */
export type ResidentialTargetDetail = z.infer<typeof residentialTargetSchema>;

export interface ResidentialEvaluation {
  current: number | null;
  gap: number | null;
  status: TargetStatus;
  residential: ResidentialTargetDetail;
}

/**
 * A norm target over the projects of a unit's subtree that it covers and that were approved by the
 * period's end (`upTo`, YYYY-MM-DD): current = Σ planned places × 1,000 ÷ Σ planned residents,
 * gap = Σ shortfalls, `met` when every project complies, `off_track` when any does not (named),
 * `no_data` when none is registered. `projects` are already those of the unit's subtree.
 */
export function evaluateResidentialTarget(
  norm: ResidentialNorm,
  projects: readonly ResidentialProject[],
  upTo: string,
): ResidentialEvaluation {
  const counted = projects.filter(
    (project) =>
      project.approvedOn <= upTo && (norm.plan.issuedOn === null || project.approvedOn >= norm.plan.issuedOn),
  );
  let residents = 0;
  let places = 0;
  let gap = 0;
  const nonCompliant: ResidentialTargetDetail['nonCompliant'] = [];
  for (const project of counted) {
    residents += project.plannedResidents;
    places += project.plannedPlaces;
    const compliance = projectCompliance(norm.target.value, project);
    gap += compliance.shortfall;
    if (!compliance.compliant) {
      nonCompliant.push({
        id: project.id,
        name: project.name,
        jurisdictionCode: project.jurisdictionCode,
        approvedOn: project.approvedOn,
        plannedResidents: project.plannedResidents,
        plannedPlaces: project.plannedPlaces,
        requiredPlaces: compliance.requiredPlaces,
        shortfall: compliance.shortfall,
      });
    }
  }
  const residential = {
    projectsCounted: counted.length,
    plannedResidents: residents,
    plannedPlaces: places,
    nonCompliant,
  };
  if (counted.length === 0) return { current: null, gap: null, status: 'no_data', residential };
  return {
    current: quotient(places, residents, 1000),
    gap,
    status: nonCompliant.length === 0 ? 'met' : 'off_track',
    residential,
  };
}
