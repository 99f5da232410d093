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
import { UnitAndQuarter } from '../../components/unit-and-quarter.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { RequireRole } from '../../features/auth/components/require-role.tsx';
import { useDownloadGapReport } from '../../features/gap-report/api/download-gap-report.ts';
import { useGapReport } from '../../features/gap-report/api/get-gap-report.ts';
import { GapReportPrint } from '../../features/gap-report/components/gap-report-print.tsx';
import { otherLocale } from '../../i18n/index.ts';
import { useLanguage } from '../../i18n/use-language.ts';
import { usePeriodInAddress } from '../../lib/period-in-address.ts';

export function PrintGapReportRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const session = useSession();
  // from the menu, with no address: the person's own unit, the last quarter ended
  const own = session.data?.user.jurisdictionCode ?? null;
  const root = searchParams.get('root') ?? own ?? '';
  // both written here at once: two writes of the address in one go would keep only the last
  const [period, choosePeriod] = usePeriodInAddress(false);
  const valid = CODE.test(root) && PERIOD.test(period);

  useEffect(() => {
    const rootMissing = searchParams.get('root') === null && own !== null;
    const periodMissing = searchParams.get('period') === null;
    if (!rootMissing && !periodMissing) return;
    setSearchParams(
      (current) => {
        if (rootMissing) current.set('root', own);
        if (periodMissing) current.set('period', period);
        return current;
      },
      { replace: true },
    );
  }, [searchParams, own, period, setSearchParams]);

  const chooseRoot = (code: string) =>
    setSearchParams((current) => {
      current.set('root', code);
      return current;
    });

  return (
    <div className="tuowei-print-page">
      <Toolbar root={root} period={period} ready={valid} />
      <RequireRole roles={['leader', 'auditor', 'admin']}>
        <Choose within={own} root={root} onRoot={chooseRoot} period={period} onPeriod={choosePeriod} />
        {valid ? <PrintedReport root={root} period={period} /> : <Unchosen />}
      </RequireRole>
    </div>
  );
}

interface ChooseProps {
  within: string | null;
  root: string;
  onRoot: (code: string) => void;
  period: string;
  onPeriod: (period: string) => void;
}

/** Which unit and quarter the report covers: on screen only, above the sheet. */
function Choose({ within, root, onRoot, period, onPeriod }: ChooseProps) {
  return (
    <div className="tuowei-print-choose">
      <UnitAndQuarter
        idPrefix="gap-report-"
        within={within}
        code={CODE.test(root) ? root : undefined}
        onUnit={onRoot}
        period={period}
        onPeriod={onPeriod}
      />
    </div>
  );
}

function Unchosen() {
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
