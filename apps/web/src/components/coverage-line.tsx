// What a parent's figure stands on, said beside it: how many of the units at the reporting level
// are in it and the share of the population they hold, the units missing (each with the last
// quarter it reported, which is not added in) and the reporting units without a population.
import type { Coverage, ProgressView } from '@tuowei/shared';
import { joinList } from '@tuowei/shared/words';
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { useLanguage } from '../i18n/use-language.ts';

/** How many names a line lists before it says "and n more". */
const LISTED = 8;

export function CoverageLine({ coverage }: { coverage: Coverage | null }) {
  const { t } = useTranslation();
  const { nameOf, language } = useLanguage();
  const format = useFormat();
  if (!coverage) return null;
  const words = {
    reporting: format.integer(coverage.reporting),
    expected: format.integer(coverage.expected),
    level: t(`coverage.levelUnits.${coverage.level}`),
    period: format.period(coverage.period),
  };
  const listed = <T,>(units: T[], count: number, name: (unit: T) => string) => {
    const names = joinList(units.slice(0, LISTED).map(name), language);
    return count > LISTED ? `${names} ${t('coverage.more', { count: count - LISTED })}` : names;
  };
  return (
    <div className="tuowei-coverage" data-testid="coverage">
      <Typography.Text type="secondary" data-testid="coverage-line">
        {coverage.basis === 'own'
          ? t('coverage.own', words)
          : coverage.populationShare === null
            ? t('coverage.line', words)
            : t('coverage.lineShare', { ...words, share: format.percent(coverage.populationShare) })}
      </Typography.Text>
      {coverage.missingCount > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="coverage-missing">
          {t('coverage.missing', {
            units: listed(coverage.missingUnits, coverage.missingCount, (unit) =>
              unit.lastPeriod
                ? t('coverage.lastPeriod', { name: nameOf(unit), period: format.period(unit.lastPeriod) })
                : nameOf(unit),
            ),
          })}
        </Typography.Paragraph>
      )}
      {coverage.withoutPopulationCount > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="coverage-without-population"
          title={t('coverage.withoutPopulation', {
            count: coverage.withoutPopulationCount,
            units: listed(coverage.withoutPopulation, coverage.withoutPopulationCount, nameOf),
          })}
        />
      )}
    </div>
  );
}

/** On a unit's own page: its figures stand in from an earlier quarter, which its parent's sum for this one does not count. */
export function StandInNote({ progress }: { progress: ProgressView }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!progress.actual?.standIn) return null;
  return (
    <Typography.Paragraph type="warning" style={{ margin: 0 }} data-testid="stand-in">
      {t('coverage.standIn', { period: format.period(progress.period), from: format.period(progress.actual.period) })}
    </Typography.Paragraph>
  );
}
