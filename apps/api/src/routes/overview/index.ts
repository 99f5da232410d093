// GET /api/v1/overview?root=&period=: the headline of a jurisdiction and of each unit under it
// (without a root: every province), with the headline targets of the published plans in view,
// for dashboards and rankings.
import {
  divisionCode,
  errorSchema,
  formatPeriod,
  type HeadlineTarget,
  headlineTargetSchema,
  headlineTargets,
  type OverviewRow,
  overviewRow,
  overviewRowSchema,
  overviewSchema,
  type Progress,
  periodIndex,
  periodText,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendJson } from '../../cache.ts';
import { unknownJurisdiction } from '../../errors.ts';
import { provinceCodes } from '../jurisdictions/repository.ts';
import { periodFromQuery } from '../period-query.ts';
import { loadSubtree, type SubtreeContext } from '../progress/repository.ts';
import { rememberedSettings } from '../settings/repository.ts';

interface OverviewPart {
  root: OverviewRow | null;
  rows: OverviewRow[];
  /** The headline targets of each published plan in view, by the plan's jurisdiction, in plan order. */
  headlines: [jurisdictionCode: string, headlines: HeadlineTarget[]][];
}

/** A province's part of the national overview as JSON texts: each row's, each headline's. */
interface CountryPart {
  rows: string[];
  headlines: [jurisdictionCode: string, headlines: string[]][];
  demo: boolean;
}

/** What the national overview says besides its rows and headlines, checked as overviewSchema checks it. */
const overviewHead = overviewSchema.pick({ period: true, counting: true });

/** A province's part validated by the answer's own schemas and written as JSON, once per version. */
function countryPart(part: OverviewPart): CountryPart {
  const rows = part.rows.map((row) => overviewRowSchema.parse(row));
  return {
    rows: rows.map((row) => JSON.stringify(row)),
    headlines: part.headlines.map(([code, list]) => [
      code,
      list.map((headline) => JSON.stringify(headlineTargetSchema.parse(headline))),
    ]),
    demo: rows.some((row) => row.demo),
  };
}

/**
 * The rows and headlines of a subtree's context: with a root, its row and its children's rows;
 * for a province as part of the country (`unit`), the province's row alone.
 */
function overviewPart(context: SubtreeContext, root: string | null, index: number, unit?: string): OverviewPart {
  // the children standing that quarter: a unit retired by a boundary change is not one of them
  const codes = root ? context.subtree.childrenOf(root, index) : [unit as string];
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
  const inView = new Set(context.units.map((u) => u.code));
  const headlines = context.plans
    .filter((plan) => plan.sourceFile !== null && inView.has(plan.jurisdictionCode))
    .map((plan): [string, HeadlineTarget[]] => [
      plan.jurisdictionCode,
      headlineTargets(plan.id, progressOf(plan.jurisdictionCode)),
    ]);
  return { root: rootRow, rows, headlines };
}

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
      const json = root
        ? await app.cache.json(
            `overview|${root}|${index}`,
            async (trx) => {
              const settings = await rememberedSettings(trx, app.cache);
              const context = await loadSubtree(trx, root, index, settings, app.cache);
              if (!context) return null;
              const part = overviewPart(context, root, index);
              return overviewSchema.parse({
                period: formatPeriod(period),
                counting: settings.counting,
                root: part.root,
                rows: part.rows,
                headlines: part.headlines.flatMap(([, headlines]) => headlines),
                demo: Boolean(part.root?.demo) || part.rows.some((row) => row.demo),
              });
            },
            root,
          )
        : await app.cache.jsonText(`overview|country|${index}`, async (trx) => {
            // the country is its provinces: each one's part is remembered per that province's
            // version, validated and written as JSON text when it is made, so a write recomputes,
            // validates and writes the part of its own province only, and the answer is their texts
            // joined (the same text as the whole answer parsed by overviewSchema and stringified)
            const settings = await rememberedSettings(trx, app.cache);
            const provinces = await app.cache.perGlobal(
              trx,
              'province-codes',
              () => provinceCodes(trx),
              (codes) => codes.length,
            );
            const parts: (CountryPart | null)[] = [];
            for (const code of provinces) {
              parts.push(
                await app.cache.part(trx, `overview-text|${code}|${index}`, code, async () => {
                  const context = await loadSubtree(trx, code, index, settings, app.cache);
                  return context && countryPart(overviewPart(context, null, index, code));
                }),
              );
            }
            const rows = parts.flatMap((part) => part?.rows ?? []);
            // plan by plan in the order of every plan (by jurisdiction, then as each unit's were made)
            const headlines = parts
              .flatMap((part) => part?.headlines ?? [])
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .flatMap(([, list]) => list);
            const head = overviewHead.parse({ period: formatPeriod(period), counting: settings.counting });
            const demo = parts.some((part) => part?.demo);
            return `{"period":${JSON.stringify(head.period)},"counting":${JSON.stringify(head.counting)},"root":null,"rows":[${rows.join(',')}],"headlines":[${headlines.join(',')}],"demo":${demo}}`;
          });
      if (json === 'null') throw unknownJurisdiction(root as string);
      return sendJson(reply, json);
    },
  );
};

export default overview;
