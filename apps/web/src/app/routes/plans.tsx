// `/`: the shipped plans and their targets.
import { Alert, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { useJurisdictions } from '../../features/jurisdictions/api/get-jurisdictions.ts';
import { usePlans } from '../../features/plans/api/get-plans.ts';
import { PlanList } from '../../features/plans/components/plan-list.tsx';
import { useLanguage } from '../../i18n/use-language.ts';

export function PlansRoute() {
  const { t } = useTranslation();
  const { nameOfCode } = useLanguage();
  const plans = usePlans();
  const jurisdictions = useJurisdictions();
  const jurisdictionName = (code: string) => nameOfCode(jurisdictions.data, code);

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('plans.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('plans.intro')}</Typography.Paragraph>
      {jurisdictions.error && (
        <Alert type="warning" showIcon title={jurisdictions.error.message} style={{ marginBottom: 16 }} />
      )}
      {plans.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : plans.isError ? (
        <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : (
        <PlanList plans={plans.data} jurisdictionName={jurisdictionName} />
      )}
    </>
  );
}
