// The quarter's figures for one jurisdiction: places, population, where the figures come from.
import { type ProgressView, populationSumOf } from '@tuowei/shared';
import { Descriptions, type DescriptionsProps, Empty, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { CoverageLine, StandInNote } from '../../../components/coverage-line.tsx';
import { useFormat } from '../../../i18n/format.ts';

export function ProgressSummary({ progress }: { progress: ProgressView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actual, population } = progress;
  // a computed sum in the reader's language; a source entered with the figure as it was entered
  const populationSource = (source: string) => {
    const sum = populationSumOf(source);
    return sum ? t(`progress.summary.populationSum.${sum}`) : source;
  };

  const populationItem: NonNullable<DescriptionsProps['items']>[number] = {
    key: 'population',
    label: t('progress.summary.population'),
    children: population ? (
      <>
        {t('progress.summary.populationValue', { value: format.integer(population.value), year: population.year })}{' '}
        {population.carriedForward && (
          <Tooltip title={t('progress.summary.carriedForwardHint', { year: population.year })}>
            <Tag color="gold">{t('progress.summary.carriedForward')}</Tag>
          </Tooltip>
        )}
        <span className="tuowei-secondary">{populationSource(population.source)}</span>
      </>
    ) : (
      t('progress.summary.noPopulation')
    ),
  };

  if (!actual) {
    return (
      <>
        <Descriptions bordered size="small" column={1} items={[populationItem]} style={{ marginBottom: 16 }} />
        <Empty description={t('progress.summary.noReports')} />
      </>
    );
  }

  const items: DescriptionsProps['items'] = [
    {
      key: 'places',
      label: t('progress.summary.places'),
      children: (
        <>
          <span data-testid="actual-places">{format.integer(actual.places)}</span> {t('progress.summary.placesUnit')}
        </>
      ),
    },
    {
      key: 'affordablePlaces',
      label: t('progress.summary.affordablePlaces'),
      children: (
        <>
          <span data-testid="actual-affordable-places">{format.integer(actual.affordablePlaces)}</span>{' '}
          {t('progress.summary.placesUnit')}
        </>
      ),
    },
    {
      key: 'childrenEnrolled',
      label: t('progress.summary.childrenEnrolled'),
      children:
        actual.childrenEnrolled === null
          ? t('common.none')
          : `${format.integer(actual.childrenEnrolled)} ${t('progress.summary.peopleUnit')}`,
    },
    populationItem,
    {
      key: 'figuresFrom',
      label: t('progress.summary.figuresFrom'),
      children: (
        <>
          {format.period(actual.period)}{' '}
          {actual.provisional && (
            <Tooltip title={t('progress.summary.provisionalHint')}>
              <Tag color="orange">{t('progress.summary.provisional')}</Tag>
            </Tooltip>
          )}
          {actual.period !== progress.period && <Tag>{t('progress.summary.earlierQuarter')}</Tag>}
        </>
      ),
    },
    {
      key: 'basis',
      label: t('progress.summary.basis'),
      children: actual.basis === 'own' ? t('progress.summary.basisOwn') : t('progress.summary.basisChildren'),
    },
    {
      key: 'reportStatus',
      label: t('progress.summary.reportStatus'),
      children: t(`reportStatus.${actual.status}`),
    },
  ];

  if (actual.basis === 'children') {
    items.push({
      key: 'completeness',
      label: t('progress.summary.completeness'),
      children: t('progress.summary.completenessValue', {
        percent: format.percent(actual.completeness),
        reported: format.integer(actual.childrenReported),
        total: format.integer(actual.childrenTotal),
      }),
    });
  }

  if (actual.reconciliation) {
    const { reconciliation } = actual;
    items.push({
      key: 'reconciliation',
      label: t('progress.summary.reconciliation'),
      children: t('progress.summary.reconciliationValue', {
        places: format.integer(reconciliation.childrenPlaces),
        affordable: format.integer(reconciliation.childrenAffordablePlaces),
        difference: format.integer(reconciliation.placesDifference),
      }),
    });
  }

  if (progress.coverage) {
    items.push({
      key: 'coverage',
      label: t('coverage.label'),
      span: 'filled',
      children: <CoverageLine coverage={progress.coverage} />,
    });
  }

  return (
    <>
      <StandInNote progress={progress} />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
    </>
  );
}
