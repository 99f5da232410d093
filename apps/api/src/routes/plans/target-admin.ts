// Admins add targets to a plan (POST /plans/:planId/targets) and edit or delete one (PUT and
// DELETE /targets/:targetId); every write audited.
import { planSchema, type TargetInput, targetInputSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { errors, noPlan, onePlan, planJurisdiction, planParams } from './admin-common.ts';
import {
  deleteTarget,
  insertTarget,
  lockPlan,
  lockTarget,
  targetJurisdictionCode,
  updateTarget,
} from './repository.ts';
import { planView } from './view.ts';

const targetParams = z.object({ targetId: z.uuid({ message: 'target_id' }) });

const noTarget = () => new ApiError(404, 'no_target', API_WORDS.plans.noTarget);

const targetAdmin: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  const targetJurisdiction = async (targetId: string) => {
    const code = await targetJurisdictionCode(db, targetId);
    if (code === null) throw noTarget();
    return code;
  };

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
          scopeCode: (request) => planJurisdiction(db, (request.params as { planId: string }).planId),
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

export default targetAdmin;
