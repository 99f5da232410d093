// GET /api/v1/progress/:code?period=2024Q4: where a jurisdiction stands against every target.
import { codeParams, errorSchema, periodIndex, progressQuery, progressSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendJson } from '../../cache.ts';
import { unknownJurisdiction } from '../../errors.ts';
import { periodFromQuery } from '../period-query.ts';
import { rememberedSettings } from '../settings/repository.ts';
import { loadSubtree } from './repository.ts';

const progress: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/progress/:code',
    {
      schema: {
        tags: ['reading'],
        params: codeParams,
        querystring: progressQuery,
        response: { 200: progressSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const index = periodIndex(periodFromQuery(request.query.period));
      const json = await app.cache.json(
        `progress|${code}|${index}`,
        async (trx) => {
          const settings = await rememberedSettings(trx, app.cache);
          // from the province's remembered branches: after a write in another branch, no query
          const context = await loadSubtree(trx, code, index, settings, app.cache);
          if (!context) return null;
          return progressSchema.parse({ ...context.progressOf(code), counting: settings.counting });
        },
        code,
      );
      if (json === 'null') throw unknownJurisdiction(code);
      return sendJson(reply, json);
    },
  );
};

export default progress;
