// Targets that every unit below must meet on its own, and how each unit stands against them.
import type { ProgressView } from '@tuowei/shared';
import { Card, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { StatusTag } from '../../../components/status-tag.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';

type Cascade = ProgressView['cascades'][number];
type Unit = Cascade['units'][number];

export function CascadeList({ cascades }: { cascades: Cascade[] }) {
  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      {cascades.map((cascade) => (
        <CascadeCard key={cascade.targetId} cascade={cascade} />
      ))}
    </div>
  );
}

function CascadeCard({ cascade }: { cascade: Cascade }) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const none = t('common.none');
  const headingId = `cascade-${cascade.targetId}`;

  const columns: ColumnsType<Unit> = [
    { key: 'name', title: t('progress.cascades.unit'), render: (_, unit) => nameOf(unit) },
    {
      key: 'current',
      title: t('progress.targets.columns.current'),
      render: (_, unit) => (unit.current === null ? none : format.metricValue(cascade.metric, unit.current)),
    },
    {
      key: 'gap',
      title: t('progress.targets.columns.gap'),
      render: (_, unit) =>
        unit.gap === null ? none : `${format.integer(unit.gap)} ${format.gapUnit(cascade.metric, unit.gap)}`,
    },
    {
      key: 'status',
      title: t('progress.targets.columns.status'),
      render: (_, unit) => <StatusTag status={unit.status} />,
    },
  ];

  return (
    <Card
      size="small"
      title={
        <Typography.Title level={3} id={headingId} style={{ margin: 0, fontSize: 15 }}>
          {cascade.documentNumber ?? cascade.planTitle} · {t('progress.targets.clause', { clause: cascade.clause })}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>
        {t('progress.cascades.requirement', {
          scope: t(`scope.${cascade.scope}`),
          metric: format.metricLabel(cascade.metric, cascade.institutionKind),
          target: format.target(cascade.metric, cascade.comparator, cascade.value),
          due: format.dueYear(cascade.dueYear),
        })}
      </Typography.Paragraph>
      {cascade.units.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('progress.cascades.noUnits')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('progress.cascades.summary', {
              meeting: format.integer(cascade.unitsMeeting),
              total: format.integer(cascade.unitsTotal),
              noData: format.integer(cascade.unitsNoData),
              gap: `${format.integer(cascade.gap)} ${format.gapUnit(cascade.metric, cascade.gap)}`,
            })}
          </Typography.Paragraph>
          <Table<Unit>
            size="small"
            rowKey="code"
            columns={columns}
            dataSource={cascade.units}
            pagination={false}
            aria-labelledby={headingId}
          />
        </>
      )}
    </Card>
  );
}
