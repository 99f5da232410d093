// Shared by the benchmarks: a fresh database on the real Postgres with the synthetic country, and
// the API as it ships (its production bundle) serving it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadShippedPlans } from '../src/seed/load-plans.ts';
import { loadSyntheticCountry, NATIONAL, type SyntheticOptions } from '../src/seed/synthetic.ts';
import { TEST_PASSWORD } from '../test/support/accounts.ts';
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
