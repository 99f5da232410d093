// The frame around every page: product name, navigation, language toggle; pages load into it lazily.
// Kept to a few light components (no antd Menu or Typography) so that the first download stays small.
import { Button, Layout, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { currentLanguage, otherLanguage } from '../i18n/index.ts';

const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'tuowei-nav-link active' : 'tuowei-nav-link');

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const next = otherLanguage(currentLanguage());

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="tuowei-header">
        <Link to="/" className="tuowei-brand">
          <span className="tuowei-brand-name">{t('app.name')}</span>
          <span className="tuowei-brand-tagline">{t('app.tagline')}</span>
        </Link>
        <nav aria-label={t('app.navLabel')} className="tuowei-nav">
          <NavLink to="/" end className={navClass}>
            {t('app.nav.plans')}
          </NavLink>
          <NavLink to="/progress" className={navClass}>
            {t('app.nav.progress')}
          </NavLink>
        </nav>
        <Button
          data-testid="language-toggle"
          aria-label={t('app.languageToggleLabel')}
          lang={next}
          onClick={() => void i18n.changeLanguage(next)}
        >
          {t('app.languageToggle')}
        </Button>
      </Layout.Header>
      <Layout.Content className="tuowei-content">
        <main>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </Layout.Content>
    </Layout>
  );
}

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="tuowei-page-loading" role="status">
      <Spin size="large" />
      <span>{t('common.loading')}</span>
    </div>
  );
}
