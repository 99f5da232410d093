// Each published plan's headline targets (places per 1,000, affordable places per 1,000 and share)
// with how they stand in the quarter in view, as the overview's answer carries them.
import type { HeadlineTarget } from '@tuowei/shared';
import { Card, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusTag } from '../../../components/status-tag.tsx';
import { useTargetColumns } from '../../../components/target-columns.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { TargetSource } from './target-source.tsx';

export interface HeadlineTargetsProps {
  period: string;
  headlines: readonly HeadlineTarget[];
}

export function HeadlineTargets({ period, headlines }: HeadlineTargetsProps) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const none = t('common.none');
  const headingId = 'headline-targets-heading';

  const column = useTargetColumns<HeadlineTarget>();
  const columns: ColumnsType<HeadlineTarget> = [
    {
      key: 'plan',
      title: t('dashboard.overview.headline.plan'),
      render: (_, row) => (
        <>
          <Link to={`/dashboard/${row.planJurisdictionCode}?period=${period}`}>{nameOf(row)}</Link>
          <div>
            <TargetSource source={row} />
          </div>
        </>
      ),
    },
    column.metric(t('dashboard.overview.headline.metric')),
    {
      key: 'target',
      title: t('dashboard.overview.headline.target'),
      render: (_, row) => (
        <>
          <span className="tuowei-nowrap">{format.target(row.metric, row.comparator, row.value)}</span>
          <span className="tuowei-secondary">{format.dueYear(row.dueYear)}</span>
        </>
      ),
    },
    {
      key: 'current',
      title: t('dashboard.overview.headline.current'),
      align: 'right',
      render: (_, row) => (row.current === null ? none : format.metricValue(row.metric, row.current)),
    },
    {
      key: 'forecast',
      title: t('dashboard.overview.headline.forecast'),
      align: 'right',
      render: (_, row) => (row.forecast === null ? none : format.metricValue(row.metric, row.forecast)),
    },
    {
      key: 'gap',
      title: t('dashboard.overview.headline.gap'),
      align: 'right',
      render: (_, row) =>
        row.gap === null ? (
          none
        ) : (
          <span className="tuowei-nowrap">
            <span data-testid="headline-gap">{format.integer(row.gap)}</span> {format.gapUnit(row.metric, row.gap)}
          </span>
        ),
    },
    {
      key: 'pace',
      title: t('dashboard.overview.headline.pace'),
      align: 'right',
      render: (_, row) =>
        row.requiredPerQuarter === null ? (
          none
        ) : (
          <span className="tuowei-nowrap">
            {format.pace(row.requiredPerQuarter)} {format.gapUnit(row.metric, row.requiredPerQuarter)}
          </span>
        ),
    },
    {
      key: 'status',
      title: t('dashboard.overview.headline.status'),
      render: (_, row) => <StatusTag status={row.status} />,
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
        {headlines.length === 0 ? (
          <Empty description={t('dashboard.overview.headline.empty')} />
        ) : (
          <div className="tuowei-table-scroll">
            <Table<HeadlineTarget>
              size="small"
              rowKey="targetId"
              columns={columns}
              dataSource={headlines}
              pagination={false}
              caption={t('dashboard.overview.headline.caption', { period: format.period(period) })}
              onRow={(row) =>
                ({
                  'data-testid': 'headline-row',
                  'data-plan': row.planJurisdictionCode,
                  'data-metric': row.metric,
                }) as HTMLAttributes<HTMLElement>
              }
            />
          </div>
        )}
      </Card>
    </section>
  );
}
