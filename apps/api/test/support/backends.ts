// The two databases every API test runs against: a fresh database on the real Postgres
// (TEST_DATABASE_URL's server), and the embedded default in a fresh folder; each a copy of a
// template migrated and seeded once, so that a test file does not pay for the migrations.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { defaultServingRole, openForServing } from '../../src/db/roles.ts';
import { loadDivisions } from '../../src/seed/divisions.ts';
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

/**
 * What a template is made from: a changed migration, seed or migrator (or, for the embedded one,
 * another PGlite, whose files it is) makes a template of another name.
 */
function templateHash(backend: Backend): string {
  const hash = crypto.createHash('sha256');
  const migrations = fileURLToPath(new URL('../../../../migrations/', import.meta.url));
  const sources = [
    ...fs
      .readdirSync(migrations)
      .sort()
      .map((file) => path.join(migrations, file)),
    ...[
      '../../src/db/migrate.ts',
      '../../src/seed/load-plans.ts',
      '../../src/seed/five-plans.ts',
      '../../src/seed/divisions.ts',
      '../../src/seed/divisions/nbs-2023.json',
    ].map((file) => fileURLToPath(new URL(file, import.meta.url))),
  ];
  for (const file of sources) hash.update(path.basename(file)).update('\0').update(fs.readFileSync(file)).update('\0');
  if (backend === 'embedded') {
    // its entry point is in dist/, under the folder holding its package.json
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    hash.update(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json')));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Migrated by the owner, with the shipped plans loaded; no serving role yet (roles are the server's). */
async function migrateAndSeed(databaseUrl: string | null, dataDir: string): Promise<void> {
  const owner = await openDatabase({ databaseUrl, dataDir, poolSize: 1 });
  try {
    await migrateToLatest(owner.db);
    await loadShippedPlans(owner.db);
    // the tree down to the counties, as every start loads it: no test file loads it again
    await loadDivisions(owner.db);
  } finally {
    await owner.close();
  }
}

const TEMPLATE_PREFIX = 'tuowei_template_';

/** Another checkout's template not used for this long is taken to be stale, and removed. */
const STALE_TEMPLATE_MS = 60 * 60 * 1000;

/**
 * The template database for this checkout's migrations and seed, made when missing. Under an
 * advisory lock, so that test runs of two checkouts on one server neither build it twice nor
 * drop one the other is using (each run stamps its template's comment with the time); it is
 * built under another name and renamed once complete, so a run cut off half-way leaves nothing
 * that passes for a template.
 */
export async function ensurePostgresTemplate(): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${templateHash('postgres')}`;
  return admin(async (client) => {
    await client.query(`select pg_advisory_lock(hashtext('tuowei: test templates'))`);
    try {
      const { rows } = await client.query<{ datname: string; used: string | null }>(
        `select datname, shobj_description(oid, 'pg_database') as used
         from pg_database where starts_with(datname, $1)`,
        [TEMPLATE_PREFIX],
      );
      for (const { datname, used } of rows) {
        if (datname === name) continue;
        // a build cut off (nobody else builds while this holds the lock), or another checkout's
        // template unused for an hour; plain DROP waits for a copy being made from it
        const stale = !used || Date.now() - Date.parse(used) > STALE_TEMPLATE_MS;
        if (datname.endsWith('_building')) await client.query(`drop database ${datname} with (force)`);
        else if (stale) await client.query(`drop database if exists ${datname}`).catch(() => {});
      }
      if (!rows.some(({ datname }) => datname === name)) {
        const building = `${name}_building`;
        await client.query(`create database ${building}`);
        await migrateAndSeed(urlForDatabase(building), '');
        await client.query(`alter database ${building} rename to ${name}`);
      }
      await client.query(`comment on database ${name} is '${new Date().toISOString()}'`);
      return name;
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('tuowei: test templates'))`);
    }
  });
}

let postgresTemplate: Promise<string> | null = null;

/** An empty database, or a copy of the migrated and seeded template (without the serving role). */
export async function createTestDatabase(
  from: 'empty' | 'template' = 'empty',
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `tuowei_test_${crypto.randomBytes(6).toString('hex')}`;
  if (from === 'template') {
    postgresTemplate ??= ensurePostgresTemplate();
    const create = async () => {
      const template = await (postgresTemplate as Promise<string>);
      await admin((client) => client.query(`create database ${name} template ${template}`));
    };
    await create().catch(async (error: { code?: string }) => {
      // dropped by a run of another checkout since: make it again
      if (error.code !== '3D000') throw error;
      postgresTemplate = ensurePostgresTemplate();
      await create();
    });
  } else {
    await admin((client) => client.query(`create database ${name}`));
  }
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

const EMBEDDED_TEMPLATE_PREFIX = 'tuowei-template-';

/**
 * The embedded template folder for this checkout, made when missing: built in a folder of its
 * own and renamed into place once PGlite is closed, so a second run building it at once loses the
 * race harmlessly and nobody copies a half-made one.
 */
export async function ensureEmbeddedTemplate(): Promise<string> {
  const name = `${EMBEDDED_TEMPLATE_PREFIX}${templateHash('embedded')}`;
  const folder = path.join(os.tmpdir(), name);
  if (!fs.existsSync(folder)) {
    const building = fs.mkdtempSync(`${folder}.building-`);
    try {
      await migrateAndSeed(null, building);
      fs.renameSync(building, folder);
    } catch (error) {
      fs.rmSync(building, { recursive: true, force: true });
      if (!fs.existsSync(folder)) throw error;
    }
  }
  // marks it in use, for the clean-up below in other checkouts (a build under way is young too)
  const now = new Date();
  fs.utimesSync(folder, now, now);
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!entry.startsWith(EMBEDDED_TEMPLATE_PREFIX) || entry === name) continue;
    const other = path.join(os.tmpdir(), entry);
    const stat = fs.statSync(other, { throwIfNoEntry: false });
    if (stat && now.getTime() - stat.mtimeMs > STALE_TEMPLATE_MS) fs.rmSync(other, { recursive: true, force: true });
  }
  return folder;
}

let embeddedTemplate: Promise<string> | null = null;

/** The template's files into an empty data folder (PGlite is closed on the template: it is never opened in place). */
async function copyEmbeddedTemplate(dataDir: string): Promise<void> {
  embeddedTemplate ??= ensureEmbeddedTemplate();
  const copy = async () => fs.promises.cp(await (embeddedTemplate as Promise<string>), dataDir, { recursive: true });
  await copy().catch(async (error: NodeJS.ErrnoException) => {
    // removed by a run of another checkout since: make it again
    if (error.code !== 'ENOENT') throw error;
    embeddedTemplate = ensureEmbeddedTemplate();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir);
    await copy();
  });
}

/**
 * A fresh data folder holding a copy of the embedded template, for a test that opens PGlite itself:
 * a reopen (about 0.35 s) where an empty folder costs an initdb (4.5 s). The caller removes it.
 */
export async function embeddedTemplateCopy(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-test-'));
  await copyEmbeddedTemplate(dataDir);
  return dataDir;
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

/**
 * A migrated database with the shipped plans loaded, on the given backend, reached as the server
 * reaches it: through the serving role (db/roles.ts). It is a copy of a template migrated once
 * (templates.ts); openForServing finds nothing left to migrate and sets up the serving role, which
 * is per server and so not in the copy.
 */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'postgres') {
    const created = await createTestDatabase('template');
    const { database } = await openForServing({ databaseUrl: created.url, dataDir: '', role: null, password: null });
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
  const dataDir = await embeddedTemplateCopy();
  const { database } = await openForServing({ databaseUrl: null, dataDir, role: null, password: null });
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
