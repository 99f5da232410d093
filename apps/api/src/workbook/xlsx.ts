// Reads an .xlsx into tables of cell values, streaming: each part is inflated (yauzl, zlib) and
// parsed (saxes) as it comes, and every limit of READ_LIMITS is checked on the way, so that a
// declared dimension, a zip bomb or a million rows costs no more than reading up to the limit.
// Formulas read as their cached results, merged cells as their top-left value, dates as
// YYYY-MM-DD, rich text as its plain text.
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { RawCell } from '@tuowei/shared';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { API_WORDS, asIs } from '../words.ts';
import { cellAddress, columnLetters } from './address.ts';
import { READ_LIMITS } from './limits.ts';
import { ReadRefusal, type Table, type TableSheet } from './table.ts';

/** Built-in number formats that show dates (14–22, 45–47, and the East Asian ones, 27–36 and 50–58). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47,
]);
for (let id = 50; id <= 58; id++) DATE_FORMAT_IDS.add(id);

/** A custom format shows a date when a d, m, y, h or s is left once quoted text and [tags] are gone. */
function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** An Excel serial day (1900 system, or 1904) as YYYY-MM-DD. */
function serialDate(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86_400_000)).toISOString().slice(0, 10);
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Counts a part's inflated bytes against its own limit and the whole file's, as they come. */
class Budget {
  total = 0;
  charge(part: string, bytes: number, partSoFar: number) {
    this.total += bytes;
    if (partSoFar > READ_LIMITS.partBytes) throw new ReadRefusal({ limit: 'partBytes', where: asIs(part) });
    if (this.total > READ_LIMITS.totalBytes) throw new ReadRefusal({ limit: 'totalBytes' });
  }
}

/** Feeds a part to a SAX handler as it inflates; resolves when the part is read. */
async function parsePart(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: Budget,
  handle: (parser: SaxesParser) => void,
): Promise<void> {
  if (entry.uncompressedSize > READ_LIMITS.partBytes)
    throw new ReadRefusal({ limit: 'partBytes', where: asIs(entry.fileName) });
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw ReadRefusal.unreadable((error as Error).message);
  }
  const parser = new SaxesParser({ xmlns: false });
  handle(parser);
  const decoder = new TextDecoder('utf-8');
  let read = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      budget.charge(entry.fileName, chunk.length, read);
      parser.write(decoder.decode(chunk, { stream: true }));
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    stream.destroy();
    if (error instanceof ReadRefusal) throw error;
    // yauzl stops a part that inflates past the size its headers declare: a zip bomb that lies
    if (/too many bytes/i.test((error as Error).message))
      throw ReadRefusal.unreadable(API_WORDS.workbook.inflatesPastDeclared(entry.fileName, entry.uncompressedSize));
    throw ReadRefusal.unreadable(`${entry.fileName}: ${(error as Error).message}`);
  }
}

/** Text of <t> elements (not of phonetic runs, <rPh>) inside an <si> or an <is>. */
class RichText {
  private depthInPhonetic = 0;
  private inText = false;
  text = '';
  open(name: string) {
    if (name === 'rPh') this.depthInPhonetic++;
    else if (name === 't' && this.depthInPhonetic === 0) this.inText = true;
  }
  close(name: string) {
    if (name === 'rPh') this.depthInPhonetic--;
    else if (name === 't') this.inText = false;
  }
  add(text: string) {
    if (!this.inText) return;
    this.text += text;
    if (this.text.length > READ_LIMITS.cellCharacters) throw new ReadRefusal({ limit: 'cellCharacters' });
  }
}

async function readSharedStrings(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: Budget): Promise<string[]> {
  const strings: string[] = [];
  let item: RichText | null = null;
  await parsePart(zip, entry, budget, (parser) => {
    parser.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (name === 'si') {
        if (strings.length >= READ_LIMITS.sharedStrings) throw new ReadRefusal({ limit: 'sharedStrings' });
        item = new RichText();
      } else item?.open(name);
    });
    parser.on('text', (text) => item?.add(text));
    parser.on('closetag', (tag) => {
      const name = localName(tag.name);
      if (name === 'si' && item) {
        strings.push(item.text);
        item = null;
      } else item?.close(name);
    });
  });
  return strings;
}

/** Which cell styles show dates: index into cellXfs → true. */
async function readDateStyles(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: Budget): Promise<boolean[]> {
  const customDates = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await parsePart(zip, entry, budget, (parser) => {
    parser.on('opentag', (tag) => {
      const name = localName(tag.name);
      const attributes = tag.attributes as Record<string, string>;
      if (name === 'numFmt') customDates.set(Number(attributes.numFmtId), isDateFormat(attributes.formatCode ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attributes.numFmtId ?? 0);
        styles.push(customDates.get(id) ?? DATE_FORMAT_IDS.has(id));
      }
    });
    parser.on('closetag', (tag) => {
      if (localName(tag.name) === 'cellXfs') inCellXfs = false;
    });
  });
  return styles;
}

interface SheetContext {
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  /** Cells with a value so far, all sheets together. */
  cells: { count: number };
}

/** One worksheet's cells, rows from 1 to the last that holds a value. */
async function readSheet(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  context: SheetContext,
  budget: Budget,
): Promise<TableSheet> {
  const rows: RawCell[][] = [];
  const formulasWithoutValue: { row: number; column: number }[] = [];
  const merges: string[] = [];
  let rowNumber = 0;
  let width = 0;
  // the cell being read
  let cell: { row: number; column: number; type: string; style: number } | null = null;
  let value: string | null = null;
  let hasFormula = false;
  let inValue = false;
  let inline: RichText | null = null;
  let nextColumn = 1;

  const where = (row: number, column: number) => API_WORDS.workbook.cell(name, `${columnLetters(column)}${row}`);
  const store = (row: number, column: number, content: RawCell) => {
    if (row > READ_LIMITS.rows) throw new ReadRefusal({ limit: 'rows', where: where(row, column) });
    if (column > READ_LIMITS.columns) throw new ReadRefusal({ limit: 'columns', where: where(row, column) });
    if (++context.cells.count > READ_LIMITS.cells) throw new ReadRefusal({ limit: 'cells', where: where(row, column) });
    while (rows.length < row) rows.push([]);
    const cells = rows[row - 1];
    while (cells.length < column) cells.push(null);
    cells[column - 1] = content;
    if (column > width) width = column;
  };
  const finishCell = () => {
    if (!cell) return;
    const { row, column, type, style } = cell;
    let content: RawCell = null;
    if (type === 'inlineStr') content = inline?.text ?? value;
    else if (value !== null) {
      if (type === 's') {
        const index = Number(value);
        if (!Number.isInteger(index) || index < 0 || index >= context.sharedStrings.length)
          throw ReadRefusal.unreadable(
            `${columnLetters(column)}${row}: shared string ${value.slice(0, 20)} is missing`,
          );
        content = context.sharedStrings[index];
      } else if (type === 'str' || type === 'e') content = value;
      else if (type === 'b') content = String(value === '1' || value.toLowerCase() === 'true');
      else if (type === 'd') content = value.slice(0, 10);
      else {
        const number = Number(value);
        if (value.trim() === '' || !Number.isFinite(number)) content = value;
        else content = context.dateStyles[style] ? serialDate(number, context.date1904) : number;
      }
    } else if (hasFormula) {
      formulasWithoutValue.push({ row, column });
      // counted as a cell with a value: the reader is told of it
      store(row, column, null);
    }
    if (content !== null && content !== '') store(row, column, content);
    cell = null;
  };

  await parsePart(zip, entry, budget, (parser) => {
    parser.on('opentag', (tag: SaxesTagPlain) => {
      const tagName = localName(tag.name);
      const attributes = tag.attributes as Record<string, string>;
      if (inline) inline.open(tagName);
      switch (tagName) {
        case 'row': {
          const declared = Number(attributes.r);
          rowNumber = Number.isInteger(declared) && declared > 0 ? declared : rowNumber + 1;
          nextColumn = 1;
          break;
        }
        case 'c': {
          const address = attributes.r ? cellAddress(attributes.r) : null;
          const column = address ? address.column : nextColumn;
          const row = address ? address.row : rowNumber;
          nextColumn = column + 1;
          cell = { row, column, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0) };
          value = null;
          hasFormula = false;
          inline = null;
          break;
        }
        case 'v':
          inValue = true;
          value = '';
          break;
        case 'f':
          hasFormula = true;
          break;
        case 'is':
          inline = new RichText();
          break;
        case 'mergeCell':
          if (attributes.ref) merges.push(attributes.ref);
          break;
      }
    });
    parser.on('text', (text) => {
      if (inValue && value !== null) {
        value += text;
        if (value.length > READ_LIMITS.cellCharacters) throw new ReadRefusal({ limit: 'cellCharacters' });
      } else inline?.add(text);
    });
    parser.on('closetag', (tag) => {
      const tagName = localName(tag.name);
      if (tagName === 'v') inValue = false;
      else if (tagName === 'c') finishCell();
      else if (inline && tagName !== 'is') inline.close(tagName);
    });
  });

  // a merged range shows its top-left value in every cell, within the rows and columns read
  for (const ref of merges) {
    const [from, to] = ref.split(':').map(cellAddress);
    if (!from || !to) continue;
    const master = rows[from.row - 1]?.[from.column - 1] ?? null;
    if (master === null) continue;
    for (let row = from.row; row <= Math.min(to.row, rows.length); row++) {
      for (let column = from.column; column <= Math.min(to.column, width); column++) {
        if (row === from.row && column === from.column) continue;
        if ((rows[row - 1][column - 1] ?? null) === null) store(row, column, master);
      }
    }
  }
  return { name, rows, formulasWithoutValue };
}

/** Targets of a relationships part, by id, as paths inside the zip. */
async function readRelationships(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry | undefined,
  budget: Budget,
): Promise<{ byId: Map<string, string>; byType: Map<string, string> }> {
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  if (!entry) return { byId, byType };
  // "xl/_rels/workbook.xml.rels" speaks of targets relative to "xl/"
  const base = path.posix.dirname(path.posix.dirname(entry.fileName));
  await parsePart(zip, entry, budget, (parser) => {
    parser.on('opentag', (tag) => {
      if (localName(tag.name) !== 'Relationship') return;
      const { Id, Target, Type } = tag.attributes as Record<string, string>;
      if (!Target) return;
      const target = Target.startsWith('/') ? Target.slice(1) : path.posix.normalize(path.posix.join(base, Target));
      if (Id) byId.set(Id, target);
      if (Type) byType.set(Type.slice(Type.lastIndexOf('/') + 1), target);
    });
  });
  return { byId, byType };
}

/** Every worksheet of the workbook, in the workbook's order. */
export async function readXlsx(buffer: Buffer): Promise<Table> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { validateEntrySizes: true, strictFileNames: false });
  } catch (error) {
    throw ReadRefusal.unreadable((error as Error).message);
  }
  if (zip.entryCount > READ_LIMITS.parts) throw new ReadRefusal({ limit: 'parts' });
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
  } catch (error) {
    throw ReadRefusal.unreadable((error as Error).message);
  }
  const budget = new Budget();
  const part = (name: string | undefined) => (name ? entries.get(name.toLowerCase()) : undefined);

  const root = await readRelationships(zip, part('_rels/.rels'), budget);
  const workbookPath = root.byType.get('officeDocument') ?? 'xl/workbook.xml';
  const workbookEntry = part(workbookPath);
  if (!workbookEntry) throw ReadRefusal.unreadable(API_WORDS.workbook.noWorkbookPart);
  const relationships = await readRelationships(
    zip,
    part(path.posix.join(path.posix.dirname(workbookPath), '_rels', `${path.posix.basename(workbookPath)}.rels`)),
    budget,
  );

  const sheets: { name: string; id: string }[] = [];
  let date1904 = false;
  await parsePart(zip, workbookEntry, budget, (parser) => {
    parser.on('opentag', (tag) => {
      const name = localName(tag.name);
      const attributes = tag.attributes as Record<string, string>;
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name === 'sheet') {
        const id = Object.entries(attributes).find(([key]) => localName(key) === 'id')?.[1] ?? '';
        sheets.push({ name: attributes.name ?? '', id });
      }
    });
  });

  const folder = path.posix.dirname(workbookPath);
  const sharedStringsEntry = part(relationships.byType.get('sharedStrings') ?? `${folder}/sharedStrings.xml`);
  const stylesEntry = part(relationships.byType.get('styles') ?? `${folder}/styles.xml`);
  const context: SheetContext = {
    sharedStrings: sharedStringsEntry ? await readSharedStrings(zip, sharedStringsEntry, budget) : [],
    dateStyles: stylesEntry ? await readDateStyles(zip, stylesEntry, budget) : [],
    date1904,
    cells: { count: 0 },
  };
  const table: Table = { sheets: [] };
  for (const sheet of sheets) {
    const entry = part(relationships.byId.get(sheet.id));
    // chart sheets and dialog sheets have no cells
    if (!entry || !/worksheets\//i.test(entry.fileName)) continue;
    table.sheets.push(await readSheet(zip, entry, sheet.name, context, budget));
  }
  zip.close();
  return table;
}
