// Admins import yearly populations: download the template for a year, choose the filled file,
// dry-run it (every problem named by row, column and reason; nothing written), then commit it,
// which is offered only after a clean dry run of this very file.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { PopulationImportResult } from '@tuowei/shared';
import { Alert, Button, Card, InputNumber, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import { useFormat } from '../../../i18n/format.ts';
import {
  rejectedPopulationImport,
  useDownloadPopulationTemplate,
  useImportPopulations,
} from '../api/import-populations.ts';

const YEAR_INPUT_ID = 'population-template-year';

export function PopulationImport() {
  const { t } = useTranslation();
  const format = useFormat();
  const template = useDownloadPopulationTemplate();
  const upload = useImportPopulations();
  const [year, setYear] = useState(() => new Date().getFullYear() - 1);
  const [file, setFile] = useState<File | null>(null);
  const [clean, setClean] = useState<File | null>(null);
  const [result, setResult] = useState<PopulationImportResult | null>(null);

  const run = (mode: 'dry-run' | 'commit') => {
    if (!file) return;
    upload.mutate(
      { file, mode },
      {
        onSuccess: (answer) => {
          setResult(answer);
          setClean(answer.ok && mode === 'dry-run' ? file : null);
        },
        onError: (error) => {
          setResult(rejectedPopulationImport(error));
          setClean(null);
        },
      },
    );
  };
  const column = (key: keyof typeof columnWords) => ({ title: columnWords[key], dataIndex: key, key });
  const columnWords = {
    code: t('coverage.import.columns.code'),
    name: t('coverage.import.columns.name'),
    year: t('coverage.import.columns.year'),
    population: t('coverage.import.columns.population'),
    source: t('coverage.import.columns.source'),
    action: t('coverage.import.columns.action'),
  };

  return (
    <Card size="small" title={t('coverage.import.populations')} data-testid="population-import">
      <Typography.Paragraph type="secondary">{t('coverage.import.hint')}</Typography.Paragraph>
      <Space wrap>
        <label htmlFor={YEAR_INPUT_ID}>{t('coverage.import.year')}</label>
        <InputNumber id={YEAR_INPUT_ID} min={1949} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate(year)}>
          {t('coverage.import.template')}
        </Button>
      </Space>
      <ActionError error={template.error} />
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        style={{ marginTop: 16 }}
        beforeUpload={(chosen) => {
          setFile(chosen);
          setClean(null);
          setResult(null);
          return false;
        }}
        showUploadList={false}
        data-testid="population-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{file ? file.name : t('dataImport.drop')}</p>
      </Upload.Dragger>
      <Space style={{ marginTop: 16 }}>
        <Button
          disabled={!file}
          loading={upload.isPending}
          onClick={() => run('dry-run')}
          data-testid="population-dry-run"
        >
          {t('dataImport.dryRun')}
        </Button>
        <Button
          type="primary"
          disabled={!file || clean !== file}
          loading={upload.isPending}
          onClick={() => run('commit')}
          data-testid="population-commit"
        >
          {t('dataImport.commit')}
        </Button>
      </Space>
      {!result && <ActionError error={upload.error} />}
      {result && (
        <div className="tuowei-stack" style={{ gap: 8, marginTop: 16 }} data-testid="population-result">
          <Alert
            type={result.ok ? 'success' : 'error'}
            showIcon
            title={`${result.committed ? t('coverage.import.committed') : ''}${t('coverage.import.summary', {
              created: format.integer(result.created),
              updated: format.integer(result.updated),
              unchanged: format.integer(result.unchanged),
              skipped: format.integer(result.skipped.length),
            })}`}
          />
          {result.problems.length > 0 && (
            <Table
              size="small"
              rowKey={(p) => `${p.row}/${p.column}`}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={result.problems}
              columns={[
                { title: t('dataImport.problems.row'), dataIndex: 'row', key: 'row' },
                { title: t('dataImport.problems.column'), dataIndex: 'column', key: 'column' },
                { title: t('dataImport.problems.value'), dataIndex: 'value', key: 'value' },
                { title: t('dataImport.problems.reason'), dataIndex: 'reason', key: 'reason' },
              ]}
            />
          )}
          {result.rows.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.code}/${r.year}`}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={result.rows}
              columns={[
                column('code'),
                column('name'),
                column('year'),
                { ...column('population'), render: (value: number) => format.integer(value) },
                column('source'),
                {
                  ...column('action'),
                  render: (_: unknown, row: PopulationImportResult['rows'][number]) =>
                    `${t(`dataImport.rows.actions.${row.action}`)}${row.before ? ` (${t('coverage.import.columns.before')} ${format.integer(row.before.population)})` : ''}`,
                },
              ]}
            />
          )}
        </div>
      )}
    </Card>
  );
}
