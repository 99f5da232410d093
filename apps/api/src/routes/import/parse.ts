// From an uploaded file to a header and rows of cells: the file is read by the workbook module
// (XLSX or CSV, off the server's thread, within its limits); here the sheet with the import's
// header (one row or two, under any title rows) is chosen and a formula with no saved result is
// named instead of read as nothing.

import {
  DIVISION_CODE,
  type ImportColumn,
  isRowNumberHeader,
  matchHeaders,
  type RawCell,
  type Words,
} from '@tuowei/shared';
import { ApiError } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { columnLetters, readUpload, type TableSheet, type UploadKind } from '../../workbook/index.ts';

export interface Sheet {
  /** Spreadsheet row numbers (1-based) of each data row. */
  rows: { row: number; cells: RawCell[] }[];
  headers: string[];
  /** The header's (first) row; a two-level header takes the row below it too. */
  headerRow: number;
  encoding?: 'utf-8' | 'gb18030';
}

/** What one kind of import reads (kind.ts makes it from the kind): its columns, the template's sheet, and which rows are not data. */
export interface SheetLayout {
  columns: readonly ImportColumn[];
  /** The template's data sheet, read first where the file has it. */
  sheetName: string;
  /** A row below the header that is not data (a total, a note): a formula there does not matter. */
  skipped(row: number, cells: RawCell[], columns: (ImportColumn | null)[]): boolean;
  /** Why no sheet of the file has the import's header. */
  noHeader: Words;
}

const headerText = (cells: RawCell[]) => cells.map((cell) => (cell === null ? '' : String(cell).trim()));

/**
 * A two-level header as county offices merge it: 行政区划代码, 托位数… spanning both rows, and a
 * group (机构数) over its kinds (公办, 公办民营…). Merged cells read as their text in every cell
 * they cover; a group written once, unmerged, is carried over the cells to its right.
 */
function twoLevelHeader(upper: RawCell[], lower: RawCell[], known: readonly ImportColumn[]): string[] {
  const names = (header: string) => matchHeaders([header], known).columns[0];
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
    const header = candidates.find((candidate) => names(candidate) && !used.has(names(candidate))) ?? low;
    if (names(header)) used.add(names(header));
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
function findHeader(table: RawCell[][], known: readonly ImportColumn[]): Header | null {
  const missing = (headers: string[]) => matchHeaders(headers, known).missing.length;
  const matched = (headers: string[]) => matchHeaders(headers, known).columns.filter(Boolean).length;
  for (let index = 0; index < Math.min(20, table.length); index++) {
    const single = headerText(table[index]);
    const below = table[index + 1];
    const double = below && !looksLikeData(below) ? twoLevelHeader(table[index], below, known) : null;
    if (missing(single) === 0) {
      if (double && matched(double) > matched(single)) return { index, depth: 2, headers: double };
      return { index, depth: 1, headers: single };
    }
    // the required names split over two rows; a row that names them all alone is the next one's turn
    const belowAlone = below ? missing(headerText(below)) === 0 : false;
    if (double && !belowAlone && missing(double) === 0) return { index, depth: 2, headers: double };
  }
  return null;
}

/**
 * A formula in an imported column whose result was never saved (a file written by a program and
 * not opened in Excel since) has no value to read: said so, naming the cell, rather than read as
 * empty. Totals rows, which the import skips, and columns it ignores do not matter.
 */
function refuseFormulasWithoutValue(sheet: TableSheet, header: Header, rows: Sheet['rows'], layout: SheetLayout) {
  const { columns } = matchHeaders(header.headers, layout.columns);
  const dataRows = new Map(rows.map(({ row, cells }) => [row, cells]));
  const found = sheet.formulasWithoutValue.filter(({ row, column }) => {
    const cells = dataRows.get(row);
    if (!cells || !columns[column - 1]) return false;
    return !layout.skipped(row, cells, columns);
  });
  if (found.length === 0) return;
  const { row, column } = found[0];
  const cell = `${columnLetters(column)}${row}`;
  const name = columns[column - 1] ?? layout.columns[0];
  const more = found.length - 1;
  throw new ApiError(400, 'formula_without_value', API_WORDS.import.formulaWithoutValue(cell, name, more), {
    cell,
    row,
    column: name.zh,
    cells: found.length,
  });
}

/** The uploaded file's sheet: the kind's template sheet (季报, 健康指标…), else the first with its header. */
export async function readImportSheet(body: Buffer, stillWanted: () => boolean, layout: SheetLayout): Promise<Sheet> {
  // a zip (xlsx) starts with "PK"; anything else is read as CSV
  const kind: UploadKind = body[0] === 0x50 && body[1] === 0x4b ? 'xlsx' : 'csv';
  const table = await readUpload(body, kind, stillWanted);
  const preferred = layout.sheetName;
  const sheets = [...table.sheets].sort((a, b) => Number(b.name === preferred) - Number(a.name === preferred));
  for (const sheet of sheets) {
    const header = findHeader(sheet.rows, layout.columns);
    if (!header) continue;
    // a running number (序号) says nothing: a numbered row with nothing else in it is a blank row
    const numbering = header.headers.map(isRowNumberHeader);
    const first = header.index + header.depth;
    const rows = sheet.rows.slice(first).map((cells, index) => ({
      row: first + 1 + index,
      cells: cells.map((cell, column) => (numbering[column] && typeof cell === 'number' ? null : cell)),
    }));
    refuseFormulasWithoutValue(sheet, header, rows, layout);
    return {
      headers: header.headers,
      headerRow: header.index + 1,
      rows,
      ...(table.encoding ? { encoding: table.encoding } : {}),
    };
  }
  throw new ApiError(400, 'no_header', layout.noHeader, { kind });
}
