// A plan's funding rules for its administrator: the rules in a table (how each counts, rate, payer,
// condition, clause), each editable and deletable with the version seen, and the dialog that adds
// or changes one, checked by the API's own schema.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  BIRTH_ORDERS,
  type BirthOrder,
  FUNDING_CONDITIONS,
  FUNDING_KINDS,
  FUNDING_PAYERS,
  type FundingCondition,
  type FundingKind,
  type FundingPayer,
  type FundingRule,
  type FundingRuleInput,
  fundingRuleInputSchema,
  INSTITUTION_KINDS,
  type InstitutionKind,
  type PlanView,
} from '@tuowei/shared';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { requiredRule, text } from '../../../lib/schema-rule.ts';
import { useCreateFundingRule, useDeleteFundingRule, useUpdateFundingRule } from '../api/funding-rules.ts';
import { usePartDialog } from './part-dialog.ts';

interface Values {
  kind?: FundingKind;
  rate?: number | null;
  payer?: FundingPayer;
  condition?: FundingCondition | 'none';
  clause?: string;
  documentNumber?: string;
  description?: string;
  birthOrder?: BirthOrder | null;
  institutionKind?: InstitutionKind | null;
}

function toInput(values: Values): FundingRuleInput {
  return {
    kind: values.kind as FundingKind,
    rate: values.rate as number,
    payer: values.payer as FundingPayer,
    condition: !values.condition || values.condition === 'none' ? null : values.condition,
    clause: text(values.clause),
    documentNumber: text(values.documentNumber) || null,
    description: text(values.description),
    birthOrder: values.kind === 'per_child_month' ? (values.birthOrder ?? null) : null,
    institutionKind: values.kind === 'per_institution_once' ? (values.institutionKind ?? null) : null,
  };
}

export function FundingRuleAdmin({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const remove = useDeleteFundingRule();
  const [editing, setEditing] = useState<FundingRule | 'new' | null>(null);
  const headingId = `funding-rules-${plan.id}`;

  const columns: ColumnsType<FundingRule> = [
    { key: 'kind', title: t('budget.rules.kind'), render: (_, rule) => t(`budget.kindWords.${rule.kind}`) },
    { key: 'rate', title: t('budget.rules.rate'), align: 'right', render: (_, rule) => format.plain(rule.rate) },
    { key: 'payer', title: t('budget.rules.payer'), render: (_, rule) => t(`budget.payerWords.${rule.payer}`) },
    {
      key: 'condition',
      title: t('budget.rules.condition'),
      render: (_, rule) =>
        rule.condition ? t(`budget.conditionWords.${rule.condition}`) : t('budget.rules.noCondition'),
    },
    { key: 'clause', title: t('budget.rules.clause'), dataIndex: 'clause' },
    {
      key: 'actions',
      title: t('admin.actions.column'),
      width: 190,
      render: (_, rule) => (
        <Space size="small">
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(rule)} data-testid="edit-funding-rule">
            {t('admin.actions.edit')}
          </Button>
          <Popconfirm
            title={t('budget.rules.deleteConfirm')}
            okText={t('admin.actions.confirmDelete')}
            cancelText={t('admin.actions.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove
                .mutateAsync({ ruleId: rule.id, version: rule.version })
                .then(() => void message.success(t('budget.rules.deleted')))
                .catch(() => undefined)
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-funding-rule">
              {t('admin.actions.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      data-testid="funding-rule-admin"
      title={
        <Typography.Title level={3} id={headingId} style={{ fontSize: 16, margin: 0 }}>
          {t('budget.rules.title')}
        </Typography.Title>
      }
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-funding-rule">
          {t('budget.rules.add')}
        </Button>
      }
    >
      <ActionError error={remove.error} />
      <Table<FundingRule>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={plan.fundingRules}
        pagination={false}
        aria-labelledby={headingId}
        locale={{ emptyText: t('budget.rules.empty') }}
        scroll={{ x: 800 }}
        onRow={(rule) => ({ 'data-testid': 'funding-rule-row', 'data-rule': rule.id }) as HTMLAttributes<HTMLElement>}
      />
      <FundingRuleDialog planId={plan.id} editing={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

interface FundingRuleDialogProps {
  planId: string;
  editing: FundingRule | 'new' | null;
  onClose: () => void;
}

function FundingRuleDialog({ planId, editing, onClose }: FundingRuleDialogProps) {
  const { t } = useTranslation();
  const { language, rule, savedThen } = usePartDialog<Values, FundingRuleInput>({
    schema: fundingRuleInputSchema,
    toInput,
    onClose,
  });
  const [form] = Form.useForm<Values>();
  const create = useCreateFundingRule();
  const update = useUpdateFundingRule();
  const saving = editing === 'new' ? create : update;
  const kind = Form.useWatch('kind', form);

  const submit = (values: Values) => {
    if (editing === null) return;
    const input = toInput(values);
    const done = savedThen(t('budget.rules.saved'));
    if (editing === 'new') create.mutate({ planId, input }, done);
    else update.mutate({ ruleId: editing.id, version: editing.version, input }, done);
  };

  const initialValues: Values =
    editing && editing !== 'new'
      ? {
          ...editing,
          condition: editing.condition ?? 'none',
          documentNumber: editing.documentNumber ?? '',
          birthOrder: (editing.birthOrder as BirthOrder | null) ?? null,
        }
      : { kind: 'per_place_built', payer: 'county', condition: 'none' };

  return (
    <FormDialog<Values>
      open={editing !== null}
      title={editing === 'new' ? t('budget.rules.dialogAdd') : t('budget.rules.dialogEdit')}
      form={form}
      initialValues={initialValues}
      onSubmit={submit}
      onClose={onClose}
      write={saving}
      writes={[create, update]}
      width={640}
    >
      <div className="tuowei-field-row">
        <Form.Item label={t('budget.rules.kind')} name="kind" rules={[requiredRule(language)]}>
          <Select<FundingKind>
            data-testid="funding-rule-kind"
            style={{ minWidth: 200 }}
            options={FUNDING_KINDS.map((value) => ({ value, label: t(`budget.kindWords.${value}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('budget.rules.rate')} name="rate" rules={[requiredRule(language), rule('rate')]}>
          <InputNumber style={{ width: 180 }} data-testid="funding-rule-rate" />
        </Form.Item>
      </div>
      <div className="tuowei-field-row">
        <Form.Item label={t('budget.rules.payer')} name="payer" rules={[requiredRule(language)]}>
          <Select<FundingPayer>
            data-testid="funding-rule-payer"
            style={{ minWidth: 180 }}
            options={FUNDING_PAYERS.map((value) => ({ value, label: t(`budget.payerWords.${value}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('budget.rules.condition')} name="condition" rules={[rule('condition')]}>
          <Select<FundingCondition | 'none'>
            data-testid="funding-rule-condition"
            style={{ minWidth: 200 }}
            options={[
              { value: 'none', label: t('budget.rules.noCondition') },
              ...FUNDING_CONDITIONS.map((value) => ({ value, label: t(`budget.conditionWords.${value}`) })),
            ]}
          />
        </Form.Item>
      </div>
      {kind === 'per_child_month' && (
        <Form.Item label={t('budget.rules.birthOrder')} name="birthOrder" rules={[rule('birthOrder')]}>
          <Select<BirthOrder>
            data-testid="funding-rule-birth-order"
            style={{ maxWidth: 200 }}
            options={BIRTH_ORDERS.map((value) => ({ value, label: String(value) }))}
          />
        </Form.Item>
      )}
      {kind === 'per_institution_once' && (
        <Form.Item label={t('budget.rules.institutionKind')} name="institutionKind" rules={[rule('institutionKind')]}>
          <Select<InstitutionKind>
            data-testid="funding-rule-institution-kind"
            options={INSTITUTION_KINDS.map((value) => ({ value, label: t(`institutionKind.${value}`) }))}
          />
        </Form.Item>
      )}
      <div className="tuowei-field-row">
        <Form.Item label={t('budget.rules.clause')} name="clause" rules={[rule('clause')]}>
          <Input data-testid="funding-rule-clause" />
        </Form.Item>
        <Form.Item label={t('budget.rules.documentNumber')} name="documentNumber" rules={[rule('documentNumber')]}>
          <Input data-testid="funding-rule-document-number" />
        </Form.Item>
      </div>
      <Form.Item label={t('budget.rules.description')} name="description" rules={[rule('description')]}>
        <Input.TextArea rows={3} data-testid="funding-rule-description" />
      </Form.Item>
    </FormDialog>
  );
}
