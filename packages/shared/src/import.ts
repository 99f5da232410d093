// The bulk-import sheet: its columns (Chinese headers, English accepted too) and how one row
// becomes a report input or a list of problems naming the row, the column and the value.

import { z } from 'zod';
import { fieldMessage } from './messages.ts';
import { parsePeriod } from './period.ts';
import { type ReportInput, reportInputSchema } from './report.ts';
import { DIVISION_CODE, INSTITUTION_KINDS, type InstitutionKind } from './vocabulary.ts';

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  /** Where the value goes in a report input; null for columns only read for checks or shown. */
  field:
    | 'places'
    | 'affordablePlaces'
    | 'childrenEnrolled'
    | 'secondChildMonths'
    | 'thirdChildMonths'
    | 'comment'
    | InstitutionKind
    | null;
  required: boolean;
  /** Other headers that name this column as offices write them (公办 for 机构数：公办). */
  aliases?: readonly string[];
}

const INSTITUTION_HEADERS: Record<InstitutionKind, [string, string]> = {
  public: ['公办', 'Public'],
  public_private: ['公办民营', 'Publicly owned, privately run'],
  affordable_private: ['普惠性民办', 'Affordable private'],
  for_profit: ['营利性', 'For-profit'],
  standalone: ['独立托育机构', 'Stand-alone institutions'],
  kindergarten_class: ['幼儿园托班', 'Kindergarten classes'],
  community_point: ['社区托育点', 'Community points'],
  family_point: ['家庭托育点', 'Family points'],
  employer: ['用人单位办托', 'Employer-run'],
  comprehensive_centre: ['托育综合服务中心', 'Comprehensive service centres'],
  demonstration: ['示范性托育机构', 'Demonstration institutions'],
  public_demonstration: ['公办示范性综合托育机构', 'Public demonstration institutions'],
  public_guidance: ['承担指导功能的公办托育机构', 'Public institutions with a guidance role'],
  public_independent: ['公办独立托育机构', 'Public independent institutions'],
};

export const IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'code', zh: '行政区划代码', en: 'Division code', field: null, required: true },
  { key: 'name', zh: '名称', en: 'Name', field: null, required: false },
  { key: 'period', zh: '季度', en: 'Quarter', field: null, required: true },
  { key: 'places', zh: '托位数', en: 'Places', field: 'places', required: true },
  { key: 'affordablePlaces', zh: '普惠托位数', en: 'Affordable places', field: 'affordablePlaces', required: true },
  { key: 'childrenEnrolled', zh: '在托婴幼儿数', en: 'Children enrolled', field: 'childrenEnrolled', required: false },
  {
    key: 'secondChildMonths',
    zh: '普惠托育二孩在托人月数',
    en: 'Second-child months in care (affordable)',
    field: 'secondChildMonths',
    required: false,
  },
  {
    key: 'thirdChildMonths',
    zh: '普惠托育三孩在托人月数',
    en: 'Third-child months in care (affordable)',
    field: 'thirdChildMonths',
    required: false,
  },
  ...INSTITUTION_KINDS.map((kind) => ({
    key: kind,
    zh: `机构数：${INSTITUTION_HEADERS[kind][0]}`,
    en: `Institutions: ${INSTITUTION_HEADERS[kind][1]}`,
    field: kind,
    required: false,
    aliases: INSTITUTION_HEADERS[kind],
  })),
  { key: 'comment', zh: '备注', en: 'Comment', field: 'comment', required: false },
  { key: 'version', zh: '版本', en: 'Version', field: null, required: false },
];

// Headers as county offices write them: "托位数（个）", "其中：普惠托位数", "托位数*" name the column too.
const normalise = (header: string) =>
  header
    .replace(/\s+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/^其中[:：]?/, '')
    .replace(/\((个|所|人|名|家|处|张)\)$/, '')
    .replace(/^\*|\*$/g, '')
    .toLowerCase();

/** A running-number column (序号) is part of a county's layout, not a column the import ignores by mistake. */
export const isRowNumberHeader = (header: string) => /^(序号|序|编号|no\.?|#)$/i.test(header.replace(/\s+/g, ''));

/**
 * Which column each header names (Chinese, English or an alias; spaces and full-width brackets
 * ignored), of an import's columns: the quarterly reports' by default, or another kind's.
 */
export function matchHeaders<Column extends ImportColumn = ImportColumn>(
  headers: readonly string[],
  importColumns: readonly Column[] = IMPORT_COLUMNS as unknown as Column[],
): {
  columns: (Column | null)[];
  missing: Column[];
} {
  const byName = new Map<string, Column>();
  for (const column of importColumns) {
    for (const name of [column.zh, column.en, ...(column.aliases ?? [])]) byName.set(normalise(name), column);
  }
  const columns = headers.map((header) => byName.get(normalise(String(header ?? ''))) ?? null);
  const missing = importColumns.filter((column) => column.required && !columns.includes(column));
  return { columns, missing };
}

export interface ImportProblem {
  /** The row number as the spreadsheet shows it (the header is row 1 in a plain sheet). */
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface ImportRow {
  row: number;
  code: string;
  period: string;
  year: number;
  quarter: number;
  input: ReportInput;
  /** The version the sheet was made from, when it says. */
  version: number | null;
}

/** A cell as read from a file: text from CSV, number or text from a workbook. */
export type RawCell = string | number | null;

/** Why a row below the header is not a report: blank, a totals line, a footer (who filled it in), a note. */
export const SKIP_REASONS = ['empty', 'total', 'footer', 'note'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

// Labels as county offices write them, spaces removed ("合  计"): 合计, 小计, 全县合计, 香格里拉市小计…
const TOTAL_LABEL = /^(合计|总计|小计|共计)|(合计|总计|小计|共计)[:：]?$|^(sub-?)?totals?[:：]?$/i;
// 填表人：张三, 审核人, 填报日期：2026年10月8日, 联系电话, 单位负责人, （盖章）…
const FOOTER_LABEL =
  /^(填表人|填报人|制表人|统计人|审核人|审批人|复核人|单位负责人|统计负责人|负责人|分管领导|填报日期|填表日期|制表日期|报送日期|联系电话|联系人|填报单位|\(盖章\)|（盖章）|prepared\s?by|checked\s?by|approved\s?by|date\b)/i;
// 备注：…, 说明：…, 注：…; and the numbered lines under them ("2、普惠托位指…")
const NOTE_LABEL = /^(备注|说明|注|附注|notes?)([:：]|$)|^注\d/i;
const NUMBERED_LINE = /^(\d{1,2}|[一二三四五六七八九十]{1,3})[、.．]\D|^[（(]\d{1,2}[)）]\D/;

const compact = (cell: RawCell | undefined) => (cell === null || cell === undefined ? '' : String(cell).trim());

/**
 * A row below the header that is not a report, recognised by what it says, never by failing: a
 * row whose division code looks real is always read as data, so that its bad numbers are named.
 * Merged cells repeat their text in every cell they cover, so a label is looked for in any
 * column that is not a number's.
 */
export function nonDataRow(
  cells: readonly RawCell[],
  columns: readonly (ImportColumn | null)[],
): { reason: SkipReason; label: string | null } | null {
  const texts = cells.map(compact);
  if (texts.every((text) => text === '')) return { reason: 'empty', label: null };
  const codeAt = columns.findIndex((column) => column?.key === 'code');
  if (codeAt >= 0 && DIVISION_CODE.test(texts[codeAt] ?? '')) return null;
  const label = (text: string) => text.slice(0, 60);
  const first = texts.find((text) => text !== '') as string;
  const bare = first.replace(/\s+/g, '');
  if (FOOTER_LABEL.test(bare)) return { reason: 'footer', label: label(first) };
  if (NOTE_LABEL.test(bare)) return { reason: 'note', label: label(first) };
  const labels = texts.filter((text, index) => {
    const key = columns[index]?.key;
    return (
      text !== '' && typeof cells[index] !== 'number' && (!key || key === 'code' || key === 'name' || key === 'period')
    );
  });
  const total = labels.find((text) => TOTAL_LABEL.test(text.replace(/\s+/g, '')));
  if (total) return { reason: 'total', label: label(total) };
  const distinct = new Set(texts.filter((text) => text !== ''));
  if (distinct.size === 1 && typeof cells.find((cell) => compact(cell) !== '') === 'string' && NUMBERED_LINE.test(bare))
    return { reason: 'note', label: label(first) };
  return null;
}

/** Numbers as people type them: "1,234", " 56 ", "1 234" and full-width digits are all 1234-like. */
export function readNumber(cell: RawCell): number | null | 'invalid' {
  if (cell === null) return null;
  if (typeof cell === 'number') return cell;
  const text = cell.replace(/[\uFF10-\uFF19]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/[,，\s]/g, '');
  if (text === '' || text === '-' || text === '—') return null;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return 'invalid';
  return Number(text);
}

export type RowOutcome<Row = ImportRow> =
  | { kind: 'row'; row: Row }
  | { kind: 'skip'; reason: SkipReason; label: string | null }
  | { kind: 'problems'; problems: ImportProblem[] };

/**
 * One row's cells by column key, and its problems: each named by the row, the column's header in
 * the reader's language and the cell's text, one problem per cell (the first found).
 */
export function rowCells(
  rowNumber: number,
  cells: readonly RawCell[],
  columns: readonly (ImportColumn | null)[],
  kindColumns: readonly ImportColumn[],
  language: 'zh' | 'en',
) {
  const byKey = new Map<string, RawCell>();
  columns.forEach((column, index) => {
    if (column) byKey.set(column.key, cells[index] ?? null);
  });
  const text = (key: string) => {
    const value = byKey.get(key);
    return value === null || value === undefined ? '' : String(value).trim();
  };
  const header = (key: string) => {
    const column = kindColumns.find((c) => c.key === key);
    return column ? column[language] : key;
  };
  const problems: ImportProblem[] = [];
  return {
    has: (key: string) => byKey.has(key),
    cell: (key: string) => byKey.get(key) ?? null,
    text,
    header,
    problems,
    /** A problem with a cell; `reason` is a message key (with `|value`) or words already said. */
    problem(key: string, reason: string) {
      if (problems.some((p) => p.column === header(key))) return;
      problems.push({ row: rowNumber, column: header(key), value: text(key), reason: fieldMessage(reason, language) });
    },
  };
}

/** One data row of the sheet, checked as the form and the API check a report. */
export function readImportRow(
  rowNumber: number,
  cells: readonly RawCell[],
  columns: readonly (ImportColumn | null)[],
  language: 'zh' | 'en',
): RowOutcome {
  const skip = nonDataRow(cells, columns);
  if (skip) return { kind: 'skip', ...skip };
  const read = rowCells(rowNumber, cells, columns, IMPORT_COLUMNS, language);
  const { text, problem, problems } = read;
  const byKey = { has: read.has, get: read.cell };

  const code = text('code');
  if (!DIVISION_CODE.test(code)) problem('code', 'division_code');
  const period = parsePeriod(text('period').toUpperCase());
  if (!period) problem('period', 'period');

  const draft: Record<string, unknown> = {};
  const institutions: Record<string, unknown> = {};
  for (const column of IMPORT_COLUMNS) {
    if (!column.field || !byKey.has(column.key)) continue;
    if (column.field === 'comment') {
      const comment = text('comment');
      draft.comment = comment === '' ? null : comment;
      continue;
    }
    const value = readNumber(byKey.get(column.key) ?? null);
    if (value === 'invalid') {
      problem(column.key, 'whole_number');
      continue;
    }
    if (value === null) {
      if (column.required) problem(column.key, 'required');
      continue;
    }
    if (
      column.field === 'places' ||
      column.field === 'affordablePlaces' ||
      column.field === 'childrenEnrolled' ||
      column.field === 'secondChildMonths' ||
      column.field === 'thirdChildMonths'
    ) {
      draft[column.field] = value;
    } else {
      institutions[column.field] = value;
    }
  }
  if (Object.keys(institutions).length > 0) draft.institutions = institutions;

  let version: number | null = null;
  if (text('version') !== '') {
    const parsed = readNumber(byKey.get('version') ?? null);
    if (typeof parsed !== 'number' || !Number.isInteger(parsed) || parsed < 1) problem('version', 'whole_number');
    else version = parsed;
  }

  const parsed = reportInputSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, kind] = issue.path.map(String);
      const key = field === 'institutions' && kind ? kind : field;
      // a cell already reported (a word where a number belongs) is not reported twice: problem() keeps the first
      if (IMPORT_COLUMNS.some((column) => column.key === key)) problem(key, issue.message);
    }
  }
  if (problems.length > 0 || !parsed.success || !period) return { kind: 'problems', problems };
  return {
    kind: 'row',
    row: {
      row: rowNumber,
      code,
      period: text('period').toUpperCase(),
      year: period.year,
      quarter: period.quarter,
      input: parsed.data,
      version,
    },
  };
}

export const importProblemSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});

/**
 * What every import answers around its rows (quarterly reports, populations, residential projects,
 * yearly indicators): the file read, what would change or changed, every row skipped and every
 * problem; `rows` are the kind's own (each with its row number, unit, name and action).
 */
export function importResultSchemaOf<Row extends z.ZodRawShape>(row: Row) {
  return z.object({
    mode: z.enum(['dry-run', 'commit']),
    /** True when every row is good: a dry run that may be committed, or a commit that was. */
    ok: z.boolean(),
    committed: z.boolean(),
    fileName: z.string().nullable(),
    encoding: z.string().nullable(),
    headerRow: z.number().int(),
    rowsRead: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    /** Rows below the header that are not records, each with why and the text that said so. */
    skipped: z.array(z.object({ row: z.number().int(), reason: z.enum(SKIP_REASONS), label: z.string().nullable() })),
    ignoredColumns: z.array(z.string()),
    problems: z.array(importProblemSchema),
    rows: z.array(
      z.object({
        row: z.number().int(),
        code: z.string(),
        name: z.string(),
        action: z.enum(['create', 'update', 'unchanged']),
        ...row,
      }),
    ),
  });
}

export const importResultSchema = importResultSchemaOf({
  period: z.string(),
  places: z.number().int(),
  affordablePlaces: z.number().int(),
  before: z
    .object({ places: z.number().int(), affordablePlaces: z.number().int(), version: z.number().int() })
    .nullable(),
}).extend({ submitted: z.number().int() });
export type ImportResult = z.infer<typeof importResultSchema>;
