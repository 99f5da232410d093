// Pages under it need someone signed in: others go to the sign-in page, which brings them back.
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../api/get-session.ts';

/** Where the sign-in page sends a person back to: only addresses of this app. */
export function safeReturnPath(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

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
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={{ pathname: '/login', search: `?${new URLSearchParams({ next })}` }} replace />;
  }
  return <Outlet />;
}
