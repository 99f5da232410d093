// The register of new residential areas imported from a sheet: its columns (Chinese headers,
// English accepted too) and how one row becomes a project input or problems naming the row, the
// column and the value, checked by the same schema as the form and the API.
import { z } from 'zod';
import { type ResidentialProjectInput, residentialProjectInputSchema } from './contract.ts';
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

export const RESIDENTIAL_IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'code', zh: '行政区划代码', en: 'Division code', field: null, required: true },
  { key: 'name', zh: '项目名称', en: 'Project name', field: null, required: true },
  { key: 'approvedOn', zh: '批准日期', en: 'Approved on', field: null, required: true },
  { key: 'plannedResidents', zh: '规划居住人口', en: 'Planned residents', field: null, required: true },
  { key: 'plannedPlaces', zh: '规划托位数', en: 'Planned places', field: null, required: true },
  { key: 'deliveredPlaces', zh: '已交付托位数', en: 'Places delivered', field: null, required: false },
];

/** Dates as people type them: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日; null where it is none of these. */
export function readDate(text: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!match) return null;
  return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
}

export interface ResidentialImportRow {
  row: number;
  input: ResidentialProjectInput;
}

export type ResidentialRowOutcome = RowOutcome<ResidentialImportRow>;

/** One data row of the register's sheet. */
export function readResidentialRow(
  rowNumber: number,
  cells: readonly RawCell[],
  columns: readonly (ImportColumn | null)[],
  language: 'zh' | 'en',
): ResidentialRowOutcome {
  const skip = nonDataRow(cells, columns);
  if (skip) return { kind: 'skip', ...skip };
  const { cell, text, problem, problems } = rowCells(rowNumber, cells, columns, RESIDENTIAL_IMPORT_COLUMNS, language);

  const draft: Record<string, unknown> = { jurisdictionCode: text('code'), name: text('name') };
  const date = text('approvedOn');
  if (date !== '') {
    const read = readDate(date);
    if (read === null) problem('approvedOn', 'date');
    else draft.approvedOn = read;
  }
  for (const key of ['plannedResidents', 'plannedPlaces', 'deliveredPlaces']) {
    const value = readNumber(cell(key));
    if (value === 'invalid') problem(key, 'whole_number');
    else if (value !== null) draft[key] = value;
    else if (key === 'deliveredPlaces') draft[key] = null;
  }
  const parsed = residentialProjectInputSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      problem(field === 'jurisdictionCode' ? 'code' : field, issue.message);
    }
  }
  if (problems.length > 0 || !parsed.success) return { kind: 'problems', problems };
  return { kind: 'row', row: { row: rowNumber, input: parsed.data } };
}

// the register's answer names no file, encoding or ignored columns
export const residentialImportResultSchema = importResultSchemaOf({
  plannedResidents: z.number().int(),
  plannedPlaces: z.number().int(),
}).omit({ fileName: true, encoding: true, ignoredColumns: true });
export type ResidentialImportResult = z.infer<typeof residentialImportResultSchema>;

/** The register of new residential areas (新建居住区). */
export const RESIDENTIAL_IMPORT: ImportKind<ResidentialImportRow> = {
  id: 'residential',
  columns: RESIDENTIAL_IMPORT_COLUMNS,
  sheetName: '新建居住区',
  readRow: readResidentialRow,
  duplicate: {
    key: (row) => `${row.input.jurisdictionCode}|${row.input.name}`,
    column: 'name',
    value: (row) => row.input.name,
    reason: (earlier, language) => fieldMessage(`duplicate_project_row|${earlier}`, language),
  },
  listsBlankRows: false,
};
