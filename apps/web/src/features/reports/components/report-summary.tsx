// Where a report stands: its status, version, and who created, submitted and approved it when.
import type { ReportView } from '@tuowei/shared';
import { Descriptions, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ReportStateTag } from '../../../components/report-state-tag.tsx';
import { useFormat } from '../../../i18n/format.ts';

export function ReportSummary({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const byAt = (by: string | null, at: string | null) =>
    at === null ? t('common.none') : t('report.meta.byAt', { by: by ?? t('common.none'), at: format.dateTime(at) });

  const items: DescriptionsProps['items'] = [
    {
      key: 'status',
      label: t('report.meta.status'),
      children: <ReportStateTag state={report.status} testId="report-status" />,
    },
    {
      key: 'version',
      label: t('report.meta.version'),
      children: <span data-testid="report-version">{t('report.meta.versionValue', { version: report.version })}</span>,
    },
    { key: 'created', label: t('report.meta.created'), children: byAt(report.createdBy, report.createdAt) },
    { key: 'updated', label: t('report.meta.updated'), children: byAt(report.updatedBy, report.updatedAt) },
    { key: 'submitted', label: t('report.meta.submitted'), children: byAt(report.submittedBy, report.submittedAt) },
    { key: 'approved', label: t('report.meta.approved'), children: byAt(report.approvedBy, report.approvedAt) },
  ];
  return <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} items={items} />;
}
