// What the plan and target admin routes share: their error answers, the :planId parameter, and
// reading a plan by id (404 when there is none).
import { errorSchema } from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { listPlans, planJurisdictionCode, type StoredPlan } from './repository.ts';

export const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
export const planParams = z.object({ planId: z.uuid({ message: 'plan_id' }) });

export const noPlan = () => new ApiError(404, 'no_plan', API_WORDS.plans.noPlan);

/** The jurisdiction of a plan, for its routes' access rule. */
export async function planJurisdiction(db: Kysely<DB>, planId: string): Promise<string> {
  const code = await planJurisdictionCode(db, planId);
  if (code === null) throw noPlan();
  return code;
}

export async function onePlan(db: Kysely<DB> | Transaction<DB>, planId: string): Promise<StoredPlan> {
  const [plan] = await listPlans(db, undefined, planId);
  if (!plan) throw noPlan();
  return plan;
}
