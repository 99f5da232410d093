// Reading an uploaded sheet into a header and rows of cells: XLSX (formulas read as their
// results, merged cells as their top-left value) or CSV in UTF-8 (with or without BOM) or in the
// GBK that older Excel saves.

import { matchHeaders, type RawCell } from '@tuowei/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ApiError } from '../../errors.ts';

export interface Sheet {
  /** Spreadsheet row numbers (1-based) of each data row. */
  rows: { row: number; cells: RawCell[] }[];
  headers: string[];
  headerRow: number;
  encoding?: 'utf-8' | 'gb18030';
}

export type FileKind = 'xlsx' | 'csv';

const unreadable = (kind: FileKind, detail: string) =>
  new ApiError(400, 'unreadable_file', {
    zh: `无法读取这个${kind === 'xlsx' ? ' Excel（.xlsx）' : ' CSV'}文件：${detail}。请用导入模板另存为 .xlsx 或 UTF-8 CSV 后再试。`,
    en: `This ${kind === 'xlsx' ? 'Excel (.xlsx)' : 'CSV'} file cannot be read: ${detail}. Save it from the import template as .xlsx or UTF-8 CSV and retry.`,
  });

/** The first row, among the first 20, that names the required columns is the header. */
function findHeader(table: RawCell[][]): number {
  for (let index = 0; index < Math.min(20, table.length); index++) {
    const headers = table[index].map((cell) => (cell === null ? '' : String(cell)));
    if (matchHeaders(headers).missing.length === 0) return index;
  }
  return -1;
}

function toSheet(table: RawCell[][], rowNumbers: number[], kind: FileKind): Sheet {
  const headerIndex = findHeader(table);
  if (headerIndex < 0) {
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
  return {
    headers: table[headerIndex].map((cell) => (cell === null ? '' : String(cell))),
    headerRow: rowNumbers[headerIndex],
    rows: table.slice(headerIndex + 1).map((cells, index) => ({ row: rowNumbers[headerIndex + 1 + index], cells })),
  };
}

function cellValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue); // a formula
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((part) => part.text).join('');
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

export async function readXlsx(buffer: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw unreadable('xlsx', (error as Error).message.slice(0, 200));
  }
  // the template's data sheet, else the first sheet that has a header
  const sheets = [...workbook.worksheets].sort((a, b) => Number(b.name === '季报') - Number(a.name === '季报'));
  for (const worksheet of sheets) {
    const table: RawCell[][] = [];
    const rowNumbers: number[] = [];
    const width = worksheet.columnCount;
    for (let r = 1; r <= worksheet.rowCount; r++) {
      const row = worksheet.getRow(r);
      const cells: RawCell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        // a merged cell carries the value of its range's top-left cell
        cells.push(cellValue(cell.isMerged ? cell.master.value : cell.value));
      }
      table.push(cells);
      rowNumbers.push(r);
    }
    if (findHeader(table) >= 0) return toSheet(table, rowNumbers, 'xlsx');
  }
  return toSheet([], [], 'xlsx');
}

export function readCsv(buffer: Buffer): Sheet {
  let text: string;
  let encoding: Sheet['encoding'] = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    // not UTF-8: older Excel saves CSV in GBK, which GB18030 reads
    text = new TextDecoder('gb18030').decode(buffer);
    encoding = 'gb18030';
  }
  let records: string[][];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    throw unreadable('csv', (error as Error).message.slice(0, 200));
  }
  const table = records.map((record) => record.map((cell) => (cell === '' ? null : cell)));
  return {
    ...toSheet(
      table,
      table.map((_, index) => index + 1),
      'csv',
    ),
    encoding,
  };
}
