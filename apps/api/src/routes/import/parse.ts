// From an uploaded file to a header and rows of cells: the file is read by the workbook module
// (XLSX or CSV, off the server's thread, within its limits); here the sheet with the import's
// header (one row or two, under any title rows) is chosen and a formula with no saved result is
// named instead of read as nothing.

import {
  DIVISION_CODE,
  IMPORT_COLUMNS,
  type ImportColumn,
  isRowNumberHeader,
  matchHeaders,
  nonDataRow,
  type RawCell,
} from '@tuowei/shared';
import { ApiError } from '../../errors.ts';
import { columnLetters, readUpload, type TableSheet, type UploadKind } from '../../workbook/index.ts';

export interface Sheet {
  /** Spreadsheet row numbers (1-based) of each data row. */
  rows: { row: number; cells: RawCell[] }[];
  headers: string[];
  /** The header's (first) row; a two-level header takes the row below it too. */
  headerRow: number;
  encoding?: 'utf-8' | 'gb18030';
}

const headerText = (cells: RawCell[]) => cells.map((cell) => (cell === null ? '' : String(cell).trim()));
type Columns = readonly ImportColumn[];
const matched = (headers: string[], columns: Columns) => matchHeaders(headers, columns).columns.filter(Boolean).length;
const names = (header: string, columns: Columns) => matchHeaders([header], columns).columns[0];

/**
 * A two-level header as county offices merge it: 行政区划代码, 托位数… spanning both rows, and a
 * group (机构数) over its kinds (公办, 公办民营…). Merged cells read as their text in every cell
 * they cover; a group written once, unmerged, is carried over the cells to its right.
 */
function twoLevelHeader(upper: RawCell[], lower: RawCell[], columns: Columns): string[] {
  const top = headerText(upper);
  const bottom = headerText(lower);
  const used = new Set<unknown>();
  let group = '';
  return Array.from({ length: Math.max(top.length, bottom.length) }, (_, index) => {
    const up = top[index] ?? '';
    const low = bottom[index] ?? '';
    if (up !== '') group = up;
    const parent = up !== '' ? up : low !== '' ? group : '';
    // 托位数 over 合计 and 其中：普惠, or 机构数 over 公办: the lower name, the pair, or the group's
    const candidates =
      low === '' || low === parent
        ? [parent]
        : [low, `${parent}：${low}`, `${low.replace(/^其中[:：]?/, '')}${parent}`, ...(up !== '' ? [up] : [])];
    const header =
      candidates.find((candidate) => names(candidate, columns) && !used.has(names(candidate, columns))) ?? low;
    if (names(header, columns)) used.add(names(header, columns));
    return header;
  });
}

/** A row below a header that holds a number or a division code is data, not a second header row. */
const looksLikeData = (cells: RawCell[]) =>
  cells.some((cell) => typeof cell === 'number' || (typeof cell === 'string' && DIVISION_CODE.test(cell.trim())));

interface Header {
  index: number;
  /** 1, or 2 for a two-level header. */
  depth: number;
  headers: string[];
}

/** The first row, among the first 20, that names the required columns (alone or with the row below) is the header. */
function findHeader(table: RawCell[][], columns: Columns): Header | null {
  for (let index = 0; index < Math.min(20, table.length); index++) {
    const single = headerText(table[index]);
    const below = table[index + 1];
    const double = below && !looksLikeData(below) ? twoLevelHeader(table[index], below, columns) : null;
    if (matchHeaders(single, columns).missing.length === 0) {
      if (double && matched(double, columns) > matched(single, columns)) return { index, depth: 2, headers: double };
      return { index, depth: 1, headers: single };
    }
    // the required names split over two rows; a row that names them all alone is the next one's turn
    const belowAlone = below ? matchHeaders(headerText(below), columns).missing.length === 0 : false;
    if (double && !belowAlone && matchHeaders(double, columns).missing.length === 0)
      return { index, depth: 2, headers: double };
  }
  return null;
}

/**
 * A formula in an imported column whose result was never saved (a file written by a program and
 * not opened in Excel since) has no value to read: said so, naming the cell, rather than read as
 * empty. Totals rows, which the import skips, and columns it ignores do not matter.
 */
function refuseFormulasWithoutValue(sheet: TableSheet, header: Header, rows: Sheet['rows'], importColumns: Columns) {
  const { columns } = matchHeaders(header.headers, importColumns);
  const dataRows = new Map(rows.map(({ row, cells }) => [row, cells]));
  const found = sheet.formulasWithoutValue.filter(({ row, column }) => {
    const cells = dataRows.get(row);
    if (!cells || !columns[column - 1]) return false;
    return nonDataRow(cells, columns) === null;
  });
  if (found.length === 0) return;
  const { row, column } = found[0];
  const cell = `${columnLetters(column)}${row}`;
  const name = columns[column - 1] ?? importColumns[0];
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

/** Which import a file is read for: its columns and the name of its template's data sheet. */
export interface SheetKind {
  columns: Columns;
  sheetName: string;
}

export const REPORT_SHEET: SheetKind = { columns: IMPORT_COLUMNS, sheetName: '季报' };

/** "A", "B" and "C" as a sentence lists them. */
const quotedList = (names: string[], open: string, close: string, and: string) =>
  names.length <= 1
    ? names.map((name) => `${open}${name}${close}`).join('')
    : `${names
        .slice(0, -1)
        .map((name) => `${open}${name}${close}`)
        .join(and === '' ? '' : ', ')}${and}${open}${names[names.length - 1]}${close}`;

/**
 * The uploaded file's sheet: the template's data sheet (季报, or the other import's), else the
 * first with a header naming the import's required columns.
 */
export async function readImportSheet(
  body: Buffer,
  stillWanted: () => boolean,
  { columns, sheetName }: SheetKind = REPORT_SHEET,
): Promise<Sheet> {
  // a zip (xlsx) starts with "PK"; anything else is read as CSV
  const kind: UploadKind = body[0] === 0x50 && body[1] === 0x4b ? 'xlsx' : 'csv';
  const table = await readUpload(body, kind, stillWanted);
  const sheets = [...table.sheets].sort((a, b) => Number(b.name === sheetName) - Number(a.name === sheetName));
  for (const sheet of sheets) {
    const header = findHeader(sheet.rows, columns);
    if (!header) continue;
    // a running number (序号) says nothing: a numbered row with nothing else in it is a blank row
    const numbering = header.headers.map(isRowNumberHeader);
    const first = header.index + header.depth;
    const rows = sheet.rows.slice(first).map((cells, index) => ({
      row: first + 1 + index,
      cells: cells.map((cell, column) => (numbering[column] && typeof cell === 'number' ? null : cell)),
    }));
    refuseFormulasWithoutValue(sheet, header, rows, columns);
    return {
      headers: header.headers,
      headerRow: header.index + 1,
      rows,
      ...(table.encoding ? { encoding: table.encoding } : {}),
    };
  }
  const required = columns.filter((column) => column.required);
  throw new ApiError(
    400,
    'no_header',
    {
      zh: `找不到表头：文件的前 20 行中应有一行包含${quotedList(
        required.map((c) => c.zh),
        '“',
        '”',
        '',
      )}。请使用导入模板。`,
      en: `No header found: one of the first 20 rows must name ${quotedList(
        required.map((c) => c.en),
        '"',
        '"',
        ' and ',
      )}. Use the import template.`,
    },
    { kind },
  );
}
