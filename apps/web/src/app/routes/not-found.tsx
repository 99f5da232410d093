// Any address the app does not know.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

export function NotFoundRoute() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.subtitle', { path: location.pathname })}
      extra={
        <Button type="primary" onClick={() => navigate('/plans')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
