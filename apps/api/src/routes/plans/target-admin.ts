// Admins add targets to a plan (POST /plans/:planId/targets), edit or delete one (PUT and
// DELETE /targets/:targetId) and revise one (POST /targets/:targetId/revise: a later document's
// new target replaces it from a day, and it ends the day before); every write audited.
import {
  type Bilingual,
  errorSchema,
  planSchema,
  type TargetInput,
  type TargetRevision,
  targetEditSchema,
  targetInputSchema,
  targetRevisionSchema,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { inScope, signedInUser } from '../../auth/access.ts';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { ifMatchOf } from '../review.ts';
import { errors, noPlan, onePlan, planJurisdiction, planParams } from './admin-common.ts';
import { addPlanPart, adminWithin, changePlanPart } from './plan-part.ts';
import {
  deleteTarget,
  insertRevision,
  insertTarget,
  lockPlan,
  lockTarget,
  planJurisdictionCode,
  reopenTarget,
  type TargetRevisionState,
  targetJurisdictionCode,
  targetRevisionState,
  updateTarget,
} from './repository.ts';
import { planView } from './view.ts';

const targetParams = z.object({ targetId: z.uuid({ message: 'target_id' }) });

const noTarget = () => new ApiError(404, 'no_target', API_WORDS.plans.noTarget);

/** The fields of an edit that are the target's own (the chain and version sent back are read-only). */
function editedFields(body: Record<string, unknown>): TargetInput {
  const { id: _id, supersedes, supersededBy, inForceFrom, inForceUntil, version, ...fields } = body;
  return fields as TargetInput;
}

/** A stale If-Match: someone changed (or revised) the target since it was read. */
function staleTarget(targetId: string, ifMatch: number, state: TargetRevisionState): ApiError {
  return new ApiError(409, 'version_conflict', API_WORDS.plans.targetVersionConflict(ifMatch, state.version), {
    targetId,
    version: state.version,
  });
}

/** The day before an ISO date. */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

const refuse = (status: 400 | 409, code: string, field: string, words: Bilingual) =>
  new ApiError(status, code, words, [{ field: `body.${field}`, message: code }]);
const targetAdmin: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  const targetJurisdiction = async (targetId: string) => {
    const code = await targetJurisdictionCode(db, targetId);
    if (code === null) throw noTarget();
    return code;
  };

  app.post(
    '/plans/:planId/targets',
    {
      schema: {
        tags: ['admin'],
        params: planParams,
        body: targetInputSchema,
        response: { 201: planSchema, ...errors },
      },
      config: adminWithin((request) => planJurisdiction(db, (request.params as { planId: string }).planId)),
    },
    async (request, reply) => {
      const plan = await addPlanPart(db, request, request.params.planId, request.body, {
        entity: 'target',
        count: (existing) => existing.targets.length,
        insert: insertTarget,
      });
      return reply.status(201).send(planView(plan));
    },
  );

  const targetRoute = (method: 'PUT' | 'DELETE') =>
    app.route({
      method,
      url: '/targets/:targetId',
      schema: {
        tags: ['admin'],
        params: targetParams,
        ...(method === 'PUT' ? { body: targetEditSchema } : {}),
        response: { 200: planSchema, ...errors },
      },
      config: adminWithin((request) => targetJurisdiction((request.params as { targetId: string }).targetId)),
      handler: async (request) => {
        const { targetId } = request.params;
        // If-Match is optional here (scripts written before targets had versions), and checked when sent
        const plan = await changePlanPart(db, request, targetId, ifMatchOf(request), {
          entity: 'target',
          action: method === 'PUT' ? 'update' : 'delete',
          lock: async (trx, id) => {
            const planId = await lockTarget(trx, id);
            if (planId === null) return null;
            const state = (await targetRevisionState(trx, id)) as TargetRevisionState;
            return { planId, version: state.version, state };
          },
          notFound: noTarget,
          stale: (sent, locked) => staleTarget(targetId, sent, locked.state),
          partsOf: (existing) => existing.targets,
          write: async (trx, { state }) => {
            if (method === 'PUT') {
              // a typo corrected stays an edit: the target keeps its place in its chain
              const input = editedFields(request.body as Record<string, unknown>);
              await updateTarget(trx, targetId, input);
              return input;
            }
            if (state.supersededBy !== null) {
              throw new ApiError(409, 'target_superseded', API_WORDS.plans.targetSuperseded);
            }
            await deleteTarget(trx, targetId);
            // deleting a revision's new target undoes the revision: the old one is in force again
            if (state.supersedes !== null) await reopenTarget(trx, state.supersedes);
            return undefined;
          },
        });
        return planView(plan);
      },
    });
  targetRoute('PUT');
  targetRoute('DELETE');

  app.post(
    '/targets/:targetId/revise',
    {
      schema: {
        tags: ['admin'],
        params: targetParams,
        body: targetRevisionSchema,
        response: { 201: planSchema, 428: errorSchema, ...errors },
      },
      config: adminWithin((request) => targetJurisdiction((request.params as { targetId: string }).targetId)),
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const { targetId } = request.params;
      const revision: TargetRevision = request.body;
      const ifMatch = ifMatchOf(request);
      if (ifMatch === null) {
        throw new ApiError(428, 'if_match_required', API_WORDS.plans.targetIfMatchRequired);
      }
      // the later document's plan must be the admin's too (read through the pool, before the transaction)
      if (revision.planId !== undefined) {
        const code = await planJurisdictionCode(db, revision.planId);
        if (code === null) {
          throw refuse(400, 'no_plan', 'planId', API_WORDS.plans.noPlan);
        }
        if ((await inScope(app, signedInUser(request), code, false)) !== 'yes') {
          throw new ApiError(403, 'out_of_scope', API_WORDS.plans.planOutOfScope(code));
        }
      }
      const plan = await db.transaction().execute(async (trx) => {
        const oldPlanId = await lockTarget(trx, targetId);
        if (oldPlanId === null) throw noTarget();
        const state = (await targetRevisionState(trx, targetId)) as TargetRevisionState;
        if (ifMatch !== state.version) throw staleTarget(targetId, ifMatch, state);
        if (state.supersededBy !== null || state.inForceUntil !== null) {
          throw refuse(
            409,
            'target_ended',
            'inForceFrom',
            API_WORDS.plans.targetEnded(state.inForceUntil, Boolean(state.supersededBy)),
          );
        }
        const year = Number(revision.inForceFrom.slice(0, 4));
        if (year < 2000 || year > 2100) {
          throw refuse(400, 'year_range', 'inForceFrom', API_WORDS.plans.revisionYearRange);
        }
        if (state.inForceFrom !== null && revision.inForceFrom <= state.inForceFrom) {
          throw refuse(
            400,
            'revision_before_target',
            'inForceFrom',
            API_WORDS.plans.revisionBeforeTarget(state.inForceFrom),
          );
        }
        const old = await onePlan(trx, oldPlanId);
        const before = old.targets.find((t) => t.id === targetId);
        const planId = revision.planId ?? oldPlanId;
        if (!(await lockPlan(trx, planId))) throw noPlan();
        const target = await onePlan(trx, planId);
        if (target.jurisdictionCode !== old.jurisdictionCode) {
          throw refuse(
            400,
            'revision_elsewhere',
            'planId',
            API_WORDS.plans.revisionElsewhere(target.jurisdictionCode, old.jurisdictionCode),
          );
        }
        const until = dayBefore(revision.inForceFrom);
        const id = await insertRevision(
          trx,
          planId,
          target.targets.length,
          revision.target,
          targetId,
          revision.inForceFrom,
          until,
        );
        await writeAudit(trx, actor, [
          {
            action: 'revise',
            entity: 'target',
            entityId: targetId,
            jurisdictionCode: old.jurisdictionCode,
            before,
            after: { ...before, inForceUntil: until, supersededBy: id },
          },
          {
            action: 'insert',
            entity: 'target',
            entityId: id,
            jurisdictionCode: old.jurisdictionCode,
            after: { planId, ...revision.target, supersedes: targetId, inForceFrom: revision.inForceFrom },
          },
        ]);
        return onePlan(trx, planId);
      });
      return reply.status(201).send(planView(plan));
    },
  );
};

export default targetAdmin;
