// Yearly populations in bulk, for admins: GET /api/v1/import/populations/template.xlsx and
// POST /api/v1/import/populations with an .xlsx or .csv (code, year, population, source): a dry
// run showing every change and every problem, or an all-or-nothing commit, each figure audited as
// the population route audits it. Read and served as every kind is (kind.ts).
import {
  importHeader,
  POPULATION_IMPORT,
  POPULATION_IMPORT_COLUMNS,
  POPULATION_YEARS,
  type PopulationImportResult,
  type PopulationImportRow,
  populationImportResultSchema,
  type ReadImport,
} from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { type AuditActor, writeAudit } from '../../audit.ts';
import { lockNaturalKeys } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { API_WORDS } from '../../words.ts';
import { workbookBuffer } from '../../workbook/index.ts';
import { type ImportContext, type ImportRoutes, planCounts } from './kind.ts';
import type { Sheet } from './parse.ts';
import { type ExistingPopulation, existingPopulations, populationsAt, upsertPopulations } from './repository.ts';
import { checkUnits } from './scope.ts';

interface PlannedPopulation extends PopulationImportRow {
  name: string;
  action: 'create' | 'update' | 'unchanged';
  existing: ExistingPopulation | null;
}

type PlanResult = Omit<PopulationImportResult, 'mode' | 'committed' | 'fileName'>;

/** What the file would do: every row checked, against the admin's scope and the figures stored. */
async function planPopulations(
  db: Kysely<DB> | Transaction<DB>,
  read: ReadImport<PopulationImportRow>,
  sheet: Sheet,
  { user, language, lock }: ImportContext<Record<string, never>>,
): Promise<{ result: PlanResult; rows: PlannedPopulation[] }> {
  const { ignoredColumns, problems, skipped, good } = read;
  const checked = await checkUnits(
    db,
    user,
    good,
    (r) => r.code,
    // a year's population is its end's: a code retired by then leaves it to the successor
    (r) => `${r.year}-12-31`,
    importHeader(POPULATION_IMPORT, 'code', language),
    language,
  );
  // locked before they are read, stored or not: of two imports (or a PUT) on one figure, the
  // second plans only after the first has committed, and each audit row's before is what it replaced
  if (lock)
    await lockNaturalKeys(
      lock,
      good.map((r) => ['population', r.code, r.year]),
    );
  const stored = new Map(
    (await existingPopulations(db, good, lock !== null)).map((figure) => [`${figure.code}/${figure.year}`, figure]),
  );
  const planned: PlannedPopulation[] = [];
  for (const { row, unit, problem } of checked) {
    if (problem || !unit) {
      if (problem) problems.push(problem);
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
      ...planCounts(sheet, planned),
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

/** The population import, for admins: template and upload. */
export const populationImport: ImportRoutes<PopulationImportRow, PlannedPopulation, Record<string, never>> = {
  kind: POPULATION_IMPORT,
  path: '/import/populations',
  templatePath: '/import/populations/template.xlsx',
  roles: ['admin'],
  templateRoles: ['admin'],
  noHeader: API_WORDS.import.populationNoHeader,
  query: z.object({}),
  templateQuery: z.object({
    year: z.coerce.number().int().min(POPULATION_YEARS.min).max(POPULATION_YEARS.max).optional(),
  }),
  result: populationImportResultSchema,
  namesFile: true,
  async template(db, user, query, language, now) {
    // year-end figures are published for the year just ended
    const year = (query.year as number | undefined) ?? now.getUTCFullYear() - 1;
    const units = await populationsAt(db, user.jurisdictionCode, year);
    const file = await workbookBuffer((workbook) => {
      const sheet = workbook.sheet({
        name: POPULATION_IMPORT.sheetName,
        frozen: { rows: 1, columns: 2 },
        columns: POPULATION_IMPORT_COLUMNS.map((column) => ({
          header: language === 'en' ? column.en : column.zh,
          width: column.key === 'name' || column.key === 'source' ? 28 : 14,
          ...(column.key === 'code' ? { numFmt: '@' } : {}),
        })),
      });
      for (const unit of units) {
        sheet.row([unit.code, unit.name, year, unit.population === null ? null : Number(unit.population), unit.source]);
      }
      const help = workbook.sheet({ name: API_WORDS.import.instructionsSheet[language], columns: [{ width: 120 }] });
      for (const line of API_WORDS.import.populationInstructions) help.row([line[language]]);
    });
    return { file, name: `tuowei-populations-${user.jurisdictionCode ?? 'all'}-${year}.xlsx` };
  },
  plan: planPopulations,
  commit: (trx, rows, context) => commitPopulations(trx, rows, context.actor, context.fileName),
};
