// The SQL twin of packages/shared's `periodIndex`: a stored row's year and quarter as the same
// running count of quarters, so that a query compares quarters as the domain does.
import { type RawBuilder, sql } from 'kysely';

/**
 * `year * 4 + quarter - 1` over a row's `year` and `quarter` columns (of the table or alias
 * given), equal to `periodIndex({ year, quarter })` for every row.
 */
export function periodIndexSql(alias?: string): RawBuilder<number> {
  const column = (name: 'year' | 'quarter') => sql.ref(alias ? `${alias}.${name}` : name);
  return sql<number>`(${column('year')} * 4 + ${column('quarter')} - 1)`;
}
