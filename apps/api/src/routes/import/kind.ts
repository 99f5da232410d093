// One route factory for every kind of import: GET <template> gives the kind's workbook, and POST
// <path>?mode=dry-run|commit with an .xlsx or .csv body reads the file through the streaming
// workbook reader (within its limits), reads its rows as the kind describes them (one shared
// reader), plans them against the database, and on commit plans them again inside the
// transaction, under the kind's locks, before writing all or nothing with its audit rows.
import {
  errorSchema,
  type ImportKind,
  type ImportProblem,
  type RawCell,
  type ReadImport,
  readImportRows,
  type Words,
} from '@tuowei/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { type AuditActor, requestActor } from '../../audit.ts';
import { signedInUser } from '../../auth/access.ts';
import type { Role, User } from '../../auth/users.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError, prefersEnglish } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { READ_LIMITS } from '../../workbook/index.ts';
import { readImportSheet, type Sheet, type SheetLayout } from './parse.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_BYTES = READ_LIMITS.uploadBytes;

type App = Parameters<FastifyPluginAsyncZod>[0];
type Reader = Kysely<DB> | Transaction<DB>;

/** X-File-Name, percent-encoded by the web app (names are Chinese); broken encodings are refused. */
export function uploadedFileName(header: string | string[] | undefined): string | null {
  if (!header) return null;
  const text = String(header).slice(0, 1000);
  try {
    return decodeURIComponent(text).slice(0, 200);
  } catch {
    throw new ApiError(400, 'invalid_file_name', API_WORDS.import.invalidFileName(text.slice(0, 40)));
  }
}

/** An uploaded workbook or CSV arrives as its bytes, up to the import's limit (each import's plugin). */
export function acceptUploads(app: FastifyInstance): void {
  app.addContentTypeParser(
    [XLSX_TYPE, 'text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_request, body, done) => done(null, body),
  );
}

/** The sheet layout the file reader looks for: the kind's columns and data sheet. */
export function sheetLayout<Row>(kind: ImportKind<Row>, noHeader: Words): SheetLayout {
  return {
    columns: kind.columns,
    sheetName: kind.sheetName,
    skipped: (row: number, cells: RawCell[], columns) => kind.readRow(row, cells, columns, 'zh').kind === 'skip',
    noHeader,
  };
}

/** What a plan sees besides the rows: who imports, in which language, when, and (in a commit) the transaction. */
/** What every import's answer counts: the sheet's header row and rows read, and what would change. */
export function planCounts(sheet: Sheet, planned: readonly { action: 'create' | 'update' | 'unchanged' }[]) {
  const count = (action: 'create' | 'update' | 'unchanged') => planned.filter((r) => r.action === action).length;
  return {
    headerRow: sheet.headerRow,
    rowsRead: sheet.rows.length,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
  };
}

export interface ImportContext<Query> {
  user: User;
  language: 'zh' | 'en';
  now: Date;
  query: Query;
  /** The commit's transaction, where the plan takes its locks before it reads; null in a dry run. */
  lock: Transaction<DB> | null;
}

/** The answer's counts and lists every kind has; each kind adds its own fields. */
export interface PlannedImport<Planned> {
  result: { ok: boolean; problems: ImportProblem[] } & Record<string, unknown>;
  rows: Planned[];
}

/** One kind's routes, behaviour and words: the description the factory serves. */
export interface ImportRoutes<Row, Planned, Query extends Record<string, unknown>> {
  kind: ImportKind<Row>;
  /** Where the upload goes and where the template is. */
  path: string;
  templatePath: string;
  roles: readonly Role[];
  /** Who may download the template. */
  templateRoles: readonly Role[];
  /** Why no sheet of a file has the kind's header. */
  noHeader: Words;
  /** Query parameters besides `mode`. */
  query: z.ZodObject<z.ZodRawShape>;
  templateQuery: z.ZodObject<z.ZodRawShape>;
  result: z.ZodType;
  /** Whether the answer names the uploaded file (the reports' and populations' answers do). */
  namesFile: boolean;
  template(
    db: Kysely<DB>,
    user: User,
    query: Record<string, unknown>,
    language: 'zh' | 'en',
    now: Date,
  ): Promise<{ file: Buffer; name: string }>;
  plan(db: Reader, read: ReadImport<Row>, sheet: Sheet, context: ImportContext<Query>): Promise<PlannedImport<Planned>>;
  commit(
    trx: Transaction<DB>,
    rows: Planned[],
    context: ImportContext<Query> & { actor: AuditActor; fileName: string | null },
  ): Promise<void>;
}

/** Registers a kind's template and upload routes. */
export function registerImport<Row, Planned, Query extends Record<string, unknown>>(
  app: App,
  routes: ImportRoutes<Row, Planned, Query>,
): void {
  const layout = sheetLayout(routes.kind, routes.noHeader);
  const db = () => app.database.db;

  app.get(
    routes.templatePath,
    {
      schema: { tags: ['import'], querystring: routes.templateQuery },
      config: { access: { roles: routes.templateRoles, scope: 'none' } },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const language = prefersEnglish(request) ? 'en' : 'zh';
      const { file, name } = await routes.template(
        db(),
        user,
        request.query as Record<string, unknown>,
        language,
        app.clock(),
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file);
    },
  );

  app.post(
    routes.path,
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['import'],
        querystring: z.object({
          mode: z.enum(['dry-run', 'commit']).default('dry-run'),
          ...routes.query.shape,
        }),
        response: {
          200: routes.result,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          413: errorSchema,
          415: errorSchema,
          429: errorSchema,
        },
      },
      config: { access: { roles: routes.roles, scope: 'none' } },
    },
    async (request: FastifyRequest) => {
      const user = signedInUser(request);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new ApiError(415, 'no_file', API_WORDS.import.noFile);
      }
      const fileName = uploadedFileName(request.headers['x-file-name']);
      const sheet = await readImportSheet(body, () => !request.raw.socket?.destroyed, layout);
      const language = prefersEnglish(request) ? 'en' : 'zh';
      const { mode, ...query } = request.query as { mode: 'dry-run' | 'commit' } & Query;
      const named = routes.namesFile ? { fileName } : {};
      const rows = readImportRows(routes.kind, sheet, language);
      // each plan adds its findings to a list of its own
      const read = () => ({ ...rows, problems: [...rows.problems], skipped: [...rows.skipped] });
      const context = (lock: Transaction<DB> | null): ImportContext<Query> => ({
        user,
        language,
        now: app.clock(),
        query: query as unknown as Query,
        lock,
      });
      if (mode === 'dry-run') {
        const { result } = await routes.plan(db(), read(), sheet, context(null));
        return { ...result, mode, committed: false, ...named };
      }
      return db()
        .transaction()
        .execute(async (trx) => {
          // planned again under the kind's locks, so that nothing changes between the check and the write
          const { result, rows } = await routes.plan(trx, read(), sheet, context(trx));
          if (!result.ok) {
            throw new ApiError(400, 'import_rejected', API_WORDS.import.rejected(result.problems.length), {
              ...result,
              mode,
              committed: false,
              ...named,
            });
          }
          await routes.commit(trx, rows, { ...context(trx), actor: requestActor(request), fileName });
          return { ...result, mode, committed: true, ...named };
        });
    },
  );
}
