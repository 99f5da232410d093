// The boundary changes screen for admins: the successions touching a unit's subtree, recording one,
// and (for a country-wide admin) comparing a newer edition of the division codes with the tree.
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import { JurisdictionPicker } from '../../../components/jurisdiction-picker.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { useSuccessions } from '../api/get-successions.ts';
import { EditionCompare } from './edition-compare.tsx';
import { SuccessionDialog } from './succession-dialog.tsx';
import { SuccessionList } from './succession-list.tsx';

const ROOT_PICKER_ID = 'successions-root';

export interface SuccessionsAdminProps {
  /** The admin's scope (null: the whole country). */
  scope: string | null;
  /** The subtree in view (null: the whole country). */
  root: string | null;
  rootName: string;
  onRootChange: (code: string | null) => void;
}

export function SuccessionsAdmin({ scope, root, rootName, onRootChange }: SuccessionsAdminProps) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const successions = useSuccessions(root);
  return (
    <div className="tuowei-stack" style={{ gap: 12 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('successions.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('successions.intro')}
        </Typography.Paragraph>
      </div>
      <Space wrap>
        <label htmlFor={ROOT_PICKER_ID}>{t('successions.jurisdictionLabel')}</label>
        <JurisdictionPicker
          id={ROOT_PICKER_ID}
          within={scope}
          value={root ?? undefined}
          onChange={(code) => onRootChange(code)}
          onClear={scope === null ? () => onRootChange(null) : undefined}
        />
        <Button type="primary" onClick={() => setRecording(true)} data-testid="succession-record">
          {t('successions.record')}
        </Button>
      </Space>
      {successions.isPending ? (
        <PageLoading />
      ) : successions.isError ? (
        <ActionError error={successions.error} />
      ) : (
        <SuccessionList successions={successions.data} caption={t('successions.caption', { name: rootName })} />
      )}
      <SuccessionDialog open={recording} within={scope} proposed={root} onClose={() => setRecording(false)} />
      {scope === null && <EditionCompare />}
    </div>
  );
}
