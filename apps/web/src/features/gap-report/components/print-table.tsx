// One section of the printed gap report and its table: a heading, the rows (or a sentence when
// there are none), numbers right-aligned, a second field in small type under a cell's own.
import type { HTMLAttributes, ReactNode } from 'react';

export interface PrintColumn<Row> {
  key: string;
  title: ReactNode;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** Its share of the page's width, where the table sets widths. */
  width?: string;
}

export interface PrintTableProps<Row> {
  columns: readonly PrintColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Attributes of a row (test ids, what it is about). */
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement>;
  testId?: string;
}

export function PrintTable<Row>({ columns, rows, rowKey, rowProps, testId }: PrintTableProps<Row>) {
  const numeric = (column: PrintColumn<Row>) => (column.numeric ? 'number' : undefined);
  return (
    <table className="tuowei-print-table" data-testid={testId}>
      {columns.some((column) => column.width) && (
        <colgroup>
          {columns.map((column) => (
            <col key={column.key} style={{ width: column.width }} />
          ))}
        </colgroup>
      )}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col" className={numeric(column)}>
              {column.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {columns.map((column) => (
              <td key={column.key} className={numeric(column)} data-column={column.key}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A name with a second field in small type beneath it (a unit's code, a plan's clause). */
export function WithSub({ children, sub }: { children: ReactNode; sub: ReactNode }) {
  return (
    <>
      {children}
      <span className="tuowei-print-sub">{sub}</span>
    </>
  );
}

export interface PrintSectionProps<Row> extends PrintTableProps<Row> {
  id: string;
  title: string;
  /** Said instead of the table when there are no rows. */
  empty: string;
  /** Said before the table (a summary), or after it (a note). */
  before?: ReactNode;
  after?: ReactNode;
}

export function PrintSection<Row>({ id, title, empty, before, after, ...table }: PrintSectionProps<Row>) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {before}
      {table.rows.length === 0 ? <p>{empty}</p> : <PrintTable {...table} />}
      {after}
    </section>
  );
}
