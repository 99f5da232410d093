// `/residential?unit=533423`: the register of new residential areas (新建居住区) within the person's
// jurisdiction, one subtree at a time; entry staff register and correct projects, the others read.
import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { JurisdictionFieldProps } from '../../components/jurisdiction-field.ts';
import { JurisdictionPicker } from '../../components/jurisdiction-picker.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { RequireRole } from '../../features/auth/components/require-role.tsx';
import { residentialProjectsQueryOptions } from '../../features/residential/api/get-residential-projects.ts';
import { ProjectRegister } from '../../features/residential/components/project-register.tsx';
import { useJurisdictionNames } from '../../lib/use-jurisdiction-names.ts';

const ROOT_PICKER_ID = 'residential-root';

export function ResidentialRoute() {
  return (
    <RequireRole roles={['entry', 'reviewer', 'leader', 'auditor', 'admin']}>
      <App component={false}>
        <ResidentialPage />
      </App>
    </RequireRole>
  );
}

function ResidentialPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const session = useSession();
  const user = session.data?.user;
  const scope = user?.jurisdictionCode ?? null;
  const root = searchParams.get('unit') ?? scope;
  // the register's own answer (the register shares it) names the units to look up: not the whole tree
  const projects = useQuery({ ...residentialProjectsQueryOptions(root), enabled: user !== undefined });
  const jurisdictions = useJurisdictionNames([
    root,
    ...(projects.data ?? []).map((project) => project.jurisdictionCode),
  ]);
  if (!user) return <PageLoading />;
  const rootName = root ? jurisdictions.name(root) : t('admin.accounts.wholeCountry');

  return (
    <div className="tuowei-stack" style={{ gap: 8 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('residential.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('residential.intro')}
        </Typography.Paragraph>
      </div>
      <Space wrap>
        <label htmlFor={ROOT_PICKER_ID}>{t('residential.jurisdictionLabel')}</label>
        <JurisdictionPicker
          id={ROOT_PICKER_ID}
          within={scope}
          value={root ?? undefined}
          onChange={(code) => setSearchParams({ unit: code }, { replace: true })}
          onClear={scope === null ? () => setSearchParams({}, { replace: true }) : undefined}
        />
        {user.role === 'entry' && (
          <Link to="/import?kind=residential" data-testid="residential-import-link">
            <UploadOutlined aria-hidden /> {t('residential.importLink')}
          </Link>
        )}
      </Space>
      <ProjectRegister
        root={root}
        caption={t('residential.caption', { name: rootName })}
        canWrite={user.role === 'entry'}
        jurisdictionName={jurisdictions.name}
        JurisdictionField={ScopedJurisdictionPicker}
      />
    </div>
  );
}

/** The jurisdiction picker as the project form's control, offering the person's own scope. */
function ScopedJurisdictionPicker({ id, value, onChange, placeholder }: JurisdictionFieldProps) {
  const scope = useSession().data?.user.jurisdictionCode ?? null;
  return (
    <JurisdictionPicker
      id={id}
      within={scope}
      value={value ?? undefined}
      placeholder={placeholder}
      onChange={(code) => onChange?.(code)}
    />
  );
}
