// `/`: the shipped plans and their targets.
import { Alert, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { usePlans } from '../../features/plans/api/get-plans.ts';
import { PlanList } from '../../features/plans/components/plan-list.tsx';
import { useJurisdictionNames } from '../../lib/use-jurisdiction-names.ts';

export function PlansRoute() {
  const { t } = useTranslation();
  const plans = usePlans();
  // the plans' own units, named by their codes: not the whole tree
  const jurisdictions = useJurisdictionNames(plans.data?.map((plan) => plan.jurisdictionCode) ?? []);
  const jurisdictionName = jurisdictions.name;

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
