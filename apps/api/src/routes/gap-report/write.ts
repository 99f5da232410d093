// The gap report as a workbook (streamed by the workbook module) or as CSV (UTF-8 with BOM, formulas
// neutralised), in the reader's language. Figures are written unrounded; the workbook formats them.
import { PassThrough, Readable } from 'node:stream';
import {
  type Bilingual,
  COMPARATOR_WORDS,
  csvField,
  DATA_STATUS_WORDS,
  FINAL_ACCOUNT_COLUMNS,
  type FinalAccount,
  type FinalAccountRow,
  GAP_COLUMNS,
  type GapRow,
  indicatorCountsNote,
  type Language,
  metricDefinition,
  metricWords,
  nameIn,
  neutraliseFormula,
  STATUS_WORDS,
  YES_NO,
} from '@tuowei/shared';
import { streamWorkbook, type WorkbookWriter } from '../../workbook/index.ts';
import { COUNTRY, type GapReport } from './build.ts';

type Cell = string | number | boolean | Date | null;

export interface ExportContext {
  report: GapReport;
  language: Language;
  exportedBy: string;
  exportedAt: Date;
  /** The audit trail's last row when exported, for an auditor to compare later (GET /audit/verify). */
  chainHead: { id: number; hash: string } | null;
}

/** "2025-01-15 18:00" in Beijing time. */
export function beijingTime(date: Date | string): string {
  return new Date(new Date(date).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** What the gap report's and the final account's rows both carry that is written as words. */
type WordedRow = Pick<
  GapRow,
  'name' | 'nameEn' | 'metric' | 'institutionKind' | 'comparator' | 'status' | 'dataStatus' | 'indicatorCounts'
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

/** What a cover describes: the subtree, the reports counted, the rows, whether demo data is in them. */
interface Covered {
  root: { code: string; name: string; nameEn: string };
  counting: GapReport['counting'];
  rows: readonly unknown[];
  demo: boolean;
}

/**
 * The cover sheet the gap report and the final account begin with: the title, the subtree, the
 * quarter (and the rule an export judges by), the reports counted, when and by whom it was
 * exported, the audit chain's head, the number of rows, and a warning when demo data is in it.
 */
function writeCover(
  workbook: WorkbookWriter,
  covered: Covered,
  context: Omit<ExportContext, 'report'>,
  lines: { title: string; period: [string, string]; rule?: [string, string] },
): void {
  const { language } = context;
  const cover = workbook.sheet({
    name: text({ zh: '封面', en: 'Cover' }, language),
    columns: [{ width: 26 }, { width: 70 }],
  });
  const rows: [string, string][] = [
    [lines.title, ''],
    [
      text({ zh: '行政区划', en: 'Jurisdiction' }, language),
      covered.root.code === COUNTRY.code
        ? nameIn(COUNTRY, language)
        : `${nameIn(covered.root, language)}（${covered.root.code}）${language === 'en' ? ' and below' : '及下级'}`,
    ],
    lines.period,
    ...(lines.rule ? [lines.rule] : []),
    [
      text({ zh: '统计口径', en: 'Reports counted' }, language),
      covered.counting === 'approved_only'
        ? text({ zh: '仅已审核季报', en: 'approved reports only' }, language)
        : text({ zh: '已提交和已审核季报', en: 'submitted and approved reports' }, language),
    ],
    [text({ zh: '数据截至', en: 'Data as of' }, language), `${beijingTime(context.exportedAt)}（北京时间）`],
    [text({ zh: '导出人', en: 'Exported by' }, language), neutraliseFormula(context.exportedBy)],
    [
      text({ zh: '审计链头', en: 'Audit chain head' }, language),
      context.chainHead ? `#${context.chainHead.id} ${context.chainHead.hash}` : '',
    ],
    [text({ zh: '目标行数', en: 'Target rows' }, language), String(covered.rows.length)],
  ];
  if (covered.demo) {
    rows.push([
      text({ zh: '注意', en: 'Note' }, language),
      text({ zh: '含演示数据，不是真实统计。', en: 'Contains demo data, not real statistics.' }, language),
    ]);
  }
  rows.forEach((values, index) => {
    cover.row(values, index === 0 ? { bold: true, size: 14 } : undefined);
  });
}

export function gapReportXlsx(context: ExportContext): Readable {
  const { report, language } = context;
  return streamWorkbook((workbook) => {
    writeCover(workbook, report, context, {
      title: text({ zh: '托位目标差距报告', en: 'Childcare places: gap report' }, language),
      period: [text({ zh: '季度', en: 'Quarter' }, language), report.period],
    });

    const sheet = workbook.sheet({
      name: text({ zh: '差距明细', en: 'Gaps' }, language),
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
    for (const gap of report.rows) {
      const format = metricFormat(gap);
      sheet.row(
        cells(gap, language).map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)),
        { numFmt: Object.fromEntries(metricColumns.map((column) => [column, format])) },
      );
    }

    const schedule = workbook.sheet({
      name: text({ zh: '年度任务不一致', en: 'Schedule conflicts' }, language),
      columns: [
        { header: text({ zh: '文号', en: 'Document' }, language), width: 20 },
        { header: text({ zh: '年份', en: 'Year' }, language), width: 8 },
        { header: text({ zh: '任务', en: 'Scheduled' }, language), width: 18 },
        { header: text({ zh: '任务数', en: 'Count' }, language), width: 10 },
        { header: text({ zh: '比例目标', en: 'Ratio target' }, language), width: 24 },
        { header: text({ zh: '人口（年份）', en: 'Population (year)' }, language), width: 20 },
        { header: text({ zh: '按比例所需', en: 'Needed by the ratio' }, language), width: 12 },
        { header: text({ zh: '差额', en: 'Short by' }, language), width: 10 },
      ],
    });
    for (const finding of report.scheduleFindings) {
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
      name: text({ zh: '数据核对', en: 'Reconciliation' }, language),
      columns: [
        { header: text({ zh: '行政区划代码', en: 'Code' }, language), width: 12 },
        { header: text({ zh: '名称', en: 'Name' }, language), width: 20 },
        { header: text({ zh: '本级报告托位数', en: 'Own report: places' }, language), width: 16 },
        { header: text({ zh: '下级合计托位数', en: 'Sum of units below' }, language), width: 16 },
        { header: text({ zh: '差额', en: 'Difference' }, language), width: 10 },
        { header: text({ zh: '下级报送', en: 'Units below reported' }, language), width: 14 },
      ],
    });
    for (const r of report.reconciliations) {
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
      name: text({ zh: '迟报漏报', en: 'Late or missing' }, language),
      columns: [
        { header: text({ zh: '行政区划代码', en: 'Code' }, language), width: 12 },
        { header: text({ zh: '名称', en: 'Name' }, language), width: 20 },
        { header: text({ zh: '季报状态', en: 'Report' }, language), width: 12 },
        { header: text({ zh: '首次提交（北京时间）', en: 'First submitted (Beijing)' }, language), width: 20 },
        { header: text({ zh: '截止时间（北京时间）', en: 'Deadline (Beijing)' }, language), width: 20 },
      ],
    });
    for (const unit of report.completeness.units.filter((u) => u.late || u.state === 'missing')) {
      reporting.row([
        unit.code,
        neutraliseFormula(nameIn(unit, language)),
        unit.state === 'missing' ? DATA_STATUS_WORDS[language].missing : DATA_STATUS_WORDS[language][unit.state],
        unit.firstSubmittedAt ? beijingTime(unit.firstSubmittedAt) : '',
        beijingTime(report.completeness.deadline),
      ]);
    }
  });
}

export function gapReportCsv(context: ExportContext): Readable {
  const { report, language } = context;
  const stream = new PassThrough();
  const line = (values: (string | number | boolean | null)[]) => `${values.map(csvField).join(',')}\r\n`;
  void (async () => {
    // a BOM, so that Excel reads UTF-8 Chinese correctly
    stream.write('\uFEFF');
    stream.write(line(GAP_COLUMNS.map((c) => (language === 'en' ? c.en : c.zh))));
    let written = 0;
    for (const gap of report.rows) {
      const ok = stream.write(
        line(cells(gap, language).map((cell) => (cell instanceof Date ? cell.toISOString() : cell))),
      );
      // let the reader catch up on large reports
      if (!ok || ++written % 2000 === 0)
        await new Promise((resolve) => (ok ? setImmediate(resolve) : stream.once('drain', resolve)));
    }
    stream.end();
  })().catch((error) => stream.destroy(error));
  return stream;
}

export interface FinalAccountContext extends Omit<ExportContext, 'report'> {
  account: FinalAccount;
}

const accountCells = (row: FinalAccountRow, language: Language) => rowCells(row, FINAL_ACCOUNT_COLUMNS, language);

function accountTitle(account: FinalAccount, language: Language): string {
  const years = account.dueYears.join('、');
  return language === 'en'
    ? `Childcare places: final account of the targets due ${account.dueYears.join(', ') || '—'}`
    : `托位目标决算（${years || '无'} 年到期目标）`;
}

/** The final account as a workbook: a cover, then one row per unit and closed target. */
export function finalAccountXlsx(context: FinalAccountContext): Readable {
  const { account, language } = context;
  return streamWorkbook((workbook) => {
    writeCover(workbook, account, context, {
      title: accountTitle(account, language),
      period: [text({ zh: '截至季度', en: 'As of quarter' }, language), account.period],
      rule: [
        text({ zh: '口径', en: 'Rule' }, language),
        text(
          {
            zh: '到期目标以到期年第四季度数值（缺第四季度时以当年最近季度暂代）定结论；当前值仅供对照。',
            en: 'A closed target is judged by its due year’s fourth-quarter value (or the year’s latest quarter, provisional); today’s value is shown beside it.',
          },
          language,
        ),
      ],
    });

    const sheet = workbook.sheet({
      name: text({ zh: '决算明细', en: 'Final account' }, language),
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
    for (const row of account.rows) {
      const format = metricFormat(row);
      sheet.row(
        accountCells(row, language).map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)),
        { numFmt: Object.fromEntries(metricColumns.map((column) => [column, format])) },
      );
    }
  });
}

/** The final account as CSV: one header line, then one line per unit and closed target. */
export function finalAccountCsv(context: FinalAccountContext): Readable {
  const { account, language } = context;
  const line = (values: (string | number | boolean | null)[]) => `${values.map(csvField).join(',')}\r\n`;
  const lines = [
    '\uFEFF',
    line(FINAL_ACCOUNT_COLUMNS.map((c) => (language === 'en' ? c.en : c.zh))),
    ...account.rows.map((row) =>
      line(accountCells(row, language).map((cell) => (cell instanceof Date ? cell.toISOString() : cell))),
    ),
  ];
  return Readable.from(lines);
}
