// GET /api/v1/completeness/:code?period=: who has reported for a quarter in a subtree.
import {
  codeParams,
  completeness,
  completenessSchema,
  errorSchema,
  formatPeriod,
  progressQuery,
  reportDeadline,
  type UnitReport,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { unknownJurisdiction } from '../../errors.ts';
import { subtreeCodes, subtreeOf } from '../jurisdictions/repository.ts';
import { periodFromQuery } from '../period-query.ts';
import { readSettings } from '../settings/repository.ts';

interface Row {
  jurisdiction_code: string;
  status: UnitReport['status'];
  first_submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  demo: boolean;
}

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
      // First submission: the audit trail's earliest submit, else (reports loaded without one) submitted_at.
      const { rows } = await sql<Row>`
        select r.jurisdiction_code, r.status, r.approved_by, r.approved_at, r.demo,
               coalesce((select min(a.at) from audit_log a
                         where a.entity = 'report' and a.entity_id = r.id::text and a.action = 'submit'),
                        r.submitted_at) as first_submitted_at
        from quarterly_reports r
        where r.jurisdiction_code in (${subtreeCodes(request.params.code)})
          and r.year = ${period.year} and r.quarter = ${period.quarter}`.execute(db);
      const reports = new Map(
        rows.map((row) => [
          row.jurisdiction_code,
          {
            status: row.status,
            firstSubmittedAt: row.first_submitted_at && new Date(row.first_submitted_at),
            approvedBy: row.approved_by,
            approvedAt: row.approved_at && new Date(row.approved_at),
            demo: row.demo,
          },
        ]),
      );
      const settings = await readSettings(db);
      return {
        code: request.params.code,
        period: formatPeriod(period),
        ...completeness(units, reports, reportDeadline(period, settings.reportDeadlineDays), new Date()),
      };
    },
  );
};

export default completenessRoute;
