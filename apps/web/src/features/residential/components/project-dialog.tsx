// Registers a new residential project or corrects one: where it is, its name, when it was approved,
// its planned residents and places, and the places delivered so far.
import {
  approvalInFuture,
  fieldMessage,
  type ResidentialProjectInput,
  type ResidentialProjectView,
  residentialProjectInputSchema,
} from '@tuowei/shared';
import { App, DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../components/form-dialog.tsx';
import type { JurisdictionField } from '../../../components/jurisdiction-field.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { requiredRule, schemaRule, text } from '../../../lib/schema-rule.ts';
import { useCreateResidentialProject } from '../api/create-residential-project.ts';
import { useUpdateResidentialProject } from '../api/update-residential-project.ts';

interface Values {
  jurisdictionCode?: string | null;
  name?: string;
  approvedOn?: Dayjs | null;
  plannedResidents?: number | null;
  plannedPlaces?: number | null;
  deliveredPlaces?: number | null;
}

const DATE = 'YYYY-MM-DD';
const JURISDICTION_ID = 'project-jurisdiction';

export interface ProjectDialogProps {
  /** null: closed; 'new': a new project; a project: correcting it. */
  editing: ResidentialProjectView | 'new' | null;
  JurisdictionField: JurisdictionField;
  /** Proposed for a new project: the jurisdiction in view. */
  proposed: string | null;
  onClose: () => void;
}

export function ProjectDialog({ editing, JurisdictionField, proposed, onClose }: ProjectDialogProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateResidentialProject();
  const update = useUpdateResidentialProject();
  const saving = editing === 'new' ? create : update;

  // a field left empty goes as undefined, so that the schema says "required" of it
  const toInput = (values: Values): ResidentialProjectInput =>
    ({
      jurisdictionCode: values.jurisdictionCode ?? '',
      name: text(values.name),
      approvedOn: values.approvedOn ? values.approvedOn.format(DATE) : undefined,
      plannedResidents: values.plannedResidents ?? undefined,
      plannedPlaces: values.plannedPlaces ?? undefined,
      deliveredPlaces: values.deliveredPlaces ?? null,
    }) as ResidentialProjectInput;
  const rule = (field: keyof ResidentialProjectInput) =>
    schemaRule(residentialProjectInputSchema, field, toInput, language);
  const notInFuture = {
    validator: async (_: unknown, value: Dayjs | null | undefined) => {
      if (value && approvalInFuture(value.format(DATE), new Date())) {
        throw new Error(fieldMessage('approved_in_future', language));
      }
    },
  };

  const submit = (values: Values) => {
    if (editing === null) return;
    const input = toInput(values);
    const done = {
      onSuccess: (project: ResidentialProjectView) => {
        void message.success(
          t(editing === 'new' ? 'residential.created' : 'residential.updated', { name: project.name }),
        );
        onClose();
      },
    };
    if (editing === 'new') create.mutate(input, done);
    else update.mutate({ id: editing.id, version: editing.version, input }, done);
  };

  const initialValues: Values =
    editing && editing !== 'new'
      ? {
          jurisdictionCode: editing.jurisdictionCode,
          name: editing.name,
          approvedOn: dayjs(editing.approvedOn, DATE),
          plannedResidents: editing.plannedResidents,
          plannedPlaces: editing.plannedPlaces,
          deliveredPlaces: editing.deliveredPlaces,
        }
      : { jurisdictionCode: proposed ?? undefined };

  return (
    <FormDialog<Values>
      open={editing !== null}
      title={editing === 'new' ? t('residential.addTitle') : t('residential.editTitle')}
      form={form}
      initialValues={initialValues}
      onSubmit={submit}
      onClose={onClose}
      write={saving}
      writes={[create, update]}
      formKey={editing === null || editing === 'new' ? 'new' : editing.id}
      width={560}
      saveTestId="project-save"
    >
      <Form.Item
        label={t('residential.fields.jurisdiction')}
        name="jurisdictionCode"
        htmlFor={JURISDICTION_ID}
        rules={[requiredRule(language), rule('jurisdictionCode')]}
      >
        <JurisdictionField id={JURISDICTION_ID} />
      </Form.Item>
      <Form.Item label={t('residential.fields.name')} name="name" rules={[rule('name')]}>
        <Input data-testid="project-name" maxLength={120} />
      </Form.Item>
      <Form.Item
        label={t('residential.fields.approvedOn')}
        name="approvedOn"
        rules={[requiredRule(language), rule('approvedOn'), notInFuture]}
      >
        <DatePicker data-testid="project-approved-on" />
      </Form.Item>
      <Form.Item
        label={t('residential.fields.plannedResidents')}
        name="plannedResidents"
        rules={[requiredRule(language), rule('plannedResidents')]}
      >
        <InputNumber precision={0} style={{ width: 200 }} data-testid="project-residents" />
      </Form.Item>
      <Form.Item
        label={t('residential.fields.plannedPlaces')}
        name="plannedPlaces"
        rules={[requiredRule(language), rule('plannedPlaces')]}
      >
        <InputNumber precision={0} style={{ width: 200 }} data-testid="project-planned" />
      </Form.Item>
      <Form.Item
        label={t('residential.fields.deliveredPlaces')}
        name="deliveredPlaces"
        extra={t('residential.deliveredHint')}
        rules={[rule('deliveredPlaces')]}
      >
        <InputNumber precision={0} style={{ width: 200 }} data-testid="project-delivered" />
      </Form.Item>
    </FormDialog>
  );
}
