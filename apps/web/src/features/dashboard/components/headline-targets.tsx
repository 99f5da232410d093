// Each published plan's headline targets (places per 1,000, affordable places per 1,000 and share)
// with how they stand in the quarter in view, from the plan jurisdiction's progress.
import { useQueries, useQuery } from '@tanstack/react-query';
import type { ProgressView } from '@tuowei/shared';
import { Card, Empty, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../../components/query-error.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { plansQueryOptions } from '../../plans/api/get-plans.ts';
import { progressQueryOptions } from '../../progress/api/get-progress.ts';
import { StatusTag } from '../../progress/components/status-tag.tsx';
import { type HeadlineRow, headlineRows } from '../chart-data.ts';
import { TargetSource } from './target-source.tsx';

export interface HeadlineTargetsProps {
  period: string;
  jurisdictionName: (code: string) => string;
  /**
   * False holds the questions back (while the provinces load): in a large country the plans are
   * many, and the page's main table should not wait behind them.
   */
  enabled?: boolean;
}

export function HeadlineTargets({ period, jurisdictionName, enabled = true }: HeadlineTargetsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const plans = useQuery({ ...plansQueryOptions(), enabled });
  const codes = [
    ...new Set((plans.data ?? []).filter((plan) => plan.sourceFile !== null).map((plan) => plan.jurisdictionCode)),
  ];
  const progress = useQueries({ queries: codes.map((code) => progressQueryOptions(code, period)) });
  const byCode = new Map<string, ProgressView>();
  codes.forEach((code, index) => {
    const answer = progress[index]?.data;
    if (answer) byCode.set(code, answer);
  });
  const pending = new Set(codes.filter((_, index) => progress[index]?.isPending));
  const none = t('common.none');
  const headingId = 'headline-targets-heading';

  if (plans.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (plans.isError) return <QueryError error={plans.error} onRetry={() => void plans.refetch()} />;

  const rows = headlineRows(plans.data, (code) => byCode.get(code));
  const standing = (row: HeadlineRow, render: (progress: NonNullable<HeadlineRow['progress']>) => ReactNode) => {
    if (row.progress) return render(row.progress);
    return pending.has(row.plan.jurisdictionCode) ? (
      <Skeleton.Button active size="small" />
    ) : (
      <Typography.Text type="secondary">{t('dashboard.overview.headline.notLoaded')}</Typography.Text>
    );
  };

  const columns: ColumnsType<HeadlineRow> = [
    {
      key: 'plan',
      title: t('dashboard.overview.headline.plan'),
      render: (_, row) => (
        <>
          <Link to={`/dashboard/${row.plan.jurisdictionCode}?period=${period}`}>
            {jurisdictionName(row.plan.jurisdictionCode)}
          </Link>
          <div>
            <TargetSource
              documentNumber={row.plan.documentNumber}
              planTitle={row.plan.title}
              issuer={row.plan.issuer}
              clause={row.target.clause}
              dueYear={row.target.dueYear}
            />
          </div>
        </>
      ),
    },
    {
      key: 'metric',
      title: t('dashboard.overview.headline.metric'),
      render: (_, row) => format.metricLabel(row.target.metric),
    },
    {
      key: 'target',
      title: t('dashboard.overview.headline.target'),
      render: (_, row) => (
        <>
          <span className="tuowei-nowrap">
            {format.target(row.target.metric, row.target.comparator, row.target.value)}
          </span>
          <span className="tuowei-secondary">{format.dueYear(row.target.dueYear)}</span>
        </>
      ),
    },
    {
      key: 'current',
      title: t('dashboard.overview.headline.current'),
      align: 'right',
      render: (_, row) =>
        standing(row, (p) => (p.current === null ? none : format.metricValue(row.target.metric, p.current))),
    },
    {
      key: 'forecast',
      title: t('dashboard.overview.headline.forecast'),
      align: 'right',
      render: (_, row) =>
        standing(row, (p) => (p.forecast === null ? none : format.metricValue(row.target.metric, p.forecast))),
    },
    {
      key: 'gap',
      title: t('dashboard.overview.headline.gap'),
      align: 'right',
      render: (_, row) =>
        standing(row, (p) =>
          p.gap === null ? (
            none
          ) : (
            <span className="tuowei-nowrap">
              <span data-testid="headline-gap">{format.integer(p.gap)}</span> {format.gapUnit(row.target.metric, p.gap)}
            </span>
          ),
        ),
    },
    {
      key: 'pace',
      title: t('dashboard.overview.headline.pace'),
      align: 'right',
      render: (_, row) =>
        standing(row, (p) =>
          p.requiredPerQuarter === null ? (
            none
          ) : (
            <span className="tuowei-nowrap">
              {format.pace(p.requiredPerQuarter)} {format.gapUnit(row.target.metric, p.requiredPerQuarter)}
            </span>
          ),
        ),
    },
    {
      key: 'status',
      title: t('dashboard.overview.headline.status'),
      render: (_, row) => standing(row, (p) => <StatusTag status={p.status} />),
    },
  ];

  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <Typography.Title level={2} id={headingId} style={{ fontSize: 18, margin: 0 }}>
            {t('dashboard.overview.headline.title')}
          </Typography.Title>
        }
      >
        {rows.length === 0 ? (
          <Empty description={t('dashboard.overview.headline.empty')} />
        ) : (
          <div className="tuowei-table-scroll">
            <Table<HeadlineRow>
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={rows}
              pagination={false}
              caption={t('dashboard.overview.headline.caption', { period: format.period(period) })}
              onRow={(row) =>
                ({
                  'data-testid': 'headline-row',
                  'data-plan': row.plan.jurisdictionCode,
                  'data-metric': row.target.metric,
                }) as HTMLAttributes<HTMLElement>
              }
            />
          </div>
        )}
      </Card>
    </section>
  );
}
