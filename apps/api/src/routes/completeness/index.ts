// GET /api/v1/completeness/:code?period=: who has reported for a quarter in a subtree;
// ?record=indicators&year=2025: who has sent a year's health indicators.
import {
  codeParams,
  completeness,
  completenessSchema,
  coverageOf,
  errorSchema,
  formatPeriod,
  periodIndex,
  populationGaps,
  progressQuery,
  reportDeadline,
  runningPeriod,
  yearText,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendJson } from '../../cache.ts';
import { readSuccessions } from '../../db/lineage.ts';
import { unknownJurisdiction } from '../../errors.ts';
import { subtreeOf } from '../jurisdictions/repository.ts';
import { periodFromQuery } from '../period-query.ts';
import { loadSubtree } from '../progress/repository.ts';
import { readSettings } from '../settings/repository.ts';
import { quarterReports, yearIndicators } from './repository.ts';

const completenessQuery = progressQuery.extend({
  /** `indicators`: a year's health indicators instead of a quarter's reports. */
  record: z.enum(['reports', 'indicators']).default('reports'),
  /** The indicators' year; by default the last year ended. */
  year: yearText.optional(),
});

const completenessRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/completeness/:code',
    {
      schema: {
        tags: ['reading'],
        params: codeParams,
        querystring: completenessQuery,
        response: { 200: completenessSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const indicators = request.query.record === 'indicators';
      const now = new Date();
      const year = request.query.year ?? runningPeriod(now).year - 1;
      // a year's indicators are due as its fourth quarter's report is, the same days after the year's end
      const period = indicators ? { year, quarter: 4 as const } : periodFromQuery(request.query.period);
      const label = indicators ? String(year) : formatPeriod(period);
      // who approved is a person's user name: for people signed in, not for anonymous readers
      const reader = request.session ? 'signed-in' : 'anonymous';
      // a missing report turns late when the deadline passes, without any write: that is in the key
      const settingsNow = await app.cache.value('settings', readSettings, null);
      const deadline = reportDeadline(period, settingsNow.reportDeadlineDays);
      const json = await app.cache.json(
        `completeness|${code}|${indicators ? 'indicators' : 'reports'}|${label}|${reader}|${now > deadline ? 'past' : 'before'}`,
        async (trx) => {
          const units = await subtreeOf(trx, code);
          if (units.length === 0) return null;
          const reports = indicators
            ? await yearIndicators(trx, code, year)
            : await quarterReports(trx, code, period.year, period.quarter);
          const settings = await readSettings(trx);
          const due = reportDeadline(period, settings.reportDeadlineDays);
          const answer = completeness(units, reports, due, now, { period, successions: await readSuccessions(trx) });
          if (reader === 'anonymous') for (const unit of answer.units) unit.approvedBy = null;
          // what the quarter's figure stands on, counted as progress counts it, and who lacks a population
          const context = await loadSubtree(trx, code, periodIndex(period), settings);
          return completenessSchema.parse({
            code,
            period: label,
            ...answer,
            // coverage is of the quarter's reports; a year's indicators are counted by the units above
            coverage: !indicators && context ? coverageOf(context.subtree, code, periodIndex(period)) : null,
            populationGaps: context ? populationGaps(context.subtree, period.year) : [],
          });
        },
        code,
      );
      if (json === 'null') throw unknownJurisdiction(code);
      return sendJson(reply, json);
    },
  );
};

export default completenessRoute;
