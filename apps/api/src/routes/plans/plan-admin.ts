// Admins add, edit and delete plans (POST /plans, PUT and DELETE /plans/:planId); every write audited.
import { type PlanInput, planInputSchema, planSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { signedInUser } from '../../auth/access.ts';
import { isUniqueViolation } from '../../db/locks.ts';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { errors, noPlan, onePlan, planJurisdiction, planParams } from './admin-common.ts';
import { deletePlan, insertPlan, lockPlan, updatePlan } from './repository.ts';
import { planView } from './view.ts';

const planAdmin: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  const duplicateNumber = (error: unknown, input: PlanInput) => {
    if (isUniqueViolation(error)) {
      return new ApiError(
        409,
        'duplicate_document_number',
        API_WORDS.plans.duplicateDocumentNumber(input.documentNumber),
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
          scopeCode: (request) => planJurisdiction(db, (request.params as { planId: string }).planId),
        },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      const actor = requestActor(request);
      const { planId } = request.params;
      // moving a plan to another jurisdiction needs that one in scope too
      if (request.body.jurisdictionCode !== (await planJurisdiction(db, planId)) && user.jurisdictionCode !== null) {
        throw new ApiError(403, 'out_of_scope', API_WORDS.plans.moveCountryOnly);
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
            before: { ...before, targets: undefined, fundingRules: undefined },
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
          scopeCode: (request) => planJurisdiction(db, (request.params as { planId: string }).planId),
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
};

export default planAdmin;
