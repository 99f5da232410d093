// Shared by the benchmarks: a fresh database on the real Postgres with the synthetic country, and
// the API as it ships (its production bundle) serving it.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
export async function serveProduction(databaseUrl: string, port: number): Promise<ServedApi> {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.mjs'], {
    cwd: API,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      TUOWEI_DEMO: '0',
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
