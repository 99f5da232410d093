// The units that owe a report for the quarter (or a year's health indicators): state, first
// submission, on time or late, who approved; each links to its report form (or indicators form).
import type { CompletenessView } from '@tuowei/shared';
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ReportStateTag } from '../../../components/report-state-tag.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';

type Unit = CompletenessView['units'][number];

export interface CompletenessTableProps {
  units: Unit[];
  period: string;
  /** Where a unit's record opens; by default its report for the quarter. */
  recordPath?: (code: string) => string;
  /** The link's words and its column's title; by default "open report" under "report". */
  openLabel?: string;
  openTitle?: string;
  /** The id of the heading that names the table. */
  labelledBy: string;
  emptyText: string;
}

export function CompletenessTable(props: CompletenessTableProps) {
  const { units, period, labelledBy, emptyText } = props;
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const none = t('common.none');
  const pathOf = props.recordPath ?? ((code: string) => `/reports/${code}/${period}`);

  const columns: ColumnsType<Unit> = [
    {
      key: 'unit',
      title: t('completeness.columns.unit'),
      render: (_, unit) => (
        <>
          <Link to={pathOf(unit.code)}>{nameOf(unit)}</Link>{' '}
          {unit.demo && <Tag color="gold">{t('completeness.demo')}</Tag>}
          <span className="tuowei-secondary">
            {t(`level.${unit.level}`)} · {unit.code}
          </span>
        </>
      ),
    },
    {
      key: 'state',
      title: t('completeness.columns.state'),
      render: (_, unit) => <ReportStateTag state={unit.state} testId="unit-state" />,
    },
    {
      key: 'firstSubmittedAt',
      title: t('completeness.columns.firstSubmittedAt'),
      render: (_, unit) => (unit.firstSubmittedAt ? format.dateTime(unit.firstSubmittedAt) : none),
    },
    {
      key: 'timeliness',
      title: t('completeness.columns.timeliness'),
      render: (_, unit) =>
        unit.onTime ? (
          <Tag color="success">{t('completeness.onTime')}</Tag>
        ) : unit.late ? (
          <Tag color="error">{t('completeness.late')}</Tag>
        ) : (
          <Tag>{t('completeness.notYetDue')}</Tag>
        ),
    },
    {
      key: 'approvedBy',
      title: t('completeness.columns.approvedBy'),
      render: (_, unit) =>
        unit.approvedBy && unit.approvedAt
          ? t('completeness.approvedByAt', { by: unit.approvedBy, at: format.dateTime(unit.approvedAt) })
          : (unit.approvedBy ?? none),
    },
    {
      key: 'report',
      title: props.openTitle ?? t('completeness.columns.report'),
      render: (_, unit) => (
        <Link to={pathOf(unit.code)} data-testid="open-report">
          {props.openLabel ?? t('completeness.openReport')}
        </Link>
      ),
    },
  ];

  return (
    <Table<Unit>
      size="middle"
      rowKey="code"
      columns={columns}
      dataSource={units}
      pagination={units.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      aria-labelledby={labelledBy}
      scroll={{ x: 900 }}
      locale={{ emptyText }}
      onRow={(unit) =>
        ({ 'data-testid': 'unit-row', 'data-code': unit.code, 'data-state': unit.state }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
