import { Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { useOverview } from '../../features/dashboard/api/get-overview.ts';
import { ratioDrawn, ratioTable, unitsTable } from '../../features/dashboard/chart-data.ts';
import { ChartPanel, useCaption } from '../../features/dashboard/components/chart-panel.tsx';
import { HeadlineTargets } from '../../features/dashboard/components/headline-targets.tsx';
import { RatioChart } from '../../features/dashboard/components/lazy-charts.ts';
import '../../features/dashboard/components/dashboard.css';
import { QuarterPicker } from '../../components/quarter-picker.tsx';
import { FinalAccountExport } from '../../features/gap-report/components/final-account-export.tsx';
import { DemoNotice } from '../../features/progress/components/demo-notice.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { usePeriodInAddress } from '../../lib/period-in-address.ts';

const QUARTER_PICKER_ID = 'overview-quarter-picker';

export function OverviewRoute() {
  const { t } = useTranslation();
  const { language, nameOf } = useLanguage();
  const format = useFormat();
  const [period, setPeriod] = usePeriodInAddress();
  const overview = useOverview(null, period);
  const caption = useCaption();

  const unitLink = (code: string) => `/dashboard/${code}?period=${period}`;

  // leaders, auditors and administrators take the final account of what they oversee
  const user = useSession().data?.user;
  const takesAccount = user?.role === 'leader' || user?.role === 'auditor' || user?.role === 'admin';
  const accountRoot = user?.jurisdictionCode ?? null;
  const accountName = () => {
    const unit = overview.data?.rows.find((row) => row.code === accountRoot);
    return unit ? nameOf(unit) : accountRoot === null ? t('dashboard.page.country') : accountRoot;
  };

  /** The provinces' places per 1,000 with their targets, a sentence instead where none has a figure. */
  const provinceRatio = (data: NonNullable<typeof overview.data>) => {
    const table = ratioTable(data, language);
    const shown = ratioDrawn(table.rows, null);
    return (
      <ChartPanel
        id="province-ratio"
        title={t('dashboard.overview.ratioChart.title')}
        description={caption([
          shown.placesPer1000 && t('dashboard.overview.ratioChart.lines.placesPer1000'),
          shown.ownTarget && t('dashboard.overview.ratioChart.lines.ownTarget'),
        ])}
        empty={shown.figures ? undefined : t('dashboard.overview.ratioChart.empty', { period: format.period(period) })}
        table={table}
        fileName={`tuowei-provinces-per-1000-${period}`}
        unitLink={unitLink}
        chart={<RatioChart rows={table.rows} rootTarget={null} />}
      />
    );
  };

  return (
    <div className="tuowei-stack tuowei-overview">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('dashboard.overview.title')}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 'normal' }}>
            {format.period(period)}
          </Typography.Text>
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('dashboard.overview.intro')}
        </Typography.Paragraph>
      </div>
      <section className="tuowei-pickers" aria-label={t('dashboard.overview.quarterLabel')}>
        <div className="tuowei-picker">
          <label htmlFor={QUARTER_PICKER_ID}>{t('dashboard.overview.quarterLabel')}</label>
          <QuarterPicker id={QUARTER_PICKER_ID} value={period} onChange={setPeriod} />
        </div>
      </section>
      {overview.data?.demo && <DemoNotice />}
      {overview.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : overview.isError ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          <HeadlineTargets
            period={period}
            headlines={overview.data.headlines}
            finalAccount={
              takesAccount && <FinalAccountExport root={accountRoot} period={period} name={accountName()} />
            }
          />
          <ChartPanel
            id="provinces"
            title={t('dashboard.overview.provinces.title')}
            description={t('dashboard.overview.provinces.caption', { period: format.period(period) })}
            table={unitsTable(overview.data, language)}
            fileName={`tuowei-provinces-${period}`}
            unitLink={unitLink}
          />
          {provinceRatio(overview.data)}
        </>
      )}
    </div>
  );
}
