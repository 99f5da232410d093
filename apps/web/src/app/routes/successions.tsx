// `/successions?unit=533400`: the boundary changes (区划调整) screen, for admins within their scope.
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageLoading } from '../../components/page-loading.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { RequireRole } from '../../features/auth/components/require-role.tsx';
import { useJurisdiction } from '../../features/jurisdictions/api/get-jurisdiction.ts';
import { SuccessionsAdmin } from '../../features/successions/components/successions-admin.tsx';
import { useLanguage } from '../../i18n/use-language.ts';

export function SuccessionsRoute() {
  return (
    <RequireRole roles={['admin']}>
      <App component={false}>
        <SuccessionsPage />
      </App>
    </RequireRole>
  );
}

function SuccessionsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  const session = useSession();
  const user = session.data?.user;
  const root = searchParams.get('unit') ?? user?.jurisdictionCode ?? null;
  const unit = useJurisdiction(root ?? undefined);
  if (!user) return <PageLoading />;
  const rootName = root
    ? unit.data
      ? language === 'en'
        ? unit.data.nameEn
        : unit.data.name
      : root
    : t('admin.accounts.wholeCountry');
  return (
    <SuccessionsAdmin
      scope={user.jurisdictionCode}
      root={root}
      rootName={rootName}
      onRootChange={(code) => setSearchParams(code ? { unit: code } : {}, { replace: true })}
    />
  );
}
