// The binding places-per-1,000 target of a jurisdiction once it has closed: the question is no
// longer "will it get there" but "did it, at the end of its due year", with today's value beside.
import type { ProgressView } from '@tuowei/shared';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DueYearData, DueYearVerdict, TodayBeside } from '../../../components/closed-target.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { HeadlineFigure } from './headline-figure.tsx';
import { TargetSource } from './target-source.tsx';

type TargetProgress = ProgressView['targets'][number];

export function ClosedHeadline({ target }: { target: TargetProgress }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = 'binding-headline-heading';
  return (
    <section aria-labelledby={headingId} data-testid="binding-headline" data-closed="true">
      <Card
        className="tuowei-headline tuowei-panel"
        title={
          <Typography.Title level={2} id={headingId} style={{ fontSize: 18, margin: 0, whiteSpace: 'normal' }}>
            {t('dashboard.page.headline.title', { metric: format.metricLabel(target.metric) })}
          </Typography.Title>
        }
        extra={<TargetSource source={target} />}
      >
        <dl className="tuowei-headline-figures tuowei-headline-closed">
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
        </dl>
      </Card>
    </section>
  );
}
