// GET /api/v1/health: whether the API and its database answer.
import { errorSchema, healthSchema } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';

const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', { schema: { tags: ['reading'], response: { 200: healthSchema, 503: errorSchema } } }, async () => {
    try {
      await sql`select 1`.execute(app.database.db);
    } catch {
      throw new ApiError(503, 'database_unavailable', API_WORDS.request.databaseDown);
    }
    return { status: 'ok' as const, database: app.database.kind };
  });

  // The bare route: the ceiling a benchmark measures every other route against.
  app.get(
    '/ping',
    { schema: { tags: ['reading'], response: { 200: z.object({ pong: z.literal(true) }) } } },
    async () => ({
      pong: true as const,
    }),
  );
};

export default health;
