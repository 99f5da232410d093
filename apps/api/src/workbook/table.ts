// What reading an upload gives (tables of cell values, sheet by sheet) and why it may refuse, in
// a shape that crosses from the reading thread to the server's as it is.
import type { RawCell, Words } from '@tuowei/shared';
import { asIs, inBoth } from '../words.ts';
import type { FileLimit } from './limits.ts';

export interface TableSheet {
  name: string;
  /** Rows from the sheet's first (index 0 is row 1) to the last that holds a value. */
  rows: RawCell[][];
  /** Cells that hold a formula but no saved result (a file written by a program, never opened in Excel). */
  formulasWithoutValue: { row: number; column: number }[];
}

export interface Table {
  sheets: TableSheet[];
  /** How a CSV's text was encoded. */
  encoding?: 'utf-8' | 'gb18030';
}

export type Refusal =
  | { kind: 'limit'; limit: FileLimit; where?: Words }
  /** Why, in the reader's words where we know them, else as the zip or XML library said it. */
  | { kind: 'unreadable'; detail: Words }
  /** A CSV whose lines are not all in one encoding: the first line that is not in the file's. */
  | { kind: 'mixed_encoding'; line: number; encoding: 'utf-8' | 'gb18030' };

export class ReadRefusal extends Error {
  readonly refusal: Refusal;
  constructor(refusal: Refusal | Omit<Extract<Refusal, { kind: 'limit' }>, 'kind'>) {
    const full: Refusal = 'kind' in refusal ? refusal : { kind: 'limit', ...refusal };
    super(full.kind === 'limit' ? `over the ${full.limit} limit` : full.kind);
    this.refusal = full;
  }

  static unreadable(detail: string | Words): ReadRefusal {
    const words = typeof detail === 'string' ? asIs(detail) : detail;
    return new ReadRefusal({ kind: 'unreadable', detail: inBoth((language) => words[language].slice(0, 200)) });
  }
}
