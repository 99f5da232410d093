// A page for some roles only (the audit trail: auditors and administrators) says so to the others.
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '../../../components/page-loading.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';
import { type Role, useSession } from '../api/get-session.ts';

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const role = session.data?.user.role;
  if (session.isPending) return <PageLoading />;
  if (role && roles.includes(role)) return children;
  const list = new Intl.ListFormat(locale, { type: 'disjunction' }).format(
    roles.map((candidate) => t(`role.${candidate}`)),
  );
  return (
    <Result
      status="403"
      title={t('auth.forbiddenTitle')}
      subTitle={t('auth.forbidden', { roles: list, role: role ? t(`role.${role}`) : '—' })}
    />
  );
}
