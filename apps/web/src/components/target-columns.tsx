// The columns every table of targets writes the same way (a plan's targets, an admin's, a
// jurisdiction's progress, a dashboard's few): the metric named with its kind of institution, the
// target as the plan writes it, its due year, whom it binds, and whether it is the binding one.
import type { Comparator, InstitutionKind, Metric, Scope } from '@tuowei/shared';
import { Tag, Tooltip } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';

interface TargetFields {
  metric: Metric;
  comparator: Comparator;
  value: number;
  dueYear: number;
  institutionKind?: InstitutionKind | null;
}

export function useTargetColumns<T extends TargetFields>() {
  const { t } = useTranslation();
  const format = useFormat();
  return useMemo(
    () => ({
      metric: (title: string): ColumnType<T> => ({
        key: 'metric',
        title,
        render: (_, target) => format.metricLabel(target.metric, target.institutionKind),
      }),
      /** "≥ 4.5 个/千人", with whatever the table writes after it. */
      target: (title: string, after?: (target: T) => ReactNode): ColumnType<T> => ({
        key: 'target',
        title,
        className: 'tuowei-nowrap',
        render: (_, target) => (
          <>
            <span data-testid="target-text">{format.target(target.metric, target.comparator, target.value)}</span>
            {after?.(target)}
          </>
        ),
      }),
      dueYear: (title: string): ColumnType<T> => ({
        key: 'dueYear',
        title,
        className: 'tuowei-nowrap',
        render: (_, target) => format.dueYear(target.dueYear),
      }),
      scope: (title: string): ColumnType<T & { scope: Scope }> => ({
        key: 'scope',
        title,
        render: (_, target) =>
          target.scope === 'self' ? t('scope.self') : <Tag color="purple">{t(`scope.${target.scope}`)}</Tag>,
      }),
    }),
    [format, t],
  );
}

/** The tag that marks the binding target of its kind (the hardest to meet). */
export function BindingTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('progress.targets.bindingHint')}>
      <Tag color="blue">{t('progress.targets.binding')}</Tag>
    </Tooltip>
  );
}
