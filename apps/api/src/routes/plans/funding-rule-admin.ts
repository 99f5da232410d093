// Admins add funding rules to a plan (POST /plans/:planId/funding-rules) and edit or delete one
// (PUT and DELETE /funding-rules/:ruleId, each with If-Match: the version they saw); every write audited.
import { errorSchema, type FundingRuleInput, fundingRuleInputSchema, planSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { ifMatchOf } from '../review.ts';
import { errors, noPlan, onePlan, planJurisdiction, planParams } from './admin-common.ts';
import {
  deleteFundingRule,
  fundingRuleJurisdictionCode,
  insertFundingRule,
  lockFundingRule,
  lockPlan,
  updateFundingRule,
} from './repository.ts';
import { planView } from './view.ts';

const ruleParams = z.object({ ruleId: z.uuid({ message: 'funding_rule_id' }) });

const noRule = () => new ApiError(404, 'no_funding_rule', API_WORDS.plans.noFundingRule);

const fundingRuleAdmin: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  const ruleJurisdiction = async (ruleId: string) => {
    const code = await fundingRuleJurisdictionCode(db, ruleId);
    if (code === null) throw noRule();
    return code;
  };

  app.post(
    '/plans/:planId/funding-rules',
    {
      schema: {
        tags: ['admin'],
        params: planParams,
        body: fundingRuleInputSchema,
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
        const id = await insertFundingRule(trx, existing.id, existing.fundingRules.length, request.body);
        await writeAudit(trx, actor, {
          action: 'insert',
          entity: 'funding_rule',
          entityId: id,
          jurisdictionCode: existing.jurisdictionCode,
          after: { planId: existing.id, ...request.body },
        });
        return onePlan(trx, existing.id);
      });
      return reply.status(201).send(planView(plan));
    },
  );

  const ruleRoute = (method: 'PUT' | 'DELETE') =>
    app.route({
      method,
      url: '/funding-rules/:ruleId',
      schema: {
        tags: ['admin'],
        params: ruleParams,
        ...(method === 'PUT' ? { body: fundingRuleInputSchema } : {}),
        response: { 200: planSchema, 428: errorSchema, ...errors },
      },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => ruleJurisdiction((request.params as { ruleId: string }).ruleId),
        },
      },
      handler: async (request) => {
        const actor = requestActor(request);
        const { ruleId } = request.params;
        const ifMatch = ifMatchOf(request);
        if (ifMatch === null) {
          throw new ApiError(428, 'if_match_required', API_WORDS.plans.fundingRuleIfMatchRequired);
        }
        const plan = await db.transaction().execute(async (trx) => {
          const locked = await lockFundingRule(trx, ruleId);
          if (locked === null) throw noRule();
          const plan = await onePlan(trx, locked.planId);
          const before = plan.fundingRules.find((rule) => rule.id === ruleId);
          if (locked.version !== ifMatch) {
            throw new ApiError(
              409,
              'stale_version',
              API_WORDS.plans.fundingRuleVersionConflict(ifMatch, locked.version),
              { current: before },
            );
          }
          if (method === 'PUT') {
            await updateFundingRule(trx, ruleId, request.body as FundingRuleInput);
          } else {
            await deleteFundingRule(trx, ruleId);
          }
          await writeAudit(trx, actor, {
            action: method === 'PUT' ? 'update' : 'delete',
            entity: 'funding_rule',
            entityId: ruleId,
            jurisdictionCode: plan.jurisdictionCode,
            before,
            after: method === 'PUT' ? request.body : undefined,
          });
          return onePlan(trx, plan.id);
        });
        return planView(plan);
      },
    });
  ruleRoute('PUT');
  ruleRoute('DELETE');
};

export default fundingRuleAdmin;
