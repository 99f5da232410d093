// `/login?next=/reports/…`: signs a person in and sends them back where they were going.
import { Button, Card, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../features/auth/api/get-session.ts';
import { LoginForm } from '../../features/auth/components/login-form.tsx';
import { safeReturnPath } from '../../lib/return-path.ts';

export function LoginRoute() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const next = safeReturnPath(searchParams.get('next'));

  return (
    <div className="tuowei-login">
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          {t('auth.title')}
        </Typography.Title>
        {session.isPending ? (
          <Skeleton active />
        ) : session.data ? (
          <Result
            status="success"
            title={t('auth.alreadySignedIn', { name: session.data.user.displayName })}
            extra={
              <Button type="primary" onClick={() => navigate(next)}>
                {t('auth.continue')}
              </Button>
            }
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('auth.intro')}</Typography.Paragraph>
            <LoginForm onSignedIn={() => navigate(next, { replace: true })} />
          </>
        )}
      </Card>
    </div>
  );
}
