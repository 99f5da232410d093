// The binding places-per-1,000 target of a jurisdiction once it has closed: the question is no
// longer "will it get there" but "did it, at the end of its due year", with today's value beside.
import type { ProgressView } from '@tuowei/shared';
import { useTranslation } from 'react-i18next';
import { DueYearData, DueYearVerdict, TodayBeside } from '../../../components/closed-target.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { HeadlineCard, HeadlineFigure } from './headline-figure.tsx';

type TargetProgress = ProgressView['targets'][number];

export function ClosedHeadline({ target }: { target: TargetProgress }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <HeadlineCard target={target}>
      <HeadlineFigure label={t('dashboard.page.headline.target')} testId="headline-target">
        {format.target(target.metric, target.comparator, target.value)}
        <span className="tuowei-headline-unit tuowei-headline-due">{format.dueYear(target.dueYear)}</span>
      </HeadlineFigure>
      <HeadlineFigure label={t('cycle.overview.verdict')} testId="headline-verdict">
        <DueYearVerdict target={target} />
      </HeadlineFigure>
      <HeadlineFigure label={t('cycle.overview.today')} testId="headline-today">
        <TodayBeside target={target} />
      </HeadlineFigure>
      <HeadlineFigure label={t('cycle.overview.data')} testId="headline-data">
        <DueYearData value={target.dueYearValue} />
      </HeadlineFigure>
    </HeadlineCard>
  );
}
