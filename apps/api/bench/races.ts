// Twenty admins saving one record at once, on every admin create/upsert route: how often each
// status comes back, and how many audit rows have a before that is not what their write
// replaced (the row before them in the trail should have written it). In process (app.inject).
//   tsx apps/api/bench/races.ts [--at-once 20] [--rounds 3] [--backend postgres|embedded]
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, createAccounts, signIn } from '../test/support/accounts.ts';
import { BACKENDS, type Backend, openTestDatabase } from '../test/support/backends.ts';

const { values } = parseArgs({
  options: { 'at-once': { type: 'string' }, rounds: { type: 'string' }, backend: { type: 'string' } },
});
const AT_ONCE = Number(values['at-once'] ?? 20);
const ROUNDS = Number(values.rounds ?? 3);
const backends = values.backend ? [values.backend as Backend] : BACKENDS;

interface Race {
  name: string;
  method: 'PUT' | 'POST';
  url: (round: number) => string;
  payload: (i: number, round: number) => object;
  /** The audit rows of the record raced on, and the field whose before must chain. */
  audit: (round: number) => { entity: string; entityId: string | null; field: string };
}

async function measure(backend: Backend) {
  const test = await openTestDatabase(backend);
  await createAccounts(test.database.db, [ACCOUNTS.admin]);
  const app = await buildApp({ database: test.database, webDist: null });
  const admin = await signIn(app, ACCOUNTS.admin.username);
  const db = test.database.db;
  const ids = { plan: [] as string[], target: [] as string[] };

  const races: Race[] = [
    {
      name: 'POST /users (one name)',
      method: 'POST',
      url: () => '/api/v1/users',
      payload: (_i, r) => ({
        username: `race-${r}`,
        password: 'a long enough password',
        role: 'entry',
        jurisdictionCode: '533423',
      }),
      audit: (r) => ({ entity: 'user', entityId: `race-${r}`, field: 'displayName' }),
    },
    {
      name: 'PUT /users/:name',
      method: 'PUT',
      url: (r) => `/api/v1/users/race-${r}`,
      payload: (i) => ({ displayName: `文员 ${i}` }),
      audit: (r) => ({ entity: 'user', entityId: `race-${r}`, field: 'displayName' }),
    },
    {
      name: 'PUT /jurisdictions/<new code>',
      method: 'PUT',
      url: (r) => `/api/v1/jurisdictions/53349${r}`,
      payload: (i) => ({ name: `竞速县${i}`, nameEn: `Race ${i}`, level: 'county', parentCode: '533400' }),
      audit: (r) => ({ entity: 'jurisdiction', entityId: `53349${r}`, field: 'name' }),
    },
    {
      name: 'PUT …/populations/<new year>',
      method: 'PUT',
      url: (r) => `/api/v1/jurisdictions/533423/populations/${1977 + r}`,
      payload: (i) => ({ population: 100_000 + i, source: `竞速 ${i}` }),
      audit: (r) => ({ entity: 'population', entityId: `533423/${1977 + r}`, field: 'population' }),
    },
    {
      name: 'PUT /settings',
      method: 'PUT',
      url: () => '/api/v1/settings',
      payload: (i) => ({ counting: 'approved_only', reportDeadlineDays: 1 + i }),
      audit: () => ({ entity: 'setting', entityId: 'settings', field: 'reportDeadlineDays' }),
    },
    {
      name: 'POST /plans (one document number)',
      method: 'POST',
      url: () => '/api/v1/plans',
      payload: (i, r) => ({
        jurisdictionCode: '533423',
        documentNumber: `竞〔2026〕${r}号`,
        title: `竞速规划 ${i}`,
        issuer: '维西县人民政府',
        issuedOn: null,
      }),
      audit: () => ({ entity: 'plan', entityId: null, field: 'title' }),
    },
    {
      name: 'PUT /plans/:id',
      method: 'PUT',
      url: (r) => `/api/v1/plans/${ids.plan[r]}`,
      payload: (i, r) => ({
        jurisdictionCode: '533423',
        documentNumber: `竞〔2026〕${r}号`,
        title: `改 ${i}`,
        issuer: '维西县人民政府',
        issuedOn: null,
      }),
      audit: (r) => ({ entity: 'plan', entityId: ids.plan[r], field: 'title' }),
    },
    {
      name: 'POST /plans/:id/targets',
      method: 'POST',
      url: (r) => `/api/v1/plans/${ids.plan[r]}/targets`,
      payload: (i) => ({
        metric: 'places_per_1000',
        comparator: 'at_least',
        value: 1 + i,
        dueYear: 2030,
        clause: `${i}`,
        scope: 'self',
      }),
      audit: () => ({ entity: 'target', entityId: null, field: 'value' }),
    },
    {
      name: 'PUT /targets/:id',
      method: 'PUT',
      url: (r) => `/api/v1/targets/${ids.target[r]}`,
      payload: (i) => ({
        metric: 'places_per_1000',
        comparator: 'at_least',
        value: 5 + i,
        dueYear: 2030,
        clause: `${i}`,
        scope: 'self',
      }),
      audit: (r) => ({ entity: 'target', entityId: ids.target[r], field: 'value' }),
    },
  ];

  console.log(`\n${backend}: ${AT_ONCE} at once, ${ROUNDS} rounds`);
  for (const race of races) {
    const statuses = new Map<number, number>();
    let wrongBefores = 0;
    let rows = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { rows: mark } = await sql<{ id: string }>`select coalesce(max(id), 0)::text as id from audit_log`.execute(
        db,
      );
      const answers = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) =>
          app.inject({
            method: race.method,
            url: race.url(round),
            headers: admin.headers(),
            payload: race.payload(i, round),
          }),
        ),
      );
      for (const answer of answers) statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
      if (race.name.startsWith('POST /plans (')) {
        const created = answers.find((answer) => answer.statusCode === 201);
        if (created) ids.plan[round] = created.json().id;
      }
      if (race.name === 'POST /plans/:id/targets') {
        const { rows: first } = await sql<{ id: string }>`
          select id from targets where plan_id = ${ids.plan[round]} order by sort_order, created_at limit 1`.execute(
          db,
        );
        ids.target[round] = first[0].id;
      }
      const { entity, entityId, field } = race.audit(round);
      if (entityId === null) continue; // a create of many records: its statuses are the figure
      const { rows: trail } = await sql<{ before: Record<string, unknown> | null; after: Record<string, unknown> }>`
        select before, after from audit_log
        where id > ${mark[0].id}::bigint and entity = ${entity} and entity_id = ${entityId} order by id`.execute(db);
      rows += trail.length;
      for (let i = 1; i < trail.length; i++) {
        if (JSON.stringify(trail[i].before?.[field]) !== JSON.stringify(trail[i - 1].after[field])) wrongBefores++;
      }
    }
    const counts = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${n} × ${status}`);
    const audit = rows > 0 ? `; audit rows ${rows}, befores not what their write replaced: ${wrongBefores}` : '';
    console.log(`  ${race.name.padEnd(34)} ${counts.join(', ')}${audit}`);
  }
  await app.close();
  await test.destroy();
}

for (const backend of backends) await measure(backend);
