// How long the national division tree takes to load on a first start and on the next, and how much
// it adds to the database:
//   tsx apps/api/bench/divisions-load.ts counties|townships postgres://…/an_empty_database
//   tsx apps/api/bench/divisions-load.ts counties|townships embedded <an empty folder>
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { type DivisionDepth, loadDivisions } from '../src/seed/divisions.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';

const depth = (process.argv[2] ?? 'counties') as DivisionDepth;
const where = process.argv[3] ?? 'embedded';
const database = await openDatabase(
  where === 'embedded'
    ? { databaseUrl: null, dataDir: process.argv[4] ?? './data-bench' }
    : { databaseUrl: where, dataDir: '' },
);
const size = async () =>
  Number(
    (await sql<{ bytes: string }>`select pg_database_size(current_database()) as bytes`.execute(database.db)).rows[0]
      .bytes,
  );
try {
  await migrateToLatest(database.db);
  await loadShippedPlans(database.db);
  const before = await size();
  const first = await loadDivisions(database.db, depth);
  const second = await loadDivisions(database.db, depth);
  const after = await size();
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
  console.log(
    `${depth} on ${where === 'embedded' ? 'embedded' : 'Postgres'}: first load ${first.inserted} units in ${first.ms.toFixed(0)} ms, ` +
      `second ${second.inserted} in ${second.ms.toFixed(1)} ms; database ${mib(before)} → ${mib(after)} MiB`,
  );
} finally {
  await database.close();
}
