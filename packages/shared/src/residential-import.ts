// The register of new residential areas imported from a sheet: its columns (Chinese headers,
// English accepted too) and how one row becomes a project input or problems naming the row, the
// column and the value, checked by the same schema as the form and the API.
import { z } from 'zod';
import { type ResidentialProjectInput, residentialProjectInputSchema } from './contract.ts';
import {
  type ImportColumn,
  type ImportProblem,
  nonDataRow,
  type RawCell,
  readNumber,
  SKIP_REASONS,
  type SkipReason,
} from './import.ts';
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

export type ResidentialRowOutcome =
  | { kind: 'row'; row: ResidentialImportRow }
  | { kind: 'skip'; reason: SkipReason; label: string | null }
  | { kind: 'problems'; problems: ImportProblem[] };

/** One data row of the register's sheet. */
export function readResidentialRow(
  rowNumber: number,
  cells: readonly RawCell[],
  columns: readonly (ImportColumn | null)[],
  language: 'zh' | 'en',
): ResidentialRowOutcome {
  const skip = nonDataRow(cells, columns);
  if (skip) return { kind: 'skip', ...skip };
  const byKey = new Map<string, RawCell>();
  columns.forEach((column, index) => {
    if (column) byKey.set(column.key, cells[index] ?? null);
  });
  const text = (key: string) => {
    const value = byKey.get(key);
    return value === null || value === undefined ? '' : String(value).trim();
  };
  const problems: ImportProblem[] = [];
  const header = (key: string) => {
    const column = RESIDENTIAL_IMPORT_COLUMNS.find((c) => c.key === key) as ImportColumn;
    return language === 'en' ? column.en : column.zh;
  };
  const problem = (key: string, reason: string) => {
    if (!problems.some((p) => p.column === header(key)))
      problems.push({ row: rowNumber, column: header(key), value: text(key), reason });
  };

  const draft: Record<string, unknown> = { jurisdictionCode: text('code'), name: text('name') };
  const date = text('approvedOn');
  if (date !== '') {
    const read = readDate(date);
    if (read === null) problem('approvedOn', fieldMessage('date', language));
    else draft.approvedOn = read;
  }
  for (const key of ['plannedResidents', 'plannedPlaces', 'deliveredPlaces']) {
    const value = readNumber(byKey.get(key) ?? null);
    if (value === 'invalid') problem(key, fieldMessage('whole_number', language));
    else if (value !== null) draft[key] = value;
    else if (key === 'deliveredPlaces') draft[key] = null;
  }
  const parsed = residentialProjectInputSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      problem(field === 'jurisdictionCode' ? 'code' : field, fieldMessage(issue.message, language));
    }
  }
  if (problems.length > 0 || !parsed.success) return { kind: 'problems', problems };
  return { kind: 'row', row: { row: rowNumber, input: parsed.data } };
}

export const residentialImportResultSchema = z.object({
  mode: z.enum(['dry-run', 'commit']),
  /** True when every row is good: a dry run that may be committed, or a commit that was. */
  ok: z.boolean(),
  committed: z.boolean(),
  headerRow: z.number().int(),
  rowsRead: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.enum(SKIP_REASONS), label: z.string().nullable() })),
  problems: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() })),
  rows: z.array(
    z.object({
      row: z.number().int(),
      code: z.string(),
      name: z.string(),
      action: z.enum(['create', 'update', 'unchanged']),
      plannedResidents: z.number().int(),
      plannedPlaces: z.number().int(),
    }),
  ),
});
export type ResidentialImportResult = z.infer<typeof residentialImportResultSchema>;
