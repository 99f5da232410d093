// POST /api/v1/successions (admin): a boundary change recorded, with the new unit created in the
// same call where it does not exist yet; validated, audited, and answered with the successor.
// POST /api/v1/successions/edition?mode=dry-run|commit: a newer edition of the division codes
// compared with the tree, its proposed renames shown, and those an admin confirms recorded.
import {
  beijingDate,
  CHILD_LEVEL,
  codeFitsLevel,
  editionInputSchema,
  errorSchema,
  firstSuccessorIndex,
  formatPeriod,
  jurisdictionDetailSchema,
  type Level,
  MIN_YEAR,
  periodFromIndex,
  proposeSuccessions,
  type Succession,
  type SuccessionInput,
  successionInputSchema,
  successionRefusal,
  successionSchema,
  type UnitNode,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { type AuditActor, requestActor, writeAudit } from '../../audit.ts';
import { inScope, signedInUser } from '../../auth/access.ts';
import { readSuccessions } from '../../db/lineage.ts';
import { lockNaturalKey } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { findJurisdiction, findUnit, insertJurisdiction, listJurisdictions } from '../jurisdictions/repository.ts';
import { insertSuccession, reportQuarters } from './repository.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** A refusal naming the field it is about, in both languages. */
const refuse = (status: 400 | 409, code: string, field: string, zh: string, en: string) =>
  new ApiError(status, code, { zh, en }, [{ field: `body.${field}`, message: code }]);

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
    throw refuse(
      400,
      'unknown_jurisdiction',
      'fromCode',
      `原代码 ${input.fromCode} 不存在。`,
      `The old code ${input.fromCode} does not exist.`,
    );
  }
  let to = await findUnit(trx, input.toCode, true);
  if (input.newUnit && to) {
    throw refuse(
      409,
      'jurisdiction_exists',
      'toCode',
      `新代码 ${input.toCode} 已存在（${to.name}），不能再新建；去掉 newUnit 即可直接记录。`,
      `The new code ${input.toCode} exists already (${to.name}); leave newUnit out to record the succession.`,
    );
  }
  if (!input.newUnit && !to) {
    throw refuse(
      400,
      'unknown_jurisdiction',
      'toCode',
      `新代码 ${input.toCode} 不存在：先添加该单位，或在 newUnit 中给出名称一并新建。`,
      `The new code ${input.toCode} does not exist: add the unit first, or give its names in newUnit to create it here.`,
    );
  }

  const latest = beijingDate(new Date(now.getTime() + DAYS_AHEAD * 86_400_000));
  if (input.effectiveOn < `${MIN_YEAR}-01-01`) {
    throw refuse(
      400,
      'year_range',
      'effectiveOn',
      `生效日期 ${input.effectiveOn} 太早：应在 ${MIN_YEAR} 年以后。`,
      `The effective date ${input.effectiveOn} is too early: it must be in ${MIN_YEAR} or later.`,
    );
  }
  if (input.effectiveOn > latest) {
    throw refuse(
      400,
      'effective_too_late',
      'effectiveOn',
      `生效日期 ${input.effectiveOn} 太远：只能记录一年内（${latest} 前）生效的区划调整。`,
      `The effective date ${input.effectiveOn} is too far ahead: only changes taking effect within a year (by ${latest}) can be recorded.`,
    );
  }

  if (input.newUnit) {
    const level = from.level;
    const parentCode = input.newUnit.parentCode ?? from.parentCode;
    if (!codeFitsLevel(input.toCode, level)) {
      throw refuse(
        400,
        'code_for_level',
        'toCode',
        `${input.toCode} 不能作为与 ${input.fromCode} 同级单位的代码：乡镇（街道）用 9 位代码，其他层级用 6 位。`,
        `${input.toCode} cannot be the code of a unit at the level of ${input.fromCode}: a township takes nine digits, other levels six.`,
      );
    }
    if (parentCode !== null) {
      const parent = await findUnit(trx, parentCode);
      if (!parent || CHILD_LEVEL[parent.level as Level] !== level) {
        throw refuse(
          400,
          'unknown_parent',
          'newUnit.parentCode',
          `上级单位 ${parentCode} 不存在，或不是${level}的上一级。`,
          `The parent ${parentCode} does not exist or is not the level above a ${level}.`,
        );
      }
      if (level === 'township' && !input.toCode.startsWith(parentCode)) {
        throw refuse(
          400,
          'code_outside_parent',
          'toCode',
          `乡镇（街道）代码 ${input.toCode} 应以所属县（区）的代码 ${parentCode} 开头。`,
          `The township code ${input.toCode} must begin with its county's code ${parentCode}.`,
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
      `原单位 ${from.code} 是 ${from.level}，新单位 ${successor.code} 是 ${successor.level}：承继只在同一层级之间。`,
      `${from.code} is a ${from.level} and ${successor.code} a ${successor.level}: a succession joins units of one level.`,
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
    throw refuse(
      409,
      'succession_exists',
      'toCode',
      `已记录 ${input.fromCode} → ${input.toCode} 的承继。`,
      `The succession ${input.fromCode} → ${input.toCode} is recorded already.`,
    );
  }
  if (refusal === 'cycle') {
    throw refuse(
      400,
      'succession_cycle',
      'toCode',
      `${input.toCode} 已经（经由其他承继）由 ${input.fromCode} 而来，不能再承继回去。`,
      `${input.toCode} already leads back to ${input.fromCode} through other successions: that would be a cycle.`,
    );
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
      `${input.fromCode} 或 ${input.toCode} 已有另一项承继（${[...out, ...into].map((s) => `${s.fromCode} → ${s.toCode}，${s.kind}，${s.effectiveOn}`).join('；')}）：一个单位只终止一次；拆分的各部分、合并的各方须同一日期。`,
      `${input.fromCode} or ${input.toCode} is in another succession already (${[...out, ...into].map((s) => `${s.fromCode} → ${s.toCode}, ${s.kind}, ${s.effectiveOn}`).join('; ')}): a unit ends once, and the parts of a split or a merge share one date.`,
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
      `${input.fromCode} 已有 ${first} 及以后的季报（${late.join('、')}），而自 ${first} 起应由 ${input.toCode} 填报：请先把这些季报改由新代码填报，或核对生效日期。`,
      `${input.fromCode} has reports for ${first} or later (${late.join(', ')}), which from ${first} belong to ${input.toCode}: move them to the new code first, or check the effective date.`,
    );
  }
  const early = await reportQuarters(trx, input.toCode, firstIndex, false);
  if (early.length > 0) {
    throw refuse(
      409,
      'reports_before_succession',
      'effectiveOn',
      `${input.toCode} 已有 ${first} 以前的季报（${early.join('、')}）：生效以前的季度属于原代码 ${input.fromCode}。`,
      `${input.toCode} has reports before ${first} (${early.join(', ')}): the quarters before the change belong to ${input.fromCode}.`,
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
        throw new ApiError(403, 'out_of_scope', {
          zh: `${code} 不在您的管辖范围内（${user.jurisdictionCode ?? '全国'} 及其下级）。`,
          en: `${code} is outside your jurisdiction (${user.jurisdictionCode ?? 'the country'} and below).`,
        });
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
        throw refuse(
          400,
          'duplicate_code',
          `units.${repeated}.code`,
          `新版区划代码中 ${code} 出现不止一次：一个代码只能对应一个单位。`,
          `The code ${code} appears more than once in the newer edition: a code stands for one unit.`,
        );
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
            {
              zh: `以下确认项不在比对结果中：${problems.map(({ pair }) => `${pair.fromCode} → ${pair.toCode}`).join('、')}。`,
              en: `These confirmations are not among the proposals: ${problems.map(({ pair }) => `${pair.fromCode} → ${pair.toCode}`).join(', ')}.`,
            },
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
                        nameEn: old.nameEn,
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

const editionAnswerSchema = z.object({
  /** Renames the newer edition suggests (same name, same parent, new code). */
  proposals: z.array(
    z.object({
      fromCode: z.string(),
      toCode: z.string(),
      name: z.string(),
      parentCode: z.string().nullable(),
      kind: z.literal('rename'),
    }),
  ),
  /** What a commit recorded: the confirmed proposals. */
  recorded: z.array(successionSchema),
});

export default successions;
