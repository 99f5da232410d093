// What one report write costs the API, in figures load does not distort: round trips to Postgres
// (every exchange node-postgres sends, COMMIT included; a BEGIN held back to go with the
// transaction's first statement, db/prepared.ts, is not one) and the API process's CPU per request,
// for the rush's write (PUT a new draft, then submit it with If-Match), in-process on a test database:
//   tsx bench/write-profile.ts [--writes 60]
// Also the median wall time of each request, which the machine's load does distort, and what the
// writes cost Postgres (every Postgres process's CPU, read before and after them).
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, createAccounts, signIn } from '../test/support/accounts.ts';
import { openTestDatabase } from '../test/support/backends.ts';
import { numberOption, postgresCpuMs } from './support.ts';

const WRITES = numberOption('writes', 60);

const counted = { statements: 0 };
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  counted.statements++;
  if (process.argv.includes('--show'))
    console.log(
      'SQL',
      String((args[0] as { text?: string })?.text ?? args[0])
        .replace(/\s+/g, ' ')
        .slice(0, 140),
    );
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const test = await openTestDatabase('postgres');
await createAccounts(test.database.db, [ACCOUNTS.entryWeixi]);
const app = await buildApp({ database: test.database, webDist: null });
const entry = await signIn(app, ACCOUNTS.entryWeixi.username);

// one ended quarter after another, 2026Q3 backwards (2026Q4 cannot be submitted before it ends):
// each a new report, as in the rush
const periods = Array.from({ length: WRITES + 5 }, (_, i) => {
  const quarters = 2026 * 4 + 2 - i;
  return `${Math.floor(quarters / 4)}Q${(quarters % 4) + 1}`;
});
const steps = {
  put: { statements: [] as number[], cpu: [] as number[], ms: [] as number[] },
  submit: { statements: [] as number[], cpu: [] as number[], ms: [] as number[] },
};

async function measure(
  step: 'put' | 'submit',
  run: () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>,
  keep: boolean,
) {
  const statements = counted.statements;
  const cpu = process.cpuUsage();
  const t = performance.now();
  const response = await run();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  if (response.statusCode >= 300) throw new Error(`${step} ${response.statusCode}: ${response.body}`);
  if (keep) {
    steps[step].statements.push(counted.statements - statements);
    steps[step].cpu.push((used.user + used.system) / 1000);
    steps[step].ms.push(ms);
  }
  return response;
}

let postgresBefore = 0;
for (const [i, period] of periods.entries()) {
  if (i === 5) postgresBefore = postgresCpuMs();
  const keep = i >= 5; // the first few warm the code up
  const url = `/api/v1/reports/533423/${period}`;
  const put = await measure(
    'put',
    () =>
      app.inject({ method: 'PUT', url, headers: entry.headers(), payload: { places: 1000, affordablePlaces: 500 } }),
    keep,
  );
  const version = String(put.headers.etag);
  await measure(
    'submit',
    () => app.inject({ method: 'POST', url: `${url}/submit`, headers: entry.headers({ 'if-match': version }) }),
    keep,
  );
}

const postgresMs = postgresCpuMs() - postgresBefore;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number) => Math.round(value * 100) / 100;
for (const [step, figures] of Object.entries(steps)) {
  console.log(
    `${step}: round trips ${median(figures.statements)} (max ${Math.max(...figures.statements)}) · CPU ms median ${round(median(figures.cpu))} · wall ms median ${round(median(figures.ms))} (n ${figures.ms.length})`,
  );
}
console.log(
  `Postgres CPU per report (put and submit): ${round(postgresMs / (periods.length - 5))} ms (${Math.round(postgresMs)} ms for ${periods.length - 5})`,
);
await app.close();
await test.destroy();
