import { App, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { JurisdictionFieldProps } from '../../components/jurisdiction-field.ts';
import { JurisdictionPicker, subtreeOf } from '../../components/jurisdiction-picker.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { RequireRole } from '../../features/auth/components/require-role.tsx';
import { useJurisdictions } from '../../features/jurisdictions/api/get-jurisdictions.ts';
import { JurisdictionAdmin } from '../../features/jurisdictions/components/jurisdiction-admin.tsx';
import { PlanAdmin } from '../../features/plans/components/plan-admin.tsx';
import { SettingsForm } from '../../features/settings/components/settings-form.tsx';
import { AccountAdmin } from '../../features/users/components/account-admin.tsx';
import { useLanguage } from '../../i18n/use-language.ts';

const TABS = ['jurisdictions', 'plans', 'accounts', 'settings'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | undefined): value is Tab => (TABS as readonly (string | undefined)[]).includes(value);

export function AdminRoute() {
  return (
    <RequireRole roles={['admin']}>
      {/* App gives the pages' success messages the theme and language of the rest */}
      <App component={false}>
        <AdminPage />
      </App>
    </RequireRole>
  );
}

function AdminPage() {
  const { t } = useTranslation();
  const { nameOfCode } = useLanguage();
  const { tab } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const jurisdictions = useJurisdictions();
  const user = session.data?.user;
  const scope = user?.jurisdictionCode ?? null;
  const active: Tab = isTab(tab) ? tab : 'jurisdictions';

  const list = jurisdictions.data;
  const within = useMemo(() => new Set(subtreeOf(list ?? [], scope).map((unit) => unit.code)), [list, scope]);
  const jurisdictionName = useMemo(() => {
    const wholeCountry = t('admin.accounts.wholeCountry');
    return (code: string | null) => (code === null ? wholeCountry : nameOfCode(list, code));
  }, [list, nameOfCode, t]);

  if (!user) return <PageLoading />;

  /** Keeps one choice per tab in the address (?unit=, ?plan=), so that a link shows the same. */
  const choose = (key: 'unit' | 'plan', value: string | undefined) =>
    setSearchParams(value ? { [key]: value } : {}, { replace: key === 'plan' });

  const items = [
    {
      key: 'jurisdictions',
      label: t('admin.tabs.jurisdictions'),
      children: (
        <JurisdictionAdmin
          scope={scope}
          selected={searchParams.get('unit') ?? scope ?? undefined}
          onSelect={(code) => choose('unit', code)}
        />
      ),
    },
    {
      key: 'plans',
      label: t('admin.tabs.plans'),
      children: (
        <PlanAdmin
          inScope={(code) => within.has(code)}
          jurisdictionName={jurisdictionName}
          JurisdictionField={ScopedJurisdictionPicker}
          scope={scope}
          selected={searchParams.get('plan') ?? undefined}
          onSelect={(planId) => choose('plan', planId)}
        />
      ),
    },
    {
      key: 'accounts',
      label: t('admin.tabs.accounts'),
      children: (
        <AccountAdmin
          self={user.username}
          scope={scope}
          jurisdictionName={jurisdictionName}
          JurisdictionField={ScopedJurisdictionPicker}
        />
      ),
    },
    {
      key: 'settings',
      label: t('admin.tabs.settings'),
      children: <SettingsForm countryWide={scope === null} />,
    },
  ];

  return (
    <div className="tuowei-stack" style={{ gap: 8 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('admin.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('admin.intro')}{' '}
          {/* the boundary changes screen: a page of its own, not another link in the header's full line */}
          <Link to="/successions" data-testid="admin-successions-link">
            {t('successions.nav')} →
          </Link>
        </Typography.Paragraph>
      </div>
      <Tabs
        activeKey={active}
        items={items}
        destroyOnHidden
        onChange={(key) => navigate(`/admin/${key}`)}
        data-testid="admin-tabs"
      />
    </div>
  );
}

/** The jurisdiction picker as the plan and account forms' control, offering the admin's own scope. */
function ScopedJurisdictionPicker({ id, value, onChange, allowCountry, placeholder }: JurisdictionFieldProps) {
  const scope = useSession().data?.user.jurisdictionCode ?? null;
  return (
    <JurisdictionPicker
      id={id}
      within={scope}
      value={value ?? undefined}
      placeholder={placeholder}
      onChange={(code) => onChange?.(code)}
      onClear={allowCountry ? () => onChange?.(null) : undefined}
    />
  );
}
