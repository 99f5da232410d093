// The question a leader comes with, answered first: will the jurisdiction reach its binding
// places-per-1,000 target by the due date, how many places it still needs, and how many a quarter.

import { headlineTarget, type ProgressView } from '@tuowei/shared';
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Pace } from '../../../components/pace.tsx';
import { StatusTag } from '../../../components/status-tag.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { ClosedHeadline } from './closed-headline.tsx';
import { HeadlineCard, HeadlineFigure } from './headline-figure.tsx';

export function BindingHeadline({ progress }: { progress: ProgressView }) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const name = nameOf(progress);
  const target = headlineTarget(progress.targets, 'places_per_1000');
  if (!target) return <Alert type="info" showIcon title={t('dashboard.page.headline.none', { name })} />;
  if (target.closed) return <ClosedHeadline target={target} />;

  const none = t('common.none');
  const due = format.dueYear(target.dueYear);
  const targetText = format.target(target.metric, target.comparator, target.value);
  const perThousand = t('dashboard.page.headline.perThousand');
  const places = t('dashboard.page.headline.places');
  const sentence = t(`dashboard.page.headline.sentence.${target.status}`, {
    target: targetText,
    due,
    current: target.current === null ? none : format.ratio(target.current),
    forecast: target.forecast === null ? none : format.ratio(target.forecast),
    gap: target.gap === null ? none : format.integer(target.gap),
    pace: target.requiredPerQuarter === null ? none : format.pace(target.requiredPerQuarter),
  });

  return (
    <HeadlineCard
      target={target}
      after={
        <Typography.Paragraph
          className="tuowei-headline-sentence"
          style={{ marginBottom: 0 }}
          data-testid="headline-sentence"
        >
          {sentence}
        </Typography.Paragraph>
      }
    >
      <HeadlineFigure label={t('dashboard.page.headline.target')} testId="headline-target">
        {targetText}
        <span className="tuowei-headline-unit tuowei-headline-due">{due}</span>
      </HeadlineFigure>
      <HeadlineFigure label={t('dashboard.page.headline.current')} testId="headline-current">
        {target.current === null ? none : format.ratio(target.current)}{' '}
        {target.current !== null && <span className="tuowei-headline-unit">{perThousand}</span>}
      </HeadlineFigure>
      <HeadlineFigure label={t('dashboard.page.headline.forecast', { due })} testId="headline-forecast">
        {target.forecast === null ? none : format.ratio(target.forecast)}{' '}
        {target.forecast !== null && <span className="tuowei-headline-unit">{perThousand}</span>}
      </HeadlineFigure>
      <HeadlineFigure label={t('dashboard.page.headline.gap')} testId="headline-gap">
        <span data-testid="headline-gap-value">{target.gap === null ? none : format.integer(target.gap)}</span>{' '}
        {target.gap !== null && <span className="tuowei-headline-unit">{places}</span>}
      </HeadlineFigure>
      <HeadlineFigure label={t('dashboard.page.headline.pace')} testId="headline-pace">
        <span data-testid="headline-pace-value">
          {target.requiredPerQuarter === null ? none : <Pace value={target.requiredPerQuarter} />}
        </span>{' '}
        {target.requiredPerQuarter !== null && <span className="tuowei-headline-unit">{places}</span>}
      </HeadlineFigure>
      <HeadlineFigure label={t('dashboard.page.headline.status')} testId="headline-status">
        <StatusTag status={target.status} testId="headline-status-word" />
      </HeadlineFigure>
    </HeadlineCard>
  );
}
