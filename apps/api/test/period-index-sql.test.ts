// The SQL period index counts quarters exactly as the shared package's periodIndex does, on
// both databases, bare and through an alias.
import { type Period, periodIndex } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodIndexSql } from '../src/db/period-index.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

// a year's first and last quarters, both sides of a year boundary, and the ends of the allowed years
const PERIODS: Period[] = [
  { year: 2000, quarter: 1 },
  { year: 2024, quarter: 4 },
  { year: 2025, quarter: 1 },
  { year: 2025, quarter: 3 },
  { year: 2100, quarter: 4 },
];

describe.each(BACKENDS)('period index in SQL on %s', (backend) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await test?.destroy();
  });

  const values = sql.join(PERIODS.map((p) => sql`(${sql.val(p.year)}::int, ${sql.val(p.quarter)}::int)`));

  it('equals periodIndex for each year and quarter, with and without an alias', async () => {
    const { rows } = await sql<{ bare: number; aliased: number }>`
      select (select ${periodIndexSql()} from (select v.year, v.quarter) as inner_row) as bare,
             ${periodIndexSql('v')} as aliased
      from (values ${values}) as v(year, quarter)`.execute(test.database.db);
    // 2024Q4 = 2024 * 4 + 3 = 8099 and 2025Q1 = 8100: consecutive across the year boundary
    expect(rows.map((row) => [Number(row.bare), Number(row.aliased)])).toEqual(
      PERIODS.map((p) => [periodIndex(p), periodIndex(p)]),
    );
  });
});
