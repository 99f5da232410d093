// The gap report as a workbook (streamed by the workbook module) or as CSV (UTF-8 with BOM, formulas
// neutralised), in the reader's language. Figures are written unrounded; the workbook formats them.
import { PassThrough, type Readable } from 'node:stream';
import {
  type Bilingual,
  COMPARATOR_WORDS,
  csvField,
  DATA_STATUS_WORDS,
  FINAL_ACCOUNT_COLUMNS,
  type FinalAccount,
  type FinalAccountRow,
  GAP_COLUMNS,
  GAP_UNIT_WORDS,
  type GapRow,
  indicatorCountsNote,
  type Language,
  metricDefinition,
  metricWords,
  nameIn,
  neutraliseFormula,
  STATUS_WORDS,
  UNIT_AND_TARGET_COLUMNS,
  YES_NO,
} from '@tuowei/shared';
import { CSV_ROOM_BYTES, roomIn } from '../../reader-pace.ts';
import { API_WORDS, asIs } from '../../words.ts';
import { streamWorkbook, type WorkbookWriter } from '../../workbook/index.ts';
import { COUNTRY, type GapReport, type TakeRows, type WithoutRows } from './build.ts';
import { type FundingSheetInput, writeFundingSheet } from './funding-sheet.ts';
import { writeResidentialSheet } from './residential-sheet.ts';

type Cell = string | number | boolean | Date | null;

/**
 * A report's rows handed to `take` as they are made, then the rest of it: the country's come
 * province by province while the file is written, a remembered report's all at once.
 */
export type RowsThenRest<Row, Rest> = (take: TakeRows<Row>) => Promise<Rest>;

/** A report already built, handed over as one lot of rows. */
export function allAtOnce<Report extends { rows: readonly Row[] }, Row>(
  report: Report,
): RowsThenRest<Row, WithoutRows<Report>> {
  return async (take) => {
    await take(report.rows);
    const { rows, ...rest } = report;
    return { ...rest, rowCount: rows.length } as WithoutRows<Report>;
  };
}

export interface ExportContext {
  report: RowsThenRest<GapRow, WithoutRows<GapReport>>;
  language: Language;
  exportedBy: string;
  exportedAt: Date;
  /** The audit trail's last row when exported, for an auditor to compare later (GET /audit/verify). */
  chainHead: { id: number; hash: string } | null;
  /** The funding rules' amounts for the quarter's year, written as the workbook's last sheet (units named as in their rows). */
  funding?: Omit<FundingSheetInput, 'nameOf'>;
}

/** "2025-01-15 18:00" in Beijing time. */
export function beijingTime(date: Date | string): string {
  return new Date(new Date(date).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** What the gap report's and the final account's rows both carry that is written as words. */
type WordedRow = Pick<
  GapRow,
  | 'name'
  | 'nameEn'
  | 'metric'
  | 'institutionKind'
  | 'comparator'
  | 'status'
  | 'dataStatus'
  | 'indicatorCounts'
  | 'gapUnit'
>;

/** Columns holding a moment, written in Beijing time. */
const MOMENTS: ReadonlySet<string> = new Set(['approvedAt', 'lastChangedAt']);

/** A row's cells in the order of its columns, words in the reader's language. */
function rowCells<Row extends WordedRow>(
  row: Row,
  columns: readonly { key: keyof Row & string }[],
  language: Language,
): Cell[] {
  return columns.map(({ key }) => {
    const value: unknown = row[key];
    switch (key) {
      case 'name':
        return nameIn(row, language);
      case 'metric':
        return metricWords(row.metric, row.institutionKind, language);
      case 'comparator':
        return COMPARATOR_WORDS[language][row.comparator];
      case 'gapUnit':
        return GAP_UNIT_WORDS[language][row.gapUnit].other;
      case 'status':
        return STATUS_WORDS[language][row.status];
      case 'dataStatus':
        return DATA_STATUS_WORDS[language][row.dataStatus];
      case 'indicatorCounts':
        return row.indicatorCounts && indicatorCountsNote(row.metric, row.indicatorCounts, language);
      default:
        if (MOMENTS.has(key)) return value === null ? null : beijingTime(value as string);
        if (typeof value === 'boolean') return YES_NO[language][value ? 0 : 1];
        return value as Cell;
    }
  });
}

const cells = (row: GapRow, language: Language) => rowCells(row, GAP_COLUMNS, language);

/**
 * Number formats that depend on the row's metric, as the metric table defines it: a share written
 * as a fraction is a percent, a count is whole, a ratio or rate has 2 decimals.
 */
function metricFormat(row: Pick<GapRow, 'metric'>): string {
  const definition = metricDefinition(row.metric);
  if (definition.fraction) return '0.0%';
  if (definition.kind === 'count') return '#,##0';
  return '0.00';
}

const COLUMN_FORMATS: Record<string, string> = { year: '0', integer: '#,##0', pace: '#,##0.00', percent: '0.0%' };

const text = (words: Bilingual, language: Language) => words[language];
const WORDS = API_WORDS.gapReport;
const COVER = WORDS.cover;

/** The headers the other sheets share with the rows' first columns (code, name, document number). */
const unitColumn = (key: 'code' | 'name' | 'documentNumber'): Bilingual =>
  UNIT_AND_TARGET_COLUMNS.find((column) => column.key === key) ?? asIs(key);

/** What a cover describes: the subtree, the reports counted, the rows, whether demo data is in them. */
interface Covered {
  root: { code: string; name: string; nameEn: string };
  counting: GapReport['counting'];
  rowCount: number;
  demo: boolean;
}

/**
 * The cover sheet the gap report and the final account begin with: the title, the subtree, the
 * quarter (and the rule an export judges by), the reports counted, when and by whom it was
 * exported, the audit chain's head, the number of rows, and a warning when demo data is in it.
 * Written last, once the rows are counted, and shown first.
 */
function writeCover(
  workbook: WorkbookWriter,
  covered: Covered,
  context: Omit<ExportContext, 'report'>,
  lines: { title: string; period: [string, string]; rule?: [string, string] },
): void {
  const { language } = context;
  const cover = workbook.sheet({
    name: text(COVER.sheet, language),
    columns: [{ width: 26 }, { width: 70 }],
    first: true,
  });
  const rows: [string, string][] = [
    [lines.title, ''],
    [
      text(COVER.jurisdiction, language),
      covered.root.code === COUNTRY.code
        ? nameIn(COUNTRY, language)
        : text(COVER.subtree(nameIn(covered.root, language), covered.root.code), language),
    ],
    lines.period,
    ...(lines.rule ? [lines.rule] : []),
    [
      text(COVER.reportsCounted, language),
      covered.counting === 'approved_only'
        ? text(COVER.approvedOnly, language)
        : text(COVER.submittedAndApproved, language),
    ],
    [text(COVER.dataAsOf, language), text(COVER.beijingTime(beijingTime(context.exportedAt)), language)],
    [text(COVER.exportedBy, language), neutraliseFormula(context.exportedBy)],
    [text(COVER.chainHead, language), context.chainHead ? `#${context.chainHead.id} ${context.chainHead.hash}` : ''],
    [text(COVER.targetRows, language), String(covered.rowCount)],
  ];
  if (covered.demo) {
    rows.push([text(COVER.note, language), text(COVER.demo, language)]);
  }
  rows.forEach((values, index) => {
    cover.row(values, index === 0 ? { bold: true, size: 14 } : undefined);
  });
}

export function gapReportXlsx(context: ExportContext): Readable {
  const { language } = context;
  return streamWorkbook(async (workbook) => {
    const sheet = workbook.sheet({
      name: text(WORDS.gapsSheet, language),
      frozen: { rows: 1 },
      columns: GAP_COLUMNS.map((column) => ({
        header: language === 'en' ? column.en : column.zh,
        width: column.width,
        numFmt: COLUMN_FORMATS[column.format],
      })),
    });
    const metricColumns = ['value', 'current', 'forecast'].map(
      (key) => GAP_COLUMNS.findIndex((c) => c.key === key) + 1,
    );
    // each unit's name as its first row has it, for the funding sheet
    const names = new Map<string, string>();
    const report = await context.report(async (gaps) => {
      for (const gap of gaps) {
        const format = metricFormat(gap);
        sheet.row(
          cells(gap, language).map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)),
          { numFmt: Object.fromEntries(metricColumns.map((column) => [column, format])) },
        );
        if (!names.has(gap.code)) names.set(gap.code, nameIn(gap, language));
      }
      await workbook.drained();
    });

    const schedule = workbook.sheet({
      name: text(WORDS.schedule.sheet, language),
      columns: [
        { header: text(unitColumn('documentNumber'), language), width: 20 },
        { header: text(WORDS.schedule.year, language), width: 8 },
        { header: text(WORDS.schedule.scheduled, language), width: 18 },
        { header: text(WORDS.schedule.count, language), width: 10 },
        { header: text(WORDS.schedule.ratioTarget, language), width: 24 },
        { header: text(WORDS.schedule.population, language), width: 20 },
        { header: text(WORDS.schedule.needed, language), width: 12 },
        { header: text(WORDS.schedule.shortBy, language), width: 10 },
      ],
    });
    for (const finding of report.scheduleFindings) {
      await workbook.drained();
      schedule.row([
        finding.documentNumber,
        finding.year,
        metricDefinition(finding.scheduleMetric).words[language],
        finding.scheduled,
        `${metricDefinition(finding.ratioMetric).words[language]} ≥ ${finding.ratioValue}`,
        `${finding.population.value}（${finding.population.year}）`,
        finding.required,
        finding.shortfall,
      ]);
    }

    const reconciliation = workbook.sheet({
      name: text(WORDS.reconciliation.sheet, language),
      columns: [
        { header: text(unitColumn('code'), language), width: 12 },
        { header: text(unitColumn('name'), language), width: 20 },
        { header: text(WORDS.reconciliation.own, language), width: 16 },
        { header: text(WORDS.reconciliation.below, language), width: 16 },
        { header: text(WORDS.reconciliation.difference, language), width: 10 },
        { header: text(WORDS.reconciliation.reported, language), width: 14 },
      ],
    });
    for (const r of report.reconciliations) {
      await workbook.drained();
      reconciliation.row([
        r.code,
        neutraliseFormula(r.name),
        r.own,
        r.children,
        r.difference,
        `${r.childrenReported}/${r.childrenTotal}`,
      ]);
    }

    const reporting = workbook.sheet({
      name: text(WORDS.lateOrMissing.sheet, language),
      columns: [
        { header: text(unitColumn('code'), language), width: 12 },
        { header: text(unitColumn('name'), language), width: 20 },
        { header: text(WORDS.lateOrMissing.report, language), width: 12 },
        { header: text(WORDS.lateOrMissing.firstSubmitted, language), width: 20 },
        { header: text(WORDS.lateOrMissing.deadline, language), width: 20 },
      ],
    });
    for (const unit of report.completeness.units.filter((u) => u.late || u.state === 'missing')) {
      await workbook.drained();
      reporting.row([
        unit.code,
        neutraliseFormula(nameIn(unit, language)),
        unit.state === 'missing' ? DATA_STATUS_WORDS[language].missing : DATA_STATUS_WORDS[language][unit.state],
        unit.firstSubmittedAt ? beijingTime(unit.firstSubmittedAt) : '',
        beijingTime(report.completeness.deadline),
      ]);
    }

    writeResidentialSheet(workbook, report.residentialProjects ?? [], language);
    if (context.funding)
      writeFundingSheet(workbook, { ...context.funding, nameOf: (code) => names.get(code) ?? code }, language);
    writeCover(workbook, report, context, {
      title: text(WORDS.title, language),
      period: [text(WORDS.quarter, language), report.period],
    });
  });
}

/**
 * CSV (UTF-8 with a BOM, so that Excel reads Chinese correctly): a header line, then a line per
 * row as the rows come, the reader let to catch up on large reports.
 */
function csvLines<Row>(header: readonly string[], rows: RowsThenRest<Row, unknown>, cellsOf: (row: Row) => Cell[]) {
  const stream = new PassThrough({ highWaterMark: CSV_ROOM_BYTES });
  const line = (values: readonly (string | number | boolean | null)[]) => `${values.map(csvField).join(',')}\r\n`;
  void (async () => {
    stream.write('\uFEFF');
    stream.write(line(header));
    let written = 0;
    await rows(async (some) => {
      for (const row of some) {
        const ok = stream.write(line(cellsOf(row).map((cell) => (cell instanceof Date ? cell.toISOString() : cell))));
        if (!ok || ++written % 2000 === 0)
          await (ok ? new Promise((resolve) => setImmediate(resolve)) : roomIn(stream));
      }
    });
    stream.end();
  })().catch((error) => stream.destroy(error));
  return stream;
}

export function gapReportCsv(context: ExportContext): Readable {
  const { language } = context;
  return csvLines(
    GAP_COLUMNS.map((c) => (language === 'en' ? c.en : c.zh)),
    context.report,
    (gap) => cells(gap, language),
  );
}

export interface FinalAccountContext extends Omit<ExportContext, 'report'> {
  account: RowsThenRest<FinalAccountRow, WithoutRows<FinalAccount>>;
}

const accountCells = (row: FinalAccountRow, language: Language) => rowCells(row, FINAL_ACCOUNT_COLUMNS, language);

function accountTitle(account: Pick<FinalAccount, 'dueYears'>, language: Language): string {
  return text(WORDS.finalAccount.title(account.dueYears), language);
}

/** The final account as a workbook: a cover, then one row per unit and closed target. */
export function finalAccountXlsx(context: FinalAccountContext): Readable {
  const { language } = context;
  return streamWorkbook(async (workbook) => {
    const sheet = workbook.sheet({
      name: text(WORDS.finalAccount.sheet, language),
      frozen: { rows: 1 },
      columns: FINAL_ACCOUNT_COLUMNS.map((column) => ({
        header: language === 'en' ? column.en : column.zh,
        width: column.width,
        numFmt: COLUMN_FORMATS[column.format],
      })),
    });
    const metricColumns = ['value', 'dueYearValue', 'difference', 'current'].map(
      (key) => FINAL_ACCOUNT_COLUMNS.findIndex((c) => c.key === key) + 1,
    );
    const account = await context.account(async (rows) => {
      for (const row of rows) {
        const format = metricFormat(row);
        sheet.row(
          accountCells(row, language).map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)),
          { numFmt: Object.fromEntries(metricColumns.map((column) => [column, format])) },
        );
      }
      await workbook.drained();
    });
    writeCover(workbook, account, context, {
      title: accountTitle(account, language),
      period: [text(WORDS.finalAccount.asOfQuarter, language), account.period],
      rule: [text(WORDS.finalAccount.rule, language), text(WORDS.finalAccount.ruleText, language)],
    });
  });
}

/** The final account as CSV: one header line, then one line per unit and closed target. */
export function finalAccountCsv(context: FinalAccountContext): Readable {
  const { language } = context;
  return csvLines(
    FINAL_ACCOUNT_COLUMNS.map((c) => (language === 'en' ? c.en : c.zh)),
    context.account,
    (row) => accountCells(row, language),
  );
}
