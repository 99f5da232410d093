// GET /api/v1/gap-report?root=:code&period=2024Q4&format=xlsx|csv|json: the auditors' gap report
// for a subtree and quarter (leaders, auditors and admins, within their jurisdiction). With
// `account=final`, the final account of the targets closed by that quarter instead: its own rows
// and columns, so that the gap report's stay as they were.
import {
  divisionCode,
  errorSchema,
  type FinalAccount,
  type FinalAccountRow,
  finalAccountSchema,
  formatPeriod,
  type GapReport,
  type GapRow,
  gapReportSchema,
  periodIndex,
  periodText,
  type Settings,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { signedInUser } from '../../auth/access.ts';
import type { DB } from '../../db/schema.ts';
import { prefersEnglish, unknownJurisdiction } from '../../errors.ts';
import { tightHeapWhileExporting } from '../../heap-growth.ts';
import { Slots } from '../../slots.ts';
import { lastLink } from '../audit/repository.ts';
import { fileHead } from '../file-head.ts';
import { fundingOfSubtree } from '../funding/repository.ts';
import { XLSX_TYPE } from '../import/index.ts';
import { periodFromQuery } from '../period-query.ts';
import { readSettings } from '../settings/repository.ts';
import { buildFinalAccount, buildGapReport, finalAccountInParts, gapReportInParts, type WithoutRows } from './build.ts';
import {
  allAtOnce,
  beijingTime,
  finalAccountCsv,
  finalAccountXlsx,
  gapReportCsv,
  gapReportXlsx,
  type RowsThenRest,
} from './write.ts';

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
      // The country's is not remembered (at township scale it is hundreds of megabytes, and asked
      // for rarely): its files are written province by province as its rows are made, in one
      // snapshot, and never whole in memory; its JSON answer is built whole.
      const inSnapshot = <T>(work: (trx: Transaction<DB>, settings: Settings) => Promise<T>) =>
        app.database.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (trx) => work(trx, await readSettings(trx)));
      const country = !root && format !== 'json';
      const name = `tuowei-${final ? 'final-account' : 'gap-report'}-${root ?? 'country'}-${formatPeriod(period)}.${format}`;
      const type = format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE;
      // A HEAD for the country's file or JSON (a download manager asking its type and name, a
      // monitor asking whether it is there) is answered from the query alone: its body would take
      // the whole country's computation, to be thrown away.
      if (!root && request.method === 'HEAD') {
        if (format === 'json') return fileHead(reply.type('application/json; charset=utf-8'));
        return fileHead(reply.header('content-disposition', `attachment; filename="${name}"`).type(type));
      }
      // built once per version of its province's data; each export writes its own file (who exported it, and when)
      const built = country
        ? null
        : !root
          ? await inSnapshot<GapReport | FinalAccount | null>((trx, settings) =>
              final
                ? buildFinalAccount(trx, null, periodIndex(period), settings, false, app.cache)
                : buildGapReport(trx, null, periodIndex(period), settings, false, app.cache),
            )
          : final
            ? await app.cache.value(
                `final-account|${scope}`,
                async (trx) =>
                  buildFinalAccount(trx, root, periodIndex(period), await readSettings(trx), false, app.cache),
                root,
              )
            : await app.cache.value(
                `gap-report|${scope}`,
                async (trx) =>
                  buildGapReport(trx, root, periodIndex(period), await readSettings(trx), false, app.cache),
                root,
              );
      if (!built && !country) throw unknownJurisdiction(root as string);
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
            };
      // the one is a GapReport, the other a FinalAccount: each goes to its own writers, their rows
      // from the country's snapshot as they are made, or from the report built
      const write = final
        ? (() => {
            const account = (): RowsThenRest<FinalAccountRow, WithoutRows<FinalAccount>> =>
              country
                ? async (take) =>
                    (await inSnapshot((trx, settings) =>
                      finalAccountInParts(trx, null, periodIndex(period), settings, false, take, app.cache),
                    )) as WithoutRows<FinalAccount>
                : allAtOnce(built as FinalAccount);
            return {
              csv: () => finalAccountCsv({ ...exported, account: account() }),
              xlsx: () => finalAccountXlsx({ ...exported, account: account() }),
            };
          })()
        : (() => {
            const report = (): RowsThenRest<GapRow, WithoutRows<GapReport>> =>
              country
                ? async (take) =>
                    (await inSnapshot((trx, settings) =>
                      gapReportInParts(trx, null, periodIndex(period), settings, false, take, app.cache),
                    )) as WithoutRows<GapReport>
                : allAtOnce(built as GapReport);
            return {
              csv: () => gapReportCsv({ ...exported, report: report() }),
              xlsx: () => gapReportXlsx({ ...exported, report: report(), funding }),
            };
          })();
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (country) {
        // a country's file takes seconds of the processor: two at a time (with the subtrees' workbooks), the rest in turn
        const release = await workbookSlots.take();
        const loosen = tightHeapWhileExporting();
        const stream = format === 'csv' ? write.csv() : write.xlsx();
        stream.once('close', () => {
          loosen();
          release();
        });
        return reply.type(type).send(stream as never);
      }
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(write.csv() as never);
      // A workbook is the same file for everyone whose cover reads the same (the report, the
      // language, who exported it, the chain head, the minute): made once, sent to each of them.
      const cover = [
        exported.language,
        exported.exportedBy,
        exported.chainHead ? `${exported.chainHead.id}:${exported.chainHead.hash}` : '',
        beijingTime(exported.exportedAt),
      ].join('|');
      const workbook = await rememberedWorkbook(built as object, cover, async () => {
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
