// A chart's rows as an accessible table: the same rows the chart plots, written for the reader's
// language (numbers grouped, ratios with 2 decimals, shares as percent), text selectable.

import type { TargetStatus } from '@tuowei/shared';
import type { ColumnType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Pace } from '../../../components/pace.tsx';
import { PlainTable } from '../../../components/plain-table.tsx';
import { StatusTag } from '../../../components/status-tag.tsx';
import { type Format, useFormat } from '../../../i18n/format.ts';
import type { Cell, CellKind, DataRow, DataTable } from '../chart-data.ts';

const NUMERIC: ReadonlySet<CellKind> = new Set(['integer', 'ratio', 'percent', 'pace', 'plain']);

/** One cell as the screen writes it. */
export function formatCell(kind: CellKind, value: Cell, format: Format, none: string): ReactNode {
  if (value === null || value === '') return none;
  if (typeof value === 'string') {
    if (kind === 'period') return format.period(value);
    if (kind === 'status') return <StatusTag status={value as TargetStatus} />;
    return value;
  }
  switch (kind) {
    case 'integer':
      return format.integer(value);
    case 'ratio':
      return format.ratio(value);
    case 'percent':
      return format.percent(value);
    case 'pace':
      return <Pace value={value} />;
    default:
      return format.plain(value);
  }
}

export interface DataTableViewProps {
  table: DataTable;
  caption: string;
  /** Where a unit's name links to (its own page), or nothing. */
  unitLink?: (code: string) => string;
  testId?: string;
}

export function DataTableView({ table, caption, unitLink, testId }: DataTableViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('common.none');
  const columns: ColumnType<DataRow>[] = table.columns.map((column) => ({
    key: column.key,
    title: t(`dashboard.columns.${column.key as 'period'}`),
    align: NUMERIC.has(column.kind) ? 'right' : 'left',
    render: (_: unknown, row: DataRow) => {
      const value = row[column.key] ?? null;
      if (column.kind === 'name' && unitLink && typeof row.code === 'string' && typeof value === 'string') {
        return (
          <Link to={unitLink(row.code)} data-testid={`unit-link-${row.code}`}>
            {value}
          </Link>
        );
      }
      if (column.kind === 'status' && value === null) {
        return <span className="tuowei-muted">{t('dashboard.noTarget')}</span>;
      }
      return <span data-testid={`cell-${column.key}`}>{formatCell(column.kind, value, format, none)}</span>;
    },
  }));
  return (
    <div data-testid={testId} className="tuowei-table-scroll">
      <PlainTable<DataRow>
        rowKey={(row) => String(row[table.rowKey])}
        columns={columns}
        dataSource={table.rows}
        caption={caption}
        pageSize={50}
      />
    </div>
  );
}
