// A failed load drawn as Ant Design's result (loaded by query-error.tsx when first drawn).
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

export default function QueryErrorResult({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('common.loadFailed')}
      subTitle={<span role="alert">{error.message}</span>}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
