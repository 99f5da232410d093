// The register imported from a sheet: GET /api/v1/residential-projects/import/template.xlsx, and
// POST /api/v1/residential-projects/import?mode=dry-run|commit with an .xlsx or .csv body, read by
// the quarterly import's parser (one path for every sheet); a dry run lists every change and every
// problem, a commit writes all or nothing, every project audited.
import {
  approvalInFuture,
  errorSchema,
  fieldMessage,
  type ImportProblem,
  matchHeaders,
  RESIDENTIAL_IMPORT_COLUMNS,
  type ResidentialImportResult,
  type ResidentialImportRow,
  type ResidentialProject,
  readResidentialRow,
  residentialImportResultSchema,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { type AuditActor, requestActor, writeAudit } from '../../audit.ts';
import { signedInUser } from '../../auth/access.ts';
import { ROLES, type User } from '../../auth/users.ts';
import { readSuccessions } from '../../db/lineage.ts';
import { lockNaturalKey } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError, prefersEnglish } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { workbookBuffer } from '../../workbook/index.ts';
import { acceptUploads, MAX_IMPORT_BYTES, XLSX_TYPE } from '../import/index.ts';
import { readImportSheet, type Sheet, type SheetLayout } from '../import/parse.ts';
import { scopeCodes } from '../jurisdictions/repository.ts';
import { retiredRowReason } from '../successions/retired.ts';
import { findProject, insertProject, projectsIn, snapshot, updateProject } from './repository.ts';

const SHEET_NAME = '新建居住区';

export const RESIDENTIAL_LAYOUT: SheetLayout = {
  columns: RESIDENTIAL_IMPORT_COLUMNS,
  sheetName: SHEET_NAME,
  skipped: (row, cells, columns) => readResidentialRow(row, cells, columns, 'zh').kind === 'skip',
  noHeader: API_WORDS.residential.noHeader,
};

type Reader = Kysely<DB> | Transaction<DB>;

interface PlannedRow extends ResidentialImportRow {
  existing: ResidentialProject | null;
  action: 'create' | 'update' | 'unchanged';
}

const sameFigures = (project: ResidentialProject, row: ResidentialImportRow) =>
  project.approvedOn === row.input.approvedOn &&
  project.plannedResidents === row.input.plannedResidents &&
  project.plannedPlaces === row.input.plannedPlaces &&
  project.deliveredPlaces === (row.input.deliveredPlaces ?? null);

/** Every row checked against the database: scope, known codes, dates, repeats; `lock` in a commit. */
async function planImport(
  db: Reader,
  user: User,
  sheet: Sheet,
  language: 'zh' | 'en',
  now: Date,
  lock: Transaction<DB> | null,
): Promise<{ result: Omit<ResidentialImportResult, 'mode' | 'committed'>; rows: PlannedRow[] }> {
  const { columns } = matchHeaders(sheet.headers, RESIDENTIAL_IMPORT_COLUMNS);
  const problems: ImportProblem[] = [];
  const skipped: ResidentialImportResult['skipped'] = [];
  const good: ResidentialImportRow[] = [];
  for (const { row, cells } of sheet.rows) {
    const outcome = readResidentialRow(row, cells, columns, language);
    if (outcome.kind === 'skip') {
      if (outcome.reason !== 'empty') skipped.push({ row, reason: outcome.reason, label: outcome.label });
    } else if (outcome.kind === 'problems') problems.push(...outcome.problems);
    else good.push(outcome.row);
  }
  const header = (key: string) => {
    const column = RESIDENTIAL_IMPORT_COLUMNS.find((c) => c.key === key);
    return (language === 'en' ? column?.en : column?.zh) ?? key;
  };
  const codes = [...new Set(good.map((row) => row.input.jurisdictionCode))];
  const { rows: found } = codes.length
    ? await sql<{ code: string; within: boolean }>`
        select code, code in (${scopeCodes(user.jurisdictionCode)}) as within from jurisdictions
        where code = any(${sql.val(codes)}::text[])`.execute(db)
    : { rows: [] };
  const known = new Map(found.map((row) => [row.code, row.within]));
  const successions = await readSuccessions(db);
  const seen = new Map<string, ResidentialImportRow>();
  const checked: ResidentialImportRow[] = [];
  for (const row of good) {
    const { input } = row;
    const say = (key: string, value: string, message: string) =>
      problems.push({ row: row.row, column: header(key), value, reason: fieldMessage(message, language) });
    const within = known.get(input.jurisdictionCode);
    // approved on or after a boundary change: the successor's project
    const retired = within ? retiredRowReason(successions, input.jurisdictionCode, input.approvedOn, language) : null;
    if (within === undefined) say('code', input.jurisdictionCode, 'unknown_jurisdiction');
    else if (!within) say('code', input.jurisdictionCode, 'outside_jurisdiction');
    else if (approvalInFuture(input.approvedOn, now)) say('approvedOn', input.approvedOn, 'approved_in_future');
    else if (retired)
      problems.push({ row: row.row, column: header('code'), value: input.jurisdictionCode, reason: retired });
    else {
      const key = `${input.jurisdictionCode}|${input.name}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) say('name', input.name, `duplicate_project_row|${earlier.row}`);
      else {
        seen.set(key, row);
        checked.push(row);
      }
    }
  }
  // in a commit, each project's name is held before it is read, in one order (no deadlock)
  if (lock) {
    for (const key of [...seen.keys()].sort()) {
      const { input } = seen.get(key) as ResidentialImportRow;
      await lockNaturalKey(lock, 'residential_project', input.jurisdictionCode, input.name);
    }
  }
  const existing = new Map<string, ResidentialProject>();
  for (const code of new Set(checked.map((row) => row.input.jurisdictionCode))) {
    for (const project of await projectsIn(db, code)) {
      if (project.jurisdictionCode === code) existing.set(`${code}|${project.name}`, project);
    }
  }
  const rows: PlannedRow[] = checked.map((row) => {
    const stored = existing.get(`${row.input.jurisdictionCode}|${row.input.name}`) ?? null;
    const action = stored === null ? 'create' : sameFigures(stored, row) ? 'unchanged' : 'update';
    return { ...row, existing: stored, action };
  });
  const count = (action: PlannedRow['action']) => rows.filter((row) => row.action === action).length;
  return {
    result: {
      ok: problems.length === 0 && rows.length > 0,
      headerRow: sheet.headerRow,
      rowsRead: sheet.rows.length,
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      skipped,
      problems: problems.sort((a, b) => a.row - b.row),
      rows: rows.map((row) => ({
        row: row.row,
        code: row.input.jurisdictionCode,
        name: row.input.name,
        action: row.action,
        plannedResidents: row.input.plannedResidents,
        plannedPlaces: row.input.plannedPlaces,
      })),
    },
    rows,
  };
}

async function commitImport(trx: Transaction<DB>, actor: AuditActor, rows: readonly PlannedRow[]): Promise<void> {
  const entries = [];
  for (const row of rows) {
    if (row.action === 'unchanged') continue;
    let id: string;
    if (row.existing) {
      id = row.existing.id;
      await updateProject(trx, id, row.input, actor.username);
    } else {
      id = await insertProject(trx, row.input, actor.username);
    }
    const stored = (await findProject(trx, id)) as ResidentialProject;
    entries.push({
      action: row.existing ? 'update' : 'insert',
      entity: 'residential_project' as const,
      entityId: id,
      jurisdictionCode: row.input.jurisdictionCode,
      before: row.existing ? snapshot(row.existing) : undefined,
      after: snapshot(stored),
      reason: 'import',
    });
  }
  await writeAudit(trx, actor, entries);
}

const residentialImport: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  acceptUploads(app);

  app.get(
    '/residential-projects/import/template.xlsx',
    { schema: { tags: ['import'] }, config: { access: { roles: ROLES, scope: 'none' } } },
    async (request, reply) => {
      const user = signedInUser(request);
      const language = prefersEnglish(request) ? 'en' : 'zh';
      const projects = await projectsIn(db, user.jurisdictionCode);
      const file = await workbookBuffer((workbook) => {
        const sheet = workbook.sheet({
          name: SHEET_NAME,
          frozen: { rows: 1, columns: 2 },
          columns: RESIDENTIAL_IMPORT_COLUMNS.map((column) => ({
            header: language === 'en' ? column.en : column.zh,
            width: column.key === 'name' ? 28 : 14,
            // codes and dates are text: 533423 keeps its digits, 2024-03-01 its form
            ...(column.key === 'code' || column.key === 'approvedOn' ? { numFmt: '@' } : {}),
          })),
        });
        for (const project of projects) {
          sheet.row([
            project.jurisdictionCode,
            project.name,
            project.approvedOn,
            project.plannedResidents,
            project.plannedPlaces,
            project.deliveredPlaces,
          ]);
        }
        const help = workbook.sheet({ name: API_WORDS.import.instructionsSheet[language], columns: [{ width: 120 }] });
        for (const line of API_WORDS.residential.instructions) help.row([line[language]]);
      });
      const name = `tuowei-residential-${user.jurisdictionCode ?? 'all'}.xlsx`;
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file);
    },
  );

  app.post(
    '/residential-projects/import',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['import'],
        querystring: z.object({ mode: z.enum(['dry-run', 'commit']).default('dry-run') }),
        response: {
          200: residentialImportResultSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          413: errorSchema,
          415: errorSchema,
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
      const sheet = await readImportSheet(body, () => !request.raw.socket?.destroyed, RESIDENTIAL_LAYOUT);
      const language = prefersEnglish(request) ? 'en' : 'zh';
      const { mode } = request.query;
      if (mode === 'dry-run') {
        const { result } = await planImport(db, user, sheet, language, app.clock(), null);
        return { ...result, mode, committed: false };
      }
      return db.transaction().execute(async (trx) => {
        const { result, rows } = await planImport(trx, user, sheet, language, app.clock(), trx);
        if (!result.ok) {
          throw new ApiError(400, 'import_rejected', API_WORDS.import.rejected(result.problems.length), {
            ...result,
            mode,
            committed: false,
          });
        }
        await commitImport(trx, requestActor(request), rows);
        return { ...result, mode, committed: true };
      });
    },
  );
};

export default residentialImport;
