// Plans and their targets.
import type {
  FundingRule,
  FundingRuleInput,
  InstitutionKind,
  Plan,
  PlanInput,
  PlanTarget,
  TargetInput,
} from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Reader = Kysely<DB> | Transaction<DB>;

export interface StoredPlan extends Plan {
  sourceFile: string | null;
  fundingRules: FundingRule[];
}

/** Every plan, or the plans of the given jurisdictions, with their targets in the plan's order. */
export async function listPlans(
  db: Reader,
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
    .select([
      'id',
      'plan_id',
      'metric',
      'comparator',
      'value',
      'due_year',
      'clause',
      'scope',
      'institution_kind',
      'supersedes',
      'in_force_from',
      'in_force_until',
      'version',
    ])
    .where(
      'plan_id',
      'in',
      plans.map((plan) => plan.id),
    )
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
  const rules = await fundingRulesOf(
    db,
    plans.map((plan) => plan.id),
  );
  // the chain read both ways: a target's successor is the one that names it in `supersedes`
  const successors =
    targets.length === 0
      ? []
      : await db
          .selectFrom('targets')
          .select(['id', 'supersedes'])
          .where(
            'supersedes',
            'in',
            targets.map((target) => target.id),
          )
          .execute();
  const supersededBy = new Map(successors.map((row) => [row.supersedes as string, row.id]));
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
          supersedes: target.supersedes,
          supersededBy: supersededBy.get(target.id) ?? null,
          // a target that replaced none came into force with its document (however it was stored)
          inForceFrom:
            target.in_force_from !== null
              ? isoDate(target.in_force_from)
              : plan.issued_on === null
                ? null
                : isoDate(plan.issued_on),
          inForceUntil: target.in_force_until === null ? null : isoDate(target.in_force_until),
          version: target.version,
        }),
      ),
    fundingRules: rules.filter((rule) => rule.planId === plan.id),
  }));
}

/** The funding rules of the given plans, in each plan's order. */
async function fundingRulesOf(db: Reader, planIds: readonly string[]): Promise<FundingRule[]> {
  const rows = await db
    .selectFrom('funding_rules')
    .select([
      'id',
      'plan_id',
      'kind',
      'rate',
      'payer',
      'condition',
      'clause',
      'document_number',
      'description',
      'birth_order',
      'institution_kind',
      'version',
    ])
    .where('plan_id', 'in', planIds)
    .orderBy('sort_order')
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    planId: row.plan_id,
    kind: row.kind as FundingRule['kind'],
    rate: Number(row.rate),
    payer: row.payer as FundingRule['payer'],
    condition: row.condition as FundingRule['condition'],
    clause: row.clause,
    documentNumber: row.document_number,
    description: row.description,
    birthOrder: row.birth_order,
    institutionKind: row.institution_kind as InstitutionKind | null,
    version: row.version,
  }));
}

const fundingRuleColumns = (input: FundingRuleInput) => ({
  kind: input.kind,
  rate: input.rate,
  payer: input.payer,
  condition: input.condition,
  clause: input.clause,
  document_number: input.documentNumber || null,
  description: input.description,
  birth_order: input.birthOrder ?? null,
  institution_kind: input.institutionKind ?? null,
});

/** Adds a funding rule to a plan at a place in the plan's order; its id. */
export async function insertFundingRule(
  trx: Transaction<DB>,
  planId: string,
  sortOrder: number,
  input: FundingRuleInput,
): Promise<string> {
  const { id } = await trx
    .insertInto('funding_rules')
    .values({ ...fundingRuleColumns(input), plan_id: planId, sort_order: sortOrder })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Locks a funding rule's row for the rest of the transaction; its plan and version, or null when there is none. */
export async function lockFundingRule(
  trx: Transaction<DB>,
  ruleId: string,
): Promise<{ planId: string; version: number } | null> {
  const row = await trx
    .selectFrom('funding_rules')
    .select(['plan_id', 'version'])
    .where('id', '=', ruleId)
    .forUpdate()
    .executeTakeFirst();
  return row ? { planId: row.plan_id, version: row.version } : null;
}

export async function updateFundingRule(trx: Transaction<DB>, ruleId: string, input: FundingRuleInput): Promise<void> {
  await trx
    .updateTable('funding_rules')
    .set((eb) => ({ ...fundingRuleColumns(input), version: eb('version', '+', 1) }))
    .where('id', '=', ruleId)
    .execute();
}

export async function deleteFundingRule(trx: Transaction<DB>, ruleId: string): Promise<void> {
  await trx.deleteFrom('funding_rules').where('id', '=', ruleId).execute();
}

/** The jurisdiction of a funding rule's plan, or null when there is no such rule. */
export async function fundingRuleJurisdictionCode(db: Reader, ruleId: string): Promise<string | null> {
  const row = await db
    .selectFrom('funding_rules')
    .innerJoin('plans', 'plans.id', 'funding_rules.plan_id')
    .select('plans.jurisdiction_code')
    .where('funding_rules.id', '=', ruleId)
    .executeTakeFirst();
  return row?.jurisdiction_code ?? null;
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

/** The jurisdiction a plan belongs to, or null when there is no such plan. */
export async function planJurisdictionCode(db: Reader, planId: string): Promise<string | null> {
  const plan = await db.selectFrom('plans').select('jurisdiction_code').where('id', '=', planId).executeTakeFirst();
  return plan?.jurisdiction_code ?? null;
}

/** The jurisdiction of a target's plan, or null when there is no such target. */
export async function targetJurisdictionCode(db: Reader, targetId: string): Promise<string | null> {
  const row = await db
    .selectFrom('targets')
    .innerJoin('plans', 'plans.id', 'targets.plan_id')
    .select('plans.jurisdiction_code')
    .where('targets.id', '=', targetId)
    .executeTakeFirst();
  return row?.jurisdiction_code ?? null;
}

const planColumns = (input: PlanInput) => ({
  jurisdiction_code: input.jurisdictionCode,
  document_number: input.documentNumber || null,
  title: input.title,
  issuer: input.issuer,
  issued_on: input.issuedOn,
});

/** The new target's own fields (an edit may send the chain back too; it is read-only there). */
const targetColumns = (input: TargetInput) => ({
  metric: input.metric,
  comparator: input.comparator,
  value: input.value,
  due_year: input.dueYear,
  clause: input.clause,
  scope: input.scope,
  institution_kind: input.institutionKind ?? null,
});

/** Adds a plan without targets; its id. */
export async function insertPlan(trx: Transaction<DB>, input: PlanInput): Promise<string> {
  const { id } = await trx.insertInto('plans').values(planColumns(input)).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updatePlan(trx: Transaction<DB>, planId: string, input: PlanInput): Promise<void> {
  await trx.updateTable('plans').set(planColumns(input)).where('id', '=', planId).execute();
}

/** Deletes a plan (its targets go with it). */
export async function deletePlan(trx: Transaction<DB>, planId: string): Promise<void> {
  await trx.deleteFrom('plans').where('id', '=', planId).execute();
}

/** Adds a target to a plan at a place in the plan's order; its id. */
export async function insertTarget(
  trx: Transaction<DB>,
  planId: string,
  sortOrder: number,
  input: TargetInput,
): Promise<string> {
  const { id } = await trx
    .insertInto('targets')
    .values({ ...targetColumns(input), plan_id: planId, sort_order: sortOrder })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Locks a target's row for the rest of the transaction; the id of its plan, or null when there
 * is no such target.
 */
export async function lockTarget(trx: Transaction<DB>, targetId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('targets')
    .select('plan_id')
    .where('id', '=', targetId)
    .forUpdate()
    .executeTakeFirst();
  return row?.plan_id ?? null;
}

/** An edit in place: the target's fields, its version counted up. */
export async function updateTarget(trx: Transaction<DB>, targetId: string, input: TargetInput): Promise<void> {
  await trx
    .updateTable('targets')
    .set({ ...targetColumns(input), version: sql`version + 1` })
    .where('id', '=', targetId)
    .execute();
}

/** A target's revision state, read under the lock `lockTarget` took. */
export interface TargetRevisionState {
  planId: string;
  version: number;
  supersedes: string | null;
  supersededBy: string | null;
  inForceFrom: string | null;
  inForceUntil: string | null;
}

export async function targetRevisionState(trx: Transaction<DB>, targetId: string): Promise<TargetRevisionState | null> {
  const row = await trx
    .selectFrom('targets')
    .select([
      'plan_id',
      'version',
      'supersedes',
      // a target that replaced none came into force with its document
      sql<
        string | null
      >`to_char(coalesce(in_force_from, (select issued_on from plans where plans.id = targets.plan_id)), 'YYYY-MM-DD')`.as(
        'in_force_from',
      ),
      sql<string | null>`to_char(in_force_until, 'YYYY-MM-DD')`.as('in_force_until'),
      (eb) =>
        eb
          .selectFrom('targets as next')
          .select('next.id')
          .whereRef('next.supersedes', '=', 'targets.id')
          .as('superseded_by'),
    ])
    .where('id', '=', targetId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    planId: row.plan_id,
    version: row.version,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by ?? null,
    inForceFrom: row.in_force_from,
    inForceUntil: row.in_force_until,
  };
}

/** A revision: the new target, superseding the old one from a day; the old one ends the day before. */
export async function insertRevision(
  trx: Transaction<DB>,
  planId: string,
  sortOrder: number,
  input: TargetInput,
  supersedes: string,
  inForceFrom: string,
  oldUntil: string,
): Promise<string> {
  const { id } = await trx
    .insertInto('targets')
    .values({
      ...targetColumns(input),
      plan_id: planId,
      sort_order: sortOrder,
      supersedes,
      in_force_from: inForceFrom,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('targets')
    .set({ in_force_until: oldUntil, version: sql`version + 1` })
    .where('id', '=', supersedes)
    .execute();
  return id;
}

/** A revision undone (its new target deleted): the old target is in force again, with no end. */
export async function reopenTarget(trx: Transaction<DB>, targetId: string): Promise<void> {
  await trx
    .updateTable('targets')
    .set({ in_force_until: null, version: sql`version + 1` })
    .where('id', '=', targetId)
    .execute();
}

export async function deleteTarget(trx: Transaction<DB>, targetId: string): Promise<void> {
  await trx.deleteFrom('targets').where('id', '=', targetId).execute();
}
