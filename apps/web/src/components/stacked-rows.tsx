// A table's rows as stacked cards on a phone, where its columns do not fit side by side: each row
// a card, each column a name and its value, drawn by the table's own column definitions, so that
// the table and the cards never say different things.
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, ReactNode } from 'react';

export interface StackedRowsProps<Row> {
  columns: ColumnsType<Row>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  caption: ReactNode;
  empty: ReactNode;
  /** The same attributes the table puts on each row (test ids, data-*). */
  onRow?: (row: Row) => HTMLAttributes<HTMLElement>;
}

export function StackedRows<Row>({ columns, rows, rowKey, caption, empty, onRow }: StackedRowsProps<Row>) {
  return (
    <section className="tuowei-stacked" aria-label={typeof caption === 'string' ? caption : undefined}>
      {typeof caption === 'string' && <div className="tuowei-stacked-caption">{caption}</div>}
      {rows.length === 0 && <div className="tuowei-secondary">{empty}</div>}
      {rows.map((row, index) => (
        <dl key={rowKey(row)} className="tuowei-stacked-row" {...(onRow?.(row) as HTMLAttributes<HTMLDListElement>)}>
          {columns.map((column, position) => {
            const key = String(column.key ?? position);
            // a cell the table folds into its neighbour (colSpan 0) is not a line of its own
            const cell = column.onCell?.(row, index) as { colSpan?: number } | undefined;
            if (cell?.colSpan === 0) return null;
            const value =
              'render' in column && column.render
                ? column.render(undefined, row, index)
                : 'dataIndex' in column && column.dataIndex
                  ? (row as Record<string, ReactNode>)[String(column.dataIndex)]
                  : null;
            if (value === null || value === undefined || value === false) return null;
            return (
              <div key={key} className="tuowei-stacked-line">
                <dt>{typeof column.title === 'function' ? null : column.title}</dt>
                <dd>{value as ReactNode}</dd>
              </div>
            );
          })}
        </dl>
      ))}
    </section>
  );
}
