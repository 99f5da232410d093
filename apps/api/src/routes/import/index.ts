// Bulk import of quarterly reports (and, in populations.ts, of yearly populations): GET /api/v1/import/template.xlsx, and POST /api/v1/import
// with an .xlsx or .csv body: a dry run that shows every change and every problem, or an
// all-or-nothing commit.
import {
  errorSchema,
  formatPeriod,
  importResultSchema,
  lastEndedPeriod,
  parsePeriod,
  periodText,
} from '@tuowei/shared';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestActor } from '../../audit.ts';
import { signedInUser } from '../../auth/access.ts';
import { ROLES } from '../../auth/users.ts';
import { ApiError, invalidPeriod, prefersEnglish } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { READ_LIMITS } from '../../workbook/index.ts';
import { commitImport } from './commit.ts';
import { readImportSheet } from './parse.ts';
import { planImport } from './plan.ts';
import { populationImportRoutes } from './populations.ts';
import { buildTemplate } from './template.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_BYTES = READ_LIMITS.uploadBytes;

/** X-File-Name, percent-encoded by the web app (names are Chinese); broken encodings are refused. */
function uploadedFileName(header: string | string[] | undefined): string | null {
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

const importRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptUploads(app);

  app.get(
    '/import/template.xlsx',
    {
      schema: {
        tags: ['import'],
        querystring: z.object({ period: periodText.optional() }),
      },
      config: { access: { roles: ROLES, scope: 'none' } },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const period = request.query.period ? parsePeriod(request.query.period) : lastEndedPeriod(app.clock());
      if (!period) throw invalidPeriod(String(request.query.period));
      const text = formatPeriod(period);
      const file = await buildTemplate(
        app.database.db,
        user.jurisdictionCode,
        { ...period, text },
        prefersEnglish(request) ? 'en' : 'zh',
      );
      const name = `tuowei-import-${user.jurisdictionCode ?? 'all'}-${text}.xlsx`;
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file);
    },
  );

  app.post(
    '/import',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['import'],
        querystring: z.object({
          mode: z.enum(['dry-run', 'commit']).default('dry-run'),
          submit: z.enum(['0', '1']).default('0'),
        }),
        response: {
          200: importResultSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          413: errorSchema,
          415: errorSchema,
          429: errorSchema,
        },
      },
      config: { access: { roles: ['entry'], scope: 'none' } },
    },
    async (request) => {
      const user = signedInUser(request);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new ApiError(415, 'no_file', API_WORDS.import.noFile);
      }
      const fileName = uploadedFileName(request.headers['x-file-name']);
      const sheet = await readImportSheet(body, () => !request.raw.socket?.destroyed);
      const language = prefersEnglish(request) ? 'en' : 'zh';
      const submit = request.query.submit === '1';
      const mode = request.query.mode;
      if (mode === 'dry-run') {
        const { result } = await planImport(app.database.db, user, sheet, language, {
          submit,
          lock: false,
          now: app.clock(),
        });
        return { ...result, mode, committed: false, fileName };
      }
      return app.database.db.transaction().execute(async (trx) => {
        // planned again under row locks, so that nothing changes between the check and the write
        const { result, rows } = await planImport(trx, user, sheet, language, { submit, lock: true, now: app.clock() });
        if (!result.ok) {
          throw new ApiError(400, 'import_rejected', API_WORDS.import.rejected(result.problems.length), {
            ...result,
            mode,
            committed: false,
            fileName,
          });
        }
        await commitImport(trx, user, rows, { submit, fileName, actor: requestActor(request) });
        return { ...result, mode, committed: true, fileName };
      });
    },
  );

  populationImportRoutes(app, { maxBytes: MAX_IMPORT_BYTES, xlsxType: XLSX_TYPE, fileName: uploadedFileName });
};

export default importRoutes;
