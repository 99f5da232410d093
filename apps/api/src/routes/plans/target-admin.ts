// Admins add targets to a plan (POST /plans/:planId/targets), edit or delete one (PUT and
// DELETE /targets/:targetId) and revise one (POST /targets/:targetId/revise: a later document's
// new target replaces it from a day, and it ends the day before); every write audited.
import {
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
  return new ApiError(
    409,
    'version_conflict',
    {
      zh: `目标已被他人修改（您基于第 ${ifMatch} 版，现为第 ${state.version} 版）。请刷新后再操作。`,
      en: `The target was changed by someone else (you started from version ${ifMatch}, it is now ${state.version}). Reload it, then try again.`,
    },
    { targetId, version: state.version },
  );
}

/** The day before an ISO date. */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

const refuse = (status: 400 | 409, code: string, field: string, zh: string, en: string) =>
  new ApiError(status, code, { zh, en }, [{ field: `body.${field}`, message: code }]);
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
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => planJurisdiction(db, (request.params as { planId: string }).planId),
        },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const plan = await db.transaction().execute(async (trx) => {
        // concurrent additions take turns on the plan, each placed after the ones before it
        if (!(await lockPlan(trx, request.params.planId))) throw noPlan();
        const existing = await onePlan(trx, request.params.planId);
        const id = await insertTarget(trx, existing.id, existing.targets.length, request.body);
        await writeAudit(trx, actor, {
          action: 'insert',
          entity: 'target',
          entityId: id,
          jurisdictionCode: existing.jurisdictionCode,
          after: { planId: existing.id, ...request.body },
        });
        return onePlan(trx, existing.id);
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
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => targetJurisdiction((request.params as { targetId: string }).targetId),
        },
      },
      handler: async (request) => {
        const actor = requestActor(request);
        const { targetId } = request.params;
        const ifMatch = ifMatchOf(request);
        const plan = await db.transaction().execute(async (trx) => {
          const planId = await lockTarget(trx, targetId);
          if (planId === null) throw noTarget();
          const state = (await targetRevisionState(trx, targetId)) as TargetRevisionState;
          // If-Match is optional here (scripts written before targets had versions), and checked when sent
          if (ifMatch !== null && ifMatch !== state.version) throw staleTarget(targetId, ifMatch, state);
          const plan = await onePlan(trx, planId);
          const before = plan.targets.find((t) => t.id === targetId);
          const input = method === 'PUT' ? editedFields(request.body as Record<string, unknown>) : undefined;
          if (input) {
            // a typo corrected stays an edit: the target keeps its place in its chain
            await updateTarget(trx, targetId, input);
          } else {
            if (state.supersededBy !== null) {
              throw new ApiError(409, 'target_superseded', {
                zh: '这个目标已被后来的目标替代：请先删除替代它的目标（撤销修订），再删除它。',
                en: 'A later target replaces this one: delete that one first (undoing the revision), then this.',
              });
            }
            await deleteTarget(trx, targetId);
            // deleting a revision's new target undoes the revision: the old one is in force again
            if (state.supersedes !== null) await reopenTarget(trx, state.supersedes);
          }
          await writeAudit(trx, actor, {
            action: method === 'PUT' ? 'update' : 'delete',
            entity: 'target',
            entityId: targetId,
            jurisdictionCode: plan.jurisdictionCode,
            before,
            after: input,
          });
          return onePlan(trx, plan.id);
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
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          scopeCode: (request) => targetJurisdiction((request.params as { targetId: string }).targetId),
        },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const { targetId } = request.params;
      const revision: TargetRevision = request.body;
      const ifMatch = ifMatchOf(request);
      if (ifMatch === null) {
        throw new ApiError(428, 'if_match_required', {
          zh: '修订目标需要带上 If-Match 请求头（您看到的目标版本号）。',
          en: 'Revising a target needs an If-Match header with the version of the target you saw.',
        });
      }
      // the later document's plan must be the admin's too (read through the pool, before the transaction)
      if (revision.planId !== undefined) {
        const code = await planJurisdictionCode(db, revision.planId);
        if (code === null) {
          throw refuse(400, 'no_plan', 'planId', '没有这个规划。', 'There is no such plan.');
        }
        if ((await inScope(app, signedInUser(request), code, false)) !== 'yes') {
          throw new ApiError(403, 'out_of_scope', {
            zh: `规划所属的 ${code} 不在您的管辖范围内。`,
            en: `The plan's ${code} is outside your jurisdiction.`,
          });
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
            `这个目标已于 ${state.inForceUntil ?? '?'} 终止${state.supersededBy ? '并已被替代' : ''}，不能再修订；请修订替代它的目标。`,
            `This target ended on ${state.inForceUntil ?? '?'}${state.supersededBy ? ' and is replaced already' : ''}; revise the target that replaced it.`,
          );
        }
        const year = Number(revision.inForceFrom.slice(0, 4));
        if (year < 2000 || year > 2100) {
          throw refuse(
            400,
            'year_range',
            'inForceFrom',
            '年份应在 2000 到 2100 之间。',
            'The year must be between 2000 and 2100.',
          );
        }
        if (state.inForceFrom !== null && revision.inForceFrom <= state.inForceFrom) {
          throw refuse(
            400,
            'revision_before_target',
            'inForceFrom',
            `新目标的生效日期应晚于原目标的生效日期 ${state.inForceFrom}。`,
            `The new target must come into force after the old one did (${state.inForceFrom}).`,
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
            `新目标的规划属于 ${target.jurisdictionCode}，原目标属于 ${old.jurisdictionCode}：修订只在同一地区的文件之间。`,
            `The new target's plan is ${target.jurisdictionCode}'s and the old one's ${old.jurisdictionCode}'s: a revision stays within one jurisdiction's documents.`,
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
