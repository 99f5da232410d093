// `/completeness/:code?period=2026Q3&state=submitted`: who in a jurisdiction has reported for a
// quarter, against the deadline. Reviewers read it as their inbox (submitted reports only).
import type { Jurisdiction } from '@tuowei/shared';
import { Alert, Empty, Segmented, Skeleton, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { CoverageLine } from '../../components/coverage-line.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { UnitAndQuarter } from '../../components/unit-and-quarter.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { useCompleteness } from '../../features/completeness/api/get-completeness.ts';
import { CompletenessSummary } from '../../features/completeness/components/completeness-summary.tsx';
import { CompletenessTable } from '../../features/completeness/components/completeness-table.tsx';
import { PopulationGaps } from '../../features/completeness/components/population-gaps.tsx';
import { useJurisdiction } from '../../features/jurisdictions/api/get-jurisdiction.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { usePeriodInAddress } from '../../lib/period-in-address.ts';

const FILTER_ID = 'completeness-filter';

type StateFilter = 'all' | 'submitted';

export function CompletenessRoute() {
  const { t } = useTranslation();
  const { code } = useParams();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  // the unit alone (its name), not the whole tree
  const unit = useJurisdiction(code);

  const [period] = usePeriodInAddress(code !== undefined);
  const filter: StateFilter = searchParams.get('state') === 'submitted' ? 'submitted' : 'all';

  const search = (next: { period?: string; state?: StateFilter }) => {
    const params = new URLSearchParams({ period: next.period ?? period });
    if ((next.state ?? filter) === 'submitted') params.set('state', 'submitted');
    return `?${params}`;
  };

  const ownCode = session.data?.user.jurisdictionCode;
  if (!code && ownCode) return <Navigate to={`/completeness/${ownCode}${search({})}`} replace />;

  return (
    <div className="tuowei-stack">
      <UnitAndQuarter
        idPrefix="completeness-"
        label={t('completeness.filter.label')}
        code={code}
        onUnit={(next) => navigate({ pathname: `/completeness/${next}`, search: search({}) })}
        period={period}
        onPeriod={(next) => navigate({ search: search({ period: next }) })}
      >
        <div className="tuowei-picker">
          <span id={FILTER_ID}>{t('completeness.filter.label')}</span>
          <Segmented<StateFilter>
            aria-labelledby={FILTER_ID}
            data-testid="completeness-filter"
            value={filter}
            options={[
              { value: 'all', label: t('completeness.filter.all') },
              { value: 'submitted', label: t('completeness.filter.submitted') },
            ]}
            onChange={(next) => navigate({ search: search({ state: next }) }, { replace: true })}
          />
        </div>
      </UnitAndQuarter>
      {unit.error && <Alert type="warning" showIcon title={unit.error.message} />}
      {code ? (
        <CompletenessContent
          code={code}
          period={period}
          filter={filter}
          jurisdictions={unit.data ? [unit.data] : undefined}
        />
      ) : (
        <Empty description={t('completeness.choose')} />
      )}
    </div>
  );
}

interface CompletenessContentProps {
  code: string;
  period: string;
  filter: StateFilter;
  jurisdictions: readonly Jurisdiction[] | undefined;
}

function CompletenessContent({ code, period, filter, jurisdictions }: CompletenessContentProps) {
  const { t } = useTranslation();
  const { nameOfCode } = useLanguage();
  const format = useFormat();
  const completeness = useCompleteness(code, period);
  const isAdmin = useSession().data?.user.role === 'admin';

  if (completeness.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (completeness.isError) {
    return <QueryError error={completeness.error} onRetry={() => void completeness.refetch()} />;
  }

  const view = completeness.data;
  const name = nameOfCode(jurisdictions, code);
  const units = filter === 'submitted' ? view.units.filter((unit) => unit.state === 'submitted') : view.units;
  const title = t('completeness.pageTitle', { name, period: format.period(view.period) });

  return (
    <Spin spinning={completeness.isFetching} delay={300}>
      <div className="tuowei-stack" style={{ gap: 16 }}>
        <Typography.Title level={1} id="completeness-heading" style={{ fontSize: 24, margin: 0 }}>
          {title}
        </Typography.Title>
        <CompletenessSummary view={view} />
        <CoverageLine coverage={view.coverage} />
        <PopulationGaps view={view} importLink={isAdmin && <Link to="/import">{t('coverage.gaps.importLink')}</Link>} />
        <CompletenessTable
          units={units}
          period={view.period}
          labelledBy="completeness-heading"
          emptyText={filter === 'submitted' ? t('completeness.emptySubmitted') : t('completeness.empty')}
        />
      </div>
    </Spin>
  );
}
