// Records one boundary change: the old unit, the new code (created here when it does not exist
// yet), the kind, the effective date and the reason. Checked by the API's own schema before it is
// sent; what the API refuses is marked on the field it names, in the reader's language.
import { type SuccessionInput, successionInputSchema } from '@tuowei/shared';
import { App, Checkbox, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { JurisdictionPicker } from '../../../components/jurisdiction-picker.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { requiredRule, schemaRule, text } from '../../../lib/schema-rule.ts';
import { useRecordSuccession } from '../api/record-succession.ts';
import { markRefusedFields } from './refused-fields.ts';

interface Values {
  kind?: SuccessionInput['kind'];
  fromCode?: string;
  toCode?: string;
  effectiveOn?: Dayjs | null;
  reason?: string;
  createNew?: boolean;
  newName?: string;
  newNameEn?: string;
}

const DATE = 'YYYY-MM-DD';
/** The API's fields as this form shows them. */
const DIALOG_FIELDS = {
  kind: 'kind',
  fromCode: 'fromCode',
  toCode: 'toCode',
  effectiveOn: 'effectiveOn',
  reason: 'reason',
  'newUnit.name': 'newName',
  'newUnit.nameEn': 'newNameEn',
  'newUnit.parentCode': 'toCode',
};
const FROM_ID = 'succession-from';

export interface SuccessionDialogProps {
  open: boolean;
  /** The admin's scope: the old unit is chosen within it. */
  within: string | null;
  /** Proposed as the old unit: the jurisdiction in view. */
  proposed: string | null;
  onClose: () => void;
}

export function SuccessionDialog({ open, within, proposed, onClose }: SuccessionDialogProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordSuccession();
  const createNew = Form.useWatch('createNew', form);

  const toInput = (values: Values): SuccessionInput =>
    ({
      kind: values.kind,
      fromCode: values.fromCode ?? '',
      toCode: text(values.toCode),
      effectiveOn: values.effectiveOn ? values.effectiveOn.format(DATE) : '',
      reason: text(values.reason),
      ...(values.createNew ? { newUnit: { name: text(values.newName), nameEn: text(values.newNameEn) } } : {}),
    }) as SuccessionInput;
  const rule = (field: keyof SuccessionInput) => schemaRule(successionInputSchema, field, toInput, language);

  const submit = (values: Values) => {
    const input = toInput(values);
    record.mutate(input, {
      onSuccess: () => {
        void message.success(t('successions.recorded', { from: input.fromCode, to: input.toCode }));
        onClose();
      },
      onError: (error) => {
        if (isApiError(error)) markRefusedFields(form, error, language, DIALOG_FIELDS);
      },
    });
  };

  return (
    <FormDialog<Values>
      open={open}
      title={t('successions.recordTitle')}
      form={form}
      initialValues={{ kind: 'rename', fromCode: proposed ?? undefined, createNew: false }}
      onSubmit={submit}
      onClose={onClose}
      write={record}
      width={560}
      saveTestId="succession-save"
    >
      <Form.Item label={t('successions.fields.kind')} name="kind" extra={t('successions.kindHint')}>
        <Select
          data-testid="succession-kind"
          options={(['rename', 'merge', 'split'] as const).map((kind) => ({
            value: kind,
            label: t(`successions.kinds.${kind}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t('successions.fields.fromCode')}
        name="fromCode"
        htmlFor={FROM_ID}
        rules={[requiredRule(language), rule('fromCode')]}
      >
        <FromPicker within={within} />
      </Form.Item>
      <Form.Item label={t('successions.fields.toCode')} name="toCode" rules={[rule('toCode')]}>
        <Input data-testid="succession-to" inputMode="numeric" maxLength={9} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="createNew" valuePropName="checked">
        <Checkbox data-testid="succession-create-new">{t('successions.fields.createNew')}</Checkbox>
      </Form.Item>
      {createNew && (
        <>
          <Form.Item label={t('successions.fields.newName')} name="newName" rules={[requiredRule(language)]}>
            <Input data-testid="succession-new-name" maxLength={100} />
          </Form.Item>
          <Form.Item label={t('successions.fields.newNameEn')} name="newNameEn" rules={[requiredRule(language)]}>
            <Input data-testid="succession-new-name-en" maxLength={200} />
          </Form.Item>
        </>
      )}
      <Form.Item
        label={t('successions.fields.effectiveOn')}
        name="effectiveOn"
        rules={[requiredRule(language), rule('effectiveOn')]}
      >
        <DatePicker data-testid="succession-effective-on" />
      </Form.Item>
      <Form.Item label={t('successions.fields.reason')} name="reason" rules={[rule('reason')]}>
        <Input.TextArea data-testid="succession-reason" maxLength={500} rows={2} />
      </Form.Item>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('successions.intro')}
      </Typography.Text>
    </FormDialog>
  );
}

/** The jurisdiction picker as a form control (the form gives value and onChange). */
function FromPicker({
  within,
  value,
  onChange,
}: {
  within: string | null;
  value?: string;
  onChange?: (code: string) => void;
}) {
  return <JurisdictionPicker id={FROM_ID} within={within} value={value} onChange={(code) => onChange?.(code)} />;
}
