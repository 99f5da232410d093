// The plan as the API answers with it, for the reading and the admin routes alike.
import type { StoredPlan } from './repository.ts';

/** The plan view the API answers with (institutionKind only where there is one). */
export function planView(plan: StoredPlan) {
  return {
    ...plan,
    targets: plan.targets.map(({ institutionKind, ...target }) => ({
      ...target,
      supersedes: target.supersedes ?? null,
      supersededBy: target.supersededBy ?? null,
      inForceFrom: target.inForceFrom ?? null,
      inForceUntil: target.inForceUntil ?? null,
      version: target.version ?? 1,
      ...(institutionKind ? { institutionKind } : {}),
    })),
  };
}
