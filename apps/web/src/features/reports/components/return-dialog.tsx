// A reviewer sends a report back with the reason, which the reporter will read.
import { fieldMessage, reasonSchema } from '@tuowei/shared';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/use-language.ts';

export interface ReturnDialogProps {
  open: boolean;
  busy: boolean;
  error: Error | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}

export function ReturnDialog({ open, busy, error, onCancel, onConfirm }: ReturnDialogProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [form] = Form.useForm<{ reason: string }>();

  const confirm = async () => {
    // A missing reason is marked under the field; nothing is sent.
    const checked = await form.validateFields().catch(() => null);
    if (checked) onConfirm(checked.reason.trim());
  };

  return (
    <Modal
      open={open}
      title={t('report.returnDialog.title')}
      onCancel={onCancel}
      destroyOnHidden
      afterClose={() => form.resetFields()}
      footer={[
        <Button key="cancel" onClick={onCancel} disabled={busy}>
          {t('report.returnDialog.cancel')}
        </Button>,
        <Button
          key="confirm"
          danger
          type="primary"
          data-testid="return-confirm"
          loading={busy}
          onClick={() => void confirm()}
        >
          {t('report.returnDialog.confirm')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          label={t('report.returnDialog.reason')}
          name="reason"
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const result = reasonSchema.safeParse({ reason: value ?? '' });
                if (!result.success) throw new Error(fieldMessage(result.error.issues[0].message, language));
              },
            },
          ]}
        >
          <Input.TextArea
            data-testid="return-reason"
            rows={4}
            autoFocus
            placeholder={t('report.returnDialog.placeholder')}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error.message} role="alert" />}
    </Modal>
  );
}
