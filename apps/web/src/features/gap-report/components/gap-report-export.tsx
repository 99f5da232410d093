// A small panel offering the gap report of a subtree and quarter: the printable page, and the
// workbook and CSV files, in the screen's language.
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ActionError } from '../../../components/action-error.tsx';
import { FileDownloads } from '../../../components/file-downloads.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useDownloadGapReport } from '../api/download-gap-report.ts';
import '../../../components/admin-pages.css';

export interface GapReportExportProps {
  root: string;
  period: string;
  /** The root's name in the screen's language. */
  name: string;
}

export function gapReportPrintPath(root: string, period: string): string {
  return `/print/gap-report?${new URLSearchParams({ root, period })}`;
}

export function GapReportExport({ root, period, name }: GapReportExportProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const download = useDownloadGapReport();
  const printPath = gapReportPrintPath(root, period);

  return (
    <section className="tuowei-export" aria-labelledby="gap-report-export-heading" data-testid="gap-report-export">
      <div>
        <Typography.Text strong id="gap-report-export-heading">
          {t('gapReport.exportTitle')}
        </Typography.Text>
        <span className="tuowei-secondary">{t('gapReport.exportIntro', { name, period: format.period(period) })}</span>
      </div>
      <Space wrap>
        {/* a real link (open in a new tab works), followed inside the app on a plain click */}
        <Button
          href={printPath}
          icon={<PrinterOutlined />}
          onClick={(event) => {
            if (event.ctrlKey || event.metaKey || event.shiftKey) return;
            event.preventDefault();
            navigate(printPath);
          }}
          data-testid="print-gap-report"
        >
          {t('gapReport.printLink')}
        </Button>
        <FileDownloads
          pending={download.isPending ? (download.variables?.format ?? null) : null}
          onDownload={(format) => download.mutate({ root, period, format })}
          labels={{ xlsx: t('gapReport.downloadXlsx'), csv: t('gapReport.downloadCsv') }}
          testId="download-gap"
        />
      </Space>
      <ActionError error={download.error} />
    </section>
  );
}
