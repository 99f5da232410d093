// Where an aggregate figure comes from, said beside it: the jurisdiction's own report, or the sum
// of the units below with how complete their reporting is, and any difference between the two.
import type { ProgressView } from '@tuowei/shared';
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CoverageLine, StandInNote } from '../../../components/coverage-line.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';

export function FiguresBasis({ progress }: { progress: ProgressView }) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const name = nameOf(progress);
  const { actual } = progress;
  if (!actual) {
    return (
      <Typography.Paragraph type="secondary" className="tuowei-basis" data-testid="figures-basis">
        {t('dashboard.page.basis.none', { name })}
      </Typography.Paragraph>
    );
  }
  const period = format.period(actual.period);
  return (
    <div className="tuowei-basis" data-testid="figures-basis">
      <Typography.Text type="secondary">
        {actual.basis === 'own'
          ? t('dashboard.page.basis.own', { name, period })
          : t('dashboard.page.basis.children', {
              period,
              percent: format.percent(actual.completeness),
              reported: format.integer(actual.childrenReported),
              total: format.integer(actual.childrenTotal),
            })}
      </Typography.Text>
      <CoverageLine coverage={progress.coverage} />
      <StandInNote progress={progress} />
      {actual.reconciliation && (
        <Alert
          type="warning"
          showIcon
          data-testid="reconciliation"
          title={t('dashboard.page.basis.reconciliation', {
            text: t('progress.summary.reconciliationValue', {
              places: format.integer(actual.reconciliation.childrenPlaces),
              affordable: format.integer(actual.reconciliation.childrenAffordablePlaces),
              difference: format.integer(actual.reconciliation.placesDifference),
            }),
          })}
        />
      )}
    </div>
  );
}
