// `/import`: entry staff import many records at once — quarterly reports, yearly health indicators
// or new residential projects, chosen at the top (`?kind=`); admins import yearly populations here
// instead. Download the kind's template, fill it, dry-run it (every problem named by row and
// column, nothing written), then commit it.
import { DownloadOutlined } from '@ant-design/icons';
import { formatPeriod, lastEndedPeriod, runningPeriod } from '@tuowei/shared';
import { App, Button, Card, InputNumber, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ActionError } from '../../components/action-error.tsx';
import { QuarterPicker } from '../../components/quarter-picker.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { RequireRole } from '../../features/auth/components/require-role.tsx';
import {
  type AnyImportResult,
  IMPORT_KINDS,
  type ImportKindId,
  useDownloadTemplate,
} from '../../features/import/api/import-file.ts';
import { ImportForm } from '../../features/import/components/import-form.tsx';
import { PopulationImport } from '../../features/import/components/population-import.tsx';
import { useFormat } from '../../i18n/format.ts';

const QUARTER_PICKER_ID = 'import-quarter-picker';
const YEAR_INPUT_ID = 'import-year';

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

const kindOf = (value: string | null): ImportKindId =>
  IMPORT_KINDS.includes(value as ImportKindId) ? (value as ImportKindId) : 'reports';

function ImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const template = useDownloadTemplate();
  const [searchParams, setSearchParams] = useSearchParams();
  const kind = kindOf(searchParams.get('kind'));
  const [period, setPeriod] = useState(() => formatPeriod(lastEndedPeriod(new Date())));
  // a year's indicators are entered once it has ended
  const [year, setYear] = useState(() => runningPeriod(new Date()).year - 1);
  const own = session.data?.user.jurisdictionCode ?? null;

  const completenessLink = (reported: string) =>
    own ? `/completeness/${own}?period=${reported}` : `/completeness?period=${reported}`;

  const afterCommit = (result: AnyImportResult) => {
    if (kind === 'residential')
      return (
        <Card size="small" title={t('dataImport.links.title')} data-testid="import-links">
          <Link to="/residential">{t('dataImport.kinds.residential.link')}</Link>
        </Card>
      );
    if (kind === 'indicators') {
      const units = [...new Set(result.rows.map((row) => row.code))].sort();
      return (
        <Card size="small" title={t('dataImport.links.title')} data-testid="import-links">
          <Space wrap size={[16, 8]}>
            {units.map((code) => (
              <Link key={code} to={`/progress/${code}`} data-testid="import-progress-link">
                {t('dataImport.kinds.indicators.link', {
                  name: result.rows.find((row) => row.code === code)?.name ?? code,
                })}
              </Link>
            ))}
          </Space>
        </Card>
      );
    }
    const periods = [...new Set(result.rows.map((row) => ('period' in row ? row.period : '')))].sort();
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
  const recordLink = (row: AnyImportResult['rows'][number]) =>
    'period' in row ? (
      <Link to={`/reports/${row.code}/${row.period}`}>{row.name}</Link>
    ) : 'year' in row ? (
      <Link to={`/indicators/${row.code}/${row.year}`}>{row.name}</Link>
    ) : (
      row.name
    );

  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t(`dataImport.kinds.${kind}.title`)}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('dataImport.intro')}
        </Typography.Paragraph>
      </div>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        value={kind}
        onChange={(event) => setSearchParams({ kind: event.target.value }, { replace: true })}
        aria-label={t('dataImport.kindLabel')}
        data-testid="import-kind"
        options={IMPORT_KINDS.map((value) => ({ value, label: t(`dataImport.kinds.${value}.label`) }))}
      />
      <Card size="small" title={`1. ${t('dataImport.steps.template')}`}>
        <Typography.Paragraph type="secondary">{t(`dataImport.kinds.${kind}.templateIntro`)}</Typography.Paragraph>
        <div className="tuowei-pickers">
          {kind === 'reports' && (
            <div className="tuowei-picker">
              <label htmlFor={QUARTER_PICKER_ID}>{t('dataImport.quarter')}</label>
              <QuarterPicker id={QUARTER_PICKER_ID} value={period} onChange={setPeriod} />
            </div>
          )}
          {kind === 'indicators' && (
            <div className="tuowei-picker">
              <label htmlFor={YEAR_INPUT_ID}>{t('dataImport.year')}</label>
              <InputNumber id={YEAR_INPUT_ID} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
            </div>
          )}
          <Button
            icon={<DownloadOutlined />}
            loading={template.isPending}
            onClick={() => template.mutate({ kind, period: kind === 'indicators' ? String(year) : period })}
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
        {/* a new form for each kind: a file checked as one kind is never committed as another */}
        <ImportForm key={kind} kind={kind} afterCommit={afterCommit} reportLink={recordLink} />
      </Card>
    </div>
  );
}
