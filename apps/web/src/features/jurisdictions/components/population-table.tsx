// A unit's resident population by year, with its source: add a year, correct one, delete one.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type JurisdictionDetail, type PopulationInput, populationInputSchema } from '@tuowei/shared';
import { App, Button, Form, Input, InputNumber, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { requiredRule, schemaRule, text } from '../../../lib/schema-rule.ts';
import { useDeletePopulation } from '../api/delete-population.ts';
import { useSavePopulation } from '../api/save-population.ts';
import '../../../components/admin-pages.css';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';

type Figure = JurisdictionDetail['populations'][number];

const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

export function PopulationTable({ unit }: { unit: JurisdictionDetail }) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const { message } = App.useApp();
  const remove = useDeletePopulation();
  // null: closed; 'new': adding a year; a figure: correcting it
  const [editing, setEditing] = useState<Figure | 'new' | null>(null);
  const name = nameOf(unit);
  const figures = [...unit.populations].sort((a, b) => b.year - a.year);

  const columns: ColumnsType<Figure> = [
    { key: 'year', title: t('admin.jurisdictions.populations.year'), dataIndex: 'year', width: 90 },
    {
      key: 'population',
      title: t('admin.jurisdictions.populations.population'),
      align: 'right',
      width: 160,
      render: (_, figure) => (
        <span className="tuowei-nowrap" data-testid="population-value">
          {format.integer(figure.population)} {t('admin.jurisdictions.populations.unit')}
        </span>
      ),
    },
    { key: 'source', title: t('admin.jurisdictions.populations.source'), dataIndex: 'source' },
    {
      key: 'actions',
      title: t('admin.actions.column'),
      width: 190,
      render: (_, figure) => (
        <Space size="small">
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(figure)}>
            {t('admin.actions.edit')}
          </Button>
          <Popconfirm
            title={t('admin.jurisdictions.populations.deleteConfirm', { name, year: figure.year })}
            okText={t('admin.actions.confirmDelete')}
            cancelText={t('admin.actions.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove
                .mutateAsync({ code: unit.code, year: figure.year })
                .then(() => void message.success(t('admin.jurisdictions.populations.deleted', { year: figure.year })))
                .catch(() => undefined)
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />}>
              {t('admin.actions.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <section aria-labelledby="populations-heading">
      <div className="tuowei-section-head">
        <div>
          <Typography.Title level={3} id="populations-heading" style={{ fontSize: 16, margin: 0 }}>
            {t('admin.jurisdictions.populations.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('admin.jurisdictions.populations.intro')}</Typography.Text>
        </div>
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-population">
          {t('admin.jurisdictions.populations.add')}
        </Button>
      </div>
      <ActionError error={remove.error} />
      <Table<Figure>
        size="small"
        rowKey="year"
        columns={columns}
        dataSource={figures}
        pagination={false}
        aria-labelledby="populations-heading"
        locale={{ emptyText: t('admin.jurisdictions.populations.empty') }}
        scroll={{ x: 640 }}
      />
      <PopulationDialog unit={unit} editing={editing} onClose={() => setEditing(null)} />
    </section>
  );
}

interface Values {
  year?: number | null;
  population?: number | null;
  source?: string;
}

function PopulationDialog({
  unit,
  editing,
  onClose,
}: {
  unit: JurisdictionDetail;
  editing: Figure | 'new' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { language, nameOf } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSavePopulation();
  const name = nameOf(unit);
  const adding = editing === 'new';

  const toInput = (values: Values): PopulationInput => ({
    population: values.population as number,
    source: text(values.source),
  });
  const rule = (field: keyof PopulationInput) => schemaRule(populationInputSchema, field, toInput, language);

  const submit = (values: Values) => {
    if (editing === null) return;
    const year = editing === 'new' ? (values.year as number) : editing.year;
    save.mutate(
      { code: unit.code, year, input: toInput(values) },
      {
        onSuccess: () => {
          void message.success(t('admin.jurisdictions.populations.saved', { year }));
          onClose();
        },
      },
    );
  };

  return (
    <FormDialog<Values>
      open={editing !== null}
      title={
        adding
          ? t('admin.jurisdictions.populations.addTitle', { name })
          : t('admin.jurisdictions.populations.editTitle', { name, year: editing?.year })
      }
      form={form}
      initialValues={
        editing && editing !== 'new'
          ? { population: editing.population, source: editing.source }
          : { year: new Date().getFullYear() - 1 }
      }
      onSubmit={submit}
      onClose={onClose}
      write={save}
    >
      {adding && (
        <Form.Item
          label={t('admin.jurisdictions.populations.year')}
          name="year"
          rules={[
            {
              validator: async (_, value: number | null | undefined) => {
                if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
                  throw new Error(t('admin.jurisdictions.populations.yearRange', { min: MIN_YEAR, max: MAX_YEAR }));
                }
                if (unit.populations.some((figure) => figure.year === value)) {
                  throw new Error(t('admin.jurisdictions.populations.yearTaken', { year: value }));
                }
              },
            },
          ]}
        >
          <InputNumber min={MIN_YEAR} max={MAX_YEAR} precision={0} data-testid="population-year" />
        </Form.Item>
      )}
      <Form.Item
        label={t('admin.jurisdictions.populations.population')}
        name="population"
        rules={[requiredRule(language), rule('population')]}
      >
        <InputNumber
          precision={0}
          style={{ width: 220 }}
          suffix={t('admin.jurisdictions.populations.unit')}
          autoFocus={!adding}
          data-testid="population-value-input"
        />
      </Form.Item>
      <Form.Item label={t('admin.jurisdictions.populations.source')} name="source" rules={[rule('source')]}>
        <Input placeholder={t('admin.jurisdictions.populations.sourcePlaceholder')} data-testid="population-source" />
      </Form.Item>
    </FormDialog>
  );
}
