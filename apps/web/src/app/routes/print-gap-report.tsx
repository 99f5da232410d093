// `/print/gap-report?root=530000&period=2024Q4`: the gap report as a page to print (leaders,
// auditors, administrators). Outside the app's frame: on screen a toolbar (back, print, files,
// language) over an A4 sheet; on paper only the sheet.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { DIVISION_CODE as CODE, PERIOD_PATTERN as PERIOD } from '@tuowei/shared';
import { Button, Empty, Skeleton, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ActionError } from '../../components/action-error.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { RequireRole } from '../../features/auth/components/require-role.tsx';
import { useDownloadGapReport } from '../../features/gap-report/api/download-gap-report.ts';
import { useGapReport } from '../../features/gap-report/api/get-gap-report.ts';
import { GapReportPrint } from '../../features/gap-report/components/gap-report-print.tsx';
import { otherLocale } from '../../i18n/index.ts';
import { useLanguage } from '../../i18n/use-language.ts';

export function PrintGapReportRoute() {
  const [searchParams] = useSearchParams();
  const root = searchParams.get('root') ?? '';
  const period = searchParams.get('period') ?? '';
  const valid = CODE.test(root) && PERIOD.test(period);

  return (
    <div className="tuowei-print-page">
      <Toolbar root={root} period={period} ready={valid} />
      <RequireRole roles={['leader', 'auditor', 'admin']}>
        {valid ? <PrintedReport root={root} period={period} /> : <Choose />}
      </RequireRole>
    </div>
  );
}

function Choose() {
  const { t } = useTranslation();
  return (
    <div className="tuowei-print-sheet">
      <Empty description={t('gapReport.choose')} />
    </div>
  );
}

function PrintedReport({ root, period }: { root: string; period: string }) {
  const { t } = useTranslation();
  const { nameOf } = useLanguage();
  const report = useGapReport(root, period);

  // the browser names a printed or saved file after the document's title
  const name = report.data ? nameOf(report.data.root) : null;
  useEffect(() => {
    if (!name) return;
    const before = document.title;
    document.title = `${t('gapReport.title')} · ${name} · ${period}`;
    return () => {
      document.title = before;
    };
  }, [name, period, t]);

  if (report.isPending) {
    return (
      <div className="tuowei-print-sheet">
        <Skeleton active paragraph={{ rows: 14 }} />
      </div>
    );
  }
  if (report.isError) {
    return (
      <div className="tuowei-print-sheet">
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      </div>
    );
  }
  return <GapReportPrint report={report.data} asOf={new Date(report.dataUpdatedAt)} />;
}

function Toolbar({ root, period, ready }: { root: string; period: string; ready: boolean }) {
  const { t, i18n } = useTranslation();
  const download = useDownloadGapReport();
  const next = otherLocale(useLanguage().locale);
  const back = CODE.test(root) ? `/progress/${root}${PERIOD.test(period) ? `?period=${period}` : ''}` : '/progress';

  return (
    <div className="tuowei-print-toolbar" role="toolbar" aria-label={t('gapReport.title')}>
      <Link to={back} className="tuowei-nav-link" data-testid="print-back">
        <ArrowLeftOutlined aria-hidden /> {t('gapReport.back')}
      </Link>
      <span className="tuowei-print-toolbar-title">{t('gapReport.title')}</span>
      <Space wrap>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!ready}
          onClick={() => window.print()}
          data-testid="print-now"
        >
          {t('gapReport.print')}
        </Button>
        <Button
          ghost
          disabled={!ready}
          loading={download.isPending && download.variables?.format === 'xlsx'}
          onClick={() => download.mutate({ root, period, format: 'xlsx' })}
        >
          {t('gapReport.downloadXlsx')}
        </Button>
        <Button
          ghost
          disabled={!ready}
          loading={download.isPending && download.variables?.format === 'csv'}
          onClick={() => download.mutate({ root, period, format: 'csv' })}
        >
          {t('gapReport.downloadCsv')}
        </Button>
        <Button
          ghost
          lang={next}
          aria-label={t('app.languageToggleLabel')}
          onClick={() => void i18n.changeLanguage(next)}
        >
          {t('app.languageToggle')}
        </Button>
      </Space>
      {download.error && (
        <div style={{ flexBasis: '100%' }}>
          <ActionError error={download.error} />
        </div>
      )}
    </div>
  );
}
