// `/progress/:code?period=2024Q4`: where one jurisdiction stands against every target that applies.
import { FormOutlined } from '@ant-design/icons';
import { Alert, Empty, Skeleton, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { UnitAndQuarter } from '../../components/unit-and-quarter.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { GapReportExport } from '../../features/gap-report/components/gap-report-export.tsx';
import { useJurisdiction } from '../../features/jurisdictions/api/get-jurisdiction.ts';
import { useProgress } from '../../features/progress/api/get-progress.ts';
import { CascadeList } from '../../features/progress/components/cascade-list.tsx';
import { DemoNotice } from '../../features/progress/components/demo-notice.tsx';
import { ProgressSummary } from '../../features/progress/components/progress-summary.tsx';
import { ScheduleFindings } from '../../features/progress/components/schedule-findings.tsx';
import { TargetTable } from '../../features/progress/components/target-table.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { usePeriodInAddress } from '../../lib/period-in-address.ts';

export function ProgressRoute() {
  const { t } = useTranslation();
  const { nameOfCode } = useLanguage();
  const { code } = useParams();
  const navigate = useNavigate();
  // the unit with its way down from the province: its name, its plans' units' names, its scope
  const unit = useJurisdiction(code);
  const lineage = unit.data ? [...unit.data.ancestors, unit.data] : [];

  const [period, setPeriod] = usePeriodInAddress();

  // leaders, auditors and administrators print or download the gap report of what they oversee
  const user = useSession().data?.user;
  const offersGapReport =
    code !== undefined &&
    (user?.role === 'leader' || user?.role === 'auditor' || user?.role === 'admin') &&
    (user.jurisdictionCode === null || lineage.some((above) => above.code === user.jurisdictionCode));

  const jurisdictionName = (named: string) => nameOfCode(lineage, named);

  return (
    <div className="tuowei-stack">
      <UnitAndQuarter
        idPrefix=""
        code={code}
        onUnit={(next) => navigate({ pathname: `/progress/${next}`, search: `?period=${period}` })}
        period={period}
        onPeriod={setPeriod}
      />
      {unit.error && <Alert type="warning" showIcon title={unit.error.message} />}
      {offersGapReport && <GapReportExport root={code} period={period} name={jurisdictionName(code)} />}
      {code ? (
        <ProgressContent code={code} period={period} jurisdictionName={jurisdictionName} />
      ) : (
        <Empty description={t('progress.choose')} />
      )}
    </div>
  );
}

interface ProgressContentProps {
  code: string;
  period: string;
  jurisdictionName: (code: string) => string;
}

function ProgressContent({ code, period, jurisdictionName }: ProgressContentProps) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const progress = useProgress(code, period);

  if (progress.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (progress.isError) return <QueryError error={progress.error} onRetry={() => void progress.refetch()} />;

  const view = progress.data;
  const name = nameOf(view);
  const planTitle = (planId: string) => view.targets.find((target) => target.planId === planId)?.planTitle ?? '';

  return (
    <Spin spinning={progress.isFetching} delay={300}>
      <div className="tuowei-stack">
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('progress.pageTitle', { name })}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 'normal' }}>
            {t(`level.${view.level}`)} · {view.code} · {format.period(view.period)}
          </Typography.Text>
        </Typography.Title>
        <Link to={`/reports/${view.code}/${view.period}`} data-testid="open-report" className="tuowei-report-link">
          <FormOutlined aria-hidden /> {t('report.openFromProgress')}
        </Link>
        {view.demo && <DemoNotice />}
        <section aria-labelledby="summary-heading">
          <Typography.Title level={2} id="summary-heading" style={{ fontSize: 18 }}>
            {t('progress.summary.title')}
          </Typography.Title>
          <ProgressSummary progress={view} />
        </section>
        <ScheduleFindings findings={view.scheduleFindings} planTitle={planTitle} />
        <section aria-labelledby="targets-heading">
          <Typography.Title level={2} id="targets-heading" style={{ fontSize: 18 }}>
            {t('progress.targets.title')}
          </Typography.Title>
          <TargetTable
            targets={view.targets}
            period={view.period}
            caption={t('progress.targets.caption', { name, period: format.period(view.period) })}
            jurisdictionName={jurisdictionName}
          />
        </section>
        {view.cascades.length > 0 && (
          <section aria-labelledby="cascades-heading">
            <Typography.Title level={2} id="cascades-heading" style={{ fontSize: 18 }}>
              {t('progress.cascades.title')}
            </Typography.Title>
            <CascadeList cascades={view.cascades} />
          </section>
        )}
      </div>
    </Spin>
  );
}
