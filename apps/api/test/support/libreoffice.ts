// LibreOffice (Debian's libreoffice-calc-nogui) as the independent reader of the workbooks we
// write: every sheet converted to UTF-8 CSV.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export function hasLibreOffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Each sheet of an .xlsx, by name, as rows of text the way LibreOffice reads it. */
export function readSheetsByName(xlsx: Buffer): Map<string, string[][]> {
  if (!hasLibreOffice()) {
    throw new Error('This test reads workbooks back with LibreOffice: apt-get install libreoffice-calc-nogui');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-lo-'));
  try {
    const input = path.join(dir, 'book.xlsx');
    fs.writeFileSync(input, xlsx);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        // …,true (the 9th): cells as the workbook shows them, number formats applied
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        dir,
        input,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const sheets = new Map<string, string[][]>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
      const name = file.replace(/^book-/, '').replace(/\.csv$/, '');
      sheets.set(
        name,
        parse(fs.readFileSync(path.join(dir, file), 'utf8'), { relax_column_count: true }) as string[][],
      );
    }
    return sheets;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
