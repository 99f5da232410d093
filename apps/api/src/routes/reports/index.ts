// GET and PUT /api/v1/reports/:code/:period, and …/submit, …/approve, …/return.
import {
  divisionCode,
  parsePeriod,
  periodEndDate,
  periodText,
  type Quarter,
  reasonSchema,
  reportInputSchema,
  reportingRefusal,
  reportingRefusalWords,
  reportSchema,
} from '@tuowei/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor } from '../../audit.ts';
import { signedInUser } from '../../auth/access.ts';
import { ApiError, invalidPeriod, say } from '../../errors.ts';
import { ifMatchOf, REVIEW_ERRORS, withVersion } from '../review.ts';
import { refuseRetired } from '../successions/retired.ts';
import { findReport } from './repository.ts';
import {
  type FirstReadGuard,
  noReport,
  type ReportKey,
  reportView,
  saveDraft,
  type Transition,
  transition,
} from './workflow.ts';

const params = z.object({ code: divisionCode, period: periodText });
const errors = REVIEW_ERRORS;

function keyOf(request: FastifyRequest): ReportKey {
  const { code, period } = request.params as z.infer<typeof params>;
  const parsed = parsePeriod(period);
  if (!parsed) {
    throw invalidPeriod(period);
  }
  return { code, period, year: parsed.year, quarter: parsed.quarter };
}

/**
 * A quarter not begun cannot be reported (400, naming the period); the running quarter may be
 * saved as a draft but not submitted before it ends (409).
 */
function refuseOutsideWindow(request: FastifyRequest, key: ReportKey, now: Date, step: 'save' | 'submit'): void {
  const refusal = reportingRefusal({ year: key.year, quarter: key.quarter as Quarter }, now, step);
  if (!refusal) return;
  const words = reportingRefusalWords(refusal);
  const details = [{ field: 'params.period', message: say(request, words), ...refusal }];
  if (refusal.kind === 'not_begun') throw new ApiError(400, 'period_not_begun', words, details);
  throw new ApiError(409, 'period_not_ended', words, details);
}

/** The day a report is about: its quarter's last (a stock at the quarter's end). */
const quarterEnd = (key: ReportKey) => periodEndDate({ year: key.year, quarter: key.quarter as Quarter });

/** A code retired by that day is refused (409), checked on the write's first read, before all else. */
const refuseRetiredOn =
  (request: FastifyRequest, key: ReportKey): FirstReadGuard =>
  (successions) =>
    refuseRetired(successions, request, key.code, quarterEnd(key), 'params.code');

const reports: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/:code/:period',
    {
      schema: { tags: ['writing'], params, response: { 200: reportSchema, ...errors } },
      config: { access: { roles: ['entry', 'reviewer', 'leader', 'auditor', 'admin'], scope: 'within' } },
    },
    async (request, reply) => {
      const key = keyOf(request);
      const report = await findReport(app.database.db, key.code, key.year, key.quarter);
      if (!report) throw noReport(key);
      withVersion(reply, report.version);
      return reportView(app.database.db, report);
    },
  );

  app.put(
    '/reports/:code/:period',
    {
      schema: {
        tags: ['writing'],
        params,
        body: reportInputSchema,
        response: { 200: reportSchema, 201: reportSchema, ...errors },
      },
      config: { access: { roles: ['entry'], scope: 'within' } },
    },
    async (request, reply) => {
      const actor = { user: signedInUser(request), audit: requestActor(request) };
      const key = keyOf(request);
      refuseOutsideWindow(request, key, app.clock(), 'save');
      const { created, view } = await saveDraft(
        app.database.db,
        actor,
        key,
        request.body,
        ifMatchOf(request),
        refuseRetiredOn(request, key),
      );
      withVersion(reply, view.version);
      return reply.status(created ? 201 : 200).send(view);
    },
  );

  const step = (name: Transition, roles: ('entry' | 'reviewer')[], scope: 'within' | 'below') =>
    app.post(
      `/reports/:code/:period/${name}`,
      {
        schema: {
          tags: ['writing'],
          params,
          ...(name === 'return' ? { body: reasonSchema } : {}),
          response: { 200: reportSchema, ...errors },
        },
        config: { access: { roles, scope } },
      },
      async (request, reply) => {
        const actor = { user: signedInUser(request), audit: requestActor(request) };
        const reason = name === 'return' ? (request.body as { reason: string }).reason : null;
        const key = keyOf(request);
        if (name === 'submit') refuseOutsideWindow(request, key, app.clock(), 'submit');
        const guard = name === 'submit' ? refuseRetiredOn(request, key) : null;
        const view = await transition(app.database.db, actor, key, name, ifMatchOf(request), reason, guard);
        withVersion(reply, view.version);
        return view;
      },
    );
  step('submit', ['entry'], 'within');
  step('approve', ['reviewer'], 'below');
  step('return', ['reviewer'], 'below');
};

export default reports;
