// Reads a CSV into a table: UTF-8 (with or without BOM) or the GBK that older Excel saves, one
// encoding for the whole file, within the rows, columns and cells of READ_LIMITS.
import { parse } from 'csv-parse/sync';
import { API_WORDS } from '../words.ts';
import { READ_LIMITS } from './limits.ts';
import { ReadRefusal, type Table } from './table.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether these bytes are all ASCII (then they read the same in UTF-8 and GBK). */
function ascii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

/**
 * Whether a line is surely UTF-8: valid, with a Chinese character (three bytes, U+4E00 to U+9FFF).
 * A short GBK line can be valid UTF-8 by chance (停 in GBK is UTF-8 for U+0363), but hardly ever
 * with a Chinese character in it.
 */
function surelyUtf8(bytes: Uint8Array): boolean {
  try {
    return /[\u4e00-\u9fff]/.test(utf8.decode(bytes));
  } catch {
    return false;
  }
}

/**
 * The file's encoding: UTF-8 when the whole file is, else GBK (read as GB18030, which older Excel
 * saves). A file that is not UTF-8 as a whole but has lines that surely are (rows pasted from two
 * sources) is refused at the first line that is not in the encoding of the lines before it:
 * decoding it either way would store mojibake without a word.
 */
function encodingOf(buffer: Buffer): 'utf-8' | 'gb18030' {
  try {
    utf8.decode(buffer);
    return 'utf-8';
  } catch {
    // not UTF-8 throughout: GBK, unless some lines are UTF-8 after all
  }
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  let decided: 'utf-8' | 'gb18030' | null = bom ? 'utf-8' : null;
  let line = 1;
  for (let start = bom ? 3 : 0; start < buffer.length; line++) {
    // a newline byte is never part of a multi-byte character in UTF-8 or GBK
    let end = buffer.indexOf(0x0a, start);
    if (end < 0) end = buffer.length;
    const bytes = buffer.subarray(start, end);
    start = end + 1;
    if (ascii(bytes)) continue;
    const kind = surelyUtf8(bytes) ? 'utf-8' : 'gb18030';
    if (decided === null) decided = kind;
    else if (kind !== decided) throw new ReadRefusal({ kind: 'mixed_encoding', line, encoding: decided });
  }
  return 'gb18030';
}

/** Line breaks outside quoted fields, the records a CSV holds less one: counted before parsing any. */
function recordBreaks(text: string): number {
  let breaks = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) quoted = !quoted;
    else if (code === 0x0a && !quoted) breaks++;
  }
  return breaks;
}

const pastRows = () => {
  const row = READ_LIMITS.rows + 1;
  return new ReadRefusal({ limit: 'rows', where: API_WORDS.workbook.line(row) });
};

export function readCsv(buffer: Buffer): Table {
  const encoding = encodingOf(buffer);
  const text = new TextDecoder(encoding).decode(buffer).replace(/^\uFEFF/, '');
  // a final line break ends the last record rather than starting another
  if (recordBreaks(text.replace(/\r?\n$/, '')) >= READ_LIMITS.rows) throw pastRows();
  let records: string[][];
  try {
    // one record past the limit, to know that there is one
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      to: READ_LIMITS.rows + 1,
      max_record_size: READ_LIMITS.cellCharacters * READ_LIMITS.columns,
    });
  } catch (error) {
    throw ReadRefusal.unreadable((error as Error).message);
  }
  if (records.length > READ_LIMITS.rows) throw pastRows();
  let cells = 0;
  const rows = records.map((record, index) => {
    const where = API_WORDS.workbook.line(index + 1);
    // trailing empty fields (",,,") are no columns
    let width = record.length;
    while (width > 0 && record[width - 1] === '') width--;
    if (width > READ_LIMITS.columns) throw new ReadRefusal({ limit: 'columns', where });
    return record.slice(0, width).map((cell) => {
      if (cell === '') return null;
      if (cell.length > READ_LIMITS.cellCharacters) throw new ReadRefusal({ limit: 'cellCharacters', where });
      if (++cells > READ_LIMITS.cells) throw new ReadRefusal({ limit: 'cells', where });
      return cell;
    });
  });
  return { sheets: [{ name: 'csv', rows, formulasWithoutValue: [] }], encoding };
}
