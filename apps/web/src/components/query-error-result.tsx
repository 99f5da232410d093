// A failed load, in the words the API (or the client) gave, with a way to try again.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function QueryError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
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
