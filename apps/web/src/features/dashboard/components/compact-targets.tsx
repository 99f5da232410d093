// A few targets on one theme (affordable places) with how each stands, their source on hover. A
// closed target's gap and verdict are its due year's and its current value today's: each says which.

import type { ProgressView } from '@tuowei/shared';
import { Grid, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { AtDueYear } from '../../../components/closed-target.tsx';
import { Pace } from '../../../components/pace.tsx';
import { StackedRows } from '../../../components/stacked-rows.tsx';
import { StatusTag } from '../../../components/status-tag.tsx';
import { BindingTag, useTargetColumns } from '../../../components/target-columns.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { TargetSource } from './target-source.tsx';

type TargetProgress = ProgressView['targets'][number];

export function CompactTargets({ targets, caption }: { targets: TargetProgress[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('common.none');
  // on a phone one card a target: the columns do not fit side by side
  const phone = Grid.useBreakpoint().md === false;
  const column = useTargetColumns<TargetProgress>();
  const columns: ColumnsType<TargetProgress> = [
    {
      key: 'target',
      title: t('progress.targets.columns.target'),
      render: (_, target) => (
        <>
          {format.metricLabel(target.metric, target.institutionKind)}{' '}
          <strong className="tuowei-nowrap">{format.target(target.metric, target.comparator, target.value)}</strong>{' '}
          {target.binding && <BindingTag />}
        </>
      ),
    },
    column.dueYear(t('progress.targets.columns.dueYear')),
    {
      key: 'current',
      title: t('progress.targets.columns.current'),
      align: 'right',
      className: 'tuowei-nowrap',
      render: (_, target) => (
        <>
          {target.current === null ? none : format.metricValue(target.metric, target.current)}
          {target.closed && target.currentPeriod !== null && (
            <span className="tuowei-secondary" data-testid="current-period">
              {format.period(target.currentPeriod)}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'gap',
      title: t('progress.targets.columns.gap'),
      align: 'right',
      className: 'tuowei-nowrap',
      render: (_, target) =>
        target.gap === null ? (
          none
        ) : (
          <>
            {`${format.integer(target.gap)} ${format.gapUnit(target.metric, target.gap)}`}
            {target.closed && <AtDueYear dueYear={target.dueYear} />}
          </>
        ),
    },
    {
      key: 'required',
      title: t('progress.targets.columns.required'),
      align: 'right',
      className: 'tuowei-nowrap',
      render: (_, target) => (target.requiredPerQuarter === null ? none : <Pace value={target.requiredPerQuarter} />),
    },
    {
      key: 'status',
      title: t('progress.targets.columns.status'),
      render: (_, target) => (
        <>
          <StatusTag status={target.status} />
          {target.closed && <AtDueYear dueYear={target.dueYear} />}
        </>
      ),
    },
    {
      key: 'source',
      title: t('dashboard.page.source.label'),
      render: (_, target) => <TargetSource source={target} />,
    },
  ];
  const onRow = (target: TargetProgress) =>
    ({ 'data-testid': 'compact-target', 'data-metric': target.metric }) as HTMLAttributes<HTMLElement>;
  if (phone) {
    return (
      <StackedRows<TargetProgress>
        columns={columns}
        rows={targets}
        rowKey={(target) => target.targetId}
        caption={caption}
        empty={none}
        onRow={onRow}
      />
    );
  }
  return (
    <div className="tuowei-table-scroll">
      <Table<TargetProgress>
        size="small"
        rowKey="targetId"
        columns={columns}
        dataSource={targets}
        pagination={false}
        caption={caption}
        onRow={onRow}
      />
    </div>
  );
}
