// `/budget/:code?year=2024`: what a jurisdiction's plans' funding rules owe for a year, by payer,
// with the figures behind each amount and the plan's clause (money that follows from places).
import { lastEndedPeriod, MIN_YEAR } from '@tuowei/shared';
import { Alert, Empty, Select, Skeleton, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { JurisdictionPicker } from '../../components/jurisdiction-picker.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useFunding } from '../../features/funding/api/get-funding.ts';
import { BudgetTable } from '../../features/funding/components/budget-table.tsx';
import { useJurisdiction } from '../../features/jurisdictions/api/get-jurisdiction.ts';
import { useLanguage } from '../../i18n/use-language.ts';

/** The years offered: from the plans' first (2021) to the year of the last quarter ended. */
function yearsOffered(): number[] {
  const last = lastEndedPeriod(new Date()).year;
  const first = Math.max(MIN_YEAR, 2021);
  return Array.from({ length: last - first + 1 }, (_, index) => last - index);
}

export function BudgetRoute() {
  const { t } = useTranslation();
  const { code } = useParams();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const unit = useJurisdiction(code);
  const years = yearsOffered();
  const asked = Number(searchParams.get('year'));
  const year = years.includes(asked) ? asked : years[0];

  return (
    <div className="tuowei-stack">
      <section className="tuowei-pickers" aria-label={`${t('progress.jurisdictionLabel')} · ${t('budget.yearLabel')}`}>
        <div className="tuowei-picker">
          <label htmlFor="budget-jurisdiction-picker">{t('progress.jurisdictionLabel')}</label>
          <JurisdictionPicker
            id="budget-jurisdiction-picker"
            within={null}
            value={code}
            onChange={(next) => navigate({ pathname: `/budget/${next}`, search: `?year=${year}` })}
          />
        </div>
        <div className="tuowei-picker">
          <label htmlFor="budget-year-picker">{t('budget.yearLabel')}</label>
          <Select<number>
            id="budget-year-picker"
            data-testid="budget-year"
            value={year}
            style={{ minWidth: 110 }}
            options={years.map((value) => ({ value, label: String(value) }))}
            onChange={(next) => navigate({ search: `?year=${next}` })}
          />
        </div>
      </section>
      {unit.error && <Alert type="warning" showIcon title={unit.error.message} />}
      {code ? (
        <BudgetContent code={code} year={year} jurisdictions={unit.data ? [unit.data] : undefined} />
      ) : (
        <Empty description={t('budget.choose')} />
      )}
    </div>
  );
}

interface BudgetContentProps {
  code: string;
  year: number;
  jurisdictions: Parameters<ReturnType<typeof useLanguage>['nameOfCode']>[0];
}

function BudgetContent({ code, year, jurisdictions }: BudgetContentProps) {
  const { t } = useTranslation();
  const { nameOfCode } = useLanguage();
  const funding = useFunding(code, year);

  if (funding.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (funding.isError) return <QueryError error={funding.error} onRetry={() => void funding.refetch()} />;

  const title = t('budget.pageTitle', { name: nameOfCode(jurisdictions, code), year });
  return (
    <Spin spinning={funding.isFetching} delay={300}>
      <div className="tuowei-stack" style={{ gap: 16 }}>
        <Typography.Title level={1} id="budget-heading" style={{ fontSize: 24, margin: 0 }}>
          {title} {funding.data.demo && <Tag color="gold">{t('budget.demo')}</Tag>}
        </Typography.Title>
        <Typography.Paragraph className="tuowei-secondary" style={{ margin: 0 }}>
          {t('budget.intro')}
        </Typography.Paragraph>
        {funding.data.items.some((item) => item.jurisdictionCode !== code) && (
          <Typography.Paragraph className="tuowei-secondary" style={{ margin: 0 }} data-testid="budget-parent-intro">
            {t('budget.parentIntro')}
          </Typography.Paragraph>
        )}
        <BudgetTable funding={funding.data} caption={title} />
      </div>
    </Spin>
  );
}
