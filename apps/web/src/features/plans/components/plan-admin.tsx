// The administrator's plans: those binding a jurisdiction in their scope, each editable and
// deletable, and the chosen plan's targets below in a table of their own.
import { BranchesOutlined, DeleteOutlined, EditOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { FRACTION_METRICS, type PlanView, type TargetView } from '@tuowei/shared';
import { App, Button, Card, Popconfirm, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import type { JurisdictionField } from '../../../components/jurisdiction-field.ts';
import { QueryError } from '../../../components/query-error.tsx';
import { useTargetColumns } from '../../../components/target-columns.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useDeletePlan } from '../api/delete-plan.ts';
import { useDeleteTarget } from '../api/delete-target.ts';
import { usePlans } from '../api/get-plans.ts';
import { FundingRuleAdmin } from './funding-rule-admin.tsx';
import { PlanDialog } from './plan-dialog.tsx';
import { TargetDialog } from './target-dialog.tsx';
import '../../../components/admin-pages.css';

export interface PlanAdminProps {
  /** Whether a jurisdiction is the administrator's to manage (their subtree). */
  inScope: (code: string) => boolean;
  jurisdictionName: (code: string) => string;
  JurisdictionField: JurisdictionField;
  scope: string | null;
  selected: string | undefined;
  onSelect: (planId: string | undefined) => void;
}

export function PlanAdmin({ inScope, jurisdictionName, JurisdictionField, scope, selected, onSelect }: PlanAdminProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const plans = usePlans();
  const remove = useDeletePlan();
  const [editing, setEditing] = useState<PlanView | 'new' | null>(null);

  if (plans.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (plans.isError) return <QueryError error={plans.error} onRetry={() => void plans.refetch()} />;

  const mine = plans.data.filter((plan) => inScope(plan.jurisdictionCode));
  const chosen = mine.find((plan) => plan.id === selected);
  const planName = (plan: PlanView) => plan.documentNumber ?? plan.title;

  const columns: ColumnsType<PlanView> = [
    {
      key: 'jurisdiction',
      title: t('admin.plans.jurisdiction'),
      render: (_, plan) => (
        <>
          {jurisdictionName(plan.jurisdictionCode)}
          <span className="tuowei-secondary">{plan.jurisdictionCode}</span>
        </>
      ),
    },
    {
      key: 'documentNumber',
      title: t('admin.plans.documentNumber'),
      className: 'tuowei-nowrap',
      render: (_, plan) =>
        plan.documentNumber ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      key: 'title',
      title: t('admin.plans.planTitle'),
      render: (_, plan) => (
        <>
          {plan.title}
          <span className="tuowei-secondary">
            {plan.issuer}
            {plan.issuedOn ? ` · ${format.date(plan.issuedOn)}` : ''}
          </span>
        </>
      ),
    },
    {
      key: 'targets',
      title: t('admin.plans.targets'),
      className: 'tuowei-nowrap',
      render: (_, plan) => t('admin.plans.targetCount', { count: plan.targets.length }),
    },
    {
      key: 'actions',
      title: t('admin.actions.column'),
      width: 300,
      render: (_, plan) => (
        <Space size="small" wrap>
          <Button
            size="small"
            type={plan.id === selected ? 'primary' : 'default'}
            icon={<UnorderedListOutlined />}
            onClick={() => onSelect(plan.id)}
            data-testid="show-targets"
          >
            {t('admin.plans.showTargets')}
          </Button>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(plan)} data-testid="edit-plan">
            {t('admin.actions.edit')}
          </Button>
          <Popconfirm
            title={t('admin.plans.deleteConfirm', { name: planName(plan), count: plan.targets.length })}
            okText={t('admin.actions.confirmDelete')}
            cancelText={t('admin.actions.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove
                .mutateAsync(plan.id)
                .then(() => {
                  void message.success(t('admin.plans.deleted'));
                  if (plan.id === selected) onSelect(undefined);
                })
                .catch(() => undefined)
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-plan">
              {t('admin.actions.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      <div className="tuowei-section-head">
        <Typography.Title level={2} id="plans-heading" style={{ fontSize: 18, margin: 0 }}>
          {t('admin.plans.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-plan">
          {t('admin.plans.add')}
        </Button>
      </div>
      <ActionError error={remove.error} />
      <Table<PlanView>
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={mine}
        pagination={mine.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        aria-labelledby="plans-heading"
        locale={{ emptyText: t('admin.plans.empty') }}
        scroll={{ x: 900 }}
        rowClassName={(plan) => (plan.id === selected ? 'tuowei-row-selected' : '')}
        onRow={(plan) => ({ 'data-testid': 'plan-row', 'data-plan': plan.id }) as HTMLAttributes<HTMLElement>}
      />
      {chosen ? (
        <>
          <TargetAdmin
            plan={chosen}
            planName={planName(chosen)}
            jurisdictionName={jurisdictionName}
            allTargets={plans.data.flatMap((plan) => plan.targets)}
          />
          <FundingRuleAdmin plan={chosen} />
        </>
      ) : (
        <Typography.Text type="secondary">{t('admin.plans.choose')}</Typography.Text>
      )}
      <PlanDialog
        editing={editing}
        JurisdictionField={JurisdictionField}
        scope={scope}
        onClose={() => setEditing(null)}
        onSaved={(plan) => {
          setEditing(null);
          onSelect(plan.id);
        }}
      />
    </div>
  );
}

interface TargetAdminProps {
  plan: PlanView;
  planName: string;
  jurisdictionName: (code: string) => string;
  /** Every plan's targets: a revision's other end may be in another (later) document. */
  allTargets: readonly TargetView[];
}

function TargetAdmin({ plan, planName, jurisdictionName, allTargets }: TargetAdminProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const remove = useDeleteTarget();
  const [editing, setEditing] = useState<TargetView | 'new' | null>(null);
  const [revising, setRevising] = useState(false);
  const headingId = `targets-${plan.id}`;
  const describe = (id: string | null) => {
    const other = id === null ? undefined : allTargets.find((target) => target.id === id);
    return other
      ? `${format.target(other.metric, other.comparator, other.value)} (${format.dueYear(other.dueYear)})`
      : '';
  };

  const column = useTargetColumns<TargetView>();
  const columns: ColumnsType<TargetView> = [
    column.metric(t('plans.columns.metric')),
    // a share is kept as a fraction: the admin sees the number the API holds beside the percent
    column.target(
      t('plans.columns.target'),
      (target) =>
        FRACTION_METRICS.has(target.metric) && (
          <span className="tuowei-secondary" data-testid="target-api-value">
            {t('admin.plans.target.apiValue', { value: target.value })}
          </span>
        ),
    ),
    column.dueYear(t('plans.columns.dueYear')),
    { key: 'clause', title: t('plans.columns.clause'), dataIndex: 'clause' },
    column.scope(t('plans.columns.scope')),
    {
      // the revision chain: in force from–until, what it replaced and what replaced it
      key: 'inForce',
      title: t('admin.plans.target.inForce'),
      render: (_, target) => (
        <span data-testid="target-in-force">
          {t('admin.plans.target.inForceRange', {
            from: target.inForceFrom ? format.date(target.inForceFrom) : '—',
            until: target.inForceUntil ? format.date(target.inForceUntil) : t('admin.plans.target.stillInForce'),
          })}
          {target.supersedes && (
            <span className="tuowei-secondary" data-testid="target-supersedes">
              {t('admin.plans.target.supersedes', { target: describe(target.supersedes) })}
            </span>
          )}
          {target.supersededBy && (
            <span className="tuowei-secondary" data-testid="target-superseded-by">
              {t('admin.plans.target.supersededBy', { target: describe(target.supersededBy) })}
            </span>
          )}
        </span>
      ),
    },
    {
      key: 'actions',
      title: t('admin.actions.column'),
      width: 280,
      render: (_, target) => (
        <Space size="small" wrap>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => {
              setRevising(false);
              setEditing(target);
            }}
            data-testid="edit-target"
          >
            {t('admin.actions.edit')}
          </Button>
          <Button
            size="small"
            icon={<BranchesOutlined />}
            disabled={target.inForceUntil !== null}
            title={t('admin.plans.target.reviseHint')}
            onClick={() => {
              setRevising(true);
              setEditing(target);
            }}
            data-testid="revise-target"
          >
            {t('admin.plans.target.revise')}
          </Button>
          <Popconfirm
            title={t('admin.plans.target.deleteConfirm', {
              metric: format.metricLabel(target.metric, target.institutionKind),
              target: format.target(target.metric, target.comparator, target.value),
              due: format.dueYear(target.dueYear),
            })}
            okText={t('admin.actions.confirmDelete')}
            cancelText={t('admin.actions.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove
                .mutateAsync(target.id)
                .then(() => void message.success(t('admin.plans.target.deleted')))
                .catch(() => undefined)
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-target">
              {t('admin.actions.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      data-testid="target-admin"
      title={
        <Typography.Title level={3} id={headingId} style={{ fontSize: 16, margin: 0 }}>
          {t('admin.plans.targetsTitle', { plan: planName })}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
            {jurisdictionName(plan.jurisdictionCode)}
          </Typography.Text>
        </Typography.Title>
      }
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-target">
          {t('admin.plans.target.add')}
        </Button>
      }
    >
      <ActionError error={remove.error} />
      <Table<TargetView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={plan.targets}
        pagination={false}
        aria-labelledby={headingId}
        locale={{ emptyText: t('admin.plans.target.empty') }}
        scroll={{ x: 1000 }}
        onRow={(target) =>
          ({
            'data-testid': 'target-row',
            'data-metric': target.metric,
            'data-target': target.id,
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <TargetDialog planId={plan.id} editing={editing} revising={revising} onClose={() => setEditing(null)} />
    </Card>
  );
}
