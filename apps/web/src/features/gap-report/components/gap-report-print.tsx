// The gap report laid out for A4 portrait paper: a page header repeated on every page (title,
// jurisdiction, quarter, data-as-of time), then the gaps, the schedule conflicts, the
// reconciliation and the late or missing reports. Column headers come from GAP_COLUMNS, the
// same as the workbook's; the page carries a subset of them that fits portrait A4, the workbook
// all of them.

import {
  DATA_STATUS_WORDS,
  GAP_COLUMNS,
  type GapRow,
  isClosed,
  METRIC_WORDS,
  parsePeriod,
  periodIndex,
  STATUS_WORDS,
  TARGET_STATUSES,
} from '@tuowei/shared';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pace } from '../../../components/pace.tsx';
import { useFormat } from '../../../i18n/format.ts';
import type { GapReportView } from '../api/get-gap-report.ts';
import './gap-report-print.css';
import { useLanguage } from '../../../i18n/use-language.ts';
import { type PrintColumn, PrintSection, WithSub } from './print-table.tsx';

/**
 * The printed columns: 11 of GAP_COLUMNS' 30, each cell naming a second field beneath its own
 * where that saves a column (the unit's code under its name, the clause under the document, the
 * quarter of the figure under the figure). Provenance (approvers, times), population and the
 * binding/inherited flags stay in the workbook.
 */
const PRINT_COLUMNS = [
  { key: 'name', width: '13%' },
  { key: 'documentNumber', width: '12%' },
  { key: 'metric', width: '12%' },
  { key: 'value', width: '12%' },
  { key: 'dueYear', width: '5%' },
  { key: 'current', width: '7%' },
  { key: 'gap', width: '7%' },
  { key: 'requiredPerQuarter', width: '7.5%' },
  { key: 'forecast', width: '7%' },
  { key: 'status', width: '9%' },
  { key: 'dataStatus', width: '8.5%' },
] as const satisfies readonly { key: keyof GapRow; width: string }[];
type PrintedKey = (typeof PRINT_COLUMNS)[number]['key'];

const NUMERIC = new Set<keyof GapRow>(['current', 'gap', 'requiredPerQuarter', 'forecast', 'dueYear']);

export interface GapReportPrintProps {
  report: GapReportView;
  /** When the API answered: the data are as of then. */
  asOf: Date;
}

export function GapReportPrint({ report, asOf }: GapReportPrintProps) {
  const { t } = useTranslation();
  const { language, locale, nameOf } = useLanguage();
  const format = useFormat();
  const none = t('common.none');

  const rootName = nameOf(report.root);
  // reconciliation rows and schedule findings carry a code (and a Chinese name): both names from
  // the parts of the report that have them
  const names = new Map<string, { name: string; nameEn: string }>([[report.root.code, report.root]]);
  for (const unit of [...report.rows, ...report.completeness.units]) names.set(unit.code, unit);
  const unitName = (code: string, fallback?: string) => {
    const known = names.get(code);
    return known ? nameOf(known) : (fallback ?? code);
  };

  // A closed target's gap and status are its due year's, its current value today's: the row says
  // which year the gap and status are for, and the current value's quarter, even the report's own.
  const reportPeriod = parsePeriod(report.period);
  const closed = (row: GapRow) => reportPeriod !== null && isClosed(row.dueYear, periodIndex(reportPeriod));
  const atDueYear = (row: GapRow, cell: ReactNode) =>
    closed(row) ? <WithSub sub={t('cycle.atDueYear', { year: row.dueYear })}>{cell}</WithSub> : cell;

  const measured = (row: GapRow, value: number | null) =>
    value === null ? none : format.metricValue(row.metric, value);
  const header = (key: keyof GapRow) => {
    const column = GAP_COLUMNS.find((candidate) => candidate.key === key);
    return column ? column[language] : key;
  };
  const cells: Record<PrintedKey, (row: GapRow) => ReactNode> = {
    name: (row) => <WithSub sub={row.code}>{nameOf(row)}</WithSub>,
    documentNumber: (row) => (
      <WithSub sub={t('gapReport.clause', { clause: row.clause })}>{row.documentNumber ?? row.planTitle}</WithSub>
    ),
    // the target beside it carries the unit: the metric is named as the screens name it
    metric: (row) => format.metricLabel(row.metric, row.institutionKind),
    value: (row) => format.target(row.metric, row.comparator, row.value),
    dueYear: (row) => row.dueYear,
    current: (row) =>
      row.currentPeriod && (row.currentPeriod !== report.period || closed(row)) ? (
        <WithSub sub={t('gapReport.figureFrom', { period: format.period(row.currentPeriod) })}>
          {measured(row, row.current)}
        </WithSub>
      ) : (
        measured(row, row.current)
      ),
    gap: (row) => (row.gap === null ? none : atDueYear(row, format.integer(row.gap))),
    requiredPerQuarter: (row) => (row.requiredPerQuarter === null ? none : <Pace value={row.requiredPerQuarter} />),
    forecast: (row) => measured(row, row.forecast),
    status: (row) => atDueYear(row, STATUS_WORDS[language][row.status]),
    dataStatus: (row) => DATA_STATUS_WORDS[language][row.dataStatus],
  };
  const gapColumns = PRINT_COLUMNS.map(
    ({ key, width }): PrintColumn<GapRow> => ({
      key,
      width,
      title: header(key),
      numeric: NUMERIC.has(key),
      cell: cells[key],
    }),
  );

  type Finding = GapReportView['scheduleFindings'][number];
  const scheduleColumns: PrintColumn<Finding>[] = [
    {
      key: 'document',
      title: t('gapReport.schedule.document'),
      cell: (finding) => <WithSub sub={unitName(finding.jurisdictionCode)}>{finding.documentNumber ?? none}</WithSub>,
    },
    { key: 'year', title: t('gapReport.schedule.year'), numeric: true, cell: (finding) => finding.year },
    {
      key: 'scheduled',
      title: t('gapReport.schedule.scheduled'),
      cell: (finding) => `${METRIC_WORDS[language][finding.scheduleMetric]} ${format.integer(finding.scheduled)}`,
    },
    {
      key: 'ratio',
      title: t('gapReport.schedule.ratio'),
      cell: (finding) =>
        `${METRIC_WORDS[language][finding.ratioMetric]} ${format.target(finding.ratioMetric, 'at_least', finding.ratioValue)}`,
    },
    {
      key: 'population',
      title: t('gapReport.schedule.population'),
      numeric: true,
      cell: (finding) =>
        t('gapReport.schedule.populationValue', {
          value: format.integer(finding.population.value),
          year: finding.population.year,
        }),
    },
    {
      key: 'required',
      title: t('gapReport.schedule.required'),
      numeric: true,
      cell: (finding) => format.integer(finding.required),
    },
    {
      key: 'shortfall',
      title: t('gapReport.schedule.shortfall'),
      numeric: true,
      cell: (finding) => format.integer(finding.shortfall),
    },
  ];

  type Reconciliation = GapReportView['reconciliations'][number];
  const reconciliationColumns: PrintColumn<Reconciliation>[] = [
    {
      key: 'unit',
      title: t('gapReport.reconciliation.unit'),
      cell: (line) => <WithSub sub={line.code}>{unitName(line.code, line.name)}</WithSub>,
    },
    { key: 'own', title: t('gapReport.reconciliation.own'), numeric: true, cell: (line) => format.integer(line.own) },
    {
      key: 'children',
      title: t('gapReport.reconciliation.children'),
      numeric: true,
      cell: (line) => format.integer(line.children),
    },
    {
      key: 'difference',
      title: t('gapReport.reconciliation.difference'),
      numeric: true,
      cell: (line) => format.integer(line.difference),
    },
    {
      key: 'reported',
      title: t('gapReport.reconciliation.reported'),
      numeric: true,
      cell: (line) => `${line.childrenReported}/${line.childrenTotal}`,
    },
  ];

  type Unit = GapReportView['completeness']['units'][number];
  const reportingColumns: PrintColumn<Unit>[] = [
    {
      key: 'unit',
      title: t('gapReport.reporting.unit'),
      cell: (unit) => <WithSub sub={unit.code}>{nameOf(unit)}</WithSub>,
    },
    { key: 'state', title: t('gapReport.reporting.state'), cell: (unit) => DATA_STATUS_WORDS[language][unit.state] },
    {
      key: 'firstSubmitted',
      title: t('gapReport.reporting.firstSubmitted'),
      cell: (unit) => (unit.firstSubmittedAt ? format.dateTime(unit.firstSubmittedAt) : none),
    },
    {
      key: 'lateness',
      title: t('gapReport.reporting.lateness'),
      cell: (unit) => (unit.state === 'missing' ? t('gapReport.reporting.missing') : t('gapReport.reporting.late')),
    },
  ];

  const statusCounts = TARGET_STATUSES.map((status) => ({
    status,
    count: report.rows.filter((row) => row.status === status).length,
  })).filter(({ count }) => count > 0);
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' });

  const lateOrMissing = report.completeness.units.filter((unit) => unit.late || unit.state === 'missing');
  const lastDay = new Date(new Date(report.completeness.deadline).getTime() - 1).toISOString();

  return (
    <article className="tuowei-print-sheet" data-testid="gap-report-print">
      <PageNumbers />
      <table className="tuowei-print-frame">
        <thead>
          <tr>
            <td className="tuowei-print-frame-cell">
              <header className="tuowei-print-header">
                <h1 data-testid="print-title">{t('gapReport.title')}</h1>
                <dl>
                  <div>
                    <dt>{t('gapReport.jurisdiction')}</dt>
                    <dd data-testid="print-jurisdiction">
                      {t('gapReport.jurisdictionValue', { name: rootName, code: report.root.code })}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('gapReport.quarter')}</dt>
                    <dd data-testid="print-period">{format.period(report.period)}</dd>
                  </div>
                  <div>
                    <dt>{t('gapReport.dataAsOf')}</dt>
                    <dd data-testid="print-as-of">
                      {t('gapReport.dataAsOfValue', { time: format.dateTime(asOf.toISOString()) })}
                    </dd>
                  </div>
                </dl>
              </header>
            </td>
          </tr>
        </thead>
        <tfoot>
          <tr>
            <td className="tuowei-print-frame-cell">
              <footer className="tuowei-print-footer">
                {t('gapReport.footer', { code: report.root.code, period: report.period })}
              </footer>
            </td>
          </tr>
        </tfoot>
        <tbody>
          <tr>
            <td className="tuowei-print-frame-cell">
              <p className="tuowei-print-summary">
                {t('gapReport.countingLine', { counting: t(`gapReport.countingWords.${report.counting}`) })}
                {' · '}
                {t('gapReport.rowsSummary', {
                  rows: report.rows.length,
                  statuses: listFormat.format(
                    statusCounts.map(({ status, count }) => `${STATUS_WORDS[language][status]} ${count}`),
                  ),
                })}
              </p>
              {report.demo && (
                <p className="tuowei-print-demo" data-testid="print-demo">
                  {t('gapReport.demo')}
                </p>
              )}

              <PrintSection
                id="print-gaps"
                title={t('gapReport.sections.gaps')}
                empty={t('gapReport.noRows')}
                columns={gapColumns}
                rows={report.rows}
                // a unit carries the same metric once per plan, clause, kind and due year
                rowKey={(row) =>
                  `${row.code}|${row.documentNumber ?? row.planTitle}|${row.clause}|${row.metric}|${row.institutionKind}|${row.dueYear}|${row.value}`
                }
                rowProps={(row) =>
                  ({
                    'data-testid': 'print-gap-row',
                    'data-code': row.code,
                    'data-metric': row.metric,
                    'data-due-year': row.dueYear,
                  }) as HTMLAttributes<HTMLTableRowElement>
                }
                testId="print-gap-table"
                after={<p className="tuowei-print-note">{t('gapReport.gapsNote')}</p>}
              />
              <PrintSection
                id="print-schedule"
                title={t('gapReport.sections.schedule')}
                empty={t('gapReport.schedule.none')}
                columns={scheduleColumns}
                rows={report.scheduleFindings}
                rowKey={(finding) => `${finding.planId}-${finding.year}-${finding.scheduleMetric}`}
              />
              <PrintSection
                id="print-reconciliation"
                title={t('gapReport.sections.reconciliation')}
                empty={t('gapReport.reconciliation.none')}
                columns={reconciliationColumns}
                rows={report.reconciliations}
                rowKey={(line) => line.code}
              />
              <PrintSection
                id="print-reporting"
                title={t('gapReport.sections.reporting')}
                empty={t('gapReport.reporting.none')}
                columns={reportingColumns}
                rows={lateOrMissing}
                rowKey={(unit) => unit.code}
                before={
                  <p>
                    {t('gapReport.reporting.summary', {
                      expected: report.completeness.expected,
                      submitted: report.completeness.submitted,
                      approved: report.completeness.approved,
                      missing: report.completeness.missing,
                      late: report.completeness.late,
                      rate: format.percent(report.completeness.onTimeRate),
                      deadline: format.beijingDate(lastDay),
                    })}
                  </p>
                }
              />
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}

/** Margin boxes do not inherit the page's type: they get it here. */
const MARGIN_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', Arial, sans-serif";

/** Stand-ins for the counters while the words are looked up. */
const PAGE = '[[page]]';
const PAGES = '[[pages]]';

/** CSS strings are quoted; the words are ours, but a quote or backslash must not end one early. */
const cssString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Page numbers in the bottom margin of every page, in the page's language: CSS counters in an
 * @page margin box (Chromium 131 and later print them; older ones leave the margin empty, and the
 * repeated footer still names the report).
 */
function PageNumbers() {
  const { t } = useTranslation();
  // "第 {{page}} 页，共 {{pages}} 页" → "第 " counter(page) " 页，共 " counter(pages) " 页"
  const content = t('gapReport.pageOf', { page: PAGE, pages: PAGES })
    .split(/(\[\[pages?\]\])/)
    .filter((part) => part !== '')
    .map((part) => (part === PAGE ? 'counter(page)' : part === PAGES ? 'counter(pages)' : cssString(part)))
    .join(' ');
  return (
    <style>{`@page gap-report { @bottom-center { content: ${content}; font-size: 8pt; color: #595959; font-family: ${MARGIN_FONT}; } }`}</style>
  );
}
