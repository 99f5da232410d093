// The limits within which an uploaded workbook or CSV is read, in one place (their words, for a
// file that goes past one, are in the API's catalogue).
//
// Sized from the files people really send: a province's import is one row per county, 2,850 for
// the whole country, with the template's 22 columns (about 63,000 cells, 3 MB of sheet XML, a
// 200 KB upload). Township level is about 40,000 units; a year of quarters for each of them is
// 160,000 rows of a few columns. The limits leave room for that and refuse what no one keeps in
// a spreadsheet of places: a million rows, thousands of columns, a part that inflates to
// gigabytes.

import os from 'node:os';

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

/** The limits a file can go past (the others are the reader's own: threads, a queue). */
export type FileLimit = Exclude<ReadLimit, 'parallel' | 'waiting'>;
