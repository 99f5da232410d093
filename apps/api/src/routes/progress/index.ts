// GET /api/v1/progress/:code?period=2024Q4: where a jurisdiction stands against every target.
import {
  codeParams,
  computeProgress,
  errorSchema,
  lastEndedPeriod,
  parsePeriod,
  periodIndex,
  progressQuery,
  progressSchema,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError, unknownJurisdiction } from '../../errors.ts';
import { readSettings } from '../settings/repository.ts';
import { loadProgressInput } from './repository.ts';

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
    async (request) => {
      const text = request.query.period;
      const period = text === undefined ? lastEndedPeriod(new Date()) : parsePeriod(text);
      if (period === null) {
        throw new ApiError(400, 'invalid_period', {
          zh: `季度 "${text}" 超出范围：年份应在 2000 到 2100 之间，例如 2024Q4。`,
          en: `The quarter "${text}" is out of range: the year must be from 2000 to 2100, for example 2024Q4.`,
        });
      }
      const settings = await readSettings(app.database.db);
      const input = await loadProgressInput(app.database.db, request.params.code, periodIndex(period), settings);
      if (!input) throw unknownJurisdiction(request.params.code);
      return { ...computeProgress(input), counting: settings.counting };
    },
  );
};

export default progress;
