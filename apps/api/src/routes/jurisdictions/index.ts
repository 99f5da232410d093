// GET /api/v1/jurisdictions[?level=province,prefecture,county&parent=:code&within=:code&q=…&limit=&codes=…], /api/v1/jurisdictions/:code
// and /api/v1/divisions/edition.
import {
  beijingDate,
  codeParams,
  divisionCode,
  divisionEditionSchema,
  errorSchema,
  type FieldMessageKey,
  jurisdictionDetailSchema,
  jurisdictionListedSchema,
  LEVELS,
  type Level,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendJson } from '../../cache.ts';
import { ApiError, unknownJurisdiction } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import {
  findJurisdiction,
  findUnit,
  listJurisdictions,
  loadedEdition,
  lookUpJurisdictions,
  searchJurisdictions,
  type UnitFilter,
  withAncestors,
} from './repository.ts';

/** A search answers this many units unless it asks for fewer or more (at most MAX_FOUND). */
const FOUND_BY_DEFAULT = 50;
const MAX_FOUND = 200;
/** Codes one look-up may name: a page of names (an audit page, the plans, a list of accounts). */
const MAX_CODES = 500;

const jurisdictions: FastifyPluginAsyncZod = async (app) => {
  const list = z.array(jurisdictionListedSchema);
  app.get(
    '/jurisdictions',
    {
      schema: {
        tags: ['reading'],
        description:
          "Without `q` or `codes`: the tree, or the levels asked, or one unit's children (`parent`), or one " +
          "unit's subtree (`within`). With `q`: the units whose name (Chinese, or English without regard to case) " +
          'holds it or whose code begins with it, best first, at most `limit` (the header `X-Total-Count` says how ' +
          'many match in all). With `codes`: those units. Both answer each unit with its `ancestors`.',
        // a country down to its townships is some 43,000 units: a screen that needs no townships says so
        querystring: z
          .object({
            level: z
              .string()
              .transform((text) => text.split(','))
              .pipe(z.array(z.enum(LEVELS)).min(1))
              .optional(),
            // one unit's children: a screen showing one province fetches its prefectures, not the country
            parent: divisionCode.optional(),
            // one unit and everything below it: a person's scope
            within: divisionCode.optional(),
            // a search by name or code, for a picker or the administrators' tree
            q: z.string().trim().min(1).max(50).optional(),
            limit: z.coerce.number().int().min(1).max(MAX_FOUND).optional(),
            // names for the units a page shows (a plan's, an audit row's), without the tree
            codes: z
              .string()
              .transform((text) => text.split(','))
              .pipe(z.array(divisionCode).min(1).max(MAX_CODES))
              .optional(),
          })
          .refine((query) => query.q === undefined || query.codes === undefined, {
            message: 'search_with_codes' satisfies FieldMessageKey,
            path: ['codes'],
          }),
        response: { 200: list, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { q, codes, limit, within = null, parent = null } = request.query;
      const levels: Level[] | null = request.query.level
        ? LEVELS.filter((l) => request.query.level?.includes(l))
        : null;
      const filter: UnitFilter = { levels, parent, within };
      if (q !== undefined || codes !== undefined || within !== null) {
        // a search or a look-up is a few units read fresh: no answer to remember per question asked
        const db = app.database.db;
        for (const code of [parent, within]) {
          if (code !== null && !(await findUnit(db, code))) throw unknownJurisdiction(code);
        }
        if (q !== undefined) {
          const found = await searchJurisdictions(db, q, filter, limit ?? FOUND_BY_DEFAULT);
          reply.header('x-total-count', String(found.total));
          return list.parse(await withAncestors(db, found.units));
        }
        if (codes !== undefined) {
          return list.parse(await withAncestors(db, await lookUpJurisdictions(db, [...new Set(codes)], filter)));
        }
        return list.parse(await listJurisdictions(db, levels, parent, within));
      }
      const json = await app.cache.json(
        `jurisdictions|${levels?.join(',') ?? 'all'}|${parent ?? ''}`,
        async (trx) => {
          if (parent !== null && !(await findUnit(trx, parent))) return null;
          return list.parse(await listJurisdictions(trx, levels, parent));
        },
        null,
      );
      if (json === 'null') throw unknownJurisdiction(parent as string);
      return sendJson(reply, json);
    },
  );

  app.get(
    '/jurisdictions/:code',
    {
      schema: {
        tags: ['reading'],
        params: codeParams,
        response: { 200: jurisdictionDetailSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      // which children stand depends on the day as well as on the data
      const today = beijingDate(new Date());
      const json = await app.cache.json(
        `jurisdiction|${code}|${today}`,
        async (trx) => {
          const found = await findJurisdiction(trx, code, today);
          return found && jurisdictionDetailSchema.parse(found);
        },
        code,
      );
      if (json === 'null') throw unknownJurisdiction(code);
      return sendJson(reply, json);
    },
  );

  app.get(
    '/divisions/edition',
    { schema: { tags: ['reading'], response: { 200: divisionEditionSchema, 404: errorSchema } } },
    async (_request, reply) => {
      // the editions are global data: a report written in a province leaves this answer be
      const json = await app.cache.json(
        'divisions-edition',
        async (trx) => {
          const found = await loadedEdition(trx);
          return found ? divisionEditionSchema.parse(found) : null;
        },
        null,
      );
      if (json === 'null') {
        throw new ApiError(404, 'no_division_edition', API_WORDS.jurisdictions.noEdition);
      }
      return sendJson(reply, json);
    },
  );
};

export default jurisdictions;
