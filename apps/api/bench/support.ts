// Shared by the benchmarks: a fresh database on the real Postgres with the synthetic country, and
// the API as it ships (its production bundle) serving it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { defaultServingRole } from '../src/db/roles.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';
import { loadSyntheticCountry, NATIONAL, type SyntheticOptions } from '../src/seed/synthetic.ts';
import { TEST_PASSWORD } from '../test/support/accounts.ts';
import { ADMIN_URL, urlForDatabase } from '../test/support/backends.ts';

/**
 * What a kept synthetic country is made from: the migrations, the migrator, the shipped plans, the
 * synthetic generator and the options; a change to any of them makes a template of another name.
 */
function syntheticTemplateName(options: SyntheticOptions): string {
  const hash = crypto.createHash('sha256').update(JSON.stringify(options));
  const sources = [
    ...fs
      .readdirSync(MIGRATIONS)
      .sort()
      .map((file) => path.join(MIGRATIONS, file)),
    ...['src/db/migrate.ts', 'src/seed/load-plans.ts', 'src/seed/five-plans.ts', 'src/seed/synthetic.ts'].map((file) =>
      path.join(API, file),
    ),
  ];
  for (const file of sources) hash.update(path.basename(file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return `${BENCH_TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 16)}`;
}

const MIGRATIONS = fileURLToPath(new URL('../../../migrations/', import.meta.url));
const BENCH_TEMPLATE_PREFIX = 'tuowei_bench_';
/** Another checkout's kept country not copied for this long is taken to be stale, and removed. */
const STALE_TEMPLATE_MS = 24 * 60 * 60 * 1000;

interface TemplateNote {
  /** When a bench last copied it. */
  used: string;
  counts: Awaited<ReturnType<typeof loadSyntheticCountry>>;
  /** How long loading the country took when the template was made. */
  loadMs: number;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database holding the synthetic country (migrated, shipped plans loaded), copied from a
 * template database kept on the server: loading 40,000 townships' million reports costs minutes
 * on a loaded machine, and is the bench's own cost, not the API's. The template is made once per
 * migrations, seed and options, under an advisory lock (benches of two checkouts neither build it
 * twice nor drop one the other is copying), built under another name and renamed once complete.
 * `loadMs` is the time loading took when the template was made; `copyMs` this run's copy.
 */
export async function syntheticDatabase(options: SyntheticOptions = NATIONAL) {
  const template = syntheticTemplateName(options);
  const name = `tuowei_test_${crypto.randomBytes(6).toString('hex')}`;
  const started = performance.now();
  let made = false;
  const note = await admin(async (client) => {
    await client.query(`select pg_advisory_lock(hashtext('tuowei: bench templates'))`);
    try {
      const { rows } = await client.query<{ datname: string; note: string | null }>(
        `select datname, shobj_description(oid, 'pg_database') as note from pg_database where starts_with(datname, $1)`,
        [BENCH_TEMPLATE_PREFIX],
      );
      for (const row of rows) {
        if (row.datname === template) continue;
        const used = row.note ? Date.parse((JSON.parse(row.note) as TemplateNote).used) : 0;
        // a build cut off (nobody else builds while this holds the lock), or a stale one
        if (row.datname.endsWith('_building')) await client.query(`drop database ${row.datname} with (force)`);
        else if (Date.now() - used > STALE_TEMPLATE_MS)
          await client.query(`drop database if exists ${row.datname}`).catch(() => {});
      }
      let kept = rows.find((row) => row.datname === template)?.note;
      if (!kept) {
        const building = `${template}_building`;
        await client.query(`create database ${building}`);
        const database = await openDatabase({ databaseUrl: urlForDatabase(building), dataDir: '' });
        try {
          await migrateToLatest(database.db);
          await loadShippedPlans(database.db);
          const t = performance.now();
          const counts = await loadSyntheticCountry(database.db, options);
          kept = JSON.stringify({ used: '', counts, loadMs: Math.round(performance.now() - t) });
        } catch (error) {
          await database.close();
          await client.query(`drop database if exists ${building} with (force)`);
          throw error;
        }
        await database.close();
        await client.query(`alter database ${building} rename to ${template}`);
        made = true;
      }
      const parsed = { ...(JSON.parse(kept) as TemplateNote), used: new Date().toISOString() };
      await client.query(`comment on database ${template} is '${JSON.stringify(parsed)}'`);
      await client.query(`create database ${name} template ${template}`);
      return parsed;
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('tuowei: bench templates'))`);
    }
  });
  const url = urlForDatabase(name);
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  return {
    url,
    database,
    counts: note.counts,
    loadMs: note.loadMs,
    /** Whether this run made the template (and so paid for loading the country). */
    madeTemplate: made,
    /** From asking for the country to holding a fresh copy of it. */
    readyMs: Math.round(performance.now() - started),
    template,
    async drop() {
      await database.close();
      await admin(async (client) => {
        await client.query(`drop database if exists ${name} with (force)`);
        await client.query(`drop role if exists ${defaultServingRole(name)}`);
      });
    },
  };
}

export const ms = (value: number) => `${value.toFixed(0)} ms`;

/** A number given on the command line as `--name N`, or the fallback. */
export function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const API = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ServedApi {
  /** http://127.0.0.1:port */
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The API's production bundle (built by `pnpm --filter @tuowei/api build`) on a port, in
 * production mode, on the given database, without demo data; resolves once it answers.
 */
export async function serveProduction(
  databaseUrl: string,
  port: number,
  bundle = 'dist/server.mjs',
): Promise<ServedApi> {
  const child = spawn(process.execPath, ['--enable-source-maps', bundle], {
    cwd: API,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      TUOWEI_DEMO: '0',
      // the dashboards' reads are measured as an anonymous reader makes them
      TUOWEI_PUBLIC_READ: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/api/v1/health`).catch(() => null))?.ok) break;
    if (i >= 300 || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`the API did not start on port ${port} (built? pnpm --filter @tuowei/api build)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A session on a served API (`base` ends in /api/v1): its cookie and CSRF token. */
export async function signIn(base: string, username: string) {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], csrfToken };
}

/** The process's resident memory now and at its peak so far, in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/**
 * The CPU time a process (the API) has used, in ms: with other work on the machine, requests per
 * second say more about the neighbours than about the API; CPU time per request much less so.
 */
export function cpuMs(pid: number): number {
  // fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses: utime, stime
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/**
 * The CPU time of every Postgres process on this machine (its backends, writer, WAL writer…), in
 * ms: read before and after some work, the difference is what Postgres spent on it, when nothing
 * else uses the server meanwhile.
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      total += cpuMs(Number(entry));
    } catch {
      // the process ended while the list was read
    }
  }
  return total;
}

/** An import workbook of one quarter for these units, as a county or province sends it. */
export async function quarterWorkbook(codes: string[], period: string) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('季报');
  sheet.addRow(['行政区划代码', '季度', '托位数', '普惠托位数']);
  codes.forEach((code, i) => {
    sheet.addRow([code, period, 900 + (i % 500), 500 + (i % 300)]);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * One request with no client timeout, for the answers that take long (the country's gap report at
 * 40,000 townships on a loaded machine): fetch gives up when the headers take over 300 s (undici's
 * headersTimeout, "Headers Timeout Error"), which ended the township bench before it printed; a
 * slow answer should show as its time, not as the bench's failure.
 */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<{ status: number; ok: boolean; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const sent = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, headers: response.headers, body: Buffer.concat(chunks) });
      });
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(options.body);
  });
}
