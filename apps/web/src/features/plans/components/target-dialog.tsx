// Adds a target to a plan, corrects one (an edit) or revises one (a later document's target
// replacing it from a day, the old one kept with its end). Shares are typed as the plan writes them, in percent,
// and sent as the fraction the API keeps (60 % → 0.6), shown under the field; the kind of
// institution is asked only for an institutions target.
import {
  COMPARATORS,
  type Comparator,
  FRACTION_METRICS,
  INSTITUTION_KINDS,
  type InstitutionKind,
  METRICS,
  type Metric,
  SCOPES,
  type Scope,
  type TargetInput,
  type TargetView,
  targetInputSchema,
} from '@tuowei/shared';
import { Form, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { requiredRule, text } from '../../../lib/schema-rule.ts';
import { useCreateTarget } from '../api/create-target.ts';
import { useReviseTarget } from '../api/revise-target.ts';
import { useUpdateTarget } from '../api/update-target.ts';
import { usePartDialog } from './part-dialog.ts';
import '../../../components/admin-pages.css';
import { FormDialog } from '../../../components/form-dialog.tsx';

/** 60 → 0.6, without the binary noise of a plain division (57.3 / 100 = 0.5730000000000001). */
export const percentToFraction = (percent: number): number => Number((percent / 100).toPrecision(12));
export const fractionToPercent = (fraction: number): number => Number((fraction * 100).toPrecision(12));

interface Values {
  metric?: Metric;
  comparator?: Comparator;
  /** As typed: a percent for share metrics, the plain value otherwise. */
  value?: number | null;
  dueYear?: number | null;
  clause?: string;
  scope?: Scope;
  institutionKind?: InstitutionKind | null;
  /** A revision's first day in force (YYYY-MM-DD). */
  inForceFrom?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toInput(values: Values): TargetInput {
  const metric = values.metric as Metric;
  const typed = values.value ?? undefined;
  return {
    metric,
    comparator: values.comparator as Comparator,
    value: (typed !== undefined && FRACTION_METRICS.has(metric) ? percentToFraction(typed) : typed) as number,
    dueYear: values.dueYear as number,
    clause: text(values.clause),
    scope: values.scope as Scope,
    ...(metric === 'institutions' ? { institutionKind: values.institutionKind ?? null } : {}),
  };
}

export interface TargetDialogProps {
  planId: string;
  /** null: closed; 'new': adding; a target: changing it. */
  editing: TargetView | 'new' | null;
  /** True: the target being edited is replaced by a new one (a revision), not changed in place. */
  revising?: boolean;
  onClose: () => void;
}

/**
 * The end of the five-year plan cycle a year falls in (2021–2025 → 2025, 2026–2030 → 2030): what a
 * new target is most likely due by, once the previous cycle's targets have closed.
 */
function currentCycleEnd(year: number): number {
  return Math.ceil(year / 5) * 5;
}

export function TargetDialog({ planId, editing, revising = false, onClose }: TargetDialogProps) {
  const { t } = useTranslation();
  const { language, rule, savedThen } = usePartDialog<Values, TargetInput>({
    schema: targetInputSchema,
    toInput,
    onClose,
  });
  const [form] = Form.useForm<Values>();
  const create = useCreateTarget();
  const update = useUpdateTarget();
  const revise = useReviseTarget();
  const saving = editing === 'new' ? create : revising ? revise : update;
  const metric = Form.useWatch('metric', form);
  const typedValue = Form.useWatch('value', form);
  const share = metric !== undefined && FRACTION_METRICS.has(metric);

  const submit = (values: Values) => {
    if (editing === null) return;
    const input = toInput(values);
    const done = savedThen(
      editing === 'new'
        ? t('admin.plans.target.created')
        : revising
          ? t('admin.plans.target.revised')
          : t('admin.plans.target.updated'),
    );
    if (editing === 'new') create.mutate({ planId, input }, done);
    else if (revising)
      revise.mutate(
        { targetId: editing.id, version: editing.version, input, inForceFrom: values.inForceFrom as string },
        done,
      );
    else update.mutate({ targetId: editing.id, input, version: editing.version }, done);
  };

  const initialValues: Values =
    editing && editing !== 'new'
      ? {
          ...editing,
          value: FRACTION_METRICS.has(editing.metric) ? fractionToPercent(editing.value) : editing.value,
          institutionKind: editing.institutionKind ?? null,
          // a revision's first day is the new document's, asked for; an edit does not ask
          inForceFrom: undefined,
        }
      : { comparator: 'at_least', scope: 'self', dueYear: currentCycleEnd(new Date().getFullYear()) };

  const unit = metric ? t(`unit.${metric}`) : '';

  return (
    <FormDialog<Values>
      open={editing !== null}
      title={
        editing === 'new'
          ? t('admin.plans.target.addTitle')
          : revising
            ? t('admin.plans.target.reviseTitle')
            : t('admin.plans.target.editTitle')
      }
      form={form}
      initialValues={initialValues}
      onSubmit={submit}
      onClose={onClose}
      write={saving}
      writes={[create, update, revise]}
      width={640}
      onValuesChange={(changed) => {
        // a share and a count are not the same number: switching between them asks again
        if ('metric' in changed) {
          void form.validateFields(['value', 'institutionKind']).catch(() => undefined);
        }
      }}
    >
      <Form.Item label={t('admin.plans.target.metric')} name="metric" rules={[requiredRule(language)]}>
        <Select<Metric>
          data-testid="target-metric"
          showSearch={{ optionFilterProp: 'label' }}
          options={METRICS.map((value) => ({ value, label: t(`metric.${value}`) }))}
        />
      </Form.Item>
      {metric === 'institutions' && (
        <Form.Item
          label={t('admin.plans.target.institutionKind')}
          name="institutionKind"
          extra={t('admin.plans.target.institutionKindHint')}
          rules={[requiredRule(language), rule('institutionKind')]}
        >
          <Select<InstitutionKind>
            data-testid="target-institution-kind"
            options={INSTITUTION_KINDS.map((value) => ({ value, label: t(`institutionKind.${value}`) }))}
          />
        </Form.Item>
      )}
      <div className="tuowei-field-row">
        <Form.Item label={t('admin.plans.target.comparator')} name="comparator" rules={[requiredRule(language)]}>
          <Select<Comparator>
            data-testid="target-comparator"
            style={{ minWidth: 140 }}
            options={COMPARATORS.map((value) => ({ value, label: t(`admin.plans.comparatorWords.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={share ? t('admin.plans.target.valuePercent') : t('admin.plans.target.value')}
          name="value"
          rules={[
            requiredRule(language),
            ...(share
              ? [
                  {
                    validator: async (_: unknown, value: number | null | undefined) => {
                      if (typeof value !== 'number') return;
                      if (value > 100) throw new Error(t('admin.plans.target.percentAtMost'));
                      if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) {
                        throw new Error(t('admin.plans.target.percentDecimals'));
                      }
                    },
                  },
                ]
              : []),
            rule('value'),
          ]}
          extra={
            share && typeof typedValue === 'number' ? (
              <span data-testid="target-fraction">
                {t('admin.plans.target.fraction', { value: percentToFraction(typedValue) })}
              </span>
            ) : undefined
          }
        >
          <InputNumber min={0} style={{ width: 200 }} suffix={unit || undefined} data-testid="target-value" />
        </Form.Item>
        <Form.Item
          label={t('admin.plans.target.dueYear')}
          name="dueYear"
          rules={[requiredRule(language), rule('dueYear')]}
        >
          <InputNumber min={2000} max={2100} precision={0} data-testid="target-due-year" />
        </Form.Item>
      </div>
      <div className="tuowei-field-row">
        <Form.Item label={t('admin.plans.target.clause')} name="clause" rules={[rule('clause')]}>
          <Input placeholder={t('admin.plans.target.clausePlaceholder')} data-testid="target-clause" />
        </Form.Item>
        <Form.Item label={t('admin.plans.target.scope')} name="scope" rules={[requiredRule(language)]}>
          <Select<Scope>
            data-testid="target-scope"
            style={{ minWidth: 180 }}
            options={SCOPES.map((value) => ({ value, label: t(`scope.${value}`) }))}
          />
        </Form.Item>
      </div>
      {revising && (
        <Form.Item
          label={t('admin.plans.target.inForceFrom')}
          name="inForceFrom"
          extra={t('admin.plans.target.reviseHint')}
          rules={[
            requiredRule(language),
            {
              validator: async (_: unknown, value: string | undefined) => {
                if (value && !ISO_DATE.test(value)) throw new Error(t('admin.plans.target.dateFormat'));
              },
            },
          ]}
        >
          <Input placeholder="2026-01-01" style={{ width: 200 }} data-testid="target-in-force-from" />
        </Form.Item>
      )}
      {share && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('admin.plans.target.shareNote')}
        </Typography.Paragraph>
      )}
    </FormDialog>
  );
}
