// The uploads of issue 11's attack, made as an attacker makes them: workbooks written part by part
// (zip.ts), so that their sheets declare, hold or inflate to what no spreadsheet program writes.
// Shared by the import's tests and by `npm run hostile:files`.
import { type Deflated, deflate, type ZipPart, zip } from './zip.ts';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="季报" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_START =
  '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
/** The import's header in row 1, as shared strings 0 to 3. */
const HEADER_ROW =
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>';
const HEADER_STRINGS = ['行政区划代码', '季度', '托位数', '普惠托位数'];

const sharedStrings = (strings: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;

/** A one-sheet workbook (sheet 季报) around this sheet part and shared-strings part. */
export function workbook(
  sheet: Pick<ZipPart, 'data' | 'declaredSize'>,
  strings: ZipPart['data'] = sharedStrings(HEADER_STRINGS),
) {
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    { name: 'xl/sharedStrings.xml', data: strings },
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ]);
}

/** A sheet part whose rows come from a generator, in chunks. */
function* sheetOf(rows: () => Iterable<string>, before = ''): Iterable<Buffer> {
  yield Buffer.from(`${SHEET_START}${before}<sheetData>${HEADER_ROW}`);
  let chunk: string[] = [];
  for (const row of rows()) {
    chunk.push(row);
    if (chunk.length === 5000) {
      yield Buffer.from(chunk.join(''));
      chunk = [];
    }
  }
  yield Buffer.from(`${chunk.join('')}</sheetData></worksheet>`);
}

/** 1.4 KB: one cell at XFD1048576 and a dimension that says the sheet reaches it. */
export const declaredDimension = () =>
  workbook({
    data: `${SHEET_START}<dimension ref="A1:XFD1048576"/><sheetData>${HEADER_ROW}<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`,
  });

const MB = 1024 * 1024;

/** 2 GB of spaces in a sheet, deflated once (it takes seconds) for every bomb made of it. */
let spaces: Promise<Deflated> | undefined;

/** About 2 MB: a sheet of 2 GB of spaces, deflated for real; the size it declares may lie. */
export const zipBomb = async (declaredSize?: number) => {
  spaces ??= deflate(() =>
    (function* () {
      yield Buffer.from(`${SHEET_START}<sheetData>`);
      const chunk = Buffer.alloc(MB, 0x20);
      for (let i = 0; i < 2048; i++) yield chunk;
      yield Buffer.from('</sheetData></worksheet>');
    })(),
  );
  return workbook({ data: await spaces, declaredSize });
};

/** 700,000 rows of four cells (the period a shared string), under the 10 MB upload limit. */
export const manyRows = () =>
  workbook(
    {
      data: () =>
        sheetOf(function* () {
          for (let r = 2; r <= 700_001; r++)
            yield `<row r="${r}"><c><v>${110_000 + (r % 2850)}</v></c><c t="s"><v>4</v></c><c><v>900</v></c><c><v>500</v></c></row>`;
        }),
    },
    sharedStrings([...HEADER_STRINGS, '2025Q1']),
  );

/** 500,000 CSV rows, 7 MB. */
export const manyCsvRows = () => {
  const lines = ['行政区划代码,季度,托位数,普惠托位数'];
  for (let i = 0; i < 500_000; i++) lines.push(`${i % 10},2025Q1,9,5`);
  return Buffer.from(lines.join('\r\n'));
};

/** A value in column 300 (KN). */
export const wideSheet = () =>
  workbook({
    data: `${SHEET_START}<sheetData>${HEADER_ROW}<row r="2"><c r="KN2"><v>1</v></c></row></sheetData></worksheet>`,
  });

export const wideCsv = () =>
  Buffer.from(`行政区划代码,季度,托位数,普惠托位数\r\n533423,2025Q1,1,0,${Array(300).fill('1').join(',')}\r\n`);

/** A shared-strings table of 2.5 million entries (40 MB inflated, 100 KB sent). */
export const manySharedStrings = () =>
  workbook({ data: `${SHEET_START}<sheetData>${HEADER_ROW}</sheetData></worksheet>` }, () =>
    (function* () {
      yield Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
      );
      for (const header of HEADER_STRINGS) yield Buffer.from(`<si><t>${header}</t></si>`);
      const block = Buffer.from('<si><t>x</t></si>'.repeat(10_000));
      for (let i = 0; i < 250; i++) yield block;
      yield Buffer.from('</sst>');
    })(),
  );

/** A CSV whose first rows are UTF-8 and whose fourth is GBK (pasted from an older file). */
export function mixedEncodingCsv(): Buffer {
  return Buffer.concat([
    Buffer.from(
      '行政区划代码,季度,托位数,普惠托位数,备注\r\n533423,2025Q1,610,355,UTF8备注\r\n533421,2025Q1,1000,600,\r\n',
    ),
    // "533422,2025Q1,380,180,德钦" in GBK
    Buffer.from('533422,2025Q1,380,180,', 'latin1'),
    Buffer.from([0xb5, 0xc2, 0xc7, 0xd5]),
    Buffer.from('\r\n'),
  ]);
}

/** A sheet written by a program: places in D3 are a formula whose result was never saved. */
export const formulaWithoutValue = () =>
  workbook(
    {
      data: `${SHEET_START}<sheetData>${HEADER_ROW.replace('<c r="D1" t="s"><v>3</v></c>', '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>')}<row r="2"><c r="A2" t="inlineStr"><is><t>533423</t></is></c><c r="B2" t="inlineStr"><is><t>2025Q1</t></is></c><c r="C2"><v>610</v></c><c r="D2"><v>355</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>533421</t></is></c><c r="B3" t="inlineStr"><is><t>2025Q1</t></is></c><c r="C3"><v>1000</v></c><c r="D3"><f>C3*0.6</f></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>合计</t></is></c><c r="C4"><f>SUM(C2:C3)</f></c></row></sheetData></worksheet>`,
    },
    sharedStrings([...HEADER_STRINGS, '备注']),
  );

/**
 * Within every byte and cell limit, more text than the reader's heap holds: 3,000 shared strings
 * and 3,000 inline strings of 30,000 characters (180 MB inflated, 200 KB sent).
 */
export const heapHungry = () => {
  const text = 'x'.repeat(30_000);
  return workbook(
    {
      data: () =>
        sheetOf(function* () {
          for (let r = 2; r <= 3001; r++)
            yield `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text}</t></is></c></row>`;
        }),
    },
    () =>
      (function* () {
        yield Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
        for (const header of HEADER_STRINGS) yield Buffer.from(`<si><t>${header}</t></si>`);
        for (let i = 0; i < 3000; i++) yield Buffer.from(`<si><t>${text}</t></si>`);
        yield Buffer.from('</sst>');
      })(),
  );
};
