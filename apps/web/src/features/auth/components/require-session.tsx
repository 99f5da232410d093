// Pages under it need someone signed in: others go to the sign-in page, which brings them back.
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { signInAddress } from '../../../lib/return-path.ts';
import { useSession } from '../api/get-session.ts';

export function RequireSession() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  // While /auth/me is on its way the page already loads its code and data (a signed-out person's
  // requests fail with 401 and are dropped when the redirect comes); pages wait for the user.
  if (session.isPending) return <Outlet />;
  if (session.isError) {
    // Kept light (no antd Result): this guard is part of the first download.
    return (
      <div className="tuowei-page-loading" role="alert">
        <span>{session.error.message}</span>
        <Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>
      </div>
    );
  }
  if (!session.data) {
    return <Navigate to={signInAddress(`${location.pathname}${location.search}`)} replace />;
  }
  return <Outlet />;
}
