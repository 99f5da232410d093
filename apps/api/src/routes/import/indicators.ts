// Yearly health indicators in bulk, for entry staff: GET /api/v1/import/indicators/template.xlsx
// and POST /api/v1/import/indicators?mode=dry-run|commit[&submit=1] with an .xlsx or .csv (code,
// year, the eight counts). Each row is checked by the schema the form and PUT use, within the
// person's jurisdiction; a year not yet ended or one submitted or approved is a row's problem; a
// commit creates or replaces drafts (submitted at once when asked), a new version and the same
// audit rows as PUT (and submit) each, all or nothing, under the same lock as PUT.
import {
  fieldMessage,
  INDICATOR_COUNTS,
  INDICATORS_IMPORT,
  INDICATORS_IMPORT_COLUMNS,
  type IndicatorCounts,
  type IndicatorsImportResult,
  type IndicatorsImportRow,
  importHeader,
  indicatorsImportResultSchema,
  indicatorsRefusal,
  MAX_YEAR,
  MIN_YEAR,
  type ReadImport,
  runningPeriod,
} from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { type AuditEntry, writeAudit } from '../../audit.ts';
import { lockNaturalKeys } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { API_WORDS } from '../../words.ts';
import { workbookBuffer } from '../../workbook/index.ts';
import { type ImportContext, type ImportRoutes, planCounts } from './kind.ts';
import type { Sheet } from './parse.ts';
import {
  type ExistingIndicators,
  existingIndicators,
  insertImportedIndicators,
  leafIndicatorsAt,
  updateImportedIndicators,
} from './repository.ts';
import { checkUnits } from './scope.ts';

type Query = { submit: '0' | '1' };

interface PlannedIndicators extends IndicatorsImportRow {
  name: string;
  action: 'create' | 'update' | 'unchanged';
  existing: ExistingIndicators | null;
}

type PlanResult = Omit<IndicatorsImportResult, 'mode' | 'committed' | 'fileName'>;

const key = (row: { code: string; year: number }) => `${row.code}/${row.year}`;
const countsOf = (from: IndicatorCounts): IndicatorCounts =>
  Object.fromEntries(INDICATOR_COUNTS.map((name) => [name, from[name]])) as IndicatorCounts;
const sameCounts = (a: IndicatorCounts, b: IndicatorCounts) => INDICATOR_COUNTS.every((name) => a[name] === b[name]);

async function planIndicators(
  db: Kysely<DB> | Transaction<DB>,
  read: ReadImport<IndicatorsImportRow>,
  sheet: Sheet,
  { user, language, now, lock, query }: ImportContext<Query>,
): Promise<{ result: PlanResult; rows: PlannedIndicators[] }> {
  const submit = query.submit === '1';
  const { ignoredColumns, problems, skipped } = read;
  const header = (column: string) => importHeader(INDICATORS_IMPORT, column, language);
  const checked = await checkUnits(
    db,
    user,
    read.good,
    (r) => r.code,
    (r) => `${r.year}-12-31`,
    header('code'),
    language,
  );
  const inScope = checked.flatMap(({ row, unit }) => (unit ? [row] : []));
  // the lock PUT takes, taken before reading: of an import and a PUT (or two imports) on one
  // unit-year, the second plans only after the first has committed
  if (lock)
    await lockNaturalKeys(
      lock,
      inScope.map((r) => ['indicators', r.code, r.year]),
    );
  const stored = new Map((await existingIndicators(db, inScope, lock !== null)).map((e) => [key(e), e]));
  const planned: PlannedIndicators[] = [];
  for (const { row, unit, problem } of checked) {
    if (problem || !unit) {
      if (problem) problems.push(problem);
      continue;
    }
    const say = (column: string, value: string, message: string) =>
      problems.push({ row: row.row, column: header(column), value, reason: fieldMessage(message, language) });
    const refusal = indicatorsRefusal(row.year, now);
    if (refusal) {
      say('year', String(row.year), `year_not_ended|${refusal.opensOn}`);
      continue;
    }
    const existing = stored.get(key(row)) ?? null;
    if (existing && (existing.status === 'submitted' || existing.status === 'approved')) {
      say('year', String(row.year), existing.status === 'submitted' ? 'indicators_submitted' : 'indicators_approved');
      continue;
    }
    if (existing && row.version !== null && row.version !== existing.version) {
      say('version', String(row.version), `indicators_stale_version|${existing.version}`);
      continue;
    }
    const action = !existing ? 'create' : sameCounts(existing, row.counts) && !submit ? 'unchanged' : 'update';
    planned.push({ ...row, name: unit.name, action, existing });
  }
  problems.sort((a, b) => a.row - b.row);
  return {
    rows: planned,
    result: {
      ok: problems.length === 0,
      encoding: sheet.encoding ?? null,
      ...planCounts(sheet, planned),
      submitted: submit ? planned.filter((r) => r.action !== 'unchanged').length : 0,
      skipped,
      ignoredColumns,
      problems,
      rows: planned.map((r) => ({
        row: r.row,
        code: r.code,
        name: r.name,
        year: r.year,
        action: r.action,
        ...r.counts,
        before: r.existing && { version: r.existing.version, status: r.existing.status, ...countsOf(r.existing) },
      })),
    },
  };
}

/** What the audit trail keeps of a unit-year's indicators (as indicators/repository.ts's snapshot). */
const snapshot = (year: number, status: string, version: number, counts: IndicatorCounts) => ({
  year,
  status,
  version,
  ...countsOf(counts),
});

async function commitIndicators(
  trx: Transaction<DB>,
  planned: readonly PlannedIndicators[],
  context: ImportContext<Query> & { actor: Parameters<typeof writeAudit>[1]; fileName: string | null },
): Promise<void> {
  const writes = planned.filter((row) => row.action !== 'unchanged');
  if (writes.length === 0) return;
  const submit = context.query.submit === '1';
  const stamp = { status: submit ? 'submitted' : 'draft', by: context.user.username, at: new Date(), submit } as const;
  const creates = writes.filter((row) => !row.existing);
  const updates = writes.filter((row) => row.existing);
  const inserted = new Map(
    (await insertImportedIndicators(trx, creates, stamp)).map((row) => [key(row), row.id] as const),
  );
  if (updates.length > 0)
    await updateImportedIndicators(
      trx,
      updates.map((row) => ({ id: (row.existing as ExistingIndicators).id, counts: row.counts })),
      stamp,
    );
  // the audit rows PUT writes (insert or update), then submit's when asked
  const reason = `导入 import${context.fileName ? `: ${context.fileName}` : ''}`;
  const audit = writes.flatMap((row): AuditEntry[] => {
    const existing = row.existing;
    const version = existing ? existing.version + 1 : 1;
    const write: AuditEntry = {
      action: existing ? 'update' : 'insert',
      entity: 'indicators',
      entityId: existing ? existing.id : (inserted.get(key(row)) as string),
      jurisdictionCode: row.code,
      before: existing ? snapshot(row.year, existing.status, existing.version, existing) : undefined,
      after: snapshot(row.year, 'draft', version, row.counts),
      reason,
    };
    if (!submit) return [write];
    return [
      write,
      { ...write, action: 'submit', before: write.after, after: snapshot(row.year, 'submitted', version, row.counts) },
    ];
  });
  await writeAudit(trx, context.actor, audit);
}

export const indicatorsImport: ImportRoutes<IndicatorsImportRow, PlannedIndicators, Query> = {
  kind: INDICATORS_IMPORT,
  path: '/import/indicators',
  templatePath: '/import/indicators/template.xlsx',
  roles: ['entry'],
  templateRoles: ['entry'],
  noHeader: API_WORDS.import.indicatorsNoHeader,
  query: z.object({ submit: z.enum(['0', '1']).default('0') }),
  templateQuery: z.object({ year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional() }),
  result: indicatorsImportResultSchema,
  namesFile: true,
  async template(db, user, query, language, now) {
    // a year's counts are entered once it has ended: the last one by default
    const year = (query.year as number | undefined) ?? runningPeriod(now).year - 1;
    const units = await leafIndicatorsAt(db, user.jurisdictionCode, year);
    const file = await workbookBuffer((workbook) => {
      const sheet = workbook.sheet({
        name: INDICATORS_IMPORT.sheetName,
        frozen: { rows: 1, columns: 2 },
        columns: INDICATORS_IMPORT_COLUMNS.map((column) => ({
          header: column[language],
          width: column.key === 'name' ? 24 : Math.max(12, column.zh.length * 2 + 2),
          ...(column.key === 'code' ? { numFmt: '@' } : {}),
        })),
      });
      for (const unit of units) {
        const values: Record<string, string | number | null> = { ...unit, year };
        sheet.row(INDICATORS_IMPORT_COLUMNS.map((column) => values[column.key] ?? null));
      }
      const help = workbook.sheet({ name: API_WORDS.import.instructionsSheet[language], columns: [{ width: 120 }] });
      for (const line of API_WORDS.import.indicatorsInstructions) help.row([line[language]]);
    });
    return { file, name: `tuowei-indicators-${user.jurisdictionCode ?? 'all'}-${year}.xlsx` };
  },
  plan: planIndicators,
  commit: commitIndicators,
};
