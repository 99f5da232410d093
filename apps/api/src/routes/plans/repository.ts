// Plans and their targets.
import type { InstitutionKind, Plan, PlanTarget } from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface StoredPlan extends Plan {
  sourceFile: string | null;
}

/** Every plan, or the plans of the given jurisdictions, with their targets in the plan's order. */
export async function listPlans(
  db: Kysely<DB> | Transaction<DB>,
  jurisdictionCodes?: readonly string[],
  planId?: string,
): Promise<StoredPlan[]> {
  if (jurisdictionCodes && jurisdictionCodes.length === 0) return [];
  let plansQuery = db
    .selectFrom('plans')
    .select(['id', 'jurisdiction_code', 'document_number', 'title', 'issuer', 'issued_on', 'source_file'])
    .orderBy('jurisdiction_code')
    .orderBy('created_at');
  if (jurisdictionCodes) plansQuery = plansQuery.where('jurisdiction_code', 'in', jurisdictionCodes);
  if (planId) plansQuery = plansQuery.where('id', '=', planId);
  const plans = await plansQuery.execute();
  if (plans.length === 0) return [];
  const targets = await db
    .selectFrom('targets')
    .select(['id', 'plan_id', 'metric', 'comparator', 'value', 'due_year', 'clause', 'scope', 'institution_kind'])
    .where(
      'plan_id',
      'in',
      plans.map((plan) => plan.id),
    )
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
  return plans.map((plan) => ({
    id: plan.id,
    jurisdictionCode: plan.jurisdiction_code,
    documentNumber: plan.document_number,
    title: plan.title,
    issuer: plan.issuer,
    issuedOn: plan.issued_on === null ? null : isoDate(plan.issued_on),
    sourceFile: plan.source_file,
    targets: targets
      .filter((target) => target.plan_id === plan.id)
      .map(
        (target): PlanTarget => ({
          id: target.id,
          metric: target.metric as PlanTarget['metric'],
          comparator: target.comparator as PlanTarget['comparator'],
          value: Number(target.value),
          dueYear: target.due_year,
          clause: target.clause,
          scope: target.scope as PlanTarget['scope'],
          institutionKind: target.institution_kind as InstitutionKind | null,
        }),
      ),
  }));
}

/** `pg` reads a date column as a local-midnight Date; write it back as the calendar date. */
function isoDate(value: unknown): string {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value);
}

/**
 * Locks a plan's row for the rest of the transaction, so that concurrent edits of it (and of its
 * list of targets) take turns; false when there is no such plan.
 */
export async function lockPlan(trx: Transaction<DB>, planId: string): Promise<boolean> {
  const row = await trx.selectFrom('plans').select('id').where('id', '=', planId).forUpdate().executeTakeFirst();
  return row !== undefined;
}
