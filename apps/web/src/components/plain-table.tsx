// A table of figures drawn as plain HTML in Ant Design's small table's look, for the overview and
// the dashboard's chart tables: Ant Design's Table brings its filters, selection, tree and
// virtual lists (some 120 kB gzip with what they import) into the first download of a page that
// needs none of them. Columns are written as for Ant Design's Table (key, title, align, className,
// render), so a table moves between the two without rewriting its columns. Pages that sort,
// select or filter keep Ant Design's Table.
import { Button } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type HTMLAttributes, type Key, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './plain-table.css';

export interface PlainTableProps<Row> {
  columns: ColumnType<Row>[];
  dataSource: readonly Row[];
  rowKey: (row: Row) => Key;
  caption?: ReactNode;
  /** Attributes of a row's <tr> (test ids, data attributes). */
  onRow?: (row: Row) => HTMLAttributes<HTMLElement>;
  /** Rows per page; more rows than this are paged. Unset: every row on one page. */
  pageSize?: number;
}

export function PlainTable<Row>({ columns, dataSource, rowKey, caption, onRow, pageSize }: PlainTableProps<Row>) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const pages = pageSize ? Math.max(1, Math.ceil(dataSource.length / pageSize)) : 1;
  const current = Math.min(page, pages);
  const rows = pageSize ? dataSource.slice((current - 1) * pageSize, current * pageSize) : dataSource;
  const cellClass = (column: ColumnType<Row>) =>
    [column.align === 'right' ? 'tuowei-plain-table-right' : '', column.className ?? ''].join(' ').trim() || undefined;
  return (
    <div className="tuowei-plain-table">
      <table>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={String(column.key ?? i)} scope="col" className={cellClass(column)}>
                {column.title as ReactNode}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const key = rowKey(row);
            return (
              <tr key={key} data-row-key={key} {...onRow?.(row)}>
                {columns.map((column, i) => (
                  <td key={String(column.key ?? i)} className={cellClass(column)}>
                    {column.render ? (column.render(undefined, row, index) as ReactNode) : null}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {pages > 1 && (
        <nav className="tuowei-plain-table-pager" aria-label={caption ? String(caption) : undefined}>
          <Button size="small" disabled={current <= 1} onClick={() => setPage(current - 1)}>
            {t('common.previousPage')}
          </Button>
          <span aria-live="polite">{t('common.pageOf', { page: current, pages })}</span>
          <Button size="small" disabled={current >= pages} onClick={() => setPage(current + 1)}>
            {t('common.nextPage')}
          </Button>
        </nav>
      )}
    </div>
  );
}
