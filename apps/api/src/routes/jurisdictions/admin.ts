// Admins add and rename jurisdictions and keep their yearly populations, each write audited.
import {
  CHILD_LEVEL,
  codeFitsLevel,
  divisionCode,
  errorSchema,
  jurisdictionDetailSchema,
  jurisdictionInputSchema,
  type Level,
  populationInputSchema,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor, writeAudit } from '../../audit.ts';
import { lockNaturalKey } from '../../db/locks.ts';
import { ApiError, unknownJurisdiction } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { refuseRetiredCode } from '../successions/retired.ts';
import {
  deletePopulation,
  findJurisdiction,
  findPopulation,
  findUnit,
  insertJurisdiction,
  renameJurisdiction,
  upsertPopulation,
} from './repository.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

const jurisdictionAdmin: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const detail = async (code: string) => {
    const found = await findJurisdiction(db, code);
    if (!found) throw unknownJurisdiction(code);
    return found;
  };

  app.put(
    '/jurisdictions/:code',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ code: divisionCode }),
        body: jurisdictionInputSchema,
        response: { 200: jurisdictionDetailSchema, 201: jurisdictionDetailSchema, ...errors },
      },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          // a new unit is within an admin's scope when its parent is; a province needs a country-wide admin
          scopeCode: async (request) => {
            const { code } = request.params as { code: string };
            return (await findUnit(db, code))
              ? code
              : ((request.body as { parentCode: string | null }).parentCode ?? null);
          },
        },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const { code } = request.params;
      const input = request.body;
      const result = await db.transaction().execute(async (trx) => {
        // the code locked before it is read: of concurrent first writes one inserts, the rest update
        await lockNaturalKey(trx, 'jurisdiction', code);
        const existing = await findUnit(trx, code, true);
        if (existing) {
          if (existing.level !== input.level || existing.parentCode !== input.parentCode) {
            throw new ApiError(
              409,
              'jurisdiction_fixed',
              API_WORDS.jurisdictions.fixed(code, existing.level, existing.parentCode),
            );
          }
          await renameJurisdiction(trx, code, input);
          await writeAudit(trx, actor, {
            action: 'update',
            entity: 'jurisdiction',
            entityId: code,
            jurisdictionCode: code,
            before: { name: existing.name, nameEn: existing.nameEn },
            after: { name: input.name, nameEn: input.nameEn },
          });
          return false;
        }
        if (!codeFitsLevel(code, input.level)) {
          throw new ApiError(400, 'code_for_level', API_WORDS.jurisdictions.codeForLevel(code, input.level), [
            { field: 'params.code', message: 'code_for_level' },
          ]);
        }
        if (input.level === 'township' && !code.startsWith(input.parentCode ?? '')) {
          throw new ApiError(
            400,
            'code_outside_parent',
            API_WORDS.jurisdictions.codeOutsideParent(code, input.parentCode ?? ''),
            [{ field: 'params.code', message: 'code_outside_parent' }],
          );
        }
        if (input.parentCode !== null) {
          const parent = await findUnit(trx, input.parentCode);
          if (!parent) {
            throw new ApiError(400, 'unknown_parent', API_WORDS.jurisdictions.unknownParent(input.parentCode), [
              { field: 'body.parentCode', message: 'unknown' },
            ]);
          }
          if (CHILD_LEVEL[parent.level as Level] !== input.level) {
            throw new ApiError(
              400,
              'wrong_level',
              API_WORDS.jurisdictions.wrongLevel(
                input.parentCode,
                parent.level,
                CHILD_LEVEL[parent.level as Level],
                input.level,
              ),
              [{ field: 'body.level', message: 'wrong_level' }],
            );
          }
        }
        await insertJurisdiction(trx, code, input);
        await writeAudit(trx, actor, {
          action: 'insert',
          entity: 'jurisdiction',
          entityId: code,
          jurisdictionCode: code,
          after: input,
        });
        return true;
      });
      return reply.status(result ? 201 : 200).send(await detail(code));
    },
  );

  const populationParams = z.object({ code: divisionCode, year: z.coerce.number().int().min(1949).max(2100) });

  app.put(
    '/jurisdictions/:code/populations/:year',
    {
      schema: {
        tags: ['admin'],
        params: populationParams,
        body: populationInputSchema,
        response: { 200: jurisdictionDetailSchema, ...errors },
      },
      config: { access: { roles: ['admin'], scope: 'within' } },
    },
    async (request) => {
      const actor = requestActor(request);
      const { code, year } = request.params;
      // a year's population is the year's end: a code retired by then leaves it to its successor
      await refuseRetiredCode(db, request, code, `${year}-12-31`, 'params.code');
      await db.transaction().execute(async (trx) => {
        // the year locked before it is read, row or not: each audit row's before is what its write replaced
        await lockNaturalKey(trx, 'population', code, year);
        const before = await findPopulation(trx, code, year, true);
        await upsertPopulation(trx, code, year, request.body);
        await writeAudit(trx, actor, {
          action: before ? 'update' : 'insert',
          entity: 'population',
          entityId: `${code}/${year}`,
          jurisdictionCode: code,
          before: before ?? undefined,
          after: { year, ...request.body },
        });
      });
      return detail(code);
    },
  );

  app.delete(
    '/jurisdictions/:code/populations/:year',
    {
      schema: { tags: ['admin'], params: populationParams, response: { 200: jurisdictionDetailSchema, ...errors } },
      config: { access: { roles: ['admin'], scope: 'within' } },
    },
    async (request) => {
      const actor = requestActor(request);
      const { code, year } = request.params;
      await db.transaction().execute(async (trx) => {
        const removed = await deletePopulation(trx, code, year);
        if (!removed) {
          throw new ApiError(404, 'no_population', API_WORDS.jurisdictions.noPopulation(code, year));
        }
        await writeAudit(trx, actor, {
          action: 'delete',
          entity: 'population',
          entityId: `${code}/${year}`,
          jurisdictionCode: code,
          before: removed,
        });
      });
      return detail(code);
    },
  );
};

export default jurisdictionAdmin;
