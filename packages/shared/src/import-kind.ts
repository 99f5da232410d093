// One description per kind of import — its columns, how a row is read and checked, and what makes
// two rows of one file the same — and the one reader that turns any kind's sheet into good rows,
// skipped rows and problems. The API's route factory (apps/api/src/routes/import/kind.ts) serves
// every kind from it; a new kind is a description, not a new parser.
import {
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportProblem,
  type ImportRow,
  isRowNumberHeader,
  matchHeaders,
  type RawCell,
  type RowOutcome,
  readImportRow,
  type SkipReason,
} from './import.ts';
import { fieldMessage } from './messages.ts';

export interface ImportKind<Row> {
  /** The kind's name, as the screens and the API's routes know it. */
  id: string;
  columns: readonly ImportColumn[];
  /** The template's data sheet, read first where a file has it. */
  sheetName: string;
  /** One row of cells as a row of this kind, a skipped row, or problems naming row, column and reason. */
  readRow(
    rowNumber: number,
    cells: readonly RawCell[],
    columns: readonly (ImportColumn | null)[],
    language: 'zh' | 'en',
  ): RowOutcome<Row>;
  /** Two rows of one file are one record when their keys are equal; the later is named at `column`. */
  duplicate: {
    key(row: Row): string;
    column: string;
    value(row: Row): string;
    /** Why, in the reader's language, given the earlier row's number. */
    reason(earlierRow: number, language: 'zh' | 'en'): string;
  };
  /** Whether blank rows are listed among the skipped ones (the register leaves them out). */
  listsBlankRows: boolean;
}

export interface SkippedRow {
  row: number;
  reason: SkipReason;
  label: string | null;
}

export interface ReadImport<Row> {
  columns: (ImportColumn | null)[];
  /** Headers the kind does not know (a running number is not among them). */
  ignoredColumns: string[];
  good: Row[];
  problems: ImportProblem[];
  skipped: SkippedRow[];
}

/** A kind's column header in the reader's language. */
export function importHeader(kind: { columns: readonly ImportColumn[] }, key: string, language: 'zh' | 'en'): string {
  return kind.columns.find((column) => column.key === key)?.[language] ?? key;
}

/** Every row of a sheet read as the kind says, with repeats within the file named. */
export function readImportRows<Row>(
  kind: ImportKind<Row>,
  sheet: { headers: readonly string[]; rows: readonly { row: number; cells: RawCell[] }[] },
  language: 'zh' | 'en',
): ReadImport<Row> {
  const { columns } = matchHeaders(sheet.headers, kind.columns);
  const ignoredColumns = sheet.headers.filter(
    (header, index) => header.trim() !== '' && columns[index] === null && !isRowNumberHeader(header),
  );
  const problems: ImportProblem[] = [];
  const skipped: SkippedRow[] = [];
  const good: Row[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const outcome = kind.readRow(row, cells, columns, language);
    if (outcome.kind === 'skip') {
      if (outcome.reason !== 'empty' || kind.listsBlankRows)
        skipped.push({ row, reason: outcome.reason, label: outcome.label });
    } else if (outcome.kind === 'problems') problems.push(...outcome.problems);
    else {
      const key = kind.duplicate.key(outcome.row);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({
          row,
          column: importHeader(kind, kind.duplicate.column, language),
          value: kind.duplicate.value(outcome.row),
          reason: kind.duplicate.reason(earlier, language),
        });
      } else {
        seen.set(key, row);
        good.push(outcome.row);
      }
    }
  }
  return { columns, ignoredColumns, good, problems, skipped };
}

/** Quarterly reports (季报). */
export const REPORT_IMPORT: ImportKind<ImportRow> = {
  id: 'reports',
  columns: IMPORT_COLUMNS,
  sheetName: '季报',
  readRow: readImportRow,
  duplicate: {
    key: (row) => `${row.code}/${row.year}Q${row.quarter}`,
    column: 'period',
    value: (row) => row.period,
    reason: (earlier, language) => `${fieldMessage('duplicate_row', language)}: ${earlier}`,
  },
  listsBlankRows: true,
};
