// GET /api/v1/jurisdictions and /api/v1/jurisdictions/:code.
import { codeParams, errorSchema, jurisdictionDetailSchema, jurisdictionSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unknownJurisdiction } from '../../errors.ts';
import { findJurisdiction, listJurisdictions } from './repository.ts';

const jurisdictions: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/jurisdictions',
    { schema: { tags: ['reading'], response: { 200: z.array(jurisdictionSchema) } } },
    async () => listJurisdictions(app.database.db),
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
    async (request) => {
      const found = await findJurisdiction(app.database.db, request.params.code);
      if (!found) throw unknownJurisdiction(request.params.code);
      return found;
    },
  );
};

export default jurisdictions;
