// The Excel and CSV buttons every export offers (gap report, final account, audit trail): one per
// format, busy while its file is being made. They are spaced as antd's Space spaces buttons: given
// as siblings to a Space around them, they were one of its items and touched each other.
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';

export type FileFormat = 'xlsx' | 'csv';

const ICONS = { xlsx: <FileExcelOutlined />, csv: <FileTextOutlined /> };

export interface FileDownloadsProps {
  /** The format whose file is being made, if any. */
  pending: FileFormat | null;
  onDownload(format: FileFormat): void;
  labels: Record<FileFormat, string>;
  /** The buttons' test ids are `${testId}-xlsx` and `${testId}-csv`. */
  testId: string;
}

export function FileDownloads({ pending, onDownload, labels, testId }: FileDownloadsProps) {
  return (
    <Space wrap>
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          icon={ICONS[format]}
          loading={pending === format}
          onClick={() => onDownload(format)}
          data-testid={`${testId}-${format}`}
        >
          {labels[format]}
        </Button>
      ))}
    </Space>
  );
}
