// GET /api/v1/jurisdictions[?level=province,prefecture,county] and /api/v1/jurisdictions/:code.
import {
  beijingDate,
  codeParams,
  errorSchema,
  jurisdictionDetailSchema,
  jurisdictionSchema,
  LEVELS,
  type Level,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendJson } from '../../cache.ts';
import { unknownJurisdiction } from '../../errors.ts';
import { findJurisdiction, listJurisdictions } from './repository.ts';

const jurisdictions: FastifyPluginAsyncZod = async (app) => {
  const list = z.array(jurisdictionSchema);
  app.get(
    '/jurisdictions',
    {
      schema: {
        tags: ['reading'],
        // a country down to its townships is some 43,000 units: a screen that needs no townships says so
        querystring: z.object({
          level: z
            .string()
            .transform((text) => text.split(','))
            .pipe(z.array(z.enum(LEVELS)).min(1))
            .optional(),
        }),
        response: { 200: list, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const levels: Level[] | null = request.query.level
        ? LEVELS.filter((l) => request.query.level?.includes(l))
        : null;
      const json = await app.cache.json(`jurisdictions|${levels?.join(',') ?? 'all'}`, async (trx) =>
        list.parse(await listJurisdictions(trx, levels)),
      );
      return sendJson(reply, json);
    },
  );

  app.get(
    '/jurisdictions/:code',
    {
      schema: {
        tags: ['reading'],
        params: codeParams,
        response: { 200: jurisdictionDetailSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      // which children stand depends on the day as well as on the data
      const today = beijingDate(new Date());
      const json = await app.cache.json(`jurisdiction|${code}|${today}`, async (trx) => {
        const found = await findJurisdiction(trx, code, today);
        return found && jurisdictionDetailSchema.parse(found);
      });
      if (json === 'null') throw unknownJurisdiction(code);
      return sendJson(reply, json);
    },
  );
};

export default jurisdictions;
