// Admins add and edit plans and their targets, so that a county not among the shipped five can
// start without a developer; one file per resource (plan-admin.ts, target-admin.ts,
// funding-rule-admin.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import fundingRuleAdmin from './funding-rule-admin.ts';
import planAdmin from './plan-admin.ts';
import targetAdmin from './target-admin.ts';

const plansAdmin: FastifyPluginAsyncZod = async (app) => {
  await app.register(planAdmin);
  await app.register(targetAdmin);
  await app.register(fundingRuleAdmin);
};

export default plansAdmin;
