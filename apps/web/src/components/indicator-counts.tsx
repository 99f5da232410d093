// The counts behind a yearly health indicator's rate, always beside it ("1 例 / 3,200 活产"), and a
// mark where they are too few for the rate to be stable.
import { indicatorCountsNote, type Metric } from '@tuowei/shared';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';

export interface IndicatorCountsProps {
  metric: Metric;
  numerator?: number | null;
  denominator?: number | null;
  unstable?: boolean | null;
}

export function IndicatorCounts({ metric, numerator, denominator, unstable }: IndicatorCountsProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (numerator == null || denominator == null) return null;
  const note = indicatorCountsNote(metric, { numerator, denominator, unstable: false }, language);
  if (note === null) return null;
  return (
    <span className="tuowei-secondary" data-testid="indicator-counts">
      <span className="tuowei-nowrap">{note}</span>
      {unstable && (
        <Tooltip title={t('progress.targets.unstableHint')}>
          <Tag color="orange" data-testid="unstable">
            {t('progress.targets.unstable')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
