// GET /api/v1/settings (anyone) and PUT /api/v1/settings (a country-wide admin).
import { errorSchema, settingsSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestActor } from '../../audit.ts';
import { readSettings, writeSettings } from './repository.ts';

const settings: FastifyPluginAsyncZod = async (app) => {
  app.get('/settings', { schema: { tags: ['reading'], response: { 200: settingsSchema } } }, async () =>
    readSettings(app.database.db),
  );

  app.put(
    '/settings',
    {
      schema: {
        tags: ['admin'],
        body: settingsSchema,
        response: { 200: settingsSchema, 400: errorSchema, 403: errorSchema },
      },
      config: { access: { roles: ['admin'], scope: 'country' } },
    },
    async (request) => {
      return writeSettings(app.database.db, request.body, requestActor(request));
    },
  );
};

export default settings;
