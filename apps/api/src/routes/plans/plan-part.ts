// What the admin routes for a plan's parts (its targets and its funding rules) share: the access
// rule (admins within the part's jurisdiction), adding a part at the plan's end, and changing or
// removing one under the version its writer saw; each in one transaction, audited.
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, requestActor, writeAudit } from '../../audit.ts';
import type { DB } from '../../db/schema.ts';
import type { ApiError } from '../../errors.ts';
import { noPlan, onePlan } from './admin-common.ts';
import { lockPlan, type StoredPlan } from './repository.ts';

type PartEntity = 'target' | 'funding_rule';

/** A route's access: admins, within the jurisdiction `scopeCode` finds for the request. */
export const adminWithin = (scopeCode: (request: FastifyRequest) => Promise<string>) => ({
  access: { roles: ['admin' as const], scope: 'within' as const, scopeCode },
});

export interface NewPart<Input> {
  entity: PartEntity;
  /** How many parts of its kind the plan has: the new one's position. */
  count: (plan: StoredPlan) => number;
  insert: (trx: Transaction<DB>, planId: string, position: number, input: Input) => Promise<string>;
}

/**
 * A part added to a plan: concurrent additions take turns on the plan, each placed after the
 * ones before it; audited as an insert. Gives the plan as it now stands.
 */
export async function addPlanPart<Input extends object>(
  db: Kysely<DB>,
  request: FastifyRequest,
  planId: string,
  input: Input,
  part: NewPart<Input>,
): Promise<StoredPlan> {
  const actor = requestActor(request);
  return db.transaction().execute(async (trx) => {
    if (!(await lockPlan(trx, planId))) throw noPlan();
    const existing = await onePlan(trx, planId);
    const id = await part.insert(trx, existing.id, part.count(existing), input);
    await writeAudit(trx, actor, {
      action: 'insert',
      entity: part.entity,
      entityId: id,
      jurisdictionCode: existing.jurisdictionCode,
      after: { planId: existing.id, ...input },
    });
    return onePlan(trx, existing.id);
  });
}

/** A part locked for a change: its plan, its version, and whatever else its kind needs to decide. */
export interface LockedPart<State> {
  planId: string;
  version: number;
  state: State;
}

export interface ChangedPart<State, Part> {
  entity: PartEntity;
  action: 'update' | 'delete';
  /** Locks the part (null: there is none). */
  lock: (trx: Transaction<DB>, id: string) => Promise<LockedPart<State> | null>;
  notFound: () => ApiError;
  /** The answer to an If-Match that is not the part's version; `before` is the part as it stands. */
  stale: (ifMatch: number, locked: LockedPart<State>, before: Part | undefined) => ApiError;
  partsOf: (plan: StoredPlan) => readonly (Part & { id: string })[];
  /** Changes or removes the part; gives what the audit records as `after` (undefined for a removal). */
  write: (trx: Transaction<DB>, locked: LockedPart<State>) => Promise<unknown>;
}

/**
 * A part changed or removed: locked, its version held against If-Match where one is sent (a
 * route that demands one refuses its absence before), written, audited with the part before and
 * after. Gives the plan as it now stands.
 */
export async function changePlanPart<State, Part>(
  db: Kysely<DB>,
  request: FastifyRequest,
  id: string,
  ifMatch: number | null,
  part: ChangedPart<State, Part>,
): Promise<StoredPlan> {
  const actor: AuditActor = requestActor(request);
  return db.transaction().execute(async (trx) => {
    const locked = await part.lock(trx, id);
    if (locked === null) throw part.notFound();
    const plan = await onePlan(trx, locked.planId);
    const before = part.partsOf(plan).find((candidate) => candidate.id === id);
    if (ifMatch !== null && ifMatch !== locked.version) throw part.stale(ifMatch, locked, before);
    const after = await part.write(trx, locked);
    await writeAudit(trx, actor, {
      action: part.action,
      entity: part.entity,
      entityId: id,
      jurisdictionCode: plan.jurisdictionCode,
      before,
      after,
    });
    return onePlan(trx, plan.id);
  });
}
