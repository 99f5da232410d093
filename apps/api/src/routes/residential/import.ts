// The register imported from a sheet: GET /api/v1/residential-projects/import/template.xlsx, and
// POST /api/v1/residential-projects/import?mode=dry-run|commit with an .xlsx or .csv body, read by
// the one import path every kind takes (../import/kind.ts); a dry run lists every change and every
// problem, a commit writes all or nothing, every project audited.
import {
  approvalInFuture,
  fieldMessage,
  importHeader,
  RESIDENTIAL_IMPORT,
  RESIDENTIAL_IMPORT_COLUMNS,
  type ReadImport,
  type ResidentialImportResult,
  type ResidentialImportRow,
  type ResidentialProject,
  residentialImportResultSchema,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { type AuditActor, writeAudit } from '../../audit.ts';
import { ROLES } from '../../auth/users.ts';
import { lockNaturalKeys } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { API_WORDS } from '../../words.ts';
import { workbookBuffer } from '../../workbook/index.ts';
import { acceptUploads, type ImportContext, type ImportRoutes, planCounts, registerImport } from '../import/kind.ts';
import type { Sheet } from '../import/parse.ts';
import { checkUnits } from '../import/scope.ts';
import { findProject, insertProject, projectsIn, snapshot, updateProject } from './repository.ts';

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

/** Every row checked against the database: scope, known codes, dates; locked in a commit. */
async function planImport(
  db: Reader,
  read: ReadImport<ResidentialImportRow>,
  sheet: Sheet,
  { user, language, now, lock }: ImportContext<Record<string, never>>,
): Promise<{ result: Omit<ResidentialImportResult, 'mode' | 'committed'>; rows: PlannedRow[] }> {
  const { problems, skipped } = read;
  const header = (key: string) => importHeader(RESIDENTIAL_IMPORT, key, language);
  const units = await checkUnits(
    db,
    user,
    read.good,
    (row) => row.input.jurisdictionCode,
    // approved on or after a boundary change: the successor's project
    (row) => row.input.approvedOn,
    header('code'),
    language,
  );
  const checked: ResidentialImportRow[] = [];
  for (const { row, unit, problem } of units) {
    if (problem || !unit) {
      if (problem) problems.push(problem);
    } else if (approvalInFuture(row.input.approvedOn, now))
      problems.push({
        row: row.row,
        column: header('approvedOn'),
        value: row.input.approvedOn,
        reason: fieldMessage('approved_in_future', language),
      });
    else checked.push(row);
  }
  // in a commit, each project's name is held before it is read, in one order (no deadlock)
  if (lock)
    await lockNaturalKeys(
      lock,
      checked.map((row) => ['residential_project', row.input.jurisdictionCode, row.input.name]),
    );
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
  return {
    result: {
      ok: problems.length === 0 && rows.length > 0,
      ...planCounts(sheet, rows),
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

/** The register's import: template and upload, served as every kind is (../import/kind.ts). */
export const residentialImportRoutes: ImportRoutes<ResidentialImportRow, PlannedRow, Record<string, never>> = {
  kind: RESIDENTIAL_IMPORT,
  path: '/residential-projects/import',
  templatePath: '/residential-projects/import/template.xlsx',
  roles: ['entry'],
  templateRoles: ROLES,
  noHeader: API_WORDS.residential.noHeader,
  query: z.object({}),
  templateQuery: z.object({}),
  result: residentialImportResultSchema,
  namesFile: false,
  async template(db, user, _query, language) {
    const projects = await projectsIn(db, user.jurisdictionCode);
    const file = await workbookBuffer((workbook) => {
      const sheet = workbook.sheet({
        name: RESIDENTIAL_IMPORT.sheetName,
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
    return { file, name: `tuowei-residential-${user.jurisdictionCode ?? 'all'}.xlsx` };
  },
  plan: planImport,
  commit: (trx, rows, context) => commitImport(trx, context.actor, rows),
};

const residentialImport: FastifyPluginAsyncZod = async (app) => {
  acceptUploads(app);
  registerImport(app, residentialImportRoutes);
};

export default residentialImport;
