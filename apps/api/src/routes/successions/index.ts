// POST /api/v1/successions (admin): a boundary change recorded, with the new unit created in the
// same call where it does not exist yet; validated, audited, and answered with the successor.
// POST /api/v1/successions/edition?mode=dry-run|commit: a newer edition of the division codes
// compared with the tree, its proposed renames shown, and those an admin confirms recorded.
import {
  type Bilingual,
  beijingDate,
  CHILD_LEVEL,
  codeFitsLevel,
  divisionCode,
  editionInputSchema,
  errorSchema,
  firstSuccessorIndex,
  formatPeriod,
  jurisdictionDetailSchema,
  type Level,
  MIN_YEAR,
  type ProposedSuccession,
  periodFromIndex,
  proposeSuccessions,
  type Succession,
  type SuccessionInput,
  successionInputSchema,
  successionRefusal,
  successionSchema,
  successionViewSchema,
  type UnitNode,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { type AuditActor, requestActor, writeAudit } from '../../audit.ts';
import { inScope, signedInUser } from '../../auth/access.ts';
import { sendJson } from '../../cache.ts';
import { readSuccessions } from '../../db/lineage.ts';
import { lockNaturalKey } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError, unknownJurisdiction } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { findJurisdiction, findUnit, insertJurisdiction, listJurisdictions } from '../jurisdictions/repository.ts';
import { indicatorYears, insertSuccession, reportQuarters, successionsIn } from './repository.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** A refusal naming the field it is about, in both languages. */
const refuse = (status: 400 | 409, code: string, field: string, words: Bilingual) =>
  new ApiError(status, code, words, [{ field: `body.${field}`, message: code }]);

/** How far ahead a succession may be recorded: a change already decided, not a guess. */
const DAYS_AHEAD = 366;

/**
 * Records one succession in the caller's transaction (and the new unit, when asked), after every
 * check; the jurisdiction's audit row and the succession's are written with it.
 */
export async function recordSuccession(
  trx: Transaction<DB>,
  actor: AuditActor,
  input: SuccessionInput,
  now: Date,
): Promise<Succession> {
  // successions are checked against one another (cycles, conflicting kinds): one writer at a time
  await lockNaturalKey(trx, 'successions');
  const from = await findUnit(trx, input.fromCode, true);
  if (!from) {
    throw refuse(400, 'unknown_jurisdiction', 'fromCode', API_WORDS.successions.unknownFrom(input.fromCode));
  }
  let to = await findUnit(trx, input.toCode, true);
  if (input.newUnit && to) {
    throw refuse(409, 'jurisdiction_exists', 'toCode', API_WORDS.successions.toExists(input.toCode, to.name));
  }
  if (!input.newUnit && !to) {
    throw refuse(400, 'unknown_jurisdiction', 'toCode', API_WORDS.successions.unknownTo(input.toCode));
  }

  const latest = beijingDate(new Date(now.getTime() + DAYS_AHEAD * 86_400_000));
  if (input.effectiveOn < `${MIN_YEAR}-01-01`) {
    throw refuse(400, 'year_range', 'effectiveOn', API_WORDS.successions.tooEarly(input.effectiveOn, MIN_YEAR));
  }
  if (input.effectiveOn > latest) {
    throw refuse(400, 'effective_too_late', 'effectiveOn', API_WORDS.successions.tooLate(input.effectiveOn, latest));
  }

  if (input.newUnit) {
    const level = from.level;
    const parentCode = input.newUnit.parentCode ?? from.parentCode;
    if (!codeFitsLevel(input.toCode, level)) {
      throw refuse(400, 'code_for_level', 'toCode', API_WORDS.successions.codeForLevel(input.toCode, input.fromCode));
    }
    if (parentCode !== null) {
      const parent = await findUnit(trx, parentCode);
      if (!parent || CHILD_LEVEL[parent.level as Level] !== level) {
        throw refuse(
          400,
          'unknown_parent',
          'newUnit.parentCode',
          API_WORDS.successions.unknownParent(parentCode, level),
        );
      }
      if (level === 'township' && !input.toCode.startsWith(parentCode)) {
        throw refuse(
          400,
          'code_outside_parent',
          'toCode',
          API_WORDS.jurisdictions.codeOutsideParent(input.toCode, parentCode),
        );
      }
    }
    const unit = { name: input.newUnit.name, nameEn: input.newUnit.nameEn, level, parentCode };
    await insertJurisdiction(trx, input.toCode, unit);
    await writeAudit(trx, actor, {
      action: 'insert',
      entity: 'jurisdiction',
      entityId: input.toCode,
      jurisdictionCode: input.toCode,
      after: unit,
      reason: input.reason,
    });
    to = { code: input.toCode, ...unit } as UnitNode;
  }
  const successor = to as UnitNode;
  if (successor.level !== from.level) {
    throw refuse(
      400,
      'succession_level',
      'toCode',
      API_WORDS.successions.levelDiffers(from.code, from.level, successor.code, successor.level),
    );
  }

  const next: Succession = {
    fromCode: input.fromCode,
    toCode: input.toCode,
    effectiveOn: input.effectiveOn,
    reason: input.reason,
    kind: input.kind,
  };
  const existing = (await readSuccessions(trx)).list;
  const refusal = successionRefusal(existing, next);
  if (refusal === 'duplicate') {
    throw refuse(409, 'succession_exists', 'toCode', API_WORDS.successions.exists(input.fromCode, input.toCode));
  }
  if (refusal === 'cycle') {
    throw refuse(400, 'succession_cycle', 'toCode', API_WORDS.successions.cycle(input.fromCode, input.toCode));
  }
  // one change per unit: a renamed or merged code ends once; a split's parts all share one date
  const out = existing.filter((s) => s.fromCode === input.fromCode);
  const into = existing.filter((s) => s.toCode === input.toCode);
  const mixed =
    out.some((s) => s.kind !== 'split' || input.kind !== 'split' || s.effectiveOn !== input.effectiveOn) ||
    into.some((s) => s.kind !== 'merge' || input.kind !== 'merge' || s.effectiveOn !== input.effectiveOn);
  if (mixed) {
    throw refuse(
      409,
      'succession_conflict',
      'kind',
      API_WORDS.successions.conflict(input.fromCode, input.toCode, [...out, ...into]),
    );
  }

  // nothing may fall out of every aggregate: the old code's reports after the date, the new one's before it
  const firstIndex = firstSuccessorIndex(input.effectiveOn);
  const first = formatPeriod(periodFromIndex(firstIndex));
  const late = await reportQuarters(trx, input.fromCode, firstIndex, true);
  if (late.length > 0) {
    throw refuse(
      409,
      'reports_after_succession',
      'effectiveOn',
      API_WORDS.successions.reportsAfter(input.fromCode, input.toCode, first, late),
    );
  }
  const early = await reportQuarters(trx, input.toCode, firstIndex, false);
  if (early.length > 0) {
    throw refuse(
      409,
      'reports_before_succession',
      'effectiveOn',
      API_WORDS.successions.reportsBefore(input.fromCode, input.toCode, first, early),
    );
  }

  // likewise a year's indicators: a year ending on or after the date is the new code's
  const firstYear = Number(input.effectiveOn.slice(0, 4));
  const lateYears = await indicatorYears(trx, input.fromCode, firstYear, true);
  if (lateYears.length > 0) {
    throw refuse(
      409,
      'indicators_after_succession',
      'effectiveOn',
      API_WORDS.successions.indicatorsAfter(input.fromCode, input.toCode, firstYear, lateYears),
    );
  }
  const earlyYears = await indicatorYears(trx, input.toCode, firstYear, false);
  if (earlyYears.length > 0) {
    throw refuse(
      409,
      'indicators_before_succession',
      'effectiveOn',
      API_WORDS.successions.indicatorsBefore(input.fromCode, input.toCode, firstYear, earlyYears),
    );
  }

  await insertSuccession(trx, next);
  await writeAudit(trx, actor, {
    action: 'insert',
    entity: 'succession',
    entityId: `${input.fromCode}>${input.toCode}`,
    jurisdictionCode: input.toCode,
    after: next,
    reason: input.reason,
  });
  return next;
}

const successions: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  // GET /api/v1/successions?root=: the boundary changes in a subtree, for the admin screen (and
  // readable as the jurisdictions are)
  app.get(
    '/successions',
    {
      schema: {
        tags: ['reading'],
        querystring: z.object({ root: divisionCode.optional() }),
        response: { 200: z.array(successionViewSchema), 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const root = request.query.root ?? null;
      const json = await app.cache.json(
        `successions|${root ?? 'country'}`,
        async (trx) => {
          if (root !== null && !(await findUnit(trx, root, true))) return null;
          return z.array(successionViewSchema).parse(await successionsIn(trx, root));
        },
        null,
      );
      if (json === 'null') throw unknownJurisdiction(root as string);
      return sendJson(reply, json);
    },
  );

  app.post(
    '/successions',
    {
      schema: {
        tags: ['admin'],
        body: successionInputSchema,
        response: { 201: jurisdictionDetailSchema, ...errors },
      },
      config: {
        access: {
          roles: ['admin'],
          scope: 'within',
          // the old unit (an unknown one is the body's fault, 400, for a country-wide admin); the
          // successor or the parent it is created under is checked in the handler
          scopeCode: async (request) => {
            const { fromCode, toCode } = request.body as SuccessionInput;
            if (await findUnit(db, fromCode)) return fromCode;
            return (await findUnit(db, toCode)) ? toCode : null;
          },
        },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const input = request.body;
      const user = signedInUser(request);
      const codes = [input.newUnit ? input.newUnit.parentCode : input.toCode];
      for (const code of codes) {
        if (code === undefined || (await inScope(app, user, code, false)) !== 'no') continue;
        throw new ApiError(403, 'out_of_scope', API_WORDS.access.outsideJurisdiction(code, user.jurisdictionCode));
      }
      await db.transaction().execute((trx) => recordSuccession(trx, actor, input, new Date()));
      const successor = await findJurisdiction(db, input.toCode);
      return reply.status(201).send(successor as NonNullable<typeof successor>);
    },
  );

  app.post(
    '/successions/edition',
    {
      schema: {
        tags: ['admin'],
        querystring: z.object({ mode: z.enum(['dry-run', 'commit']).default('dry-run') }),
        body: editionInputSchema,
        response: { 200: editionAnswerSchema, ...errors },
      },
      // the whole tree is compared: a country-wide admin's
      config: { access: { roles: ['admin'], scope: 'country' } },
    },
    async (request) => {
      const actor = requestActor(request);
      const input = request.body;
      const commit = request.query.mode === 'commit';
      // one code is one unit: an edition giving a code to two units (a new code that is another
      // unit's) cannot be compared, and would silently propose nothing
      const seen = new Set<string>();
      const repeated = input.units.findIndex((unit) => seen.size === seen.add(unit.code).size);
      if (repeated >= 0) {
        const code = input.units[repeated].code;
        throw refuse(400, 'duplicate_code', `units.${repeated}.code`, API_WORDS.successions.duplicateCode(code));
      }
      return db.transaction().execute(async (trx) => {
        const retired = new Set((await readSuccessions(trx)).list.map((s) => s.fromCode));
        const tree = (await listJurisdictions(trx)).filter((unit) => !retired.has(unit.code));
        const proposals = proposeSuccessions(tree, input.units);
        if (!commit) return { proposals, recorded: [] };
        const byPair = new Map(proposals.map((p) => [`${p.fromCode}>${p.toCode}`, p]));
        const problems = input.confirm
          .map((pair, index) => ({ pair, index }))
          .filter(({ pair }) => !byPair.has(`${pair.fromCode}>${pair.toCode}`));
        if (problems.length > 0) {
          throw new ApiError(
            400,
            'not_proposed',
            API_WORDS.successions.notProposed(problems.map(({ pair }) => `${pair.fromCode} → ${pair.toCode}`)),
            problems.map(({ index }) => ({ field: `body.confirm.${index}`, message: 'not_proposed' })),
          );
        }
        const names = new Map(tree.map((unit) => [unit.code, unit]));
        const recorded: Succession[] = [];
        // proposals come parents first: a renamed parent exists before its children move under it
        for (const proposal of proposals) {
          if (!input.confirm.some((c) => c.fromCode === proposal.fromCode && c.toCode === proposal.toCode)) continue;
          const exists = (await findUnit(trx, proposal.toCode)) !== null;
          const old = names.get(proposal.fromCode) as UnitNode;
          recorded.push(
            await recordSuccession(
              trx,
              actor,
              {
                fromCode: proposal.fromCode,
                toCode: proposal.toCode,
                effectiveOn: input.effectiveOn,
                reason: input.reason,
                kind: 'rename',
                ...(exists
                  ? {}
                  : {
                      newUnit: {
                        name: proposal.name,
                        nameEn: englishName(old.nameEn, proposal),
                        ...(proposal.parentCode ? { parentCode: proposal.parentCode } : {}),
                      },
                    }),
              },
              new Date(),
            ),
          );
        }
        return { proposals, recorded };
      });
    },
  );
};

/**
 * The successor's English name when the edition gives none: the old one, with "County" turned
 * "District" (or "City") where a 县 became a 区 (or 市); an admin may correct it on the unit later.
 */
function englishName(old: string, proposal: ProposedSuccession): string {
  if (proposal.match !== 'county_made_district') return old;
  const made = proposal.name.endsWith('市') ? 'City' : 'District';
  return /\b(Autonomous )?County$/.test(old) ? old.replace(/\b(Autonomous )?County$/, made) : old;
}

const editionAnswerSchema = z.object({
  /** Renames the newer edition suggests: a new code under the same parent with the same name, or 某某县 → 某某区. */
  proposals: z.array(
    z.object({
      fromCode: z.string(),
      toCode: z.string(),
      /** The successor's name in the newer edition. */
      name: z.string(),
      /** The unit's name in the tree: the same, or the county's where a 县 became a 区 (撤县设区). */
      fromName: z.string(),
      parentCode: z.string().nullable(),
      kind: z.literal('rename'),
      match: z.enum(['same_name', 'county_made_district']),
    }),
  ),
  /** What a commit recorded: the confirmed proposals. */
  recorded: z.array(successionSchema),
});

export default successions;
