// `/import`: entry staff report many units at once (admins import yearly populations here instead): download the template for a quarter, fill it,
// dry-run it (every problem named by row and column, nothing written), then commit it.
import { DownloadOutlined } from '@ant-design/icons';
import { formatPeriod, type ImportResult, lastEndedPeriod } from '@tuowei/shared';
import { App, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ActionError } from '../../components/action-error.tsx';
import { QuarterPicker } from '../../components/quarter-picker.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { RequireRole } from '../../features/auth/components/require-role.tsx';
import { useDownloadTemplate } from '../../features/import/api/download-template.ts';
import { ImportForm } from '../../features/import/components/import-form.tsx';
import { PopulationImport } from '../../features/import/components/population-import.tsx';
import { useFormat } from '../../i18n/format.ts';

const QUARTER_PICKER_ID = 'import-quarter-picker';

export function ImportRoute() {
  return (
    <RequireRole roles={['entry', 'admin']}>
      <App component={false}>
        <ImportPages />
      </App>
    </RequireRole>
  );
}

/** Entry staff import quarterly reports; admins import yearly populations. */
function ImportPages() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.data?.user.role !== 'admin') return <ImportPage />;
  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('dataImport.nav')}
      </Typography.Title>
      <PopulationImport />
    </div>
  );
}

function ImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const template = useDownloadTemplate();
  const [period, setPeriod] = useState(() => formatPeriod(lastEndedPeriod(new Date())));
  const own = session.data?.user.jurisdictionCode ?? null;

  const completenessLink = (reported: string) =>
    own ? `/completeness/${own}?period=${reported}` : `/completeness?period=${reported}`;

  const afterCommit = (result: ImportResult) => {
    const periods = [...new Set(result.rows.map((row) => row.period))].sort();
    return (
      <Card size="small" title={t('dataImport.links.title')} data-testid="import-links">
        <Space wrap size={[16, 8]}>
          {periods.map((reported) => (
            <Link key={reported} to={completenessLink(reported)} data-testid="import-completeness-link">
              {t('dataImport.links.completeness', { period: format.period(reported) })}
            </Link>
          ))}
        </Space>
      </Card>
    );
  };

  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('dataImport.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('dataImport.intro')}
        </Typography.Paragraph>
      </div>
      <Card size="small" title={`1. ${t('dataImport.steps.template')}`}>
        <Typography.Paragraph type="secondary">{t('dataImport.templateIntro')}</Typography.Paragraph>
        <div className="tuowei-pickers">
          <div className="tuowei-picker">
            <label htmlFor={QUARTER_PICKER_ID}>{t('dataImport.quarter')}</label>
            <QuarterPicker id={QUARTER_PICKER_ID} value={period} onChange={setPeriod} />
          </div>
          <Button
            icon={<DownloadOutlined />}
            loading={template.isPending}
            onClick={() => template.mutate(period)}
            data-testid="download-template"
          >
            {template.isPending ? t('dataImport.downloading') : t('dataImport.downloadTemplate')}
          </Button>
        </div>
        <div style={{ marginTop: template.error ? 16 : 0 }}>
          <ActionError error={template.error} />
        </div>
      </Card>
      <Card size="small" title={`2. ${t('dataImport.steps.file')} · 3. ${t('dataImport.steps.check')}`}>
        <ImportForm
          afterCommit={afterCommit}
          reportLink={(row) => <Link to={`/reports/${row.code}/${row.period}`}>{row.name}</Link>}
        />
      </Card>
    </div>
  );
}
