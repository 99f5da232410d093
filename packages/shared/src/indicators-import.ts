// The yearly health indicators imported from a sheet: its columns (code, year, the eight counts),
// and how one row becomes a unit-year's counts or problems naming the row, the column and the
// reason, checked by the schema the indicators form and PUT use.
import { z } from 'zod';
import {
  type ImportColumn,
  importResultSchemaOf,
  nonDataRow,
  type RawCell,
  type RowOutcome,
  readNumber,
  rowCells,
} from './import.ts';
import type { ImportKind } from './import-kind.ts';
import {
  INDICATOR_COUNT_WORDS,
  INDICATOR_COUNTS,
  type IndicatorCounts,
  indicatorCounts,
  indicatorsInputSchema,
} from './indicators.ts';
import { fieldMessage } from './messages.ts';
import { MAX_YEAR, MIN_YEAR } from './period.ts';
import { DIVISION_CODE } from './vocabulary.ts';

export const INDICATORS_IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'code', zh: '行政区划代码', en: 'Division code', field: null, required: true },
  { key: 'name', zh: '名称', en: 'Name', field: null, required: false },
  { key: 'year', zh: '年份', en: 'Year', field: null, required: true, aliases: ['年度'] },
  ...INDICATOR_COUNTS.map((count) => ({
    key: count,
    zh: INDICATOR_COUNT_WORDS[count].zh,
    en: INDICATOR_COUNT_WORDS[count].en,
    field: null,
    required: false,
  })),
  { key: 'version', zh: '版本', en: 'Version', field: null, required: false },
];

export interface IndicatorsImportRow {
  row: number;
  code: string;
  year: number;
  counts: IndicatorCounts;
  /** The version the sheet was made from, when it says. */
  version: number | null;
}

/** One data row of an indicators sheet. */
export function readIndicatorsRow(
  rowNumber: number,
  cells: readonly RawCell[],
  columns: readonly (ImportColumn | null)[],
  language: 'zh' | 'en',
): RowOutcome<IndicatorsImportRow> {
  const skip = nonDataRow(cells, columns);
  if (skip) return { kind: 'skip', ...skip };
  const { has, cell, text, problem, problems } = rowCells(
    rowNumber,
    cells,
    columns,
    INDICATORS_IMPORT_COLUMNS,
    language,
  );

  const code = text('code');
  if (!DIVISION_CODE.test(code)) problem('code', 'division_code');
  const year = readNumber(cell('year'));
  if (year === null) problem('year', 'required');
  else if (year === 'invalid' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) problem('year', 'year');

  // a count left empty is unknown (null), as in the form: not zero
  const draft: Record<string, number | null> = {};
  for (const count of INDICATOR_COUNTS) {
    if (!has(count)) continue;
    const value = readNumber(cell(count));
    if (value === 'invalid') problem(count, 'whole_number');
    else draft[count] = value;
  }
  let version: number | null = null;
  if (text('version') !== '') {
    const parsed = readNumber(cell('version'));
    if (typeof parsed !== 'number' || !Number.isInteger(parsed) || parsed < 1) problem('version', 'whole_number');
    else version = parsed;
  }
  const parsed = indicatorsInputSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problem(String(issue.path[0]), issue.message);
  }
  if (problems.length > 0 || !parsed.success || typeof year !== 'number') return { kind: 'problems', problems };
  return { kind: 'row', row: { row: rowNumber, code, year, counts: indicatorCounts(parsed.data), version } };
}

/** Yearly health indicators (健康指标). */
export const INDICATORS_IMPORT: ImportKind<IndicatorsImportRow> = {
  id: 'indicators',
  columns: INDICATORS_IMPORT_COLUMNS,
  sheetName: '健康指标',
  readRow(rowNumber, cells, columns, language) {
    const read = rowCells(rowNumber, cells, columns, INDICATORS_IMPORT_COLUMNS, language);
    // a template row left as it came (a unit, a year, no count) is not a record to import
    if (read.text('code') !== '' && INDICATOR_COUNTS.every((count) => read.text(count) === ''))
      return { kind: 'skip', reason: 'empty', label: read.text('code').slice(0, 60) };
    return readIndicatorsRow(rowNumber, cells, columns, language);
  },
  duplicate: {
    key: (row) => `${row.code}/${row.year}`,
    column: 'year',
    value: (row) => String(row.year),
    reason: (earlier, language) => fieldMessage(`duplicate_indicators_row|${earlier}`, language),
  },
  listsBlankRows: true,
};

const countsShape = Object.fromEntries(INDICATOR_COUNTS.map((name) => [name, z.number().int().nullable()])) as Record<
  (typeof INDICATOR_COUNTS)[number],
  z.ZodNullable<z.ZodNumber>
>;

export const indicatorsImportResultSchema = importResultSchemaOf({
  year: z.number().int(),
  ...countsShape,
  before: z.object({ version: z.number().int(), status: z.string(), ...countsShape }).nullable(),
}).extend({ submitted: z.number().int() });
export type IndicatorsImportResult = z.infer<typeof indicatorsImportResultSchema>;
