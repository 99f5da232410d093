// `/dashboard/:code?period=2024Q4`: one jurisdiction for a leader. Whether it will reach its binding
// target, its places quarter by quarter, the units below against the target and by gap, affordable
// places, institutions (and which units still lack one), every target with its source, and where
// each aggregate figure comes from.
import { headlineTarget, metricsWithGapUnit } from '@tuowei/shared';
import { Alert, Card, Empty, Skeleton, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { useOverview } from '../../features/dashboard/api/get-overview.ts';
import { useSeries } from '../../features/dashboard/api/get-series.ts';
import {
  affordableDrawn,
  affordableTable,
  gapDrawn,
  gapRankingTable,
  placesDrawn,
  placesTable,
  ratioDrawn,
  ratioTable,
} from '../../features/dashboard/chart-data.ts';
import { BindingHeadline } from '../../features/dashboard/components/binding-headline.tsx';
import { ChartPanel, useCaption } from '../../features/dashboard/components/chart-panel.tsx';
import { CompactTargets } from '../../features/dashboard/components/compact-targets.tsx';
import { FiguresBasis } from '../../features/dashboard/components/figures-basis.tsx';
import { InstitutionTargets } from '../../features/dashboard/components/institution-targets.tsx';
import { JurisdictionBreadcrumb } from '../../features/dashboard/components/jurisdiction-breadcrumb.tsx';
import { AffordableChart, GapChart, PlacesChart, RatioChart } from '../../features/dashboard/components/lazy-charts.ts';
import '../../features/dashboard/components/dashboard.css';
import '../../features/dashboard/components/jurisdiction-page.css';
import { UnitAndQuarter } from '../../components/unit-and-quarter.tsx';
import { PrintButton } from '../../features/dashboard/components/print-button.tsx';
import { useJurisdiction } from '../../features/jurisdictions/api/get-jurisdiction.ts';
import { useJurisdictionChildren } from '../../features/jurisdictions/api/get-jurisdiction-children.ts';
import { useProgress } from '../../features/progress/api/get-progress.ts';
import { CascadeList } from '../../features/progress/components/cascade-list.tsx';
import { DemoNotice } from '../../features/progress/components/demo-notice.tsx';
import { ProgressSummary } from '../../features/progress/components/progress-summary.tsx';
import { ScheduleFindings } from '../../features/progress/components/schedule-findings.tsx';
import { TargetTable } from '../../features/progress/components/target-table.tsx';
import { SuccessionNote } from '../../features/successions/components/succession-note.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { usePeriodInAddress } from '../../lib/period-in-address.ts';

/** The targets on affordable places: those whose gap is counted in them. */
const AFFORDABLE_METRICS = metricsWithGapUnit('affordable_places');

export function DashboardRoute() {
  const { t } = useTranslation();
  const { code } = useParams();
  const navigate = useNavigate();
  // the unit with its way down from the province, not the whole tree
  const unit = useJurisdiction(code);
  const [period, setPeriod] = usePeriodInAddress();

  return (
    <div className="tuowei-stack">
      {code && unit.data && (
        <JurisdictionBreadcrumb path={[...unit.data.ancestors, unit.data]} code={code} period={period} />
      )}
      <UnitAndQuarter
        idPrefix="dashboard-"
        code={code}
        onUnit={(next) => navigate({ pathname: `/dashboard/${next}`, search: `?period=${period}` })}
        period={period}
        onPeriod={setPeriod}
      />
      {unit.error && <Alert type="warning" showIcon title={unit.error.message} />}
      {code ? <DashboardContent code={code} period={period} /> : <Empty description={t('progress.choose')} />}
    </div>
  );
}

function DashboardContent({ code, period }: { code: string; period: string }) {
  const { t } = useTranslation();
  const { language, nameOf, nameOfCode } = useLanguage();
  const format = useFormat();
  const unit = useJurisdiction(code);
  const childUnits = useJurisdictionChildren(code);
  const progress = useProgress(code, period);
  const series = useSeries(code, period);
  const overview = useOverview(code, period);
  const caption = useCaption();

  if (progress.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (progress.isError) return <QueryError error={progress.error} onRetry={() => void progress.refetch()} />;

  const view = progress.data;
  const name = nameOf(view);
  const unitLink = (unit: string) => `/dashboard/${unit}?period=${period}`;
  const children = childUnits.data ?? [];
  const lineage = unit.data ? [...unit.data.ancestors, unit.data] : [];
  const planTitle = (planId: string) => view.targets.find((target) => target.planId === planId)?.planTitle ?? '';
  const placesTarget = headlineTarget(view.targets, 'places_per_1000');
  const affordableTargets = view.targets.filter((target) => AFFORDABLE_METRICS.has(target.metric) && target.measured);
  const otherCascades = view.cascades.filter((cascade) => cascade.metric !== 'institutions');
  const file = (chart: string) => `tuowei-${view.code}-${chart}-${view.period}`;

  /** A panel's content while its own answer loads or if it failed. */
  const pendingOr = (
    query: { isPending: boolean; error: Error | null; refetch: () => unknown },
    ready: () => ReactNode,
  ) => {
    if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
    if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
    return ready();
  };

  const rootTarget = overview.data?.root?.placesTarget ?? null;
  const noChildren = (
    <Alert type="info" showIcon title={t('dashboard.page.noChildren', { name })} data-testid="no-children" />
  );

  return (
    <Spin spinning={progress.isFetching || series.isFetching || overview.isFetching} delay={300}>
      <div className="tuowei-stack">
        <div>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
            {t('dashboard.page.title', { name })}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 'normal' }}>
              {t(`level.${view.level}`)} · {view.code} · {format.period(view.period)}
            </Typography.Text>
          </Typography.Title>
          <nav className="tuowei-children" aria-label={t('dashboard.page.children')} data-testid="children-links">
            {children.length > 0 && (
              <>
                <Typography.Text type="secondary">{t('dashboard.page.children')}</Typography.Text>
                {children.map((child) => (
                  <Link key={child.code} to={unitLink(child.code)} data-testid={`child-link-${child.code}`}>
                    {nameOf(child)}
                  </Link>
                ))}
              </>
            )}
            <Link to={`/progress/${view.code}?period=${view.period}`} className="tuowei-children-detail">
              {t('dashboard.page.detailLink')}
            </Link>
            <PrintButton />
          </nav>
        </div>
        {view.demo && <DemoNotice />}
        {unit.data && <SuccessionNote unit={unit.data} />}
        <BindingHeadline progress={view} />
        <ScheduleFindings findings={view.scheduleFindings} planTitle={planTitle} />
        <section aria-labelledby="dashboard-summary-heading">
          <Card
            title={
              <Typography.Title level={2} id="dashboard-summary-heading" style={{ fontSize: 18, margin: 0 }}>
                {t('dashboard.page.summaryTitle')}
              </Typography.Title>
            }
          >
            <ProgressSummary progress={view} />
          </Card>
        </section>

        {pendingOr(series, () => {
          const table = placesTable(series.data as NonNullable<typeof series.data>);
          const shown = placesDrawn(table.rows);
          const line = (key: 'places' | 'scheduled' | 'forecast' | 'requiredPace') =>
            shown[key] && t(`dashboard.page.places.lines.${key}`);
          return (
            <ChartPanel
              id="places"
              title={t('dashboard.page.places.title')}
              description={caption([
                line('places'),
                line('scheduled'),
                placesTarget !== null &&
                  shown.neededByRatio &&
                  t('dashboard.page.places.lines.neededByRatio', {
                    target: format.target(placesTarget.metric, placesTarget.comparator, placesTarget.value),
                  }),
                line('forecast'),
                line('requiredPace'),
                placesTarget === null && t('dashboard.page.places.lines.noTarget'),
              ])}
              empty={
                shown.figures
                  ? undefined
                  : t('dashboard.page.places.empty', { name, period: format.period(view.period) })
              }
              table={table}
              fileName={file('places')}
              chart={<PlacesChart rows={table.rows} />}
              footer={<FiguresBasis progress={view} />}
            />
          );
        })}

        {pendingOr(overview, () => {
          const data = overview.data as NonNullable<typeof overview.data>;
          if (data.rows.length === 0) return noChildren;
          const ratio = ratioTable(data, language);
          const ranking = gapRankingTable(data, language);
          const ratioShown = ratioDrawn(ratio.rows, rootTarget?.value ?? null);
          const when = { name, period: format.period(view.period) };
          return (
            <>
              <ChartPanel
                id="children-ratio"
                title={t('dashboard.page.ratio.title')}
                description={caption([
                  rootTarget
                    ? t('dashboard.page.ratio.lines.rootTarget', {
                        name,
                        target: format.plain(rootTarget.value),
                        source: `${rootTarget.documentNumber ?? rootTarget.planTitle} ${rootTarget.clause}`,
                      })
                    : t('dashboard.page.ratio.lines.noTarget', { name }),
                  ratioShown.ownTarget && t('dashboard.page.ratio.lines.ownTarget'),
                ])}
                empty={ratioShown.figures ? undefined : t('dashboard.page.ratio.empty', when)}
                table={ratio}
                fileName={file('children-per-1000')}
                unitLink={unitLink}
                chart={<RatioChart rows={ratio.rows} rootTarget={rootTarget?.value ?? null} />}
              />
              <ChartPanel
                id="gap-ranking"
                title={t('dashboard.page.gapRanking.title')}
                description={t('dashboard.page.gapRanking.description')}
                empty={gapDrawn(ranking.rows).figures ? undefined : t('dashboard.page.gapRanking.empty', when)}
                table={ranking}
                fileName={file('gap-ranking')}
                unitLink={unitLink}
                defaultView="table"
                chart={<GapChart rows={ranking.rows} />}
              />
            </>
          );
        })}

        {pendingOr(series, () => {
          const table = affordableTable(series.data as NonNullable<typeof series.data>, view);
          const shareTarget = headlineTarget(view.targets, 'affordable_share')?.value ?? null;
          const shown = affordableDrawn(table.rows, shareTarget);
          const line = (key: 'affordablePlaces' | 'scheduledAffordable' | 'affordableShare' | 'shareTarget') =>
            shown[key] && t(`dashboard.page.affordable.lines.${key}`);
          return (
            <ChartPanel
              id="affordable"
              title={t('dashboard.page.affordable.title')}
              description={caption([
                line('affordablePlaces'),
                line('scheduledAffordable'),
                line('affordableShare'),
                line('shareTarget'),
              ])}
              empty={
                shown.figures
                  ? undefined
                  : t('dashboard.page.affordable.empty', { name, period: format.period(view.period) })
              }
              table={table}
              fileName={file('affordable')}
              chart={<AffordableChart rows={table.rows} shareTarget={shareTarget} />}
              footer={
                <div className="tuowei-panel-footer">
                  <Typography.Title level={3} style={{ fontSize: 15 }}>
                    {t('dashboard.page.affordable.targetsTitle')}
                  </Typography.Title>
                  {affordableTargets.length === 0 ? (
                    <Typography.Paragraph type="secondary">
                      {t('dashboard.page.affordable.noTargets')}
                    </Typography.Paragraph>
                  ) : (
                    <CompactTargets targets={affordableTargets} caption={t('dashboard.page.affordable.targetsTitle')} />
                  )}
                </div>
              }
            />
          );
        })}

        <InstitutionTargets progress={view} unitLink={unitLink} />
        {otherCascades.length > 0 && (
          <section aria-labelledby="other-cascades-heading">
            <Typography.Title level={2} id="other-cascades-heading" style={{ fontSize: 18 }}>
              {t('progress.cascades.title')}
            </Typography.Title>
            <CascadeList cascades={otherCascades} />
          </section>
        )}

        <section aria-labelledby="all-targets-heading">
          <Typography.Title level={2} id="all-targets-heading" style={{ fontSize: 18 }}>
            {t('dashboard.page.targets.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('dashboard.page.targets.hint')}</Typography.Paragraph>
          <TargetTable
            targets={view.targets}
            period={view.period}
            caption={t('progress.targets.caption', { name, period: format.period(view.period) })}
            jurisdictionName={(plan) => nameOfCode(lineage, plan)}
          />
        </section>
      </div>
    </Spin>
  );
}
