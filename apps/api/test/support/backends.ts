// The two databases every API test runs against: a fresh database on the real Postgres
// (TEST_DATABASE_URL's server), and the embedded default in a fresh folder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadShippedPlans } from '../../src/seed/load-plans.ts';

export type Backend = 'postgres' | 'embedded';
export const BACKENDS: Backend[] = ['postgres', 'embedded'];

/** The server the real-Postgres tests create their databases on. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlForDatabase(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The real-Postgres tests need a server at ${ADMIN_URL} (set TEST_DATABASE_URL to another): ${(error as Error).message}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `tuowei_test_${crypto.randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  return {
    name,
    url: urlForDatabase(name),
    drop: () => admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export interface TestDatabase {
  database: Database;
  /** For the embedded backend, its folder; for Postgres, the database's URL. */
  location: string;
  /** Closes the connection without removing anything (to reopen it). */
  close(): Promise<void>;
  /** Closes and removes everything. */
  destroy(): Promise<void>;
}

/** A migrated database with the shipped plans loaded, on the given backend. */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'postgres') {
    const created = await createTestDatabase();
    const database = await openDatabase({ databaseUrl: created.url, dataDir: '' });
    await migrateToLatest(database.db);
    await loadShippedPlans(database.db);
    return {
      database,
      location: created.url,
      close: () => database.close(),
      destroy: async () => {
        await database.close();
        await created.drop();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-test-'));
  const database = await openDatabase({ databaseUrl: null, dataDir });
  await migrateToLatest(database.db);
  await loadShippedPlans(database.db);
  // `database` may be replaced by a test that reopens the folder: close whichever is current.
  const test: TestDatabase = {
    database,
    location: dataDir,
    close: () => test.database.close(),
    destroy: async () => {
      await test.database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return test;
}
