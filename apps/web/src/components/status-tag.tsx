// A target's status as an icon and a word, so that it never rests on colour alone.
import {
  ArrowUpOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  FallOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import type { TargetStatus } from '@tuowei/shared';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const LOOK: Record<TargetStatus, { icon: ReactNode; color: string }> = {
  met: { icon: <CheckCircleFilled />, color: 'success' },
  missed: { icon: <CloseCircleFilled />, color: 'error' },
  on_track: { icon: <ArrowUpOutlined />, color: 'processing' },
  at_risk: { icon: <ExclamationCircleFilled />, color: 'warning' },
  off_track: { icon: <FallOutlined />, color: 'volcano' },
  no_data: { icon: <QuestionCircleOutlined />, color: 'default' },
};

export function StatusTag({ status, testId }: { status: TargetStatus; testId?: string }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <Tag icon={look.icon} color={look.color} style={{ marginInlineEnd: 0 }}>
      <span data-testid={testId}>{t(`status.${status}`)}</span>
    </Tag>
  );
}
