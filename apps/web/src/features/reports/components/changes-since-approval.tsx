// For the reviewer: what changed in a report after it was last approved, by whom and when.
import type { ReportView } from '@tuowei/shared';
import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { fieldChanges, useChangeWords } from '../../../components/field-changes.tsx';
import { useFormat } from '../../../i18n/format.ts';

interface Row {
  key: string;
  field: string;
  before: unknown;
  after: unknown;
  by: string;
  at: string;
}

export function ChangesSinceApproval({ changes }: { changes: ReportView['changesSinceApproval'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useChangeWords('report');
  if (changes.length === 0) return null;

  // Institutions change as one object: list each kind that changed on its own row.
  const rows: Row[] = changes.flatMap((change, index) =>
    fieldChanges({ [change.field]: change.before }, { [change.field]: change.after }).map((field) => ({
      key: `${index}-${field.field}`,
      field: field.field,
      before: field.before,
      after: field.after,
      by: change.by,
      at: change.at,
    })),
  );

  const columns: ColumnsType<Row> = [
    { key: 'field', title: t('report.changes.field'), render: (_, row) => words.label(row.field) },
    {
      key: 'change',
      title: t('report.changes.change'),
      render: (_, row) => (
        <span className="tuowei-diff">
          <del>{words.value(row.field, row.before)}</del> → <ins>{words.value(row.field, row.after)}</ins>
        </span>
      ),
    },
    { key: 'by', title: t('report.changes.by'), dataIndex: 'by' },
    { key: 'at', title: t('report.changes.at'), render: (_, row) => format.dateTime(row.at) },
  ];

  return (
    <Card size="small" title={t('report.changes.title')} data-testid="changes-since-approval">
      <p className="tuowei-secondary" style={{ marginTop: 0 }}>
        {t('report.changes.intro')}
      </p>
      <Table<Row> size="small" rowKey="key" columns={columns} dataSource={rows} pagination={false} />
    </Card>
  );
}
