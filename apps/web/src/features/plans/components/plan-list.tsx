// The shipped plans, each with its issuer, date and measurable targets, linking to its progress.
import type { PlanView, TargetView } from '@tuowei/shared';
import { Card, Descriptions, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTargetColumns } from '../../../components/target-columns.tsx';
import { useFormat } from '../../../i18n/format.ts';

export interface PlanListProps {
  plans: PlanView[];
  /** The jurisdiction's name in the current language, or its code while names load. */
  jurisdictionName: (code: string) => string;
}

export function PlanList({ plans, jurisdictionName }: PlanListProps) {
  const { t } = useTranslation();
  if (plans.length === 0) return <Empty description={t('plans.empty')} />;
  return (
    <div className="tuowei-stack">
      {plans.map((plan) => (
        <PlanCard key={plan.id} plan={plan} jurisdictionName={jurisdictionName(plan.jurisdictionCode)} />
      ))}
    </div>
  );
}

function PlanCard({ plan, jurisdictionName }: { plan: PlanView; jurisdictionName: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const planName = plan.documentNumber ?? plan.title;
  const headingId = `plan-${plan.id}`;

  const column = useTargetColumns<TargetView>();
  const columns: ColumnsType<TargetView> = [
    column.metric(t('plans.columns.metric')),
    column.target(t('plans.columns.target')),
    column.scope(t('plans.columns.scope')),
    column.dueYear(t('plans.columns.dueYear')),
    { key: 'clause', title: t('plans.columns.clause'), dataIndex: 'clause' },
  ];

  return (
    <Card
      className="tuowei-plan-card"
      title={
        <Typography.Title level={2} id={headingId} style={{ margin: 0, fontSize: 18 }}>
          {jurisdictionName} · {planName}
        </Typography.Title>
      }
      extra={
        <Link to={`/progress/${plan.jurisdictionCode}`}>{t('plans.viewProgress', { name: jurisdictionName })}</Link>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'jurisdiction', label: t('plans.jurisdiction'), children: jurisdictionName },
          {
            key: 'documentNumber',
            label: t('plans.documentNumber'),
            children: plan.documentNumber ?? t('plans.noDocumentNumber'),
          },
          { key: 'title', label: t('plans.planTitle'), children: plan.title },
          { key: 'issuer', label: t('plans.issuer'), children: plan.issuer },
          {
            key: 'issuedOn',
            label: t('plans.issuedOn'),
            children: plan.issuedOn ? format.date(plan.issuedOn) : t('common.notStated'),
          },
        ]}
      />
      <Table<TargetView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={plan.targets}
        pagination={false}
        aria-labelledby={headingId}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
