// A report's state as an icon and a word (草稿, 已提交, 已审核, 已退回, 未报送), never colour alone.
import {
  CheckCircleFilled,
  EditOutlined,
  MinusCircleOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { ReportStatus } from '@tuowei/shared';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type ReportState = ReportStatus | 'missing';

const LOOK: Record<ReportState, { icon: ReactNode; color: string }> = {
  draft: { icon: <EditOutlined />, color: 'default' },
  submitted: { icon: <SendOutlined />, color: 'processing' },
  approved: { icon: <CheckCircleFilled />, color: 'success' },
  returned: { icon: <RollbackOutlined />, color: 'warning' },
  missing: { icon: <MinusCircleOutlined />, color: 'error' },
};

export function ReportStateTag({ state, testId }: { state: ReportState; testId?: string }) {
  const { t } = useTranslation();
  const look = LOOK[state];
  return (
    <Tag icon={look.icon} color={look.color} style={{ marginInlineEnd: 0 }}>
      <span data-testid={testId}>{t(`reportStatus.${state}`)}</span>
    </Tag>
  );
}
