// `/indicators/:code/:year`: one jurisdiction's yearly health indicators: entry staff fill and
// submit them, the reviewer above approves or returns them, everyone else in scope reads them.
import { runningPeriod } from '@tuowei/shared';
import { Alert, Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { type SessionUser, useSession } from '../../features/auth/api/get-session.ts';
import { useIndicators } from '../../features/indicators/api/get-indicators.ts';
import {
  IndicatorsEditor,
  type IndicatorsPermissions,
} from '../../features/indicators/components/indicators-editor.tsx';
import { useJurisdictionNames } from '../../lib/use-jurisdiction-names.ts';

export function IndicatorsRoute() {
  const { t } = useTranslation();
  const { code, year } = useParams();
  const session = useSession();
  const user = session.data?.user;
  if (!code || !year) {
    if (!user) return <Skeleton active />;
    // the last year ended is the one to enter
    const lastYear = runningPeriod(new Date()).year - 1;
    if (user.jurisdictionCode) return <Navigate to={`/indicators/${user.jurisdictionCode}/${lastYear}`} replace />;
    return <Empty description={t('indicators.choose')} />;
  }
  const parsed = Number(year);
  if (!/^\d{4}$/.test(year)) return <Alert type="error" showIcon title={t('indicators.choose')} />;
  return <IndicatorsPage code={code} year={parsed} user={user} />;
}

function IndicatorsPage({ code, year, user }: { code: string; year: number; user: SessionUser | undefined }) {
  const { t } = useTranslation();
  const jurisdictions = useJurisdictionNames([code]);
  const record = useIndicators(code, year);
  const lastYear = useIndicators(code, year - 1, { enabled: record.data === null });
  const heading = (
    <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
      {t('indicators.pageTitle', { name: jurisdictions.name(code), year })}
    </Typography.Title>
  );
  if (!user || record.isPending || (record.data === null && lastYear.isPending)) {
    return (
      <>
        {heading}
        <Skeleton active paragraph={{ rows: 8 }} />
      </>
    );
  }
  if (record.isError) {
    return (
      <>
        {heading}
        <QueryError error={record.error} onRetry={() => void record.refetch()} />
      </>
    );
  }
  const fallback = lastYear.data ?? null;
  const previous = record.data?.previous ?? (fallback && { ...fallback, year: fallback.year });
  return (
    <div className="tuowei-stack">
      {heading}
      <IndicatorsEditor
        key={`${code}/${year}`}
        code={code}
        year={year}
        record={record.data}
        previous={previous}
        permissions={permissionsOf(user, code)}
      />
    </div>
  );
}

/** As the API allows: entry staff write within their jurisdiction; reviewers review the levels below. */
function permissionsOf(user: SessionUser, code: string): IndicatorsPermissions {
  return { enter: user.role === 'entry', review: user.role === 'reviewer' && user.jurisdictionCode !== code };
}
