// Every workbook Tuowei reads or writes goes through this module: uploads are read (xlsx.ts,
// csv.ts) on a thread of their own within READ_LIMITS; exports are written by write.ts. No other
// file imports a spreadsheet library, so that it can change in one place.

export { columnLetters } from './address.ts';
export { READ_LIMITS } from './limits.ts';
export { readsUnderWay, readUpload, type UploadKind } from './read.ts';
export type { Table, TableSheet } from './table.ts';
export {
  type CellValue,
  type SheetWriter,
  streamWorkbook,
  type WorkbookWriter,
  workbookBuffer,
} from './write.ts';
