// The dialog every admin form sits in: the form itself (vertical, thrown away on close, Enter in a
// field saves as the Save button does), Save and Cancel in the reader's language, Save busy while
// the write is under way, the write's error under the form, and the writes' state reset once the
// dialog has gone, so that an old error does not come back.
import { Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from './action-error.tsx';

/** What the dialog needs of a write (a react-query mutation). */
export interface DialogWrite {
  isPending: boolean;
  error: Error | null;
  reset: () => void;
}

export interface FormDialogProps<Values> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<Values>;
  initialValues: Values;
  /** Called with the form's values once every field's rules pass. */
  onSubmit: (values: Values) => void;
  onClose: () => void;
  /** The write the dialog makes now; with `writes`, all it may make (creating, changing). */
  write: DialogWrite;
  writes?: readonly DialogWrite[];
  onValuesChange?: (changed: Partial<Values>) => void;
  /** A new key starts the form afresh (another of the dialog's modes). */
  formKey?: string;
  width?: number;
  saveTestId?: string;
  children: ReactNode;
}

export function FormDialog<Values extends object>(props: FormDialogProps<Values>) {
  const { open, title, form, initialValues, onSubmit, onClose, write, writes = [write], width, saveTestId } = props;
  const { t } = useTranslation();
  const submit = () =>
    void form.validateFields().then(
      (values) => onSubmit(values as Values),
      // the fields say what is wrong
      () => undefined,
    );
  return (
    <Modal
      open={open}
      title={title}
      okText={t('admin.actions.save')}
      cancelText={t('admin.actions.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={write.isPending}
      destroyOnHidden
      width={width}
      afterClose={() => {
        for (const each of writes) each.reset();
      }}
      okButtonProps={saveTestId ? { 'data-testid': saveTestId } : undefined}
    >
      <Form<Values>
        key={props.formKey}
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onFinish={submit}
        onValuesChange={props.onValuesChange}
      >
        {props.children}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
      <ActionError error={write.error} />
    </Modal>
  );
}
