// GET /api/v1/overview?root=&period=: the headline of a jurisdiction and of each unit under it
// (without a root: every province), with the headline targets of the published plans in view,
// for dashboards and rankings.
import {
  divisionCode,
  errorSchema,
  formatPeriod,
  headlineTargets,
  overviewRow,
  overviewSchema,
  type Progress,
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
          ? context.subtree.childrenOf(root, index)
          : context.units.filter((u) => u.parentCode === null).map((u) => u.code);
        // a jurisdiction with a published plan may be a unit in view as well (a province)
        const progress = new Map<string, Progress>();
        const progressOf = (code: string) => {
          const known = progress.get(code) ?? context.progressOf(code);
          progress.set(code, known);
          return known;
        };
        const rows = codes.map((code) => overviewRow(progressOf(code)));
        const rootRow = root ? overviewRow(progressOf(root)) : null;
        // the context's plans include those above the root, which are not in view
        const inView = new Set(context.units.map((unit) => unit.code));
        const headlines = context.plans
          .filter((plan) => plan.sourceFile !== null && inView.has(plan.jurisdictionCode))
          .flatMap((plan) => headlineTargets(plan.id, progressOf(plan.jurisdictionCode)));
        return overviewSchema.parse({
          period: formatPeriod(period),
          counting: settings.counting,
          root: rootRow,
          rows,
          headlines,
          demo: Boolean(rootRow?.demo) || rows.some((row) => row.demo),
        });
      });
      if (json === 'null') throw unknownJurisdiction(root as string);
      return sendJson(reply, json);
    },
  );
};

export default overview;
