// A quarter's reporting in numbers: units expected, submitted, approved, missing, late, the
// on-time rate, and the deadline (Beijing time).
import type { CompletenessView } from '@tuowei/shared';
import { Descriptions, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';

export function CompletenessSummary({ view }: { view: CompletenessView }) {
  const { t } = useTranslation();
  const format = useFormat();
  // The deadline is the first moment after the last day allowed: that day is what people read.
  const lastDay = new Date(new Date(view.deadline).getTime() - 1).toISOString();
  const figure = (key: string, value: string) => <span data-testid={`completeness-${key}`}>{value}</span>;

  const items: DescriptionsProps['items'] = [
    {
      key: 'expected',
      label: t('completeness.summary.expected'),
      children: figure('expected', format.integer(view.expected)),
    },
    {
      key: 'submitted',
      label: t('completeness.summary.submitted'),
      children: figure('submitted', format.integer(view.submitted)),
    },
    {
      key: 'approved',
      label: t('completeness.summary.approved'),
      children: figure('approved', format.integer(view.approved)),
    },
    {
      key: 'missing',
      label: t('completeness.summary.missing'),
      children: figure('missing', format.integer(view.missing)),
    },
    { key: 'late', label: t('completeness.summary.late'), children: figure('late', format.integer(view.late)) },
    {
      key: 'onTimeRate',
      label: t('completeness.summary.onTimeRate'),
      children: figure('on-time-rate', format.percent(view.onTimeRate)),
    },
    {
      key: 'deadline',
      label: t('completeness.summary.deadline'),
      children: figure('deadline', t('completeness.summary.deadlineValue', { date: format.beijingDate(lastDay) })),
    },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 4 }} items={items} />;
}
