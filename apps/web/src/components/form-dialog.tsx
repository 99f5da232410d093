// The dialog every admin form sits in: Save and Cancel in the reader's language, the Save button
// busy while the write is under way, the form thrown away on close and the write's state reset
// once the dialog has gone.
import { Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SaveDialogProps {
  open: boolean;
  title: ReactNode;
  onSave: () => void;
  onClose: () => void;
  saving: boolean;
  /** Runs once the dialog has closed: reset the mutation so that its error does not come back. */
  onClosed: () => void;
  width?: number;
  saveTestId?: string;
  children: ReactNode;
}

export function SaveDialog({
  open,
  title,
  onSave,
  onClose,
  saving,
  onClosed,
  width,
  saveTestId,
  children,
}: SaveDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('admin.actions.save')}
      cancelText={t('admin.actions.cancel')}
      onOk={onSave}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={width}
      afterClose={onClosed}
      okButtonProps={saveTestId ? { 'data-testid': saveTestId } : undefined}
    >
      {children}
    </Modal>
  );
}
