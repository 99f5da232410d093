// GET /api/v1/gap-report?root=:code&period=2024Q4&format=xlsx|csv|json: the auditors' gap report
// for a subtree and quarter (leaders, auditors and admins, within their jurisdiction). With
// `account=final`, the final account of the targets closed by that quarter instead: its own rows
// and columns, so that the gap report's stay as they were.
import {
  divisionCode,
  errorSchema,
  type FinalAccount,
  finalAccountSchema,
  formatPeriod,
  type GapReport,
  gapReportSchema,
  nameIn,
  periodIndex,
  periodText,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedInUser } from '../../auth/access.ts';
import { prefersEnglish, unknownJurisdiction } from '../../errors.ts';
import { Slots } from '../../slots.ts';
import { lastLink } from '../audit/repository.ts';
import { fundingOfSubtree } from '../funding/repository.ts';
import { XLSX_TYPE } from '../import/index.ts';
import { periodFromQuery } from '../period-query.ts';
import { readSettings } from '../settings/repository.ts';
import { buildFinalAccount, buildGapReport } from './build.ts';
import { beijingTime, finalAccountCsv, finalAccountXlsx, gapReportCsv, gapReportXlsx } from './write.ts';

/** How many workbooks of one report are kept (covers of other people, languages or minutes). */
const WORKBOOKS_PER_REPORT = 8;
/** Workbooks made, by the report they were made from (and gone with it) and by what their cover says. */
const workbooks = new WeakMap<object, Map<string, Promise<Buffer>>>();

function rememberedWorkbook(built: object, cover: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const made = workbooks.get(built) ?? new Map<string, Promise<Buffer>>();
  workbooks.set(built, made);
  const known = made.get(cover);
  if (known) return known;
  const making = make();
  if (made.size >= WORKBOOKS_PER_REPORT) made.delete(made.keys().next().value as string);
  made.set(cover, making);
  making.catch(() => made.delete(cover));
  return making;
}

const gapReport: FastifyPluginAsyncZod = async (app) => {
  const workbookSlots = new Slots(2);
  app.get(
    '/gap-report',
    {
      schema: {
        tags: ['export'],
        querystring: z.object({
          /** Without a root: the whole country (country-wide accounts only). */
          root: divisionCode.optional(),
          period: periodText.optional(),
          format: z.enum(['xlsx', 'csv', 'json']).default('xlsx'),
          /** `final`: the final account of the targets closed by the quarter (their due year's verdicts). */
          account: z.enum(['final']).optional(),
        }),
        response: {
          200: z.union([gapReportSchema, finalAccountSchema]),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
        },
      },
      config: {
        access: {
          roles: ['leader', 'auditor', 'admin'],
          scope: 'within',
          scopeCode: (request) => (request.query as { root?: string }).root ?? null,
        },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const { format } = request.query;
      const root = request.query.root ?? null;
      const period = periodFromQuery(request.query.period);
      const final = request.query.account === 'final';
      const scope = `${root ?? 'country'}|${periodIndex(period)}`;
      // built once per version of its province's data; each export writes its own file (who exported it, and when)
      const built = !root
        ? // the country's is not remembered: at township scale it is hundreds of megabytes, and asked for rarely
          await app.database.db
            .transaction()
            .setIsolationLevel('repeatable read')
            .execute(async (trx) =>
              final
                ? buildFinalAccount(trx, null, periodIndex(period), await readSettings(trx))
                : buildGapReport(trx, null, periodIndex(period), await readSettings(trx)),
            )
        : final
          ? await app.cache.value(
              `final-account|${scope}`,
              async (trx) => buildFinalAccount(trx, root, periodIndex(period), await readSettings(trx)),
              root,
            )
          : await app.cache.value(
              `gap-report|${scope}`,
              async (trx) => buildGapReport(trx, root, periodIndex(period), await readSettings(trx)),
              root,
            );
      if (!built) throw unknownJurisdiction(root as string);
      if (format === 'json')
        return reply
          .type('application/json; charset=utf-8')
          .serializer(JSON.stringify)
          .send(built as never);
      const exported = {
        language: prefersEnglish(request) ? ('en' as const) : ('zh' as const),
        exportedBy: `${user.username} (${user.role})`,
        exportedAt: new Date(),
        chainHead: await lastLink(app.database.db),
      };
      // the gap report's workbook ends with what the subtree's funding rules owe for the quarter's year
      const funding =
        final || format !== 'xlsx'
          ? undefined
          : {
              year: period.year,
              fundings: await app.cache.value(`gap-report-funding|${scope}`, async (trx) =>
                fundingOfSubtree(trx, root, periodIndex(period), await readSettings(trx)),
              ),
              nameOf: (code: string) => {
                const unit = (built as GapReport).rows.find((row) => row.code === code);
                return unit ? nameIn(unit, exported.language) : code;
              },
            };
      // the one is a GapReport, the other a FinalAccount: each goes to its own writers
      const write = final
        ? {
            csv: () => finalAccountCsv({ ...exported, account: built as FinalAccount }),
            xlsx: () => finalAccountXlsx({ ...exported, account: built as FinalAccount }),
          }
        : {
            csv: () => gapReportCsv({ ...exported, report: built as GapReport }),
            xlsx: () => gapReportXlsx({ ...exported, report: built as GapReport, funding }),
          };
      const name = `tuowei-${final ? 'final-account' : 'gap-report'}-${root ?? 'country'}-${formatPeriod(period)}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(write.csv() as never);
      // A workbook is the same file for everyone whose cover reads the same (the report, the
      // language, who exported it, the chain head, the minute): made once, sent to each of them.
      const cover = [
        exported.language,
        exported.exportedBy,
        exported.chainHead ? `${exported.chainHead.id}:${exported.chainHead.hash}` : '',
        beijingTime(exported.exportedAt),
      ].join('|');
      if (!root) {
        // the country's workbooks go out as they are written, never whole in memory
        const release = await workbookSlots.take();
        const stream = write.xlsx();
        stream.once('close', release);
        return reply.type(XLSX_TYPE).send(stream as never);
      }
      const workbook = await rememberedWorkbook(built, cover, async () => {
        // a workbook takes tens of milliseconds of the processor: two at a time, the rest in turn
        const release = await workbookSlots.take();
        try {
          return Buffer.concat(await write.xlsx().toArray());
        } finally {
          release();
        }
      });
      return reply.type(XLSX_TYPE).send(workbook as never);
    },
  );
};

export default gapReport;
