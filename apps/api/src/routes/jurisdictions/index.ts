// GET /api/v1/jurisdictions[?level=province,prefecture,county&parent=:code], /api/v1/jurisdictions/:code
// and /api/v1/divisions/edition.
import {
  beijingDate,
  codeParams,
  divisionCode,
  divisionEditionSchema,
  errorSchema,
  jurisdictionDetailSchema,
  jurisdictionSchema,
  LEVELS,
  type Level,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendJson } from '../../cache.ts';
import { ApiError, unknownJurisdiction } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { findJurisdiction, findUnit, listJurisdictions, loadedEdition } from './repository.ts';

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
          // one unit's children: a screen showing one province fetches its prefectures, not the country
          parent: divisionCode.optional(),
        }),
        response: { 200: list, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const levels: Level[] | null = request.query.level
        ? LEVELS.filter((l) => request.query.level?.includes(l))
        : null;
      const parent = request.query.parent ?? null;
      const json = await app.cache.json(
        `jurisdictions|${levels?.join(',') ?? 'all'}|${parent ?? ''}`,
        async (trx) => {
          if (parent !== null && !(await findUnit(trx, parent))) return null;
          return list.parse(await listJurisdictions(trx, levels, parent));
        },
        null,
      );
      if (json === 'null') throw unknownJurisdiction(parent as string);
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
      const json = await app.cache.json(
        `jurisdiction|${code}|${today}`,
        async (trx) => {
          const found = await findJurisdiction(trx, code, today);
          return found && jurisdictionDetailSchema.parse(found);
        },
        code,
      );
      if (json === 'null') throw unknownJurisdiction(code);
      return sendJson(reply, json);
    },
  );

  app.get(
    '/divisions/edition',
    { schema: { tags: ['reading'], response: { 200: divisionEditionSchema, 404: errorSchema } } },
    async (_request, reply) => {
      // the editions are global data: a report written in a province leaves this answer be
      const json = await app.cache.json(
        'divisions-edition',
        async (trx) => {
          const found = await loadedEdition(trx);
          return found ? divisionEditionSchema.parse(found) : null;
        },
        null,
      );
      if (json === 'null') {
        throw new ApiError(404, 'no_division_edition', API_WORDS.jurisdictions.noEdition);
      }
      return sendJson(reply, json);
    },
  );
};

export default jurisdictions;
