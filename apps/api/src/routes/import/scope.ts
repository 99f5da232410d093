// The one check every import makes of every row's unit: that it exists, lies in the person's
// jurisdiction and was not retired by a boundary change by the day the row's figures describe
// (the same rule as every other write path's: packages/shared retiredCodeRefusal), for every kind at once.
import { fieldMessage, type ImportProblem } from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import type { User } from '../../auth/users.ts';
import { readSuccessions } from '../../db/lineage.ts';
import type { DB } from '../../db/schema.ts';
import { retiredRowReason } from '../successions/retired.ts';
import { unitsInScope } from './repository.ts';

export interface ScopedUnit {
  code: string;
  name: string;
}

/**
 * The units these rows name, checked at once: for each row either its unit or a problem naming
 * the row's code cell (at `column`, the header in the reader's language). `dayOf` is the last day
 * the row's figures describe (YYYY-MM-DD): a code retired on or before it is the successor's.
 */
export async function checkUnits<Row extends { row: number }>(
  db: Kysely<DB> | Transaction<DB>,
  user: User,
  rows: readonly Row[],
  codeOf: (row: Row) => string,
  dayOf: (row: Row) => string,
  column: string,
  language: 'zh' | 'en',
): Promise<{ row: Row; unit: ScopedUnit | null; problem: ImportProblem | null }[]> {
  const units = new Map(
    (await unitsInScope(db, [...new Set(rows.map(codeOf))], user.jurisdictionCode)).map((unit) => [unit.code, unit]),
  );
  const successions = await readSuccessions(db);
  return rows.map((row) => {
    const code = codeOf(row);
    const unit = units.get(code);
    const reason = !unit ? 'unknown_jurisdiction' : !unit.in_scope ? 'outside_jurisdiction' : null;
    const retired = reason ? null : retiredRowReason(successions, code, dayOf(row), language);
    if (retired) return { row, unit: null, problem: { row: row.row, column, value: code, reason: retired } };
    if (!unit || reason)
      return {
        row,
        unit: null,
        problem: {
          row: row.row,
          column,
          value: code,
          reason: fieldMessage(reason ?? 'unknown_jurisdiction', language),
        },
      };
    return { row, unit: { code: unit.code, name: unit.name }, problem: null };
  });
}
