// `/reports/:code/:period`: one jurisdiction's quarterly report: entry staff fill and submit it,
// the reviewer above approves or returns it, everyone else in scope reads it.
import {
  formatPeriod,
  type Jurisdiction,
  lastEndedPeriod,
  parsePeriod,
  periodFromIndex,
  periodIndex,
  type ReportView,
} from '@tuowei/shared';
import { Alert, Empty, Skeleton, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { UnitAndQuarter } from '../../components/unit-and-quarter.tsx';
import { type SessionUser, useSession } from '../../features/auth/api/get-session.ts';
import { useJurisdiction } from '../../features/jurisdictions/api/get-jurisdiction.ts';
import { DemoNotice } from '../../features/progress/components/demo-notice.tsx';
import { useReport } from '../../features/reports/api/get-report.ts';
import { ReportEditor, type ReportPermissions } from '../../features/reports/components/report-editor.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/use-language.ts';

export function ReportRoute() {
  const { t } = useTranslation();
  const { code, period } = useParams();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const session = useSession();
  // the unit alone (its name), not the whole tree
  const unit = useJurisdiction(code);
  // RequireSession lets this page load while it asks who is signed in: undefined until then.
  const user = session.data?.user;

  // Without a jurisdiction in the address (a country-wide account), the quarter waits in ?period=.
  const reportingPeriod = searchParams.get('period') ?? formatPeriod(lastEndedPeriod(new Date()));
  if (!code || !period) {
    if (!user) return <Skeleton active />;
    if (user.jurisdictionCode) return <Navigate to={`/reports/${user.jurisdictionCode}/${reportingPeriod}`} replace />;
  }
  const shownPeriod = period ?? reportingPeriod;

  return (
    <div className="tuowei-stack">
      <UnitAndQuarter
        idPrefix="report-"
        within={user?.jurisdictionCode ?? null}
        code={code}
        onUnit={(next) => navigate(`/reports/${next}/${shownPeriod}`)}
        period={parsePeriod(shownPeriod) ? shownPeriod : reportingPeriod}
        onPeriod={(next) => navigate(code ? `/reports/${code}/${next}` : `/reports?period=${next}`)}
      />
      {unit.error && <Alert type="warning" showIcon title={unit.error.message} />}
      {!code || !period ? (
        <Empty description={t('report.choose')} />
      ) : !parsePeriod(period) ? (
        <Alert type="error" showIcon title={t('report.badPeriod', { period })} />
      ) : (
        <ReportPage code={code} period={period} user={user} jurisdictions={unit.data ? [unit.data] : undefined} />
      )}
    </div>
  );
}

/** The quarter before: its report supplies last quarter's figures while this one has none. */
function previousPeriod(period: string): string {
  const parsed = parsePeriod(period);
  return parsed ? formatPeriod(periodFromIndex(periodIndex(parsed) - 1)) : period;
}

interface ReportPageProps {
  code: string;
  period: string;
  /** Undefined while the session loads; the report loads meanwhile. */
  user: SessionUser | undefined;
  jurisdictions: readonly Jurisdiction[] | undefined;
}

function ReportPage({ code, period, user, jurisdictions }: ReportPageProps) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const format = useFormat();
  const report = useReport(code, period);
  const fallback = useReport(code, previousPeriod(period), { enabled: report.data === null });

  const jurisdiction = jurisdictions?.find((candidate) => candidate.code === code);
  const name = jurisdiction ? nameOf(jurisdiction) : code;

  const heading = (
    <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
      {t('report.pageTitle', { name, period: format.period(period) })}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 'normal' }}>
        {jurisdiction ? `${t(`level.${jurisdiction.level}`)} · ` : ''}
        {code}
      </Typography.Text>
    </Typography.Title>
  );

  if (!user || report.isPending || (report.data === null && fallback.isPending)) {
    return (
      <>
        {heading}
        <Skeleton active paragraph={{ rows: 12 }} />
      </>
    );
  }
  if (report.isError) {
    return (
      <>
        {heading}
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      </>
    );
  }

  const previous: ReportView['previous'] = report.data?.previous ?? previousOf(fallback.data ?? null);

  return (
    <>
      {heading}
      {report.data?.demo && <DemoNotice />}
      <ReportEditor
        code={code}
        period={period}
        report={report.data}
        previous={previous}
        permissions={permissionsOf(user, code, t)}
      />
    </>
  );
}

/** Last quarter's figures from that quarter's own report. */
function previousOf(report: ReportView | null): ReportView['previous'] {
  if (!report) return null;
  const { period, status, places, affordablePlaces, childrenEnrolled, institutions } = report;
  return { period, status, places, affordablePlaces, childrenEnrolled, institutions };
}

/**
 * What this person may do with this jurisdiction's report, as the API allows it: entry staff
 * write within their jurisdiction; reviewers review the levels strictly below their own.
 */
function permissionsOf(user: SessionUser, code: string, t: TFunction): ReportPermissions {
  const reviewsBelow = user.role === 'reviewer' && user.jurisdictionCode !== code;
  const readOnlyNote =
    user.role === 'reviewer'
      ? reviewsBelow
        ? null
        : t('report.locked.ownLevel')
      : user.role === 'entry'
        ? null
        : t('report.locked.readOnly', { role: t(`role.${user.role}`) });
  return {
    enter: user.role === 'entry',
    review: reviewsBelow,
    readOnlyNote,
    seesChanges: user.role !== 'entry',
  };
}
