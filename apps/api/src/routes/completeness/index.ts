// GET /api/v1/completeness/:code?period=: who has reported for a quarter in a subtree.
import {
  codeParams,
  completeness,
  completenessSchema,
  errorSchema,
  formatPeriod,
  progressQuery,
  reportDeadline,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { unknownJurisdiction } from '../../errors.ts';
import { subtreeOf } from '../jurisdictions/repository.ts';
import { periodFromQuery } from '../period-query.ts';
import { readSettings } from '../settings/repository.ts';
import { quarterReports } from './repository.ts';

const completenessRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/completeness/:code',
    {
      schema: {
        tags: ['reading'],
        params: codeParams,
        querystring: progressQuery,
        response: { 200: completenessSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const period = periodFromQuery(request.query.period);
      const db = app.database.db;
      const units = await subtreeOf(db, request.params.code);
      if (units.length === 0) throw unknownJurisdiction(request.params.code);
      const reports = await quarterReports(db, request.params.code, period.year, period.quarter);
      const settings = await readSettings(db);
      const answer = completeness(units, reports, reportDeadline(period, settings.reportDeadlineDays), new Date());
      // who approved is a person's user name: for people signed in, not for anonymous readers
      if (!request.session) for (const unit of answer.units) unit.approvedBy = null;
      return { code: request.params.code, period: formatPeriod(period), ...answer };
    },
  );
};

export default completenessRoute;
