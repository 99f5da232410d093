// The final account of the targets closed by a quarter, as a workbook or a CSV file: every target
// with its due year's value, verdict, shortfall and whether the data behind it was approved.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import { FileDownloads } from '../../../components/file-downloads.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useDownloadFinalAccount } from '../api/download-final-account.ts';
import '../../../components/admin-pages.css';

export interface FinalAccountExportProps {
  /** Null: the whole country. */
  root: string | null;
  period: string;
  /** The root's name in the screen's language. */
  name: string;
}

export function FinalAccountExport({ root, period, name }: FinalAccountExportProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const download = useDownloadFinalAccount();
  return (
    <section className="tuowei-export" aria-labelledby="final-account-heading" data-testid="final-account-export">
      <div>
        <Typography.Text strong id="final-account-heading">
          {t('cycle.finalAccount.title')}
        </Typography.Text>
        <span className="tuowei-secondary">
          {root === null
            ? t('cycle.finalAccount.introCountry', { period: format.period(period) })
            : t('cycle.finalAccount.intro', { name, period: format.period(period) })}
        </span>
      </div>
      <FileDownloads
        pending={download.isPending ? (download.variables?.format ?? null) : null}
        onDownload={(format) => download.mutate({ root, period, format })}
        labels={{ xlsx: t('cycle.finalAccount.xlsx'), csv: t('cycle.finalAccount.csv') }}
        testId="download-final"
      />
      <ActionError error={download.error} />
    </section>
  );
}
