// GET /api/v1/overview?root=&period=: the headline of a jurisdiction and of each unit under it
// (without a root: every province), for dashboards and rankings.
import {
  divisionCode,
  errorSchema,
  formatPeriod,
  overviewRow,
  overviewSchema,
  periodIndex,
  periodText,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendJson } from '../../cache.ts';
import { unknownJurisdiction } from '../../errors.ts';
import { periodFromQuery } from '../period-query.ts';
import { loadSubtree } from '../progress/repository.ts';
import { readSettings } from '../settings/repository.ts';

const overview: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/overview',
    {
      schema: {
        tags: ['reading'],
        querystring: z.object({ root: divisionCode.optional(), period: periodText.optional() }),
        response: { 200: overviewSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const root = request.query.root ?? null;
      const period = periodFromQuery(request.query.period);
      const index = periodIndex(period);
      const json = await app.cache.json(`overview|${root ?? 'country'}|${index}`, async (trx) => {
        const settings = await readSettings(trx);
        const context = await loadSubtree(trx, root, index, settings);
        if (!context) return null;
        const codes = root
          ? context.subtree.childrenOf(root)
          : context.units.filter((u) => u.parentCode === null).map((u) => u.code);
        const rows = codes.map((code) => overviewRow(context.progressOf(code)));
        const rootRow = root ? overviewRow(context.progressOf(root)) : null;
        return overviewSchema.parse({
          period: formatPeriod(period),
          counting: settings.counting,
          root: rootRow,
          rows,
          demo: Boolean(rootRow?.demo) || rows.some((row) => row.demo),
        });
      });
      if (json === 'null') throw unknownJurisdiction(root as string);
      return sendJson(reply, json);
    },
  );
};

export default overview;
