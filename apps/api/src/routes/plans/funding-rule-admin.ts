// Admins add funding rules to a plan (POST /plans/:planId/funding-rules) and edit or delete one
// (PUT and DELETE /funding-rules/:ruleId, each with If-Match: the version they saw); every write audited.
import { errorSchema, type FundingRuleInput, fundingRuleInputSchema, planSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { ifMatchOf } from '../review.ts';
import { errors, planJurisdiction, planParams } from './admin-common.ts';
import { addPlanPart, adminWithin, changePlanPart } from './plan-part.ts';
import {
  deleteFundingRule,
  fundingRuleJurisdictionCode,
  insertFundingRule,
  lockFundingRule,
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
      config: adminWithin((request) => planJurisdiction(db, (request.params as { planId: string }).planId)),
    },
    async (request, reply) => {
      const plan = await addPlanPart(db, request, request.params.planId, request.body, {
        entity: 'funding_rule',
        count: (existing) => existing.fundingRules.length,
        insert: insertFundingRule,
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
      config: adminWithin((request) => ruleJurisdiction((request.params as { ruleId: string }).ruleId)),
      handler: async (request) => {
        const { ruleId } = request.params;
        const ifMatch = ifMatchOf(request);
        if (ifMatch === null) {
          throw new ApiError(428, 'if_match_required', API_WORDS.plans.fundingRuleIfMatchRequired);
        }
        const plan = await changePlanPart(db, request, ruleId, ifMatch, {
          entity: 'funding_rule',
          action: method === 'PUT' ? 'update' : 'delete',
          lock: async (trx, id) => {
            const locked = await lockFundingRule(trx, id);
            return locked && { ...locked, state: null };
          },
          notFound: noRule,
          stale: (sent, locked, before) =>
            new ApiError(409, 'stale_version', API_WORDS.plans.fundingRuleVersionConflict(sent, locked.version), {
              current: before,
            }),
          partsOf: (existing) => existing.fundingRules,
          write: async (trx) => {
            if (method === 'DELETE') return deleteFundingRule(trx, ruleId);
            await updateFundingRule(trx, ruleId, request.body as FundingRuleInput);
            return request.body;
          },
        });
        return planView(plan);
      },
    });
  ruleRoute('PUT');
  ruleRoute('DELETE');
};

export default fundingRuleAdmin;
