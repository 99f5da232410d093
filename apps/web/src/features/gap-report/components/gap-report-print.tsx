// The gap report laid out for A4 portrait paper: a page header repeated on every page (title,
// jurisdiction, quarter, data-as-of time), then the gaps, the schedule conflicts, the
// reconciliation and the late or missing reports. Column headers come from GAP_COLUMNS, the
// same as the workbook's; the page carries a subset of them that fits portrait A4, the workbook
// all of them.
import {
  DATA_STATUS_WORDS,
  GAP_COLUMNS,
  type GapRow,
  METRIC_WORDS,
  metricWords,
  STATUS_WORDS,
  TARGET_STATUSES,
} from '@tuowei/shared';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';
import type { GapReportView } from '../api/get-gap-report.ts';
import './gap-report-print.css';
import { useLanguage } from '../../../i18n/use-language.ts';

/**
 * The printed columns: 11 of GAP_COLUMNS' 27, each cell naming a second field beneath its own
 * where that saves a column (the unit's code under its name, the clause under the document, the
 * quarter of the figure under the figure). Provenance (approvers, times), population and the
 * binding/inherited flags stay in the workbook.
 */
const PRINT_COLUMNS: { key: keyof GapRow; width: string }[] = [
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
];

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

  const header = (key: keyof GapRow) => {
    const column = GAP_COLUMNS.find((candidate) => candidate.key === key);
    return column ? column[language] : key;
  };
  const measured = (row: GapRow, value: number | null) =>
    value === null ? none : format.metricValue(row.metric, value);

  const cell = (row: GapRow, key: keyof GapRow) => {
    switch (key) {
      case 'name':
        return (
          <>
            {nameOf(row)}
            <span className="tuowei-print-sub">{row.code}</span>
          </>
        );
      case 'documentNumber':
        return (
          <>
            {row.documentNumber ?? row.planTitle}
            <span className="tuowei-print-sub">{t('gapReport.clause', { clause: row.clause })}</span>
          </>
        );
      case 'metric':
        return metricWords(row.metric, row.institutionKind, language);
      case 'value':
        return format.target(row.metric, row.comparator, row.value);
      case 'dueYear':
        return row.dueYear;
      case 'current':
        return (
          <>
            {measured(row, row.current)}
            {row.currentPeriod && row.currentPeriod !== report.period && (
              <span className="tuowei-print-sub">
                {t('gapReport.figureFrom', { period: format.period(row.currentPeriod) })}
              </span>
            )}
          </>
        );
      case 'gap':
        return row.gap === null ? none : format.integer(row.gap);
      case 'requiredPerQuarter':
        return row.requiredPerQuarter === null ? none : format.pace(row.requiredPerQuarter);
      case 'forecast':
        return measured(row, row.forecast);
      case 'status':
        return STATUS_WORDS[language][row.status];
      case 'dataStatus':
        return DATA_STATUS_WORDS[language][row.dataStatus];
      default:
        return String(row[key] ?? none);
    }
  };

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

              <section aria-labelledby="print-gaps">
                <h2 id="print-gaps">{t('gapReport.sections.gaps')}</h2>
                {report.rows.length === 0 ? (
                  <p>{t('gapReport.noRows')}</p>
                ) : (
                  <table className="tuowei-print-table" data-testid="print-gap-table">
                    <colgroup>
                      {PRINT_COLUMNS.map((column) => (
                        <col key={column.key} style={{ width: column.width }} />
                      ))}
                    </colgroup>
                    <thead>
                      <tr>
                        {PRINT_COLUMNS.map((column) => (
                          <th key={column.key} scope="col" className={NUMERIC.has(column.key) ? 'number' : undefined}>
                            {header(column.key)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {report.rows.map((row) => (
                        <tr
                          // a unit carries the same metric once per plan, clause, kind and due year
                          key={`${row.code}|${row.documentNumber ?? row.planTitle}|${row.clause}|${row.metric}|${row.institutionKind}|${row.dueYear}|${row.value}`}
                          data-testid="print-gap-row"
                          data-code={row.code}
                          data-metric={row.metric}
                          data-due-year={row.dueYear}
                        >
                          {PRINT_COLUMNS.map((column) => (
                            <td
                              key={column.key}
                              className={NUMERIC.has(column.key) ? 'number' : undefined}
                              data-column={column.key}
                            >
                              {cell(row, column.key)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <p className="tuowei-print-note">{t('gapReport.gapsNote')}</p>
              </section>

              <section aria-labelledby="print-schedule">
                <h2 id="print-schedule">{t('gapReport.sections.schedule')}</h2>
                {report.scheduleFindings.length === 0 ? (
                  <p>{t('gapReport.schedule.none')}</p>
                ) : (
                  <table className="tuowei-print-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('gapReport.schedule.document')}</th>
                        <th scope="col" className="number">
                          {t('gapReport.schedule.year')}
                        </th>
                        <th scope="col">{t('gapReport.schedule.scheduled')}</th>
                        <th scope="col">{t('gapReport.schedule.ratio')}</th>
                        <th scope="col" className="number">
                          {t('gapReport.schedule.population')}
                        </th>
                        <th scope="col" className="number">
                          {t('gapReport.schedule.required')}
                        </th>
                        <th scope="col" className="number">
                          {t('gapReport.schedule.shortfall')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.scheduleFindings.map((finding) => (
                        <tr key={`${finding.planId}-${finding.year}-${finding.scheduleMetric}`}>
                          <td>
                            {finding.documentNumber ?? none}
                            <span className="tuowei-print-sub">{unitName(finding.jurisdictionCode)}</span>
                          </td>
                          <td className="number">{finding.year}</td>
                          <td>
                            {METRIC_WORDS[language][finding.scheduleMetric]} {format.integer(finding.scheduled)}
                          </td>
                          <td>
                            {METRIC_WORDS[language][finding.ratioMetric]}{' '}
                            {format.target(finding.ratioMetric, 'at_least', finding.ratioValue)}
                          </td>
                          <td className="number">
                            {t('gapReport.schedule.populationValue', {
                              value: format.integer(finding.population.value),
                              year: finding.population.year,
                            })}
                          </td>
                          <td className="number">{format.integer(finding.required)}</td>
                          <td className="number">{format.integer(finding.shortfall)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>

              <section aria-labelledby="print-reconciliation">
                <h2 id="print-reconciliation">{t('gapReport.sections.reconciliation')}</h2>
                {report.reconciliations.length === 0 ? (
                  <p>{t('gapReport.reconciliation.none')}</p>
                ) : (
                  <table className="tuowei-print-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('gapReport.reconciliation.unit')}</th>
                        <th scope="col" className="number">
                          {t('gapReport.reconciliation.own')}
                        </th>
                        <th scope="col" className="number">
                          {t('gapReport.reconciliation.children')}
                        </th>
                        <th scope="col" className="number">
                          {t('gapReport.reconciliation.difference')}
                        </th>
                        <th scope="col" className="number">
                          {t('gapReport.reconciliation.reported')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.reconciliations.map((line) => (
                        <tr key={line.code}>
                          <td>
                            {unitName(line.code, line.name)}
                            <span className="tuowei-print-sub">{line.code}</span>
                          </td>
                          <td className="number">{format.integer(line.own)}</td>
                          <td className="number">{format.integer(line.children)}</td>
                          <td className="number">{format.integer(line.difference)}</td>
                          <td className="number">
                            {line.childrenReported}/{line.childrenTotal}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>

              <section aria-labelledby="print-reporting">
                <h2 id="print-reporting">{t('gapReport.sections.reporting')}</h2>
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
                {lateOrMissing.length === 0 ? (
                  <p>{t('gapReport.reporting.none')}</p>
                ) : (
                  <table className="tuowei-print-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('gapReport.reporting.unit')}</th>
                        <th scope="col">{t('gapReport.reporting.state')}</th>
                        <th scope="col">{t('gapReport.reporting.firstSubmitted')}</th>
                        <th scope="col">{t('gapReport.reporting.lateness')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {lateOrMissing.map((unit) => (
                        <tr key={unit.code}>
                          <td>
                            {nameOf(unit)}
                            <span className="tuowei-print-sub">{unit.code}</span>
                          </td>
                          <td>{DATA_STATUS_WORDS[language][unit.state]}</td>
                          <td>{unit.firstSubmittedAt ? format.dateTime(unit.firstSubmittedAt) : none}</td>
                          <td>
                            {unit.state === 'missing'
                              ? t('gapReport.reporting.missing')
                              : t('gapReport.reporting.late')}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
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
