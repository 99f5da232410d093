// The import template: one row per reporting unit of the person's jurisdiction for a quarter,
// with Chinese (or English) headers, GB/T 2260 codes and an instructions sheet.
import { IMPORT_COLUMNS } from '@tuowei/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { API_WORDS } from '../../words.ts';
import { workbookBuffer } from '../../workbook/index.ts';
import { leafReportsAt } from './repository.ts';

export async function buildTemplate(
  db: Kysely<DB>,
  root: string | null,
  period: { year: number; quarter: number; text: string },
  language: 'zh' | 'en',
): Promise<Buffer> {
  // reporting units: the leaves of the subtree, with the stored report's figures where there is one
  const rows = await leafReportsAt(db, root, period);

  return workbookBuffer((workbook) => {
    const sheet = workbook.sheet({
      name: '季报',
      frozen: { rows: 1, columns: 2 },
      columns: IMPORT_COLUMNS.map((column) => ({
        header: language === 'en' ? column.en : column.zh,
        width: column.key === 'name' || column.key === 'comment' ? 24 : Math.max(12, column.zh.length * 2 + 2),
        // codes are text: 533423 must not become a number that loses leading zeros elsewhere
        ...(column.key === 'code' ? { numFmt: '@' } : {}),
      })),
    });
    for (const row of rows) {
      const values: Record<string, string | number | null> = {
        code: row.code,
        name: row.name,
        period: period.text,
        places: row.places,
        affordablePlaces: row.affordable_places,
        childrenEnrolled: row.children_enrolled,
        secondChildMonths: row.second_child_months,
        thirdChildMonths: row.third_child_months,
        ...(row.institutions ?? {}),
        comment: row.comment,
        version: row.version,
      };
      sheet.row(IMPORT_COLUMNS.map((column) => values[column.key] ?? null));
    }
    const help = workbook.sheet({ name: API_WORDS.import.instructionsSheet[language], columns: [{ width: 120 }] });
    for (const line of API_WORDS.import.instructions) help.row([line[language]]);
  });
}
