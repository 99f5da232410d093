// The frame around every page: product name, navigation for the signed-in person's role, who is
// signed in, language toggle; pages load into it lazily. Kept to a few light components (no antd
// Menu or Typography) so that the first download stays small. Where the links do not fit on one
// line (a phone, or a long menu in English), they and the signed-in person fold into a menu.
import { MenuOutlined } from '@ant-design/icons';
import { Button, Layout } from 'antd';
import { Suspense, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { PageLoading } from '../components/page-loading.tsx';
import { type SessionUser, useSession } from '../features/auth/api/get-session.ts';
import { otherLocale } from '../i18n/index.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { useFoldedNav } from './folded-nav.ts';
import { UserMenu } from './user-menu.tsx';

const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'tuowei-nav-link active' : 'tuowei-nav-link');

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { locale } = useLanguage();
  const next = otherLocale(locale);
  const session = useSession();
  const user = session.data?.user ?? null;
  const inInbox = useInInbox();
  // what the links' width depends on: measured again when one of these changes
  const { headerRef, navRef, folded } = useFoldedNav(`${locale} ${user?.role ?? ''}`);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const location = useLocation();

  // another page (a link, back, a sign-in's way there) or the links unfolded: the menu closes. Not
  // on a page writing its own address (its quarter, once it has loaded): that closed a menu just
  // opened on a slow phone, under the finger.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on each move to another page
  useEffect(() => setOpen(false), [location.pathname, folded]);
  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    // a link in it followed, to this very page too (the address does not move then)
    const closeOnLink = (event: MouseEvent) => {
      if (event.target instanceof Element && event.target.closest(`[id="${panelId}"] a`)) setOpen(false);
    };
    document.addEventListener('keydown', closeOnEscape);
    document.addEventListener('click', closeOnLink);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      document.removeEventListener('click', closeOnLink);
    };
  }, [open, panelId]);

  const links = (
    <>
      <NavLink to="/" end className={navClass} data-testid="nav-overview">
        {t('dashboard.nav.overview')}
      </NavLink>
      <NavLink to="/plans" className={navClass} data-testid="nav-plans">
        {t('app.nav.plans')}
      </NavLink>
      <NavLink to="/progress" className={navClass} data-testid="nav-progress">
        {t('app.nav.progress')}
      </NavLink>
      <NavLink
        to={completenessPath(user)}
        className={({ isActive }) => navClass({ isActive: isActive && !inInbox })}
        data-testid="nav-completeness"
      >
        {t('app.nav.completeness')}
      </NavLink>
      <NavLink to={budgetPath(user)} className={navClass} data-testid="nav-budget">
        {t('budget.nav')}
      </NavLink>
      {user && <RoleNav user={user} />}
    </>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className={folded ? 'tuowei-header folded' : 'tuowei-header'} ref={headerRef}>
        <Link to="/" className="tuowei-brand">
          <span className="tuowei-brand-name">{t('app.name')}</span>
          <span className="tuowei-brand-tagline">{t('app.tagline')}</span>
        </Link>
        {folded ? (
          <>
            <span className="tuowei-header-gap" />
            <Button
              ghost
              icon={<MenuOutlined />}
              aria-expanded={open}
              aria-controls={panelId}
              title={t('app.menuLabel')}
              data-testid="menu-toggle"
              onClick={() => setOpen((wasOpen) => !wasOpen)}
            >
              {t('app.menu')}
            </Button>
          </>
        ) : (
          <>
            <nav aria-label={t('app.navLabel')} className="tuowei-nav" ref={navRef}>
              {links}
            </nav>
            <UserMenu />
          </>
        )}
        <Button
          data-testid="language-toggle"
          title={t('app.languageToggleLabel')}
          lang={next}
          onClick={() => void i18n.changeLanguage(next)}
        >
          {t('app.languageToggle')}
        </Button>
        {folded && open && (
          <div id={panelId} className="tuowei-menu-panel" data-testid="menu-panel">
            <nav aria-label={t('app.navLabel')} className="tuowei-menu-links">
              {links}
            </nav>
            <UserMenu />
          </div>
        )}
      </Layout.Header>
      {/* antd's Content is the page's <main> already */}
      <Layout.Content className="tuowei-content">
        {/* pages arrive loaded (lazy routes); this is for a part of one that suspends */}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

// The pages choose the quarter (the last one ended): the shared package that knows quarters
// brings zod with it, too heavy for the first download.
function budgetPath(user: SessionUser | null): string {
  return user?.jurisdictionCode ? `/budget/${user.jurisdictionCode}` : '/budget';
}

function completenessPath(user: SessionUser | null): string {
  return user?.jurisdictionCode ? `/completeness/${user.jurisdictionCode}` : '/completeness';
}

/** The reporting page showing only what waits for review: the reviewer's inbox. */
function useInInbox(): boolean {
  const location = useLocation();
  return (
    location.pathname.startsWith('/completeness') && new URLSearchParams(location.search).get('state') === 'submitted'
  );
}

/** What each role comes for: entry staff their report, reviewers their inbox, auditors the trail. */
function RoleNav({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const inInbox = useInInbox();
  return (
    <>
      <NavLink to="/reports" className={navClass} data-testid="nav-report">
        {user.role === 'entry' ? t('app.nav.reportEntry') : t('app.nav.report')}
      </NavLink>
      {user.role === 'reviewer' && (
        <NavLink
          to={`${completenessPath(user)}?state=submitted`}
          className={() => (inInbox ? 'tuowei-nav-link active' : 'tuowei-nav-link')}
          data-testid="nav-review"
        >
          {t('app.nav.review')}
        </NavLink>
      )}
      {(user.role === 'leader' || user.role === 'auditor' || user.role === 'admin') && (
        <NavLink to="/print/gap-report" className={navClass} data-testid="nav-gap-report">
          {t('app.nav.gapReport')}
        </NavLink>
      )}
      {(user.role === 'auditor' || user.role === 'admin') && (
        <NavLink to="/audit" className={navClass} data-testid="nav-audit">
          {t('app.nav.audit')}
        </NavLink>
      )}
      <NavLink to="/residential" className={navClass} data-testid="nav-residential">
        {t('residential.nav')}
      </NavLink>
      {user.role === 'entry' && (
        <NavLink to="/indicators" className={navClass} data-testid="nav-indicators">
          {t('app.nav.indicators')}
        </NavLink>
      )}
      {user.role === 'entry' && (
        <NavLink to="/import" className={navClass} data-testid="nav-import">
          {t('dataImport.nav')}
        </NavLink>
      )}
      {user.role === 'admin' && (
        <NavLink to="/admin" className={navClass} data-testid="nav-admin">
          {t('admin.nav')}
        </NavLink>
      )}
    </>
  );
}
