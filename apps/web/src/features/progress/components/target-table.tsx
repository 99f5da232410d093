// Every target that applies to a jurisdiction, with the API's figures for the quarter in view.

import type { ProgressView } from '@tuowei/shared';
import { Grid, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { AwaitingNote } from '../../../components/awaiting-note.tsx';
import { AtDueYear, DueYearVerdict, TodayBeside } from '../../../components/closed-target.tsx';
import { IndicatorCounts } from '../../../components/indicator-counts.tsx';
import { Pace } from '../../../components/pace.tsx';
import { ShortProjects } from '../../../components/short-projects.tsx';
import { StackedRows } from '../../../components/stacked-rows.tsx';
import { StatusTag } from '../../../components/status-tag.tsx';
import { BindingTag, useTargetColumns } from '../../../components/target-columns.tsx';
import { useFormat } from '../../../i18n/format.ts';

type TargetProgress = ProgressView['targets'][number];

/** Unmeasured targets show one note across these columns instead of numbers. */
const FIGURE_COLUMNS = 4;

export interface TargetTableProps {
  targets: TargetProgress[];
  /** The quarter in view (`2024Q4`). */
  period: string;
  caption: string;
  jurisdictionName: (code: string) => string;
}

export function TargetTable({ targets, period, caption, jurisdictionName }: TargetTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('common.none');
  // below antd's md (768 px, a phone) the columns do not fit side by side: one card a target
  const phone = Grid.useBreakpoint().md === false;

  // The first figure column spans the others for an unmeasured target; they then take no cell.
  const spanFirst = (target: TargetProgress) => ({ colSpan: target.measured ? 1 : FIGURE_COLUMNS });
  const spanRest = (target: TargetProgress) => ({ colSpan: target.measured ? 1 : 0 });

  const column = useTargetColumns<TargetProgress>();
  const columns: ColumnsType<TargetProgress> = [
    {
      key: 'plan',
      title: t('progress.targets.columns.plan'),
      render: (_, target) => (
        <>
          <Tooltip title={`${target.issuer}《${target.planTitle}》`}>
            {target.documentNumber ? (
              <span className="tuowei-nowrap">{target.documentNumber}</span>
            ) : (
              <span className="tuowei-plan-name">{target.planTitle}</span>
            )}
          </Tooltip>
          <span className="tuowei-secondary">{t('progress.targets.clause', { clause: target.clause })}</span>
        </>
      ),
    },
    column.metric(t('progress.targets.columns.metric')),
    column.target(t('progress.targets.columns.target')),
    column.dueYear(t('progress.targets.columns.dueYear')),
    {
      key: 'current',
      title: t('progress.targets.columns.current'),
      onCell: spanFirst,
      render: (_, target) => {
        if (!target.measured) {
          return (
            <Typography.Text type="secondary">
              <span data-testid="current">{t('progress.targets.unmeasured')}</span>
            </Typography.Text>
          );
        }
        // a closed target leads with its due year's value and verdict, today's value beside it
        if (target.closed) {
          return (
            <>
              <DueYearVerdict target={target} withStatus={false} />
              <span className="tuowei-secondary">
                <TodayBeside target={target} />
              </span>
              <IndicatorCounts {...target} />
              {target.awaiting && (
                <AwaitingNote awaiting={target.awaiting} unitName={jurisdictionName(target.awaiting.from)} />
              )}
            </>
          );
        }
        return (
          <>
            <span data-testid="current">
              {target.current === null ? none : format.metricValue(target.metric, target.current)}
            </span>
            {target.currentPeriod !== null && target.currentPeriod !== period && (
              <span className="tuowei-secondary">
                {t('progress.targets.fromPeriod', { period: format.period(target.currentPeriod) })}
              </span>
            )}
            <IndicatorCounts {...target} />
            {target.awaiting && (
              <AwaitingNote awaiting={target.awaiting} unitName={jurisdictionName(target.awaiting.from)} />
            )}
          </>
        );
      },
    },
    {
      key: 'gap',
      title: t('progress.targets.columns.gap'),
      onCell: spanRest,
      render: (_, target) =>
        target.gap === null ? (
          <span data-testid="gap">{none}</span>
        ) : (
          <>
            <span data-testid="gap">{format.integer(target.gap)}</span> {format.gapUnit(target.metric, target.gap)}
            {/* a closed target's gap is its due year's, though the value beside it is today's */}
            {target.closed && <AtDueYear dueYear={target.dueYear} />}
            <ShortProjects target={target} />
          </>
        ),
    },
    {
      key: 'required',
      title: t('progress.targets.columns.required'),
      onCell: spanRest,
      render: (_, target) =>
        target.requiredPerQuarter === null ? (
          <span data-testid="required">{none}</span>
        ) : (
          <>
            <Pace value={target.requiredPerQuarter} testId="required" />{' '}
            {t('perQuarter', { unit: format.gapUnit(target.metric, target.requiredPerQuarter) })}
          </>
        ),
    },
    {
      key: 'forecast',
      title: t('progress.targets.columns.forecast'),
      onCell: spanRest,
      render: (_, target) => (
        <span data-testid="forecast">
          {target.forecast === null ? none : format.metricValue(target.metric, target.forecast)}
        </span>
      ),
    },
    {
      key: 'status',
      title: t('progress.targets.columns.status'),
      render: (_, target) => (
        <>
          <StatusTag status={target.status} testId="status" />
          {target.closed && <AtDueYear dueYear={target.dueYear} />}
        </>
      ),
    },
    {
      key: 'binding',
      title: t('progress.targets.columns.binding'),
      render: (_, target) => (target.binding ? <BindingTag /> : null),
    },
    {
      key: 'inherited',
      title: t('progress.targets.columns.inherited'),
      render: (_, target) =>
        target.inherited ? (
          <Tooltip title={t('progress.targets.inheritedHint')}>
            <Tag>{t('progress.targets.inherited', { name: jurisdictionName(target.planJurisdictionCode) })}</Tag>
          </Tooltip>
        ) : null,
    },
  ];

  const onRow = (target: TargetProgress) =>
    ({
      'data-testid': 'target-row',
      'data-metric': target.metric,
      'data-due-year': target.dueYear,
      'data-plan': target.planJurisdictionCode,
    }) as HTMLAttributes<HTMLElement>;

  if (phone) {
    return (
      <StackedRows<TargetProgress>
        columns={columns}
        rows={targets}
        rowKey={(target) => target.targetId}
        caption={caption}
        empty={t('progress.targets.empty')}
        onRow={onRow}
      />
    );
  }

  return (
    <Table<TargetProgress>
      size="middle"
      rowKey="targetId"
      columns={columns}
      dataSource={targets}
      pagination={false}
      caption={caption}
      // Wide enough for every column without squeezing; cells wrap above it, the table scrolls below it.
      scroll={{ x: 1200 }}
      locale={{ emptyText: t('progress.targets.empty') }}
      onRow={onRow}
    />
  );
}
