// The two databases every API test runs against: a fresh database on the real Postgres
// (TEST_DATABASE_URL's server), and the embedded default in a fresh folder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import { defaultServingRole, openForServing } from '../../src/db/roles.ts';
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
    // the role the app made to serve this database goes with it (roles are the server's, not the database's)
    drop: () =>
      admin(async (client) => {
        await client.query(`drop database if exists ${name} with (force)`);
        await client.query(`drop role if exists ${defaultServingRole(name)}`);
      }),
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

/** Migrated by the owner, then served as the server serves it, with the shipped plans loaded. */
async function openServed(databaseUrl: string | null, dataDir: string): Promise<Database> {
  const { database } = await openForServing({ databaseUrl, dataDir, role: null, password: null });
  await loadShippedPlans(database.db);
  return database;
}

/**
 * A migrated database with the shipped plans loaded, on the given backend, reached as the server
 * reaches it: through the serving role (db/roles.ts).
 */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'postgres') {
    const created = await createTestDatabase();
    const database = await openServed(created.url, '');
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
  const database = await openServed(null, dataDir);
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
