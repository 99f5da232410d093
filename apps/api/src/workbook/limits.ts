// The limits within which an uploaded workbook or CSV is read, in one place, and the words that
// name each one when a file goes past it.
//
// Sized from the files people really send: a province's import is one row per county, 2,850 for
// the whole country, with the template's 22 columns (about 63,000 cells, 3 MB of sheet XML, a
// 200 KB upload). Township level is about 40,000 units; a year of quarters for each of them is
// 160,000 rows of a few columns. The limits leave room for that and refuse what no one keeps in
// a spreadsheet of places: a million rows, thousands of columns, a part that inflates to
// gigabytes.

import os from 'node:os';
import type { Words } from '@tuowei/shared';

export const READ_LIMITS = {
  /** The upload itself, as sent (a compressed .xlsx or a CSV). */
  uploadBytes: 10 * 1024 * 1024,
  /** Files inside an .xlsx (a workbook of a few sheets has about a dozen). */
  parts: 1_000,
  /** One part of an .xlsx once inflated (a sheet, the shared strings). */
  partBytes: 96 * 1024 * 1024,
  /** All the parts read, inflated. */
  totalBytes: 192 * 1024 * 1024,
  /** The last row that holds a value, in any sheet. */
  rows: 200_000,
  /** The last column that holds a value (Excel's own limit is 16,384). */
  columns: 256,
  /** Cells with a value, every sheet together. */
  cells: 2_000_000,
  /** Entries in the shared-strings table. */
  sharedStrings: 2_000_000,
  /** Characters in one cell (Excel's own limit). */
  cellCharacters: 32_767,
  /** Time to read one file, once its turn has come. */
  seconds: 20,
  /** The reader's JavaScript heap (a separate thread's, so that the server's is never at stake). */
  heapMegabytes: 160,
  /**
   * Files read at the same time, the rest waiting their turn: one core always stays with the
   * server, and two readers' heaps at most are ever in memory.
   */
  parallel: Math.min(2, Math.max(1, os.availableParallelism() - 1)),
  /** Files waiting for their turn; past that, an upload is asked to retry shortly. */
  waiting: 16,
} as const;

export type ReadLimit = keyof typeof READ_LIMITS;

const n = (value: number) => value.toLocaleString('en-US');
const mb = (bytes: number) => `${n(bytes / 1024 / 1024)} MB`;

/** What each limit is, in words, with its value. */
export const LIMIT_WORDS: Record<Exclude<ReadLimit, 'parallel' | 'waiting'>, Words> = {
  uploadBytes: {
    zh: `文件不能超过 ${mb(READ_LIMITS.uploadBytes)}`,
    en: `a file may be at most ${mb(READ_LIMITS.uploadBytes)}`,
  },
  parts: {
    zh: `一个 .xlsx 文件内最多 ${n(READ_LIMITS.parts)} 个部件`,
    en: `an .xlsx may hold at most ${n(READ_LIMITS.parts)} parts`,
  },
  partBytes: {
    zh: `.xlsx 中每个部件解压后不能超过 ${mb(READ_LIMITS.partBytes)}`,
    en: `each part of an .xlsx may inflate to at most ${mb(READ_LIMITS.partBytes)}`,
  },
  totalBytes: {
    zh: `.xlsx 解压后合计不能超过 ${mb(READ_LIMITS.totalBytes)}`,
    en: `an .xlsx may inflate to at most ${mb(READ_LIMITS.totalBytes)} in all`,
  },
  rows: { zh: `最多 ${n(READ_LIMITS.rows)} 行`, en: `at most ${n(READ_LIMITS.rows)} rows` },
  columns: { zh: `最多 ${n(READ_LIMITS.columns)} 列`, en: `at most ${n(READ_LIMITS.columns)} columns` },
  cells: {
    zh: `有内容的单元格最多 ${n(READ_LIMITS.cells)} 个`,
    en: `at most ${n(READ_LIMITS.cells)} cells with a value`,
  },
  sharedStrings: {
    zh: `共享字符串表最多 ${n(READ_LIMITS.sharedStrings)} 项`,
    en: `at most ${n(READ_LIMITS.sharedStrings)} shared strings`,
  },
  cellCharacters: {
    zh: `每个单元格最多 ${n(READ_LIMITS.cellCharacters)} 个字符`,
    en: `at most ${n(READ_LIMITS.cellCharacters)} characters in a cell`,
  },
  seconds: {
    zh: `读取时间不能超过 ${READ_LIMITS.seconds} 秒`,
    en: `reading may take at most ${READ_LIMITS.seconds} seconds`,
  },
  heapMegabytes: {
    zh: `读取所需内存不能超过 ${READ_LIMITS.heapMegabytes} MB`,
    en: `reading may use at most ${READ_LIMITS.heapMegabytes} MB of memory`,
  },
};
