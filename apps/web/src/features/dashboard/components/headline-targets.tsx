// Each published plan's headline targets (places per 1,000, affordable places per 1,000 and share)
// with how they stand in the quarter in view, as the overview's answer carries them: those in force
// (shown first) apart from those closed, whose due year's verdict leads with today's value beside it.
// Below a tablet's width each target is a card of its own rather than a row of a wide table.
import { byCycle, type HeadlineTarget } from '@tuowei/shared';
import { Button, Card, Empty, Grid, Segmented, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type HTMLAttributes, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DueYearData, DueYearVerdict, TodayBeside } from '../../../components/closed-target.tsx';
import { Pace } from '../../../components/pace.tsx';
import { PlainTable } from '../../../components/plain-table.tsx';
import { StatusTag } from '../../../components/status-tag.tsx';
import { useTargetColumns } from '../../../components/target-columns.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { TargetSource } from './target-source.tsx';

export interface HeadlineTargetsProps {
  period: string;
  headlines: readonly HeadlineTarget[];
  /** Shown under the closed targets: the final account's export, for those who may take it. */
  finalAccount?: ReactNode;
}

type Shown = 'inForce' | 'closed';

export function HeadlineTargets({ period, headlines, finalAccount }: HeadlineTargetsProps) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const none = t('common.none');
  const headingId = 'headline-targets-heading';
  const [shown, setShown] = useState<Shown>('inForce');
  const { inForce, closed } = byCycle(headlines);
  const narrow = !Grid.useBreakpoint().md;

  const column = useTargetColumns<HeadlineTarget>();
  const columns: ColumnType<HeadlineTarget>[] = [
    {
      key: 'plan',
      title: t('dashboard.overview.headline.plan'),
      render: (_, row) => (
        <>
          <Link to={`/dashboard/${row.planJurisdictionCode}?period=${period}`}>{nameOf(row)}</Link>
          <div>
            <TargetSource source={row} />
          </div>
        </>
      ),
    },
    column.metric(t('dashboard.overview.headline.metric')),
    {
      key: 'target',
      title: t('dashboard.overview.headline.target'),
      render: (_, row) => (
        <>
          <span className="tuowei-nowrap">{format.target(row.metric, row.comparator, row.value)}</span>
          <span className="tuowei-secondary">{format.dueYear(row.dueYear)}</span>
        </>
      ),
    },
    {
      key: 'current',
      title: t('dashboard.overview.headline.current'),
      align: 'right',
      render: (_, row) => (row.current === null ? none : format.metricValue(row.metric, row.current)),
    },
    {
      key: 'forecast',
      title: t('dashboard.overview.headline.forecast'),
      align: 'right',
      render: (_, row) => (row.forecast === null ? none : format.metricValue(row.metric, row.forecast)),
    },
    {
      key: 'gap',
      title: t('dashboard.overview.headline.gap'),
      align: 'right',
      render: (_, row) =>
        row.gap === null ? (
          none
        ) : (
          <span className="tuowei-nowrap">
            <span data-testid="headline-gap">{format.integer(row.gap)}</span> {format.gapUnit(row.metric, row.gap)}
          </span>
        ),
    },
    {
      key: 'pace',
      title: t('dashboard.overview.headline.pace'),
      align: 'right',
      render: (_, row) =>
        row.requiredPerQuarter === null ? (
          none
        ) : (
          <span className="tuowei-nowrap">
            <Pace value={row.requiredPerQuarter} testId="headline-row-pace" />{' '}
            {format.gapUnit(row.metric, row.requiredPerQuarter)}
          </span>
        ),
    },
    {
      key: 'status',
      title: t('dashboard.overview.headline.status'),
      render: (_, row) => <StatusTag status={row.status} />,
    },
  ];

  const planCell = (row: HeadlineTarget) => (
    <>
      <Link to={`/dashboard/${row.planJurisdictionCode}?period=${period}`}>{nameOf(row)}</Link>
      <div>
        <TargetSource source={row} />
      </div>
    </>
  );
  const targetCell = (row: HeadlineTarget) => (
    <>
      <span className="tuowei-nowrap">{format.target(row.metric, row.comparator, row.value)}</span>
      <span className="tuowei-secondary">{format.dueYear(row.dueYear)}</span>
    </>
  );
  const closedColumns: ColumnType<HeadlineTarget>[] = [
    { key: 'plan', title: t('dashboard.overview.headline.plan'), render: (_, row) => planCell(row) },
    column.metric(t('dashboard.overview.headline.metric')),
    { key: 'target', title: t('dashboard.overview.headline.target'), render: (_, row) => targetCell(row) },
    { key: 'verdict', title: t('cycle.overview.verdict'), render: (_, row) => <DueYearVerdict target={row} /> },
    { key: 'today', title: t('cycle.overview.today'), render: (_, row) => <TodayBeside target={row} /> },
    {
      key: 'data',
      title: t('cycle.overview.data'),
      render: (_, row) => <DueYearData value={row.dueYearValue} />,
    },
  ];
  const rowAttributes = (testId: string) => (row: HeadlineTarget) =>
    ({
      'data-testid': testId,
      'data-plan': row.planJurisdictionCode,
      'data-metric': row.metric,
      'data-due-year': row.dueYear,
    }) as HTMLAttributes<HTMLElement>;

  /** A target as a card of its own, for a phone's width: the same figures as a table's row. */
  const card = (row: HeadlineTarget, testId: string) => (
    <article key={row.targetId} className="tuowei-target-card" {...rowAttributes(testId)(row)}>
      <div className="tuowei-target-card-head">
        {planCell(row)}
        <div>
          {format.metricLabel(row.metric)} {targetCell(row)}
        </div>
      </div>
      {row.closed ? (
        <dl className="tuowei-target-card-figures">
          <dt>{t('cycle.overview.verdict')}</dt>
          <dd>
            <DueYearVerdict target={row} />
          </dd>
          <dt>{t('cycle.overview.today')}</dt>
          <dd>
            <TodayBeside target={row} />
          </dd>
          <dt>{t('cycle.overview.data')}</dt>
          <dd>
            <DueYearData value={row.dueYearValue} />
          </dd>
        </dl>
      ) : (
        <dl className="tuowei-target-card-figures">
          <dt>{t('dashboard.overview.headline.current')}</dt>
          <dd>{row.current === null ? none : format.metricValue(row.metric, row.current)}</dd>
          <dt>{t('dashboard.overview.headline.forecast')}</dt>
          <dd>{row.forecast === null ? none : format.metricValue(row.metric, row.forecast)}</dd>
          <dt>{t('dashboard.overview.headline.gap')}</dt>
          <dd>
            {row.gap === null ? (
              none
            ) : (
              <>
                <span data-testid="headline-gap">{format.integer(row.gap)}</span> {format.gapUnit(row.metric, row.gap)}
              </>
            )}
          </dd>
          <dt>{t('dashboard.overview.headline.pace')}</dt>
          <dd>
            {row.requiredPerQuarter === null ? (
              none
            ) : (
              <>
                <Pace value={row.requiredPerQuarter} testId="headline-row-pace" />{' '}
                {format.gapUnit(row.metric, row.requiredPerQuarter)}
              </>
            )}
          </dd>
          <dt>{t('dashboard.overview.headline.status')}</dt>
          <dd>
            <StatusTag status={row.status} />
          </dd>
        </dl>
      )}
    </article>
  );

  const targets = (rows: HeadlineTarget[], kind: Shown) =>
    narrow ? (
      <div className="tuowei-target-cards">
        {rows.map((row) => card(row, kind === 'closed' ? 'closed-row' : 'headline-row'))}
      </div>
    ) : (
      <div className="tuowei-table-scroll">
        <PlainTable<HeadlineTarget>
          rowKey={(row) => row.targetId}
          columns={kind === 'closed' ? closedColumns : columns}
          dataSource={rows}
          caption={
            kind === 'closed'
              ? t('cycle.overview.closedCaption', { period: format.period(period) })
              : t('dashboard.overview.headline.caption', { period: format.period(period) })
          }
          onRow={rowAttributes(kind === 'closed' ? 'closed-row' : 'headline-row')}
        />
      </div>
    );

  const inForceView =
    inForce.length > 0 ? (
      targets(inForce, 'inForce')
    ) : (
      <Empty
        data-testid="none-in-force"
        description={
          <>
            <span style={{ display: 'block' }}>
              {t('cycle.overview.noneInForce', { period: format.period(period) })}
            </span>
            <span className="tuowei-secondary">{t('cycle.overview.noneInForceHint')}</span>
          </>
        }
      >
        <Button type="primary" onClick={() => setShown('closed')} data-testid="show-closed">
          {t('cycle.overview.showClosed')}
        </Button>
      </Empty>
    );
  const closedView = (
    <>
      {closed.length > 0 ? (
        targets(closed, 'closed')
      ) : (
        <Empty description={t('cycle.overview.noneClosed', { period: format.period(period) })} />
      )}
      {finalAccount}
    </>
  );

  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <Typography.Title level={2} id={headingId} style={{ fontSize: 18, margin: 0 }}>
            {t('dashboard.overview.headline.title')}
          </Typography.Title>
        }
      >
        {headlines.length === 0 ? (
          <Empty description={t('dashboard.overview.headline.empty')} />
        ) : (
          <div className="tuowei-stack">
            <Segmented<Shown>
              aria-label={t('cycle.overview.switchLabel')}
              value={shown}
              onChange={setShown}
              data-testid="cycle-switch"
              options={[
                { value: 'inForce', label: t('cycle.overview.inForce', { count: inForce.length }) },
                { value: 'closed', label: t('cycle.overview.closed', { count: closed.length }) },
              ]}
            />
            {shown === 'inForce' ? inForceView : closedView}
          </div>
        )}
      </Card>
    </section>
  );
}
