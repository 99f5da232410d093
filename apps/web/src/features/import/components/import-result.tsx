// What an import found or did: the counts, every problem (row, column, value, reason) and every
// row with what it creates or changes (before → after), and the rows skipped (blank, totals,
// footers, notes) with why.
import { INDICATOR_COUNT_WORDS, INDICATOR_COUNTS } from '@tuowei/shared';
import { Alert, Descriptions, type DescriptionsProps, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import type { AnyImportResult, ImportKindId, ImportResults } from '../api/import-file.ts';

type Problem = AnyImportResult['problems'][number];
type Row = AnyImportResult['rows'][number];

export interface ImportResultViewProps {
  kind: ImportKindId;
  result: AnyImportResult;
  /** Links a row's unit to its record once it is written. */
  reportLink?: (row: Row) => ReactNode;
}

export function ImportResultView({ kind, result, reportLink }: ImportResultViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const problems = result.problems.length;
  const count = (testId: string, value: number) => (
    <span data-testid={`import-${testId}`}>{format.integer(value)}</span>
  );

  const summary: DescriptionsProps['items'] = [
    ...('fileName' in result
      ? [
          { key: 'file', label: t('dataImport.result.file'), children: result.fileName ?? t('common.none') },
          { key: 'encoding', label: t('dataImport.result.encoding'), children: result.encoding ?? t('common.none') },
        ]
      : []),
    { key: 'headerRow', label: t('dataImport.result.headerRow'), children: result.headerRow },
    { key: 'rowsRead', label: t('dataImport.result.rowsRead'), children: count('rows-read', result.rowsRead) },
    { key: 'created', label: t('dataImport.result.created'), children: count('created', result.created) },
    { key: 'updated', label: t('dataImport.result.updated'), children: count('updated', result.updated) },
    { key: 'unchanged', label: t('dataImport.result.unchanged'), children: count('unchanged', result.unchanged) },
    { key: 'skipped', label: t('dataImport.result.skipped'), children: count('skipped', result.skipped.length) },
    { key: 'problems', label: t('dataImport.result.problems'), children: count('problems', problems) },
    ...(result.committed && 'submitted' in result
      ? [{ key: 'submitted', label: t('dataImport.result.submitted'), children: count('submitted', result.submitted) }]
      : []),
  ];

  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3, xl: 5 }} items={summary} />
      {'ignoredColumns' in result && result.ignoredColumns.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('dataImport.result.ignoredColumns', { columns: result.ignoredColumns.join('、') })}
        />
      )}
      {result.skipped.length > 0 && (
        <Typography.Text type="secondary" data-testid="import-skipped-rows">
          {t('dataImport.result.skippedRows', {
            rows: result.skipped
              .map((skip) =>
                t(`dataImport.result.skipReason.${skip.reason}`, { row: skip.row, label: skip.label ?? '' }),
              )
              .join('、'),
          })}
        </Typography.Text>
      )}
      {problems > 0 && <ProblemTable problems={result.problems} />}
      {result.rows.length > 0 && <RowTable kind={kind} result={result} reportLink={reportLink} />}
    </div>
  );
}

function ProblemTable({ problems }: { problems: Problem[] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Problem> = [
    { key: 'row', title: t('dataImport.problems.row'), dataIndex: 'row', width: 80 },
    { key: 'column', title: t('dataImport.problems.column'), dataIndex: 'column', width: 200 },
    {
      key: 'value',
      title: t('dataImport.problems.value'),
      width: 200,
      render: (_, problem) =>
        problem.value === '' ? (
          <Typography.Text type="secondary">{t('dataImport.problems.empty')}</Typography.Text>
        ) : (
          <code>{problem.value}</code>
        ),
    },
    { key: 'reason', title: t('dataImport.problems.reason'), dataIndex: 'reason' },
  ];
  return (
    <section aria-labelledby="import-problems-heading">
      <Typography.Title level={3} id="import-problems-heading" style={{ fontSize: 16 }}>
        {t('dataImport.problems.title', { count: problems.length })}
      </Typography.Title>
      <Table<Problem>
        size="small"
        rowKey={(problem) => `${problem.row}|${problem.column}|${problem.reason}`}
        columns={columns}
        dataSource={problems}
        pagination={problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        aria-labelledby="import-problems-heading"
        scroll={{ x: 720 }}
        rowClassName={() => 'tuowei-problem-row'}
        onRow={(problem) =>
          ({ 'data-testid': 'problem-row', 'data-row': String(problem.row) }) as HTMLAttributes<HTMLElement>
        }
      />
    </section>
  );
}

const ACTION_COLOR: Record<Row['action'], string> = { create: 'green', update: 'blue', unchanged: 'default' };

function RowTable({ kind, result, reportLink }: ImportResultViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { language } = useLanguage();
  const rows: Row[] = result.rows;

  const count = (value: number | null) => (value === null ? '—' : format.integer(value));
  const change = (before: number | null | undefined, after: number | null) =>
    before === undefined || before === after ? (
      count(after)
    ) : (
      <span className="tuowei-diff tuowei-nowrap">
        <del>{count(before)}</del> → <ins>{count(after)}</ins>
      </span>
    );
  const figure = <R extends Row>(key: string, title: string, render: (row: R) => ReactNode) => ({
    key,
    title,
    align: 'right' as const,
    render: (_: unknown, row: Row) => render(row as R),
  });
  type ReportRow = ImportResults['reports']['rows'][number];
  type IndicatorsRow = ImportResults['indicators']['rows'][number];
  type ProjectRow = ImportResults['residential']['rows'][number];

  const figures: ColumnsType<Row> =
    kind === 'reports'
      ? [
          {
            key: 'period',
            title: t('dataImport.rows.period'),
            render: (_, row) => format.period((row as ReportRow).period),
          },
          figure<ReportRow>('places', t('dataImport.rows.places'), (row) => change(row.before?.places, row.places)),
          figure<ReportRow>('affordablePlaces', t('dataImport.rows.affordablePlaces'), (row) =>
            change(row.before?.affordablePlaces, row.affordablePlaces),
          ),
        ]
      : kind === 'indicators'
        ? [
            { key: 'year', title: t('dataImport.rows.year'), render: (_, row) => (row as IndicatorsRow).year },
            ...INDICATOR_COUNTS.map((name) =>
              figure<IndicatorsRow>(name, INDICATOR_COUNT_WORDS[name][language], (row) =>
                change(row.before ? row.before[name] : undefined, row[name]),
              ),
            ),
          ]
        : [
            figure<ProjectRow>('plannedResidents', t('dataImport.rows.plannedResidents'), (row) =>
              count(row.plannedResidents),
            ),
            figure<ProjectRow>('plannedPlaces', t('dataImport.rows.plannedPlaces'), (row) => count(row.plannedPlaces)),
          ];

  const columns: ColumnsType<Row> = [
    { key: 'row', title: t('dataImport.rows.row'), dataIndex: 'row', width: 80 },
    {
      key: 'unit',
      title: t(kind === 'residential' ? 'dataImport.rows.project' : 'dataImport.rows.unit'),
      render: (_, row) => (
        <>
          {reportLink ? reportLink(row) : row.name}
          <span className="tuowei-secondary">{row.code}</span>
        </>
      ),
    },
    {
      key: 'action',
      title: t('dataImport.rows.action'),
      render: (_, row) => (
        <Tag color={ACTION_COLOR[row.action]} data-testid="row-action">
          {t(`dataImport.rows.actions.${row.action}`)}
        </Tag>
      ),
    },
    ...figures,
  ];

  return (
    <section aria-labelledby="import-rows-heading">
      <Typography.Title level={3} id="import-rows-heading" style={{ fontSize: 16 }}>
        {result.committed
          ? t(`dataImport.kinds.${kind}.rowsCommitted`, { count: rows.length })
          : t(`dataImport.kinds.${kind}.rows`, { count: rows.length })}
      </Typography.Title>
      <Table<Row>
        size="small"
        rowKey="row"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        aria-labelledby="import-rows-heading"
        scroll={{ x: 720 }}
        onRow={(row) =>
          ({
            'data-testid': 'import-row',
            'data-code': row.code,
            'data-action': row.action,
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </section>
  );
}
