// `/completeness/:code?period=2026Q3&state=submitted`: who in a jurisdiction has reported for a
// quarter, against the deadline; `?record=indicators&year=2025`: who has sent a year's health
// indicators. Reviewers read it as their inbox (submitted only): the quarter's reports, then the
// yearly indicators waiting for them.
import { type Jurisdiction, MIN_YEAR, runningPeriod } from '@tuowei/shared';
import { Alert, Empty, Segmented, Select, Skeleton, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { CoverageLine } from '../../components/coverage-line.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { UnitAndQuarter } from '../../components/unit-and-quarter.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { type CompletenessRecord, useCompleteness } from '../../features/completeness/api/get-completeness.ts';
import { CompletenessSummary } from '../../features/completeness/components/completeness-summary.tsx';
import { CompletenessTable } from '../../features/completeness/components/completeness-table.tsx';
import { PopulationGaps } from '../../features/completeness/components/population-gaps.tsx';
import { useJurisdiction } from '../../features/jurisdictions/api/get-jurisdiction.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { usePeriodInAddress } from '../../lib/period-in-address.ts';

const FILTER_ID = 'completeness-filter';
const RECORD_ID = 'completeness-record';

type StateFilter = 'all' | 'submitted';
type RecordKind = CompletenessRecord['record'];

/** The years whose indicators can be asked for: the last year ended back to the plans' first (2021). */
function indicatorYears(): number[] {
  const last = runningPeriod(new Date()).year - 1;
  const first = Math.max(MIN_YEAR, 2021);
  return Array.from({ length: last - first + 1 }, (_, index) => last - index);
}

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
  const record: RecordKind = searchParams.get('record') === 'indicators' ? 'indicators' : 'reports';
  const years = indicatorYears();
  const askedYear = Number(searchParams.get('year'));
  const year = years.includes(askedYear) ? askedYear : years[0];

  const search = (next: { period?: string; state?: StateFilter; record?: RecordKind; year?: number }) => {
    const params = new URLSearchParams({ period: next.period ?? period });
    if ((next.state ?? filter) === 'submitted') params.set('state', 'submitted');
    if ((next.record ?? record) === 'indicators') {
      params.set('record', 'indicators');
      params.set('year', String(next.year ?? year));
    }
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
        quarter={record === 'reports'}
      >
        <div className="tuowei-picker">
          <span id={RECORD_ID}>{t('completeness.record.label')}</span>
          <Segmented<RecordKind>
            aria-labelledby={RECORD_ID}
            data-testid="completeness-record"
            value={record}
            options={[
              { value: 'reports', label: t('completeness.record.reports') },
              { value: 'indicators', label: t('completeness.record.indicators') },
            ]}
            onChange={(next) => navigate({ search: search({ record: next }) }, { replace: true })}
          />
        </div>
        {record === 'indicators' && (
          <div className="tuowei-picker">
            <label htmlFor="completeness-year-picker">{t('completeness.yearLabel')}</label>
            <Select<number>
              id="completeness-year-picker"
              data-testid="completeness-year"
              value={year}
              style={{ minWidth: 110 }}
              options={years.map((value) => ({ value, label: String(value) }))}
              onChange={(next) => navigate({ search: search({ year: next }) })}
            />
          </div>
        )}
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
          asked={record === 'indicators' ? { record, year } : { record, period }}
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
  asked: CompletenessRecord;
  filter: StateFilter;
  jurisdictions: readonly Jurisdiction[] | undefined;
}

function CompletenessContent({ code, asked, filter, jurisdictions }: CompletenessContentProps) {
  const { t } = useTranslation();
  const { nameOfCode } = useLanguage();
  const format = useFormat();
  const completeness = useCompleteness(code, asked);
  const isAdmin = useSession().data?.user.role === 'admin';

  if (completeness.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (completeness.isError) {
    return <QueryError error={completeness.error} onRetry={() => void completeness.refetch()} />;
  }

  const view = completeness.data;
  const name = nameOfCode(jurisdictions, code);
  const units = filter === 'submitted' ? view.units.filter((unit) => unit.state === 'submitted') : view.units;
  const title =
    asked.record === 'indicators'
      ? t('completeness.indicatorsTitle', { name, year: asked.year })
      : t('completeness.pageTitle', { name, period: format.period(view.period) });
  const submitted = filter === 'submitted';

  return (
    <Spin spinning={completeness.isFetching} delay={300}>
      <div className="tuowei-stack" style={{ gap: 16 }}>
        <Typography.Title level={1} id="completeness-heading" style={{ fontSize: 24, margin: 0 }}>
          {title}
        </Typography.Title>
        <CompletenessSummary view={view} />
        <CoverageLine coverage={view.coverage} />
        <PopulationGaps view={view} importLink={isAdmin && <Link to="/import">{t('coverage.gaps.importLink')}</Link>} />
        {asked.record === 'indicators' ? (
          <CompletenessTable
            units={units}
            period={view.period}
            recordPath={(unit) => `/indicators/${unit}/${asked.year}`}
            openLabel={t('completeness.openIndicators')}
            openTitle={t('completeness.columns.indicators')}
            labelledBy="completeness-heading"
            emptyText={submitted ? t('completeness.emptyIndicatorsSubmitted') : t('completeness.emptyIndicators')}
          />
        ) : (
          <CompletenessTable
            units={units}
            period={view.period}
            labelledBy="completeness-heading"
            emptyText={submitted ? t('completeness.emptySubmitted') : t('completeness.empty')}
          />
        )}
        {submitted && asked.record === 'reports' && <IndicatorsInbox code={code} />}
      </div>
    </Spin>
  );
}

/**
 * The reviewer's inbox, below the quarter's reports: the last year's health indicators submitted
 * and waiting for review, each opening its indicators form.
 */
function IndicatorsInbox({ code }: { code: string }) {
  const { t } = useTranslation();
  const year = indicatorYears()[0];
  const completeness = useCompleteness(code, { record: 'indicators', year });
  const heading = (
    <Typography.Title level={2} id="inbox-indicators-heading" style={{ fontSize: 18, margin: 0 }}>
      {t('completeness.inboxIndicators', { year })}
    </Typography.Title>
  );
  if (completeness.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (completeness.isError) {
    return <QueryError error={completeness.error} onRetry={() => void completeness.refetch()} />;
  }
  return (
    <section aria-labelledby="inbox-indicators-heading" className="tuowei-stack" data-testid="inbox-indicators">
      {heading}
      <CompletenessTable
        units={completeness.data.units.filter((unit) => unit.state === 'submitted')}
        period={completeness.data.period}
        recordPath={(unit) => `/indicators/${unit}/${year}`}
        openLabel={t('completeness.openIndicators')}
        openTitle={t('completeness.columns.indicators')}
        labelledBy="inbox-indicators-heading"
        emptyText={t('completeness.emptyIndicatorsSubmitted')}
      />
    </section>
  );
}
