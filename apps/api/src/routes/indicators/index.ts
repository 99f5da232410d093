// GET and PUT /api/v1/indicators/:code/:year, and …/submit, …/approve, …/return.
import {
  divisionCode,
  indicatorsInputSchema,
  indicatorsRefusal,
  indicatorsRefusalWords,
  indicatorsSchema,
  reasonSchema,
  yearText,
} from '@tuowei/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor } from '../../audit.ts';
import { signedInUser } from '../../auth/access.ts';
import { ApiError, say } from '../../errors.ts';
import { ifMatchOf, REVIEW_ERRORS, type Transition, withVersion } from '../review.ts';
import { refuseRetiredCode } from '../successions/retired.ts';
import { findIndicators } from './repository.ts';
import { type IndicatorsKey, indicatorsView, moveIndicators, noIndicators, saveIndicators } from './workflow.ts';

const params = z.object({ code: divisionCode, year: yearText });
const errors = REVIEW_ERRORS;

const keyOf = (request: FastifyRequest): IndicatorsKey => request.params as z.infer<typeof params>;

/** A year is entered once it has ended (Beijing time): before that, 400 naming the year. */
function refuseOpenYear(request: FastifyRequest, key: IndicatorsKey, now: Date): void {
  const refusal = indicatorsRefusal(key.year, now);
  if (!refusal) return;
  const words = indicatorsRefusalWords(refusal);
  throw new ApiError(400, 'year_not_ended', words, [
    { field: 'params.year', message: say(request, words), ...refusal },
  ]);
}

const indicators: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/indicators/:code/:year',
    {
      schema: { tags: ['writing'], params, response: { 200: indicatorsSchema, ...errors } },
      config: { access: { roles: ['entry', 'reviewer', 'leader', 'auditor', 'admin'], scope: 'within' } },
    },
    async (request, reply) => {
      const key = keyOf(request);
      const stored = await findIndicators(app.database.db, key.code, key.year);
      if (!stored) throw noIndicators(key);
      withVersion(reply, stored.version);
      return indicatorsView(app.database.db, stored);
    },
  );

  app.put(
    '/indicators/:code/:year',
    {
      schema: {
        tags: ['writing'],
        params,
        body: indicatorsInputSchema,
        response: { 200: indicatorsSchema, 201: indicatorsSchema, ...errors },
      },
      config: { access: { roles: ['entry'], scope: 'within' } },
    },
    async (request, reply) => {
      const actor = { user: signedInUser(request), audit: requestActor(request) };
      const key = keyOf(request);
      refuseOpenYear(request, key, app.clock());
      await refuseRetiredCode(app.database.db, request, key.code, `${key.year}-12-31`, 'params.code');
      const { created, view } = await saveIndicators(app.database.db, actor, key, request.body, ifMatchOf(request));
      withVersion(reply, view.version);
      return reply.status(created ? 201 : 200).send(view);
    },
  );

  const step = (name: Transition, roles: ('entry' | 'reviewer')[], scope: 'within' | 'below') =>
    app.post(
      `/indicators/:code/:year/${name}`,
      {
        schema: {
          tags: ['writing'],
          params,
          ...(name === 'return' ? { body: reasonSchema } : {}),
          response: { 200: indicatorsSchema, ...errors },
        },
        config: { access: { roles, scope } },
      },
      async (request, reply) => {
        const actor = { user: signedInUser(request), audit: requestActor(request) };
        const reason = name === 'return' ? (request.body as { reason: string }).reason : null;
        const key = keyOf(request);
        if (name === 'submit') {
          refuseOpenYear(request, key, app.clock());
          await refuseRetiredCode(app.database.db, request, key.code, `${key.year}-12-31`, 'params.code');
        }
        const view = await moveIndicators(app.database.db, actor, key, name, ifMatchOf(request), reason);
        withVersion(reply, view.version);
        return view;
      },
    );
  step('submit', ['entry'], 'within');
  step('approve', ['reviewer'], 'below');
  step('return', ['reviewer'], 'below');
};

export default indicators;
