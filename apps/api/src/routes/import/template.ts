// The import template: one row per reporting unit of the person's jurisdiction for a quarter,
// with Chinese (or English) headers, GB/T 2260 codes and an instructions sheet.
import { IMPORT_COLUMNS } from '@tuowei/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { workbookBuffer } from '../../workbook/index.ts';
import { leafReportsAt } from './repository.ts';

const INSTRUCTIONS = {
  zh: [
    '托位季报导入模板：每行是一个行政区划一个季度的季报。',
    '“行政区划代码”为 6 位 GB/T 2260 代码；“季度”写作 2025Q1。',
    '托位数、普惠托位数必填，须为不小于 0 的整数，普惠托位数不能大于托位数。',
    '在托婴幼儿数和各类机构数可留空（表示未知，不是 0）。',
    '二孩、三孩在托人月数：本季度在完成备案且按普惠指导价收费的托育机构中在托的二孩、三孩人数按月累计（如 10 名二孩在托 3 个月为 30），用于计算保育费补贴；可留空。',
    '“版本”列由模板填写：若季报在下载后被他人修改，导入时会提示重新下载。',
    '已提交或已审核的季报不能通过导入修改，需先由审核人员退回。',
    '可以先“试导入”，查看将新建、修改的内容和每一处错误（行号、列、值、原因），确认无误后再正式导入；有任何一行错误时不会写入任何数据。',
    '也可以另存为 CSV（UTF-8 或 GBK 编码均可）后导入。',
  ],
  en: [
    'Tuowei quarterly report import: each row is one jurisdiction and one quarter.',
    '"Division code" is the 6-digit GB/T 2260 code; "Quarter" is written 2025Q1.',
    'Places and affordable places are required whole numbers, at least 0; affordable cannot exceed places.',
    'Children enrolled and institution counts may be left empty (unknown, not zero).',
    "Second- and third-child months in care: this quarter's months in care of second and third children in registered institutions charging the affordable guide price (10 second children for 3 months is 30), for the care subsidy; may be left empty.",
    'The "Version" column is filled by the template: if a report changed after you downloaded it, the import says so.',
    'Submitted or approved reports cannot be changed by an import; a reviewer must return them first.',
    'Run a dry run first to see what would be created or changed and every problem (row, column, value, reason); if any row is wrong, nothing is written.',
    'You may also save the sheet as CSV (UTF-8 or GBK) and import that.',
  ],
};

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
    const help = workbook.sheet({ name: language === 'en' ? 'Instructions' : '说明', columns: [{ width: 120 }] });
    for (const line of INSTRUCTIONS[language]) help.row([line]);
  });
}
