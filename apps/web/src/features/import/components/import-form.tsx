// Choosing a file and sending it: a dry run first (nothing is written), then the commit, which
// is offered only after a clean dry run of this very file with the same option. Shows the
// upload's progress, then a spinner while the server reads and checks.
import { CloudUploadOutlined, ExperimentOutlined, FileOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Progress, Space, Spin, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import {
  type AnyImportResult,
  type ImportKindId,
  rejectedImport,
  submitsOnImport,
  useImportFile,
} from '../api/import-file.ts';
import { ImportResultView } from './import-result.tsx';
import '../../../components/admin-pages.css';
import { useLanguage } from '../../../i18n/use-language.ts';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = /\.(xlsx|csv)$/i;

type Phase = 'idle' | 'uploading' | 'working';

/** The file and option a clean dry run was made with: only these may be committed. */
interface CleanRun {
  file: File;
  submit: boolean;
}

export interface ImportFormProps {
  /** What is imported: quarterly reports, yearly indicators or residential projects. */
  kind: ImportKindId;
  /** What to show once the records are written: links to where they are seen. */
  afterCommit: (result: AnyImportResult) => ReactNode;
  /** Links an imported row's unit to its record. */
  reportLink?: (row: AnyImportResult['rows'][number]) => ReactNode;
}

export function ImportForm({ kind, afterCommit, reportLink }: ImportFormProps) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const fileSize = (bytes: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(bytes / 1024);
  const importReports = useImportFile();
  const submits = submitsOnImport(kind);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [submit, setSubmit] = useState(false);
  const [clean, setClean] = useState<CleanRun | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [sent, setSent] = useState(0);
  const [result, setResult] = useState<AnyImportResult | null>(null);

  const busy = phase !== 'idle';
  const committable = clean !== null && clean.file === file && clean.submit === submit;

  const choose = (chosen: File) => {
    setResult(null);
    setClean(null);
    importReports.reset();
    if (!ACCEPTED.test(chosen.name)) {
      setFile(null);
      setFileProblem(t('dataImport.wrongType', { name: chosen.name }));
    } else if (chosen.size > MAX_BYTES) {
      setFile(null);
      setFileProblem(t('dataImport.tooLarge', { name: chosen.name }));
    } else {
      setFile(chosen);
      setFileProblem(null);
    }
  };

  const run = (mode: 'dry-run' | 'commit') => {
    if (!file) return;
    setPhase('uploading');
    setSent(0);
    importReports.mutate(
      {
        kind,
        file,
        mode,
        submit: submits && submit,
        onProgress: (share) => {
          setSent(share);
          if (share >= 1) setPhase('working');
        },
      },
      {
        onSuccess: (answer) => {
          setResult(answer);
          setClean(answer.mode === 'dry-run' && answer.ok ? { file, submit } : null);
        },
        onError: (error) => {
          // a commit refused on a second look (something changed since the dry run): its findings
          setResult(rejectedImport(error));
          setClean(null);
        },
        onSettled: () => setPhase('idle'),
      },
    );
  };

  const outcome = result ? <Outcome kind={kind} result={result} /> : null;

  return (
    <div className="tuowei-stack" style={{ gap: 16 }}>
      <Upload.Dragger
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        multiple={false}
        disabled={busy}
        showUploadList={false}
        beforeUpload={(chosen) => {
          choose(chosen);
          // kept here, sent by the buttons below
          return false;
        }}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('dataImport.drop')}</p>
        <p className="ant-upload-hint">{t('dataImport.dropHint')}</p>
      </Upload.Dragger>
      {file && (
        <Typography.Text data-testid="import-chosen">
          <FileOutlined aria-hidden /> {t('dataImport.chosen', { name: file.name, size: fileSize(file.size) })}
        </Typography.Text>
      )}
      {fileProblem && <Alert type="error" showIcon title={<span role="alert">{fileProblem}</span>} />}
      {submits && (
        <div>
          <Checkbox
            checked={submit}
            disabled={busy}
            onChange={(event) => setSubmit(event.target.checked)}
            data-testid="import-submit-option"
          >
            {t('dataImport.submitAtOnce')}
          </Checkbox>
          <span className="tuowei-secondary">
            {t(`dataImport.kinds.${kind as 'reports' | 'indicators'}.submitHint`)}
          </span>
        </div>
      )}
      <Space wrap>
        <Button
          icon={<ExperimentOutlined />}
          disabled={!file || busy}
          loading={busy && importReports.variables?.mode === 'dry-run'}
          onClick={() => run('dry-run')}
          data-testid="import-dry-run"
        >
          {t('dataImport.dryRun')}
        </Button>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          disabled={!committable || busy}
          loading={busy && importReports.variables?.mode === 'commit'}
          onClick={() => run('commit')}
          data-testid="import-commit"
        >
          {t('dataImport.commit')}
        </Button>
        {file && !committable && !busy && !result?.committed && (
          <Typography.Text type="secondary">
            {clean !== null && clean.file === file ? t('dataImport.optionChanged') : t('dataImport.commitNeedsDryRun')}
          </Typography.Text>
        )}
      </Space>
      {busy && (
        <div className="tuowei-import-progress" role="status" data-testid="import-progress">
          <Progress percent={Math.round(sent * 100)} status={phase === 'uploading' ? 'active' : 'success'} />
          {phase === 'uploading' ? (
            <span>{t('dataImport.uploading')}</span>
          ) : (
            <Space>
              <Spin size="small" />
              <span>
                {importReports.variables?.mode === 'commit' ? t('dataImport.committing') : t('dataImport.checking')}
              </span>
            </Space>
          )}
        </div>
      )}
      {importReports.error && !rejectedImport(importReports.error) && <ActionError error={importReports.error} />}
      {outcome}
      {result?.committed && afterCommit(result)}
      {result && (
        <ImportResultView kind={kind} result={result} reportLink={result.committed ? reportLink : undefined} />
      )}
    </div>
  );
}

/** The headline: passed (nothing written yet), problems (nothing written), or written. */
function Outcome({ kind, result }: { kind: ImportKindId; result: AnyImportResult }) {
  const { t } = useTranslation();
  if (result.committed) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="import-outcome"
        data-outcome="committed"
        title={t('dataImport.result.committed')}
        description={t(`dataImport.kinds.${kind}.committedHint`, {
          created: result.created,
          updated: result.updated,
          submitted: 'submitted' in result ? result.submitted : 0,
        })}
      />
    );
  }
  if (result.mode === 'commit') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="import-outcome"
        data-outcome="rejected"
        title={t('dataImport.result.rejected')}
        description={t('dataImport.result.dryRunProblemsHint')}
      />
    );
  }
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="import-outcome"
        data-outcome="clean"
        title={t('dataImport.result.dryRunOk')}
        description={t('dataImport.result.dryRunOkHint')}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-outcome"
      data-outcome="problems"
      title={t('dataImport.result.dryRunProblems', { count: result.problems.length })}
      description={t('dataImport.result.dryRunProblemsHint')}
    />
  );
}
