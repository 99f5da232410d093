import { App, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { JurisdictionFieldProps } from '../../components/jurisdiction-field.ts';
import { JurisdictionPicker } from '../../components/jurisdiction-picker.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { RequireRole } from '../../features/auth/components/require-role.tsx';
import { JurisdictionAdmin } from '../../features/jurisdictions/components/jurisdiction-admin.tsx';
import { usePlans } from '../../features/plans/api/get-plans.ts';
import { PlanAdmin } from '../../features/plans/components/plan-admin.tsx';
import { SettingsForm } from '../../features/settings/components/settings-form.tsx';
import { useUsers } from '../../features/users/api/get-users.ts';
import { AccountAdmin } from '../../features/users/components/account-admin.tsx';
import { useJurisdictionNames } from '../../lib/use-jurisdiction-names.ts';

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
  const { tab } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const user = session.data?.user;
  const scope = user?.jurisdictionCode ?? null;
  const active: Tab = isTab(tab) ? tab : 'jurisdictions';

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
        <PlansTab
          scope={scope}
          selected={searchParams.get('plan') ?? undefined}
          onSelect={(planId) => choose('plan', planId)}
        />
      ),
    },
    {
      key: 'accounts',
      label: t('admin.tabs.accounts'),
      children: <AccountsTab self={user.username} scope={scope} />,
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

/** The plans of the admin's scope: the plans' units named and placed by a look-up of their codes alone. */
function PlansTab(props: {
  scope: string | null;
  selected: string | undefined;
  onSelect: (planId: string | undefined) => void;
}) {
  const plans = usePlans();
  const units = useJurisdictionNames(plans.data?.map((plan) => plan.jurisdictionCode) ?? []);
  // a scoped admin's plans are known once their units' ancestors are
  if (props.scope !== null && units.isPending) return <PageLoading />;
  return (
    <PlanAdmin
      inScope={(code) => units.within(code, props.scope)}
      jurisdictionName={units.name}
      JurisdictionField={ScopedJurisdictionPicker}
      scope={props.scope}
      selected={props.selected}
      onSelect={props.onSelect}
    />
  );
}

/** The accounts, their units named by a look-up of the codes the list holds. */
function AccountsTab({ self, scope }: { self: string; scope: string | null }) {
  const { t } = useTranslation();
  const users = useUsers();
  const units = useJurisdictionNames(users.data?.map((account) => account.jurisdictionCode) ?? []);
  return (
    <AccountAdmin
      self={self}
      scope={scope}
      jurisdictionName={(code) => (code === null ? t('admin.accounts.wholeCountry') : units.name(code))}
      JurisdictionField={ScopedJurisdictionPicker}
    />
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
