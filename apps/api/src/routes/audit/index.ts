// GET /api/v1/audit (auditors and admins, within their jurisdiction), its export, the check of its
// hash chain, and the trail of one report.
import {
  auditEntrySchema,
  auditQuery,
  auditVerifyQuery,
  auditVerifySchema,
  divisionCode,
  errorSchema,
  periodText,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedInUser } from '../../auth/access.ts';
import { prefersEnglish } from '../../errors.ts';
import { Slots } from '../../slots.ts';
import { fileHead } from '../file-head.ts';
import { XLSX_TYPE } from '../import/index.ts';
import { findReport } from '../reports/repository.ts';
import { noReport } from '../reports/workflow.ts';
import { verifyAuditChain } from './chain.ts';
import { auditExport } from './export.ts';
import { auditOfRecord, auditOfSubtree, lastLink } from './repository.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

const audit: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: { tags: ['audit'], querystring: auditQuery, response: { 200: z.array(auditEntrySchema), ...errors } },
      config: {
        access: {
          roles: ['auditor', 'admin'],
          scope: 'within',
          // without a root, the person's own jurisdiction
          scopeCode: (request) =>
            (request.query as { root?: string }).root ?? request.session?.user.jurisdictionCode ?? null,
        },
      },
    },
    async (request) => {
      const user = signedInUser(request);
      const root = request.query.root ?? user.jurisdictionCode;
      return auditOfSubtree(app.database.db, { ...request.query, root });
    },
  );

  app.get(
    '/audit/export',
    {
      schema: {
        tags: ['export'],
        querystring: auditQuery.pick({ root: true, from: true, to: true, entity: true }).extend({
          format: z.enum(['xlsx', 'csv']).default('xlsx'),
        }),
        response: errors,
      },
      config: {
        access: {
          roles: ['auditor', 'admin'],
          scope: 'within',
          scopeCode: (request) =>
            (request.query as { root?: string }).root ?? request.session?.user.jurisdictionCode ?? null,
        },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const { format, ...filter } = request.query;
      const root = filter.root ?? user.jurisdictionCode;
      const name = `tuowei-audit-${root ?? 'all'}-${filter.from ?? 'start'}-${filter.to ?? 'now'}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
      // a HEAD asks only what the file is: the trail is not read for a body that would be thrown away
      if (request.method === 'HEAD') return fileHead(reply);
      const head = await lastLink(app.database.db);
      return reply.send(
        auditExport(app.database.db, { ...filter, root }, format, prefersEnglish(request) ? 'en' : 'zh', head) as never,
      );
    },
  );

  // one walk at a time: a long trail takes a while, and walks side by side would only slow each other
  const walks = new Slots(1);
  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        querystring: auditVerifyQuery,
        response: { 200: auditVerifySchema, ...errors },
      },
      // the whole trail's integrity, which names no jurisdiction's data
      config: { access: { roles: ['auditor', 'admin'], scope: 'none' } },
    },
    async (request) => {
      const { headId, headHash } = request.query;
      const release = await walks.take();
      try {
        return await verifyAuditChain(
          app.database.db,
          headId !== undefined && headHash !== undefined ? { id: headId, hash: headHash } : undefined,
        );
      } finally {
        release();
      }
    },
  );

  app.get(
    '/reports/:code/:period/history',
    {
      schema: {
        tags: ['audit'],
        params: z.object({ code: divisionCode, period: periodText }),
        response: { 200: z.array(auditEntrySchema), ...errors },
      },
      config: { access: { roles: ['entry', 'reviewer', 'leader', 'auditor', 'admin'], scope: 'within' } },
    },
    async (request) => {
      const [year, quarter] = request.params.period.split('Q').map(Number);
      const report = await findReport(app.database.db, request.params.code, year, quarter);
      if (!report) throw noReport({ ...request.params, year, quarter });
      return auditOfRecord(app.database.db, 'report', report.id);
    },
  );
};

export default audit;
