// The parts of a jurisdiction's binding headline, in force or closed: the card with its title and
// the target's source, and one figure of it (label and value, a pair of a definition list).
import type { ProgressView } from '@tuowei/shared';
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';
import { TargetSource } from './target-source.tsx';

export function HeadlineFigure({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="tuowei-headline-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

export interface HeadlineCardProps {
  target: ProgressView['targets'][number];
  /** The figures (HeadlineFigure), in a definition list. */
  children: ReactNode;
  /** What follows the figures (the sentence that says them). */
  after?: ReactNode;
}

export function HeadlineCard({ target, children, after }: HeadlineCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = 'binding-headline-heading';
  return (
    <section
      aria-labelledby={headingId}
      data-testid="binding-headline"
      data-closed={target.closed ? 'true' : undefined}
    >
      <Card
        className="tuowei-headline tuowei-panel"
        title={
          <Typography.Title level={2} id={headingId} style={{ fontSize: 18, margin: 0, whiteSpace: 'normal' }}>
            {t('dashboard.page.headline.title', { metric: format.metricLabel(target.metric) })}
          </Typography.Title>
        }
        extra={<TargetSource source={target} />}
      >
        <dl className={target.closed ? 'tuowei-headline-figures tuowei-headline-closed' : 'tuowei-headline-figures'}>
          {children}
        </dl>
        {after}
      </Card>
    </section>
  );
}
