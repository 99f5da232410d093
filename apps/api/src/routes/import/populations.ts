// Yearly populations in bulk, for admins: GET /api/v1/import/populations/template.xlsx and
// POST /api/v1/import/populations with an .xlsx or .csv (code, year, population, source): a dry
// run showing every change and every problem, or an all-or-nothing commit, each figure audited as
// the population route audits it. The file is read by the report import's reader (parse.ts).
import {
  errorSchema,
  fieldMessage,
  type ImportProblem,
  isRowNumberHeader,
  matchHeaders,
  nonDataRow,
  POPULATION_IMPORT_COLUMNS,
  POPULATION_YEARS,
  type PopulationImportResult,
  type PopulationImportRow,
  populationImportResultSchema,
  readPopulationRow,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { type AuditActor, requestActor, writeAudit } from '../../audit.ts';
import { signedInUser } from '../../auth/access.ts';
import type { User } from '../../auth/users.ts';
import { readSuccessions } from '../../db/lineage.ts';
import { lockNaturalKeys } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { ApiError, prefersEnglish } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { workbookBuffer } from '../../workbook/index.ts';
import { retiredRowReason } from '../successions/retired.ts';
import { readImportSheet, type Sheet, type SheetLayout } from './parse.ts';
import {
  type ExistingPopulation,
  existingPopulations,
  populationsAt,
  unitsInScope,
  upsertPopulations,
} from './repository.ts';

export const POPULATION_SHEET: SheetLayout = {
  columns: POPULATION_IMPORT_COLUMNS,
  sheetName: '人口',
  skipped: (_row, cells, columns) => nonDataRow(cells, columns) !== null,
  noHeader: API_WORDS.import.populationNoHeader,
};

interface PlannedPopulation extends PopulationImportRow {
  name: string;
  action: 'create' | 'update' | 'unchanged';
  existing: ExistingPopulation | null;
}

type PlanResult = Omit<PopulationImportResult, 'mode' | 'committed' | 'fileName'>;

/** What the file would do: every row checked, against the admin's scope and the figures stored. */
async function planPopulations(
  db: Kysely<DB> | Transaction<DB>,
  user: User,
  sheet: Sheet,
  language: 'zh' | 'en',
  lock: boolean,
): Promise<{ result: PlanResult; rows: PlannedPopulation[] }> {
  const { columns } = matchHeaders(sheet.headers, POPULATION_IMPORT_COLUMNS);
  const ignoredColumns = sheet.headers.filter(
    (header, index) => header.trim() !== '' && columns[index] === null && !isRowNumberHeader(header),
  );
  const header = (key: string) => {
    const column = POPULATION_IMPORT_COLUMNS.find((c) => c.key === key);
    return (language === 'en' ? column?.en : column?.zh) ?? key;
  };
  const valueAt = (cells: Sheet['rows'][number]['cells'], key: string) => {
    const index = columns.findIndex((column) => column?.key === key);
    const cell = index < 0 ? null : cells[index];
    return cell === null || cell === undefined ? '' : String(cell).trim();
  };
  const problems: ImportProblem[] = [];
  const skipped: PlanResult['skipped'] = [];
  const good: PopulationImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    // a template row left as it came (a unit, a year, no figure) is not a figure to import
    if (valueAt(cells, 'population') === '' && valueAt(cells, 'source') === '' && valueAt(cells, 'code') !== '') {
      skipped.push({ row, reason: 'empty', label: valueAt(cells, 'code').slice(0, 60) });
      continue;
    }
    const outcome = readPopulationRow(row, cells, columns, language);
    if (outcome.kind === 'skip') skipped.push({ row, reason: outcome.reason, label: outcome.label });
    else if (outcome.kind === 'problems') problems.push(...outcome.problems);
    else {
      const key = `${outcome.row.code}/${outcome.row.year}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({
          row,
          column: header('year'),
          value: String(outcome.row.year),
          reason: `${fieldMessage('duplicate_population_row', language)}: ${earlier}`,
        });
      } else {
        seen.set(key, row);
        good.push(outcome.row);
      }
    }
  }

  const units = new Map(
    (await unitsInScope(db, [...new Set(good.map((r) => r.code))], user.jurisdictionCode)).map((u) => [u.code, u]),
  );
  // locked before they are read, stored or not: of two imports (or a PUT) on one figure, the
  // second plans only after the first has committed, and each audit row's before is what it replaced
  if (lock)
    await lockNaturalKeys(
      db as Transaction<DB>,
      good.map((r) => ['population', r.code, r.year]),
    );
  const stored = new Map(
    (await existingPopulations(db, good, lock)).map((figure) => [`${figure.code}/${figure.year}`, figure]),
  );
  const successions = await readSuccessions(db);
  const planned: PlannedPopulation[] = [];
  for (const row of good) {
    const unit = units.get(row.code);
    const reason = !unit ? 'unknown_jurisdiction' : !unit.in_scope ? 'outside_jurisdiction' : null;
    if (reason || !unit) {
      problems.push({
        row: row.row,
        column: header('code'),
        value: row.code,
        reason: fieldMessage(reason ?? 'unknown_jurisdiction', language),
      });
      continue;
    }
    // a year's population is its end's: a code retired by then leaves it to the successor
    const retired = retiredRowReason(successions, row.code, `${row.year}-12-31`, language);
    if (retired) {
      problems.push({ row: row.row, column: header('code'), value: row.code, reason: retired });
      continue;
    }
    const existing = stored.get(`${row.code}/${row.year}`) ?? null;
    const action = !existing
      ? 'create'
      : existing.population === row.population && existing.source === row.source
        ? 'unchanged'
        : 'update';
    planned.push({ ...row, name: unit.name, action, existing });
  }
  problems.sort((a, b) => a.row - b.row);
  return {
    rows: planned,
    result: {
      ok: problems.length === 0,
      encoding: sheet.encoding ?? null,
      headerRow: sheet.headerRow,
      rowsRead: sheet.rows.length,
      created: planned.filter((r) => r.action === 'create').length,
      updated: planned.filter((r) => r.action === 'update').length,
      unchanged: planned.filter((r) => r.action === 'unchanged').length,
      skipped,
      ignoredColumns,
      problems,
      rows: planned.map((r) => ({
        row: r.row,
        code: r.code,
        name: r.name,
        year: r.year,
        population: r.population,
        source: r.source,
        action: r.action,
        before: r.existing && { population: r.existing.population, source: r.existing.source },
      })),
    },
  };
}

async function commitPopulations(
  trx: Transaction<DB>,
  planned: readonly PlannedPopulation[],
  actor: AuditActor,
  fileName: string | null,
): Promise<void> {
  const writes = planned.filter((row) => row.action !== 'unchanged');
  await upsertPopulations(
    trx,
    writes.map((r) => ({ code: r.code, year: r.year, population: r.population, source: r.source })),
  );
  const reason = `导入 import${fileName ? `: ${fileName}` : ''}`;
  await writeAudit(
    trx,
    actor,
    writes.map((r) => ({
      action: r.existing ? 'update' : 'insert',
      entity: 'population' as const,
      entityId: `${r.code}/${r.year}`,
      jurisdictionCode: r.code,
      before: r.existing ? { year: r.year, population: r.existing.population, source: r.existing.source } : undefined,
      after: { year: r.year, population: r.population, source: r.source },
      reason,
    })),
  );
}

/** The population import's two routes, registered by the import plugin (which reads the uploads). */
export function populationImportRoutes(
  app: Parameters<FastifyPluginAsyncZod>[0],
  options: { maxBytes: number; xlsxType: string; fileName: (header: string | string[] | undefined) => string | null },
): void {
  app.get(
    '/import/populations/template.xlsx',
    {
      schema: {
        tags: ['import'],
        querystring: z.object({
          year: z.coerce.number().int().min(POPULATION_YEARS.min).max(POPULATION_YEARS.max).optional(),
        }),
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const language = prefersEnglish(request) ? 'en' : 'zh';
      // year-end figures are published for the year just ended
      const year = request.query.year ?? app.clock().getUTCFullYear() - 1;
      const units = await populationsAt(app.database.db, user.jurisdictionCode, year);
      const file = await workbookBuffer((workbook) => {
        const sheet = workbook.sheet({
          name: POPULATION_SHEET.sheetName,
          frozen: { rows: 1, columns: 2 },
          columns: POPULATION_IMPORT_COLUMNS.map((column) => ({
            header: language === 'en' ? column.en : column.zh,
            width: column.key === 'name' || column.key === 'source' ? 28 : 14,
            ...(column.key === 'code' ? { numFmt: '@' } : {}),
          })),
        });
        for (const unit of units) {
          sheet.row([
            unit.code,
            unit.name,
            year,
            unit.population === null ? null : Number(unit.population),
            unit.source,
          ]);
        }
        const help = workbook.sheet({ name: API_WORDS.import.instructionsSheet[language], columns: [{ width: 120 }] });
        for (const line of API_WORDS.import.populationInstructions) help.row([line[language]]);
      });
      const name = `tuowei-populations-${user.jurisdictionCode ?? 'all'}-${year}.xlsx`;
      return reply
        .header('content-type', options.xlsxType)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file);
    },
  );

  app.post(
    '/import/populations',
    {
      bodyLimit: options.maxBytes,
      schema: {
        tags: ['import'],
        querystring: z.object({ mode: z.enum(['dry-run', 'commit']).default('dry-run') }),
        response: {
          200: populationImportResultSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          413: errorSchema,
          415: errorSchema,
          429: errorSchema,
        },
      },
      config: { access: { roles: ['admin'], scope: 'none' } },
    },
    async (request) => {
      const user = signedInUser(request);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new ApiError(415, 'no_file', API_WORDS.import.noFile);
      }
      const fileName = options.fileName(request.headers['x-file-name']);
      const sheet = await readImportSheet(body, () => !request.raw.socket?.destroyed, POPULATION_SHEET);
      const language = prefersEnglish(request) ? 'en' : 'zh';
      const { mode } = request.query;
      if (mode === 'dry-run') {
        const { result } = await planPopulations(app.database.db, user, sheet, language, false);
        return { ...result, mode, committed: false, fileName };
      }
      return app.database.db.transaction().execute(async (trx) => {
        const { result, rows } = await planPopulations(trx, user, sheet, language, true);
        if (!result.ok) {
          throw new ApiError(400, 'import_rejected', API_WORDS.import.rejected(result.problems.length), {
            ...result,
            mode,
            committed: false,
            fileName,
          });
        }
        await commitPopulations(trx, rows, requestActor(request), fileName);
        return { ...result, mode, committed: true, fileName };
      });
    },
  );
}
