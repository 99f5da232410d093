// GET and POST /api/v1/residential-projects, PUT and DELETE /api/v1/residential-projects/:id: the
// register of new residential areas (新建居住区), every write in one transaction with its audit row.
import {
  approvalInFuture,
  errorSchema,
  fieldMessage,
  type ResidentialProject,
  type ResidentialProjectInput,
  type ResidentialProjectView,
  residentialListQuery,
  residentialParams,
  residentialProjectInputSchema,
  residentialProjectSchema,
} from '@tuowei/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { inScope, signedInUser } from '../../auth/access.ts';
import { isUniqueViolation, lockNaturalKey } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError, prefersEnglish, unknownJurisdiction } from '../../errors.ts';
import { API_WORDS, inBoth } from '../../words.ts';
import { ifMatchOf } from '../review.ts';
import { refuseRetiredCode } from '../successions/retired.ts';
import {
  deleteProject,
  findProject,
  insertProject,
  nameTaken,
  projectsIn,
  projectViews,
  snapshot,
  updateProject,
} from './repository.ts';

const errors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  428: errorSchema,
};

const noProject = () => new ApiError(404, 'no_residential_project', API_WORDS.residential.noProject);

const withVersion = (reply: FastifyReply, version: number) => reply.header('etag', `"${version}"`);

/** 400 naming the field, in the shape schema refusals have. */
function fieldRefusal(request: FastifyRequest, field: string, key: string): ApiError {
  const problem = inBoth((language) => fieldMessage(key, language));
  return new ApiError(400, 'invalid_request', API_WORDS.request.invalidField(field, problem), [
    { field, message: problem[prefersEnglish(request) ? 'en' : 'zh'] },
  ]);
}

const residential: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  const oneView = async (trx: Transaction<DB>, id: string): Promise<ResidentialProjectView> => {
    const project = (await findProject(trx, id)) as ResidentialProject;
    const [view] = await projectViews(trx, [project]);
    return view;
  };

  /** The approval date is not after today; the name is not another project's in the jurisdiction. */
  const check = async (
    request: FastifyRequest,
    trx: Transaction<DB>,
    input: ResidentialProjectInput,
    exceptId: string | null,
  ) => {
    if (approvalInFuture(input.approvedOn, app.clock()))
      throw fieldRefusal(request, 'body.approvedOn', 'approved_in_future');
    // a project approved on or after a boundary change is the successor's
    await refuseRetiredCode(trx, request, input.jurisdictionCode, input.approvedOn, 'body.jurisdictionCode');
    // serialises writers of one name in one jurisdiction, before the row exists
    await lockNaturalKey(trx, 'residential_project', input.jurisdictionCode, input.name);
    if (await nameTaken(trx, input.jurisdictionCode, input.name, exceptId)) throw duplicateName(input);
  };

  const duplicateName = (input: ResidentialProjectInput) =>
    new ApiError(
      409,
      'duplicate_project_name',
      API_WORDS.residential.duplicateName(input.jurisdictionCode, input.name),
      [{ field: 'body.name', message: 'duplicate' }],
    );

  const raced = (input: ResidentialProjectInput) => (error: unknown) => {
    throw isUniqueViolation(error) ? duplicateName(input) : error;
  };

  const requireVersion = (request: FastifyRequest): number => {
    const ifMatch = ifMatchOf(request);
    if (ifMatch === null) {
      throw new ApiError(428, 'if_match_required', API_WORDS.residential.ifMatchRequired);
    }
    return ifMatch;
  };

  const conflict = async (trx: Transaction<DB>, project: ResidentialProject, ifMatch: number): Promise<never> => {
    throw new ApiError(
      409,
      'version_conflict',
      API_WORDS.residential.versionConflict(project.name, ifMatch, project.version),
      { current: await oneView(trx, project.id) },
    );
  };

  /** A project's jurisdiction, for its routes' access rule (404 when there is no such project). */
  const projectJurisdiction = async (request: FastifyRequest): Promise<string> => {
    const project = await findProject(db, (request.params as { id: string }).id);
    if (!project) throw noProject();
    return project.jurisdictionCode;
  };

  app.get(
    '/residential-projects',
    {
      schema: {
        tags: ['writing'],
        querystring: residentialListQuery,
        response: { 200: z.array(residentialProjectSchema), ...errors },
      },
      config: {
        access: {
          roles: ['entry', 'reviewer', 'leader', 'auditor', 'admin'],
          scope: 'within',
          // without a root: the person's own jurisdiction (the country for country-wide accounts)
          scopeCode: (request) => (request.query as { root?: string }).root ?? signedInUser(request).jurisdictionCode,
        },
      },
    },
    async (request) => {
      const root = request.query.root ?? signedInUser(request).jurisdictionCode;
      return projectViews(db, await projectsIn(db, root));
    },
  );

  app.post(
    '/residential-projects',
    {
      schema: {
        tags: ['writing'],
        body: residentialProjectInputSchema,
        response: { 201: residentialProjectSchema, ...errors },
      },
      config: {
        access: {
          roles: ['entry'],
          scope: 'within',
          scopeCode: (request) => (request.body as ResidentialProjectInput).jurisdictionCode,
        },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const input = request.body;
      const view = await db
        .transaction()
        .execute(async (trx) => {
          await check(request, trx, input, null);
          const id = await insertProject(trx, input, actor.username);
          const stored = (await findProject(trx, id)) as ResidentialProject;
          await writeAudit(trx, actor, {
            action: 'insert',
            entity: 'residential_project',
            entityId: id,
            jurisdictionCode: input.jurisdictionCode,
            after: snapshot(stored),
          });
          return oneView(trx, id);
        })
        .catch(raced(input));
      withVersion(reply, view.version);
      return reply.status(201).send(view);
    },
  );

  app.put(
    '/residential-projects/:id',
    {
      schema: {
        tags: ['writing'],
        params: residentialParams,
        body: residentialProjectInputSchema,
        response: { 200: residentialProjectSchema, ...errors },
      },
      config: { access: { roles: ['entry'], scope: 'within', scopeCode: projectJurisdiction } },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const actor = requestActor(request);
      const input = request.body;
      const version = requireVersion(request);
      // Moving a project needs the new jurisdiction in scope too. Asked before the transaction: the
      // embedded database serialises transactions, so a read through the pool inside one would wait
      // for ever. A move made meanwhile by someone else changes the version, which the write checks.
      const current = await findProject(db, request.params.id);
      if (current && input.jurisdictionCode !== current.jurisdictionCode) {
        const answer = await inScope(app, user, input.jurisdictionCode, false);
        if (answer === 'unknown') throw unknownJurisdiction(input.jurisdictionCode);
        if (answer === 'no') {
          throw new ApiError(
            403,
            'out_of_scope',
            API_WORDS.access.outsideJurisdiction(input.jurisdictionCode, user.jurisdictionCode),
          );
        }
      }
      const view = await db
        .transaction()
        .execute(async (trx) => {
          const existing = await findProject(trx, request.params.id, true);
          if (!existing) throw noProject();
          if (existing.version !== version) await conflict(trx, existing, version);
          if (existing.jurisdictionCode !== current?.jurisdictionCode) await conflict(trx, existing, version);
          await check(request, trx, input, existing.id);
          await updateProject(trx, existing.id, input, actor.username);
          const stored = (await findProject(trx, existing.id)) as ResidentialProject;
          await writeAudit(trx, actor, {
            action: 'update',
            entity: 'residential_project',
            entityId: existing.id,
            jurisdictionCode: input.jurisdictionCode,
            before: snapshot(existing),
            after: snapshot(stored),
          });
          return oneView(trx, existing.id);
        })
        .catch(raced(input));
      withVersion(reply, view.version);
      return view;
    },
  );

  app.delete(
    '/residential-projects/:id',
    {
      schema: { tags: ['writing'], params: residentialParams, response: { 204: z.null(), ...errors } },
      config: { access: { roles: ['entry'], scope: 'within', scopeCode: projectJurisdiction } },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const version = requireVersion(request);
      await db.transaction().execute(async (trx) => {
        const existing = await findProject(trx, request.params.id, true);
        if (!existing) throw noProject();
        if (existing.version !== version) await conflict(trx, existing, version);
        await deleteProject(trx, existing.id);
        await writeAudit(trx, actor, {
          action: 'delete',
          entity: 'residential_project',
          entityId: existing.id,
          jurisdictionCode: existing.jurisdictionCode,
          before: snapshot(existing),
        });
      });
      return reply.status(204).send(null);
    },
  );
};

export default residential;
