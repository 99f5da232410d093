// From a read sheet to what an import would do: every row checked as the form is checked (the
// shared schema), against the person's jurisdiction and against the reports already stored.
import {
  fieldMessage,
  IMPORT_COLUMNS,
  type ImportResult,
  type ImportRow,
  periodEndDate,
  type Quarter,
  type ReadImport,
  reportingRefusal,
  reportingRefusalWords,
  reportWarnings,
} from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type ImportContext, planCounts } from './kind.ts';
import type { Sheet } from './parse.ts';
import { type ExistingReport, existingReports } from './repository.ts';
import { checkUnits } from './scope.ts';

export interface PlannedRow extends ImportRow {
  name: string;
  action: 'create' | 'update' | 'unchanged';
  existing: ExistingReport | null;
}

export interface ImportPlan {
  result: Omit<ImportResult, 'mode' | 'committed' | 'fileName'>;
  rows: PlannedRow[];
}

const key = (code: string, year: number, quarter: number) => `${code}/${year}Q${quarter}`;

/** A column's header in the reader's language, as the template writes it. */
const header = (column: 'code' | 'period' | 'version' | 'comment', language: 'zh' | 'en') =>
  IMPORT_COLUMNS.find((c) => c.key === column)?.[language] ?? column;

const sameFigures = (row: ImportRow, existing: ExistingReport) =>
  existing.places === row.input.places &&
  existing.affordablePlaces === row.input.affordablePlaces &&
  existing.childrenEnrolled === (row.input.childrenEnrolled ?? null) &&
  existing.secondChildMonths === (row.input.secondChildMonths ?? null) &&
  existing.thirdChildMonths === (row.input.thirdChildMonths ?? null) &&
  (existing.comment ?? null) === (row.input.comment ?? null) &&
  JSON.stringify(Object.entries(existing.institutions).sort()) ===
    JSON.stringify(Object.entries(row.input.institutions ?? {}).sort());

export async function planImport(
  db: Kysely<DB> | Transaction<DB>,
  read: ReadImport<ImportRow>,
  sheet: Sheet,
  context: ImportContext<{ submit: '0' | '1' }>,
): Promise<ImportPlan> {
  const { user, language } = context;
  const options = { submit: context.query.submit === '1', lock: context.lock !== null, now: context.now };
  const { ignoredColumns, problems, skipped } = read;
  const say = (k: Parameters<typeof fieldMessage>[0]) => fieldMessage(k, language);
  const periodHeader = header('period', language);
  const versionHeader = header('version', language);

  // where the person may write: their subtree (everything, for a country-wide account)
  const checked = await checkUnits(
    db,
    user,
    read.good,
    (r) => r.code,
    (r) => periodEndDate({ year: r.year, quarter: r.quarter as Quarter }),
    header('code', language),
    language,
  );
  const good = checked.flatMap(({ row, unit, problem }) => {
    if (problem) problems.push(problem);
    return unit ? [{ ...row, name: unit.name }] : [];
  });

  const previousOf = (r: { code: string; year: number; quarter: number }) =>
    r.quarter === 1
      ? { code: r.code, year: r.year - 1, quarter: 4 }
      : { code: r.code, year: r.year, quarter: r.quarter - 1 };
  const stored = new Map(
    (
      await existingReports(
        db,
        good.flatMap((r) => [r, ...(options.submit ? [previousOf(r)] : [])]),
        options.lock,
      )
    ).map((report) => [key(report.code, report.year, report.quarter), report]),
  );
  const inFile = new Map(good.map((r) => [key(r.code, r.year, r.quarter), r]));

  const planned: PlannedRow[] = [];
  for (const row of good) {
    // as the form: no quarter not begun; the running one as a draft only
    const refusal = reportingRefusal(
      { year: row.year, quarter: row.quarter as Quarter },
      options.now,
      options.submit ? 'submit' : 'save',
    );
    if (refusal) {
      problems.push({
        row: row.row,
        column: periodHeader,
        value: row.period,
        reason: reportingRefusalWords(refusal)[language],
      });
      continue;
    }
    const existing = stored.get(key(row.code, row.year, row.quarter)) ?? null;
    if (existing && (existing.status === 'submitted' || existing.status === 'approved')) {
      const reason = existing.status === 'submitted' ? 'already_submitted' : 'already_approved';
      problems.push({ row: row.row, column: periodHeader, value: row.period, reason: say(reason) });
      continue;
    }
    if (existing && row.version !== null && row.version !== existing.version) {
      problems.push({
        row: row.row,
        column: versionHeader,
        value: String(row.version),
        reason: `${say('stale_version')} (${existing.version})`,
      });
      continue;
    }
    if (options.submit) {
      const p = previousOf(row);
      const fromFile = inFile.get(key(p.code, p.year, p.quarter));
      const previous = fromFile
        ? { ...fromFile.input, childrenEnrolled: null, institutions: {} }
        : stored.get(key(p.code, p.year, p.quarter));
      const warnings = previous
        ? reportWarnings({ ...row.input, childrenEnrolled: null, institutions: {} }, previous)
        : [];
      if (warnings.length > 0 && !row.input.comment?.trim()) {
        problems.push({
          row: row.row,
          column: header('comment', language),
          value: '',
          reason: `${say('comment_required')} (${warnings.map((w) => `${w.previous} → ${w.current}`).join(', ')})`,
        });
        continue;
      }
    }
    const action = !existing ? 'create' : sameFigures(row, existing) && !options.submit ? 'unchanged' : 'update';
    planned.push({ ...row, action, existing });
  }

  problems.sort((a, b) => a.row - b.row);
  return {
    rows: planned,
    result: {
      ok: problems.length === 0,
      encoding: sheet.encoding ?? null,
      ...planCounts(sheet, planned),
      submitted: options.submit ? planned.filter((r) => r.action !== 'unchanged').length : 0,
      skipped,
      ignoredColumns,
      problems,
      rows: planned.map((r) => ({
        row: r.row,
        code: r.code,
        name: r.name,
        period: r.period,
        action: r.action,
        places: r.input.places,
        affordablePlaces: r.input.affordablePlaces,
        before: r.existing && {
          places: r.existing.places,
          affordablePlaces: r.existing.affordablePlaces,
          version: r.existing.version,
        },
      })),
    },
  };
}
