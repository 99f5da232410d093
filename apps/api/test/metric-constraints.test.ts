// The migrated database accepts exactly the metrics of the shared metric table, and keeps as
// fractions (≤ 1) exactly the table's shares: a metric added to the table without a migration
// that widens the check constraints fails here, before any admin meets a refused target.
import { FRACTION_METRICS, METRICS } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

/** The quoted words of a check constraint's definition, as Postgres prints it back. */
const quoted = (definition: string) => [...definition.matchAll(/'([a-z0-9_]+)'::text/g)].map((match) => match[1]);

describe.each(BACKENDS)('the targets table on %s', (backend) => {
  let test: TestDatabase;
  let checks: string[];
  beforeAll(async () => {
    test = await openTestDatabase(backend);
    const { rows } = await sql<{ definition: string }>`
      select pg_get_constraintdef(oid) as definition from pg_constraint
      where conrelid = 'targets'::regclass and contype = 'c'`.execute(test.database.db);
    checks = rows.map((row) => row.definition);
  });
  afterAll(async () => {
    await test?.destroy();
  });

  /** The one check constraint that names the metric column beside the given words. */
  const check = (words: RegExp) => {
    const found = checks.filter((definition) => /\bmetric\b/.test(definition) && words.test(definition));
    expect(found, checks.join('\n')).toHaveLength(1);
    return found[0];
  };

  it("lists exactly the metric table's metrics", () => {
    const listed = quoted(check(/= ANY/));
    expect(
      [...listed].sort(),
      'the metric table and the targets.metric check constraint differ: a new metric needs a migration',
    ).toEqual([...METRICS].sort());
  });

  it("keeps exactly the table's shares as fractions", () => {
    const fractions = quoted(check(/value <=/));
    expect(
      [...fractions].sort(),
      "the table's fraction metrics and the targets' value <= 1 check differ: a new share needs a migration",
    ).toEqual([...FRACTION_METRICS].sort());
  });

  it('refuses a metric the table does not define', async () => {
    const { rows } = await sql<{ id: string }>`select id from plans limit 1`.execute(test.database.db);
    await expect(
      sql`insert into targets (plan_id, metric, comparator, value, due_year, clause, scope)
          values (${rows[0].id}, 'places_per_10000', 'at_least', 45, 2025, 'x', 'self')`.execute(test.database.db),
    ).rejects.toThrow(/check constraint/);
  });
});
