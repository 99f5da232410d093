// GET /api/v1/plans: every plan with its targets.
import { planSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listPlans } from './repository.ts';
import { planView } from './view.ts';

const plans: FastifyPluginAsyncZod = async (app) => {
  app.get('/plans', { schema: { tags: ['reading'], response: { 200: z.array(planSchema) } } }, async () => {
    const stored = await listPlans(app.database.db);
    return stored.map(planView);
  });
};

export default plans;
