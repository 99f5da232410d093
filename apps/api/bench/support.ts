// Shared by the benchmarks: a fresh database on the real Postgres with the synthetic country.
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';
import { loadSyntheticCountry, NATIONAL, type SyntheticOptions } from '../src/seed/synthetic.ts';
import { createTestDatabase } from '../test/support/backends.ts';

export async function syntheticDatabase(options: SyntheticOptions = NATIONAL) {
  const created = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: created.url, dataDir: '' });
  await migrateToLatest(database.db);
  await loadShippedPlans(database.db);
  const started = performance.now();
  const counts = await loadSyntheticCountry(database.db, options);
  const loadMs = performance.now() - started;
  return {
    url: created.url,
    database,
    counts,
    loadMs,
    async drop() {
      await database.close();
      await created.drop();
    },
  };
}

export const ms = (value: number) => `${value.toFixed(0)} ms`;
