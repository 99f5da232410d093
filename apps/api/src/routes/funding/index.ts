// GET /api/v1/funding/:code?year=2024: what the unit's plans' funding rules owe for that year.
import { codeParams, errorSchema, fundingSchema, lastEndedPeriod, MAX_YEAR, MIN_YEAR } from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendJson } from '../../cache.ts';
import { ApiError, unknownJurisdiction } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { readSettings } from '../settings/repository.ts';
import { fundingOf } from './repository.ts';

const fundingQuery = z.object({ year: z.string().optional() });

/** `?year=`: four digits from 2000 to 2100; by default the year of the last quarter that has ended. */
function yearFromQuery(text: string | undefined): number {
  if (text === undefined) return lastEndedPeriod(new Date()).year;
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
    throw new ApiError(400, 'invalid_year', API_WORDS.funding.invalidYear(text, MIN_YEAR, MAX_YEAR), [
      { field: 'querystring.year', message: 'year' },
    ]);
  }
  return year;
}

const funding: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/funding/:code',
    {
      schema: {
        tags: ['reading'],
        params: codeParams,
        querystring: fundingQuery,
        response: { 200: fundingSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const year = yearFromQuery(request.query.year);
      const json = await app.cache.json(`funding|${code}|${year}`, async (trx) => {
        const result = await fundingOf(trx, code, year, await readSettings(trx));
        return result === null ? null : fundingSchema.parse(result);
      });
      if (json === 'null') throw unknownJurisdiction(code);
      return sendJson(reply, json);
    },
  );
};

export default funding;
