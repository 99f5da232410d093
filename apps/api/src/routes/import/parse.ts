// From an uploaded file to a header and rows of cells: the file is read by the workbook module
// (XLSX or CSV, off the server's thread, within its limits); here the sheet with the import's
// header is chosen and a formula with no saved result is named instead of read as nothing.

import { IMPORT_COLUMNS, matchHeaders, type RawCell, readImportRow } from '@tuowei/shared';
import { ApiError } from '../../errors.ts';
import { columnLetters, readUpload, type TableSheet, type UploadKind } from '../../workbook/index.ts';

export interface Sheet {
  /** Spreadsheet row numbers (1-based) of each data row. */
  rows: { row: number; cells: RawCell[] }[];
  headers: string[];
  headerRow: number;
  encoding?: 'utf-8' | 'gb18030';
}

const headerText = (cells: RawCell[]) => cells.map((cell) => (cell === null ? '' : String(cell)));

/** The first row, among the first 20, that names the required columns is the header. */
function findHeader(table: RawCell[][]): number {
  for (let index = 0; index < Math.min(20, table.length); index++) {
    if (matchHeaders(headerText(table[index])).missing.length === 0) return index;
  }
  return -1;
}

/**
 * A formula in an imported column whose result was never saved (a file written by a program and
 * not opened in Excel since) has no value to read: said so, naming the cell, rather than read as
 * empty. Totals rows, which the import skips, and columns it ignores do not matter.
 */
function refuseFormulasWithoutValue(sheet: TableSheet, headerIndex: number) {
  const { columns } = matchHeaders(headerText(sheet.rows[headerIndex]));
  const found = sheet.formulasWithoutValue.filter(({ row, column }) => {
    if (row <= headerIndex + 1 || !columns[column - 1]) return false;
    return readImportRow(row, sheet.rows[row - 1], columns, 'zh').kind !== 'skip';
  });
  if (found.length === 0) return;
  const { row, column } = found[0];
  const cell = `${columnLetters(column)}${row}`;
  const name = columns[column - 1] ?? IMPORT_COLUMNS[0];
  const more = found.length - 1;
  throw new ApiError(
    400,
    'formula_without_value',
    {
      zh: `单元格 ${cell}（${name.zh}）是公式，但文件中没有保存它的计算结果，读不出数值${more > 0 ? `（另有 ${more} 个这样的单元格）` : ''}。请在 Excel 中打开并保存这个文件，或把公式换成数值，然后再导入。`,
      en: `Cell ${cell} (${name.en}) holds a formula with no saved value, so there is no number to read${more > 0 ? ` (and ${more} more such cells)` : ''}. Open the file in Excel and save it, or replace the formula by its value, then import again.`,
    },
    { cell, row, column: name.zh, cells: found.length },
  );
}

/** The uploaded file's sheet: the template's data sheet (季报), else the first with a header. */
export async function readImportSheet(body: Buffer, stillWanted: () => boolean): Promise<Sheet> {
  // a zip (xlsx) starts with "PK"; anything else is read as CSV
  const kind: UploadKind = body[0] === 0x50 && body[1] === 0x4b ? 'xlsx' : 'csv';
  const table = await readUpload(body, kind, stillWanted);
  const sheets = [...table.sheets].sort((a, b) => Number(b.name === '季报') - Number(a.name === '季报'));
  for (const sheet of sheets) {
    const headerIndex = findHeader(sheet.rows);
    if (headerIndex < 0) continue;
    refuseFormulasWithoutValue(sheet, headerIndex);
    return {
      headers: headerText(sheet.rows[headerIndex]),
      headerRow: headerIndex + 1,
      rows: sheet.rows.slice(headerIndex + 1).map((cells, index) => ({ row: headerIndex + 2 + index, cells })),
      ...(table.encoding ? { encoding: table.encoding } : {}),
    };
  }
  throw new ApiError(
    400,
    'no_header',
    {
      zh: '找不到表头：文件的前 20 行中应有一行包含“行政区划代码”“季度”“托位数”“普惠托位数”。请使用导入模板。',
      en: 'No header found: one of the first 20 rows must name "Division code", "Quarter", "Places" and "Affordable places". Use the import template.',
    },
    { kind },
  );
}
