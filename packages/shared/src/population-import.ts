// The yearly population import (常住人口): its columns, and how one row of the sheet becomes a
// figure (code, year, population, source) or problems naming the row, the column and the reason.
// The sheet is read as the report import reads its own (import.ts: headers, skipped rows, numbers).
import { z } from 'zod';
import { populationInputSchema } from './admin.ts';
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
import { fieldMessage } from './messages.ts';
import { DIVISION_CODE } from './vocabulary.ts';

/** The years a population figure may be for (as the population routes take them). */
export const POPULATION_YEARS = { min: 1949, max: 2100 } as const;

export const POPULATION_IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'code', zh: '行政区划代码', en: 'Division code', field: null, required: true },
  { key: 'name', zh: '名称', en: 'Name', field: null, required: false },
  { key: 'year', zh: '年份', en: 'Year', field: null, required: true },
  { key: 'population', zh: '常住人口', en: 'Population', field: null, required: true },
  { key: 'source', zh: '来源', en: 'Source', field: null, required: true },
];

export interface PopulationImportRow {
  row: number;
  code: string;
  year: number;
  population: number;
  source: string;
}

export type PopulationRowOutcome = RowOutcome<PopulationImportRow>;

/** One data row of a population sheet, checked as the population form and route check a figure. */
export function readPopulationRow(
  rowNumber: number,
  cells: readonly RawCell[],
  columns: readonly (ImportColumn | null)[],
  language: 'zh' | 'en',
): PopulationRowOutcome {
  const skip = nonDataRow(cells, columns);
  if (skip) return { kind: 'skip', ...skip };
  const { has, cell, text, problem, problems } = rowCells(
    rowNumber,
    cells,
    columns,
    POPULATION_IMPORT_COLUMNS,
    language,
  );

  const code = text('code');
  if (!DIVISION_CODE.test(code)) problem('code', 'division_code');

  const year = readNumber(cell('year'));
  if (year === null) problem('year', 'required');
  else if (year === 'invalid' || !Number.isInteger(year)) problem('year', 'whole_number');
  else if (year < POPULATION_YEARS.min) problem('year', `at_least_value|${POPULATION_YEARS.min}`);
  else if (year > POPULATION_YEARS.max) problem('year', `at_most_value|${POPULATION_YEARS.max}`);

  const population = readNumber(cell('population'));
  const source = text('source');
  const parsed = populationInputSchema.safeParse({
    population: population === 'invalid' ? Number.NaN : (population ?? undefined),
    source: has('source') ? source : undefined,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      if (field === 'population' || field === 'source') problem(field, issue.message);
    }
  }
  if (problems.length > 0 || !parsed.success || typeof year !== 'number') return { kind: 'problems', problems };
  return { kind: 'row', row: { row: rowNumber, code, year, ...parsed.data } };
}

export const populationImportResultSchema = importResultSchemaOf({
  year: z.number().int(),
  population: z.number().int(),
  source: z.string(),
  before: z.object({ population: z.number().int(), source: z.string() }).nullable(),
});
export type PopulationImportResult = z.infer<typeof populationImportResultSchema>;

/** Yearly populations (人口), for admins. */
export const POPULATION_IMPORT: ImportKind<PopulationImportRow> = {
  id: 'populations',
  columns: POPULATION_IMPORT_COLUMNS,
  sheetName: '人口',
  readRow(rowNumber, cells, columns, language) {
    const read = rowCells(rowNumber, cells, columns, POPULATION_IMPORT_COLUMNS, language);
    // a template row left as it came (a unit, a year, no figure) is not a figure to import
    if (read.text('population') === '' && read.text('source') === '' && read.text('code') !== '')
      return { kind: 'skip', reason: 'empty', label: read.text('code').slice(0, 60) };
    return readPopulationRow(rowNumber, cells, columns, language);
  },
  duplicate: {
    key: (row) => `${row.code}/${row.year}`,
    column: 'year',
    value: (row) => String(row.year),
    reason: (earlier, language) => `${fieldMessage('duplicate_population_row', language)}: ${earlier}`,
  },
  listsBlankRows: true,
};
