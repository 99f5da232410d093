// GET /api/v1/plans: every plan with its targets, remembered per data version.
import { planSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendJson } from '../../cache.ts';
import { listPlans } from './repository.ts';
import { planView } from './view.ts';

const plans: FastifyPluginAsyncZod = async (app) => {
  const list = z.array(planSchema);
  app.get('/plans', { schema: { tags: ['reading'], response: { 200: list } } }, async (_request, reply) => {
    const json = await app.cache.json('plans', async (trx) => list.parse((await listPlans(trx)).map(planView)), null);
    return sendJson(reply, json);
  });
};

export default plans;
