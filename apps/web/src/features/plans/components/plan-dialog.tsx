// Records a plan or corrects one: the jurisdiction it binds, its document number (if it has
// one), title, issuer and date of issue.
import { type PlanInput, type PlanView, planInputSchema } from '@tuowei/shared';
import { App, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../components/form-dialog.tsx';
import type { JurisdictionField } from '../../../components/jurisdiction-field.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { optionalText, requiredRule, schemaRule, text } from '../../../lib/schema-rule.ts';
import { useCreatePlan } from '../api/create-plan.ts';
import { useUpdatePlan } from '../api/update-plan.ts';

interface Values {
  jurisdictionCode?: string | null;
  documentNumber?: string;
  title?: string;
  issuer?: string;
  issuedOn?: Dayjs | null;
}

const DATE = 'YYYY-MM-DD';
const JURISDICTION_ID = 'plan-jurisdiction';

export interface PlanDialogProps {
  /** null: closed; 'new': a new plan; a plan: correcting it. */
  editing: PlanView | 'new' | null;
  /** Chooses within the administrator's jurisdiction. */
  JurisdictionField: JurisdictionField;
  /** The administrator's jurisdiction (null: the whole country), proposed for a new plan. */
  scope: string | null;
  onClose: () => void;
  onSaved: (plan: PlanView) => void;
}

export function PlanDialog({ editing, JurisdictionField, scope, onClose, onSaved }: PlanDialogProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const saving = editing === 'new' ? create : update;

  const toInput = (values: Values): PlanInput => ({
    jurisdictionCode: values.jurisdictionCode ?? '',
    documentNumber: optionalText(values.documentNumber),
    title: text(values.title),
    issuer: text(values.issuer),
    issuedOn: values.issuedOn ? values.issuedOn.format(DATE) : null,
  });
  const rule = (field: keyof PlanInput) => schemaRule(planInputSchema, field, toInput, language);

  const submit = (values: Values) => {
    if (editing === null) return;
    const input = toInput(values);
    const done = {
      onSuccess: (plan: PlanView) => {
        void message.success(editing === 'new' ? t('admin.plans.created') : t('admin.plans.updated'));
        onSaved(plan);
      },
    };
    if (editing === 'new') create.mutate(input, done);
    else update.mutate({ planId: editing.id, input }, done);
  };

  const initialValues: Values =
    editing && editing !== 'new'
      ? {
          jurisdictionCode: editing.jurisdictionCode,
          documentNumber: editing.documentNumber ?? '',
          title: editing.title,
          issuer: editing.issuer,
          issuedOn: editing.issuedOn ? dayjs(editing.issuedOn, DATE) : null,
        }
      : { jurisdictionCode: scope ?? undefined };

  return (
    <FormDialog<Values>
      open={editing !== null}
      title={editing === 'new' ? t('admin.plans.addTitle') : t('admin.plans.editTitle')}
      form={form}
      initialValues={initialValues}
      onSubmit={submit}
      onClose={onClose}
      write={saving}
      writes={[create, update]}
      width={640}
    >
      <Form.Item
        label={t('admin.plans.jurisdiction')}
        name="jurisdictionCode"
        htmlFor={JURISDICTION_ID}
        rules={[requiredRule(language), rule('jurisdictionCode')]}
      >
        <JurisdictionField id={JURISDICTION_ID} />
      </Form.Item>
      <Form.Item label={t('admin.plans.documentNumber')} name="documentNumber" rules={[rule('documentNumber')]}>
        <Input placeholder={t('admin.plans.documentNumberPlaceholder')} data-testid="plan-document-number" />
      </Form.Item>
      <Form.Item label={t('admin.plans.planTitle')} name="title" rules={[rule('title')]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="plan-title" />
      </Form.Item>
      <Form.Item label={t('admin.plans.issuer')} name="issuer" rules={[rule('issuer')]}>
        <Input data-testid="plan-issuer" />
      </Form.Item>
      <Form.Item label={`${t('admin.plans.issuedOn')}${t('admin.optional')}`} name="issuedOn">
        <DatePicker data-testid="plan-issued-on" />
      </Form.Item>
    </FormDialog>
  );
}
