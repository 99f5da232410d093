// Admins add and edit plans and their targets, so that a county not among the shipped five can
// start without a developer; every write audited.
import {
  errorSchema,
  type PlanInput,
  planInputSchema,
  planSchema,
  type TargetInput,
  targetInputSchema,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { signedInUser } from '../../auth/access.ts';
import { isUniqueViolation } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import {
  deletePlan,
  deleteTarget,
  insertPlan,
  insertTarget,
  listPlans,
  lockPlan,
  lockTarget,
  planJurisdictionCode,
  type StoredPlan,
  targetJurisdictionCode,
  updatePlan,
  updateTarget,
} from './repository.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const planParams = z.object({ planId: z.uuid({ message: 'plan_id' }) });
const targetParams = z.object({ targetId: z.uuid({ message: 'target_id' }) });

const noPlan = () => new ApiError(404, 'no_plan', { zh: '没有这个规划。', en: 'There is no such plan.' });
const noTarget = () => new ApiError(404, 'no_target', { zh: '没有这个目标。', en: 'There is no such target.' });

/** The plan view the API answers with (institutionKind only where there is one). */
export function planView(plan: StoredPlan) {
  return {
    ...plan,
    targets: plan.targets.map(({ institutionKind, ...target }) => ({
      ...target,
      ...(institutionKind ? { institutionKind } : {}),
    })),
  };
}

const plansAdmin: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  const planJurisdiction = async (planId: string) => {
    const code = await planJurisdictionCode(db, planId);
    if (code === null) throw noPlan();
    return code;
  };
  const targetJurisdiction = async (targetId: string) => {
    const code = await targetJurisdictionCode(db, targetId);
    if (code === null) throw noTarget();
    return code;
  };
  const onePlan = async (trx: Transaction<DB> | typeof db, planId: string) => {
    const [plan] = await listPlans(trx as typeof db, undefined, planId);
    if (!plan) throw noPlan();
    return plan;
  };
  const duplicateNumber = (error: unknown, input: PlanInput) => {
    if (isUniqueViolation(error)) {
      return new ApiError(
        409,
        'duplicate_document_number',
        {
          zh: `文号 ${input.documentNumber} 已被另一个规划使用。`,
          en: `The document number ${input.documentNumber} is used by another plan.`,
        },
        [{ field: 'body.documentNumber', message: 'duplicate' }],
      );
    }
    return error;
  };

  app.post(
    '/plans',
    {
      schema: { tags: ['admin'], body: planInputSchema, response: { 201: planSchema, ...errors } },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => (request.body as PlanInput).jurisdictionCode,
        },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const plan = await db
        .transaction()
        .execute(async (trx) => {
          const id = await insertPlan(trx, request.body);
          await writeAudit(trx, actor, {
            action: 'insert',
            entity: 'plan',
            entityId: id,
            jurisdictionCode: request.body.jurisdictionCode,
            after: request.body,
          });
          return onePlan(trx, id);
        })
        .catch((error) => {
          throw duplicateNumber(error, request.body);
        });
      return reply.status(201).send(planView(plan));
    },
  );

  app.put(
    '/plans/:planId',
    {
      schema: { tags: ['admin'], params: planParams, body: planInputSchema, response: { 200: planSchema, ...errors } },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => planJurisdiction((request.params as { planId: string }).planId),
        },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      const actor = requestActor(request);
      const { planId } = request.params;
      // moving a plan to another jurisdiction needs that one in scope too
      if (request.body.jurisdictionCode !== (await planJurisdiction(planId)) && user.jurisdictionCode !== null) {
        throw new ApiError(403, 'out_of_scope', {
          zh: '只有全国范围的管理员可以把规划移到另一个行政区划。',
          en: 'Only a country-wide admin can move a plan to another jurisdiction.',
        });
      }
      const plan = await db
        .transaction()
        .execute(async (trx) => {
          // locked before it is read, so that the audit's before is what this write replaces
          if (!(await lockPlan(trx, planId))) throw noPlan();
          const before = await onePlan(trx, planId);
          await updatePlan(trx, planId, request.body);
          await writeAudit(trx, actor, {
            action: 'update',
            entity: 'plan',
            entityId: planId,
            jurisdictionCode: request.body.jurisdictionCode,
            before: { ...before, targets: undefined },
            after: request.body,
          });
          return onePlan(trx, planId);
        })
        .catch((error) => {
          throw duplicateNumber(error, request.body);
        });
      return planView(plan);
    },
  );

  app.delete(
    '/plans/:planId',
    {
      schema: { tags: ['admin'], params: planParams, response: { 204: z.null(), ...errors } },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => planJurisdiction((request.params as { planId: string }).planId),
        },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      await db.transaction().execute(async (trx) => {
        if (!(await lockPlan(trx, request.params.planId))) throw noPlan();
        const before = await onePlan(trx, request.params.planId);
        await deletePlan(trx, before.id);
        await writeAudit(trx, actor, {
          action: 'delete',
          entity: 'plan',
          entityId: before.id,
          jurisdictionCode: before.jurisdictionCode,
          before,
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/plans/:planId/targets',
    {
      schema: {
        tags: ['admin'],
        params: planParams,
        body: targetInputSchema,
        response: { 201: planSchema, ...errors },
      },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => planJurisdiction((request.params as { planId: string }).planId),
        },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const plan = await db.transaction().execute(async (trx) => {
        // concurrent additions take turns on the plan, each placed after the ones before it
        if (!(await lockPlan(trx, request.params.planId))) throw noPlan();
        const existing = await onePlan(trx, request.params.planId);
        const id = await insertTarget(trx, existing.id, existing.targets.length, request.body);
        await writeAudit(trx, actor, {
          action: 'insert',
          entity: 'target',
          entityId: id,
          jurisdictionCode: existing.jurisdictionCode,
          after: { planId: existing.id, ...request.body },
        });
        return onePlan(trx, existing.id);
      });
      return reply.status(201).send(planView(plan));
    },
  );

  const targetRoute = (method: 'PUT' | 'DELETE') =>
    app.route({
      method,
      url: '/targets/:targetId',
      schema: {
        tags: ['admin'],
        params: targetParams,
        ...(method === 'PUT' ? { body: targetInputSchema } : {}),
        response: { 200: planSchema, ...errors },
      },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => targetJurisdiction((request.params as { targetId: string }).targetId),
        },
      },
      handler: async (request) => {
        const actor = requestActor(request);
        const { targetId } = request.params;
        const plan = await db.transaction().execute(async (trx) => {
          const planId = await lockTarget(trx, targetId);
          if (planId === null) throw noTarget();
          const plan = await onePlan(trx, planId);
          const before = plan.targets.find((t) => t.id === targetId);
          if (method === 'PUT') {
            await updateTarget(trx, targetId, request.body as TargetInput);
          } else {
            await deleteTarget(trx, targetId);
          }
          await writeAudit(trx, actor, {
            action: method === 'PUT' ? 'update' : 'delete',
            entity: 'target',
            entityId: targetId,
            jurisdictionCode: plan.jurisdictionCode,
            before,
            after: method === 'PUT' ? request.body : undefined,
          });
          return onePlan(trx, plan.id);
        });
        return planView(plan);
      },
    });
  targetRoute('PUT');
  targetRoute('DELETE');
};

export default plansAdmin;
