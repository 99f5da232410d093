// What the audit chain costs writers: report PUTs per second, N at a time, on the local Postgres,
// before (migrations up to 04, served as the owner, no chain) and after (the chain's trigger and
// its head lock, served as the serving role). In process (app.inject), so that the figures are
// the database's and the API's, not HTTP's.
// Then a long trail: rows chained by one set-based insert (as an import writes them), and walked by
// the verify, with the process's resident memory before and after.
//   tsx apps/api/bench/audit-chain.ts [--writes 200] [--repeat 3] [--trail 200000]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Migrator, sql } from 'kysely';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { buildApp } from '../src/app.ts';
import { systemActor } from '../src/audit.ts';
import { createUser } from '../src/auth/users.ts';
import type { Database } from '../src/db/database.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { openServing } from '../src/db/roles.ts';
import { verifyAuditChain } from '../src/routes/audit/chain.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';
import { createTestDatabase } from '../test/support/backends.ts';

const { values } = parseArgs({
  options: { writes: { type: 'string' }, repeat: { type: 'string' }, trail: { type: 'string' } },
});
const WRITES = Number(values.writes ?? 200);
const REPEAT = Number(values.repeat ?? 3);
/** Rows of a long trail, written in one set-based insert and then verified. */
const TRAIL = Number(values.trail ?? 200_000);
const AT_ONCE = [1, 10, 50];

async function prepare(variant: 'before' | 'after', url: string): Promise<Database> {
  const owner = await openDatabase({ databaseUrl: url, dataDir: '' });
  if (variant === 'before') {
    const migrator = new Migrator({ db: owner.db, provider: { getMigrations: async () => MIGRATIONS } });
    const { error } = await migrator.migrateTo('2026-11-27-04-township');
    if (error) throw error;
    return owner;
  }
  await migrateToLatest(owner.db);
  return (await openServing(owner, { databaseUrl: url, role: null, password: null })).database;
}

/** Writes per second for `count` PUTs, `atOnce` in flight at a time, each to its own report of `code`. */
async function measure(
  app: Awaited<ReturnType<typeof buildApp>>,
  headers: Record<string, string>,
  code: string,
  atOnce: number,
) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: atOnce }, async () => {
      for (let i = next++; i < WRITES; i = next++) {
        const response = await app.inject({
          method: 'PUT',
          url: `/api/v1/reports/${code}/${2000 + Math.floor(i / 4)}Q${(i % 4) + 1}`,
          headers,
          payload: { places: 100 + i, affordablePlaces: 50 },
        });
        if (response.statusCode !== 201) throw new Error(`PUT answered ${response.statusCode}: ${response.body}`);
      }
    }),
  );
  return WRITES / ((performance.now() - started) / 1000);
}

const results: Record<string, Record<number, number[]>> = { before: {}, after: {} };
const loadBefore = os.loadavg();
for (const variant of ['before', 'after'] as const) {
  const created = await createTestDatabase();
  const database = await prepare(variant, created.url);
  try {
    await loadShippedPlans(database.db);
    await createUser(
      database.db,
      { username: 'bench-entry', password: 'bench password 1', role: 'entry', jurisdictionCode: null },
      systemActor('bench'),
    );
    // 200 quarters from 2000Q1 run to 2049Q4: the clock stands after them, so that every one may be reported
    const app = await buildApp({ database, webDist: null, clock: () => new Date('2050-01-01T00:00:00Z') });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bench-entry', password: 'bench password 1' },
    });
    const cookie = login.cookies.find((c) => c.name === 'tuowei_session')?.value;
    const headers = { cookie: `tuowei_session=${cookie}`, 'x-csrf-token': login.json().csrfToken };
    const codes = (await database.db.selectFrom('jurisdictions').select('code').orderBy('code').execute()).map(
      (j) => j.code,
    );
    let round = 0;
    for (let repeat = 0; repeat < REPEAT; repeat++) {
      for (const atOnce of AT_ONCE) {
        const code = codes[round++ % codes.length];
        if (round > codes.length) throw new Error('more rounds than jurisdictions: lower --repeat');
        const perSecond = await measure(app, headers, code, atOnce);
        results[variant][atOnce] = [...(results[variant][atOnce] ?? []), perSecond];
      }
    }
    await app.close();
  } finally {
    await database.close();
    await created.drop();
  }
}
const loadAfter = os.loadavg();

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(
  `report PUTs per second, ${WRITES} writes a run, median of ${REPEAT} (load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after; ${os.cpus().length} cores)`,
);
console.log('at once   before (no chain)   after (chain + serving role)   change');
for (const atOnce of AT_ONCE) {
  const before = median(results.before[atOnce]);
  const after = median(results.after[atOnce]);
  console.log(
    `${String(atOnce).padStart(7)}   ${before.toFixed(0).padStart(17)}   ${after.toFixed(0).padStart(28)}   ${(((after - before) / before) * 100).toFixed(1).padStart(5)} %`,
  );
}
console.log(JSON.stringify(results));

const created = await createTestDatabase();
const database = await prepare('after', created.url);
try {
  const mib = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
  let started = performance.now();
  await sql`
    insert into audit_log (actor, actor_role, action, entity, entity_id, jurisdiction_code, after, request_id)
    select 'bench', 'entry', 'update', 'report', gen_random_uuid()::text, '533423',
           jsonb_build_object('period', '2025Q1', 'places', n, 'affordablePlaces', n / 2, 'status', 'draft',
                              'version', 2, 'institutions', '{}'::jsonb, 'comment', null, 'childrenEnrolled', null),
           'req-' || n
    from generate_series(1, ${TRAIL}) as n`.execute(database.db);
  const insertSeconds = (performance.now() - started) / 1000;
  const rssBefore = mib();
  started = performance.now();
  const verdict = await verifyAuditChain(database.db);
  const verifySeconds = (performance.now() - started) / 1000;
  console.log(
    `long trail: ${TRAIL} rows chained by one insert in ${insertSeconds.toFixed(1)} s (${(TRAIL / insertSeconds).toFixed(0)} rows/s); ` +
      `verified (${verdict.intact ? 'intact' : 'BROKEN'}, ${verdict.rows} rows) in ${verifySeconds.toFixed(1)} s ` +
      `(${(verdict.rows / verifySeconds).toFixed(0)} rows/s); resident memory ${rssBefore} MiB before the walk, ${mib()} MiB after ` +
      `(load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
  );
} finally {
  await database.close();
  await created.drop();
}
