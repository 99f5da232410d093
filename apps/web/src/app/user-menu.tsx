// The header's corner: who is signed in (name, role, jurisdiction) and a way out, or a way in.
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession } from '../features/auth/api/get-session.ts';
import { useLogout } from '../features/auth/api/logout.ts';
import { useJurisdiction } from '../features/jurisdictions/api/get-jurisdiction.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { isSignInPage, signInAddress } from '../lib/return-path.ts';

export function UserMenu() {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const session = useSession();
  // only the signed-in person's own jurisdiction, to name it: never the whole list on every page
  const jurisdiction = useJurisdiction(session.data?.user.jurisdictionCode ?? undefined).data;
  const logout = useLogout();
  const location = useLocation();
  const navigate = useNavigate();

  if (session.isPending) return null;
  const user = session.data?.user;
  if (!user) {
    if (isSignInPage(location.pathname)) return null;
    return (
      <Link
        to={signInAddress(`${location.pathname}${location.search}`)}
        className="tuowei-nav-link"
        data-testid="sign-in-link"
      >
        {t('auth.signIn')}
      </Link>
    );
  }

  const jurisdictionName =
    user.jurisdictionCode === null
      ? t('auth.wholeCountry')
      : jurisdiction
        ? nameOf(jurisdiction)
        : user.jurisdictionCode;

  const summary = [
    t('auth.userSummary', { role: t(`role.${user.role}`), jurisdiction: jurisdictionName }),
    user.demo ? t('auth.demoAccount') : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div className="tuowei-user" data-testid="signed-in-user">
      <UserOutlined aria-hidden />
      <span className="tuowei-user-text">
        <span className="tuowei-user-name">{user.displayName}</span>
        <span className="tuowei-user-role" title={summary}>
          {summary}
        </span>
      </span>
      <Button
        size="small"
        ghost
        icon={<LogoutOutlined />}
        loading={logout.isPending}
        data-testid="sign-out"
        onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/') })}
      >
        {t('auth.signOut')}
      </Button>
    </div>
  );
}
