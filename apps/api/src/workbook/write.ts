// Writing workbooks (the import template, the gap report, the audit export): sheets of rows with
// widths, number formats, a bold header, frozen panes and filters, streamed out as they are
// written. The spreadsheet library (exceljs's streaming writer) is used here and nowhere else.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { caughtUp } from '../reader-pace.ts';
import { columnLetters } from './address.ts';

export type CellValue = string | number | boolean | Date | null;

export interface ColumnSpec {
  /** The header written in row 1 (bold); a sheet whose columns have none starts with its data. */
  header?: string;
  /** In characters. */
  width: number;
  /** An Excel number format for the whole column ("#,##0", "0.0%", "@" for text). */
  numFmt?: string;
}

export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  /** Rows above and columns left of the split stay in view while scrolling. */
  frozen?: { rows?: number; columns?: number };
  /** A filter on the header row. */
  autoFilter?: boolean;
  /**
   * Shown first in the workbook though written now, after the sheets before it: a cover that
   * counts the rows written before it, so that they need not be held until it is.
   */
  first?: boolean;
}

export interface RowStyle {
  bold?: boolean;
  /** Font size in points. */
  size?: number;
  /** Number formats of single cells, by column number (1 is A), over the column's own. */
  numFmt?: Record<number, string>;
}

export interface SheetWriter {
  row(values: readonly CellValue[], style?: RowStyle): void;
}

export interface WorkbookWriter {
  /** Starts the next sheet; the one before is finished and written out. */
  sheet(spec: SheetSpec): SheetWriter;
  /**
   * Resolves once what the rows written so far made has gone on, but for `BACKLOG_BYTES`: into
   * the zip's compression and out to the reader. A long report awaits it between batches of rows.
   * Rejects once the reader has gone, or has taken nothing for STALLED_READER_MS (reader-pace.ts).
   */
  drained(): Promise<void>;
}

/**
 * What a sheet's rows may have made that is not yet compressed and sent, in bytes. exceljs writes
 * a sheet's XML into a buffer of its own and on into the zip's compression without waiting for
 * it: the country's gap report (about 150 MB of XML at 40,000 townships) was written faster than
 * it was compressed, and its XML piled up, 150 MiB of buffers at the export's peak.
 */
const BACKLOG_BYTES = 4 * 2 ** 20;

/** A sheet's stream inside exceljs: its buffers not yet taken, and the streams it writes them to. */
interface SheetStream {
  buffers?: { length: number }[];
  pipes?: StreamState[];
}

/** A readable-stream 2 stream's state: what it holds to be written, and to be read. */
interface StreamState {
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}

/**
 * What waits between a workbook's rows and its reader, in bytes: the XML in the open sheet's
 * stream and in the zip's entry stream it writes to (exceljs writes on without waiting for
 * either), and what the zip holds compressed (it goes on compressing while its reader does not
 * read). exceljs opens a sheet's stream when the sheet is added.
 */
function backlog(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ExcelJS.Worksheet | undefined): number {
  const length = (state: StreamState | undefined) =>
    (state?._writableState?.length ?? 0) + (state?._readableState?.length ?? 0);
  const stream = (sheet as unknown as { _stream?: SheetStream } | undefined)?._stream;
  let bytes = length((workbook as unknown as { zip?: StreamState }).zip);
  for (const buffer of stream?.buffers ?? []) bytes += buffer.length;
  for (const pipe of stream?.pipes ?? []) bytes += length(pipe);
  return bytes;
}

/**
 * Puts a sheet first in the workbook's list of sheets (its tabs, in workbook.xml), where it is
 * read first, though its part is written after the others. exceljs's streaming writer lists its
 * sheets in the order of its array of them (indexed by id, which names each sheet's part and
 * relationship) and has no public way to order them: the array is reordered, ids untouched, so
 * that the next sheet's id (the first free slot past 0) is still new. Pinned by the tests that
 * read the gap report's and the final account's cover as their first sheet.
 */
function showFirst(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ExcelJS.Worksheet): void {
  const sheets = (workbook as unknown as { _worksheets: (ExcelJS.Worksheet | undefined)[] })._worksheets;
  if (!Array.isArray(sheets) || !sheets.includes(sheet)) throw new Error('exceljs: no list of sheets to reorder');
  const others = sheets.filter((other) => other !== undefined && other !== sheet);
  // slot 0 stays empty, as exceljs leaves it (it maps over the array, skipping empty slots)
  sheets.length = 0;
  for (const [at, each] of [sheet, ...others].entries()) sheets[at + 1] = each;
}

/**
 * A workbook streamed as `build` writes it: rows go out as they are added, so that a long
 * report never sits whole in memory. A failure in `build` destroys the stream with the error.
 */
export function streamWorkbook(
  build: (workbook: WorkbookWriter) => Promise<void> | void,
  options: { stalledReaderMs?: number } = {},
): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Tuowei';
  // the sheet being written, finished when the next starts or the workbook ends
  const open: { sheet?: ExcelJS.Worksheet } = {};
  // One style object per number format, given to every plain cell that has it. exceljs makes each
  // new cell a style object of its own, then works out each cell's style anew (its XML, looked up
  // among the workbook's): it remembers only objects it has seen. At the country's 124,631 gap
  // rows that was about 2.5 s of 25.
  const styles = new Map<string | undefined, Partial<ExcelJS.Style>>();
  const formatted = (numFmt: string | undefined) => {
    const known = styles.get(numFmt);
    if (known) return known;
    const style = numFmt === undefined ? {} : { numFmt };
    styles.set(numFmt, style);
    return style;
  };
  const writer: WorkbookWriter = {
    sheet(spec) {
      open.sheet?.commit();
      const { rows = 0, columns = 0 } = spec.frozen ?? {};
      const sheet = workbook.addWorksheet(spec.name, {
        views: rows || columns ? [{ state: 'frozen', xSplit: columns, ySplit: rows }] : [],
      });
      sheet.columns = spec.columns.map((column) => ({
        ...(column.header === undefined ? {} : { header: column.header }),
        width: column.width,
        style: column.numFmt ? { numFmt: column.numFmt } : {},
      }));
      if (spec.columns.some((column) => column.header !== undefined)) {
        if (spec.autoFilter) sheet.autoFilter = `A1:${columnLetters(spec.columns.length)}1`;
        sheet.getRow(1).font = { bold: true };
        sheet.getRow(1).commit();
      }
      if (spec.first) showFirst(workbook, sheet);
      open.sheet = sheet;
      return {
        row(values, style) {
          const row = sheet.addRow([...values]);
          if (style?.bold || style?.size) {
            // a bold or larger row's cells keep objects of their own: its font is set on each
            row.font = { bold: style.bold ?? false, ...(style.size ? { size: style.size } : {}) };
            for (const [column, format] of Object.entries(style.numFmt ?? {}))
              row.getCell(Number(column)).numFmt = format;
          } else {
            row.eachCell((cell, column) => {
              const format = style?.numFmt?.[column] ?? spec.columns[column - 1]?.numFmt;
              // a date without a format keeps exceljs's own: its style depends on the value
              if (format !== undefined || !(cell.value instanceof Date)) cell.style = formatted(format);
            });
            // a cell given a format is written though empty, formatted for what is typed in it
            for (const [column, format] of Object.entries(style?.numFmt ?? {}))
              row.getCell(Number(column)).style = formatted(format);
          }
          row.commit();
        },
      };
    },
    drained: () =>
      // the zip's compression and the reader run as the event loop turns
      caughtUp(
        stream,
        () => backlog(workbook, open.sheet) + stream.readableLength + stream.writableLength,
        BACKLOG_BYTES,
        options.stalledReaderMs,
      ),
  };
  void (async () => {
    await build(writer);
    open.sheet?.commit();
    await workbook.commit();
  })().catch((error) => stream.destroy(error));
  return stream;
}

/** A small workbook (the import template) as one buffer. */
export async function workbookBuffer(build: (workbook: WorkbookWriter) => Promise<void> | void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of streamWorkbook(build)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
