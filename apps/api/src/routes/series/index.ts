// GET /api/v1/series/:code?period=: a jurisdiction quarter by quarter (up to six years back) and
// the rows of its places chart.
import {
  codeParams,
  errorSchema,
  formatPeriod,
  periodFromIndex,
  periodIndex,
  placesChart,
  progressQuery,
  seriesOf,
  seriesSchema,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendJson } from '../../cache.ts';
import { unknownJurisdiction } from '../../errors.ts';
import { periodFromQuery } from '../period-query.ts';
import { loadSubtree } from '../progress/repository.ts';
import { readSettings } from '../settings/repository.ts';

/** How far back a chart reaches: six years of quarters. */
const QUARTERS_BACK = 24;

const series: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/series/:code',
    {
      schema: {
        tags: ['reading'],
        params: codeParams,
        querystring: progressQuery,
        response: { 200: seriesSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const index = periodIndex(periodFromQuery(request.query.period));
      const json = await app.cache.json(
        `series|${code}|${index}`,
        async (trx) => {
          const context = await loadSubtree(trx, code, index, await readSettings(trx));
          if (!context) return null;
          const from = Math.max(index - QUARTERS_BACK + 1, context.subtree.earliestIndex ?? index);
          const points = seriesOf(context.subtree, code, from, index);
          const progress = context.progressOf(code);
          // the population a year's ratio target is turned into places at: the unit's own figure
          const populationOfYear = (year: number) => context.subtree.populationOf(code, year)?.value ?? null;
          return seriesSchema.parse({
            code,
            period: formatPeriod(periodFromIndex(index)),
            points,
            placesChart: placesChart(points, progress.targets, index, populationOfYear),
          });
        },
        code,
      );
      if (json === 'null') throw unknownJurisdiction(code);
      return sendJson(reply, json);
    },
  );
};

export default series;
