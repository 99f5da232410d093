// Who serves requests in Postgres: a role that owns no table and may only read and append to the
// audit trail, so that nothing run through the server can switch the trail's triggers off or
// rewrite it. The owner (DATABASE_URL) migrates and grants; the server then serves as that role.
import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { ConfigError } from '../config.ts';
import { type Database, openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import type { DB } from './schema.ts';

export type ServingMode =
  /** The pool signs in as the serving role (a real Postgres). */
  | { kind: 'login'; role: string; owner: string }
  /** The embedded database's one session switched to the serving role (SET ROLE). */
  | { kind: 'set_role'; role: string; owner: string }
  /** Serving as the owner itself: `reason` says why. */
  | { kind: 'owner'; role: string; reason: string };

export interface ServingOptions {
  /** DATABASE_URL (null: the embedded database). */
  databaseUrl: string | null;
  /** TUOWEI_SERVING_ROLE; by default `<database>_app` (`tuowei_app` embedded). */
  role: string | null;
  /** TUOWEI_SERVING_PASSWORD; by default a fresh random one on every start, where the owner may set it. */
  password: string | null;
  poolSize?: number;
  /** TUOWEI_PREPARED_STATEMENTS (db/prepared.ts); on by default. */
  preparedStatements?: boolean;
}

/**
 * What the serving role gets on each table; every other table (and any a later migration adds)
 * gets select, insert, update and delete. Never truncate, references, trigger or ownership.
 */
const TABLE_PRIVILEGES: Record<string, string | null> = {
  audit_log: 'select, insert',
  // its head is read to verify the chain; only the chain's trigger, running as the owner, moves it
  audit_chain: 'select',
  // bumped only by the owner's triggers (security definer)
  data_versions: 'select',
  // what a transaction does at its commit (migration 19), moved only by the owner's triggers
  commit_work: null,
  audit_pending: null,
  branch_versions: 'select',
  kysely_migration: null,
  kysely_migration_lock: null,
};
const DATA_PRIVILEGES = 'select, insert, update, delete';

/** Role names are cluster-wide: one per database, so that databases on one server do not share it. */
export function defaultServingRole(database: string): string {
  const name = `${database}_app`;
  if (Buffer.byteLength(name) <= 63) return name;
  return `tuowei_app_${crypto.createHash('sha256').update(database).digest('hex').slice(0, 16)}`;
}

/**
 * The password as Postgres stores it (SCRAM-SHA-256), worked out here so that the password itself
 * never reaches the server's statement log. Printable ASCII only (config.ts checks), which
 * SASLprep leaves as it is.
 */
export function scramVerifier(password: string, salt = crypto.randomBytes(16)): string {
  const iterations = 4096;
  const salted = crypto.pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest();
  const storedKey = crypto.createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

interface Owner {
  user: string;
  database: string;
  superuser: boolean;
  createRole: boolean;
}

async function whoOwns(db: Kysely<DB>): Promise<Owner> {
  const { rows } = await sql<Owner>`
    select current_user as "user", current_database() as database, rolsuper as superuser, rolcreaterole as "createRole"
    from pg_roles where rolname = current_user`.execute(db);
  return rows[0];
}

async function roleExists(db: Kysely<DB>, role: string): Promise<boolean> {
  const { rows } = await sql`select 1 from pg_roles where rolname = ${role}`.execute(db);
  return rows.length > 0;
}

/** Creates the role, or makes an existing one what it must be: able to sign in, and nothing more. */
async function ensureRole(db: Kysely<DB>, owner: Owner, role: string, password: string | null): Promise<void> {
  const exists = await roleExists(db, role);
  // only a superuser may even mention these attributes; a role made by CREATEROLE has none of them
  const attributes = sql.raw(
    `login noinherit nocreatedb nocreaterole${owner.superuser ? ' nosuperuser noreplication nobypassrls' : ''}`,
  );
  const secret = password === null ? sql`` : sql`password ${sql.lit(scramVerifier(password))}`;
  if (exists) await sql`alter role ${sql.id(role)} ${attributes} ${secret}`.execute(db);
  else await sql`create role ${sql.id(role)} ${attributes} ${secret}`.execute(db);
}

/** Refuses a serving role that could act as the trail's owner or bypass what is granted. */
async function checkRole(db: Kysely<DB>, role: string): Promise<void> {
  const { rows } = await sql<{ superuser: boolean; bypass: boolean; owner: boolean }>`
    select rolsuper as superuser, rolbypassrls as bypass,
           pg_has_role(rolname, (select relowner from pg_class where oid = 'public.audit_log'::regclass), 'MEMBER') as owner
    from pg_roles where rolname = ${role}`.execute(db);
  const found = rows[0];
  if (found && !found.superuser && !found.bypass && !found.owner) return;
  throw new ConfigError(
    found
      ? `The serving role ${role} may act as the owner of the tables (superuser, BYPASSRLS or a member of their owner); give TUOWEI_SERVING_ROLE a role that owns nothing.`
      : `The serving role ${role} does not exist: create it (LOGIN, nothing else) or unset TUOWEI_SERVING_PASSWORD.`,
  );
}

/**
 * Exactly the privileges the serving role should have, worked out afresh from the tables there
 * are after migrating, on every start: a table a later migration adds is covered at once, and a
 * privilege someone granted by hand (on audit_log, say) is taken back. Default privileges would
 * cover only tables created later by the role that set them, and would never take anything back.
 */
export async function grantServing(db: Kysely<DB>, role: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // two servers starting at once would otherwise update the same catalog rows together
    await sql`select pg_advisory_xact_lock(hashtext('tuowei: serving role grants'))`.execute(trx);
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(trx);
    const who = sql.id(role);
    await sql`revoke all on all tables in schema public from ${who}`.execute(trx);
    await sql`revoke all on all sequences in schema public from ${who}`.execute(trx);
    await sql`revoke create on schema public from ${who}`.execute(trx);
    await sql`grant usage on schema public to ${who}`.execute(trx);
    const byPrivileges = new Map<string, string[]>();
    for (const { name } of rows) {
      const privileges = name in TABLE_PRIVILEGES ? TABLE_PRIVILEGES[name] : DATA_PRIVILEGES;
      if (privileges) byPrivileges.set(privileges, [...(byPrivileges.get(privileges) ?? []), name]);
    }
    for (const [privileges, tables] of byPrivileges) {
      await sql`grant ${sql.raw(privileges)} on table ${sql.join(tables.map((table) => sql.table(table)))} to ${who}`.execute(
        trx,
      );
    }
  });
}

/** DATABASE_URL with another role's login: pg takes `user` and `password` from the query over the rest. */
function loginUrl(databaseUrl: string, role: string, password: string): string | null {
  try {
    const url = new URL(databaseUrl);
    url.searchParams.set('user', role);
    url.searchParams.set('password', password);
    return url.toString();
  } catch {
    return null;
  }
}

/**
 * After migrating as the owner: the database the server serves from, and how. It takes over
 * `owner`: close only the database it returns (the owner's pool is closed once it is not needed).
 */
export async function openServing(
  owner: Database,
  options: ServingOptions,
): Promise<{ database: Database; mode: ServingMode }> {
  const who = await whoOwns(owner.db);
  if (owner.kind === 'embedded') {
    // PGlite is one session for every connection: SET ROLE there holds for all of them
    const role = options.role ?? 'tuowei_app';
    await ensureRole(owner.db, who, role, null);
    await checkRole(owner.db, role);
    await grantServing(owner.db, role);
    await sql`set role ${sql.id(role)}`.execute(owner.db);
    return { database: owner, mode: { kind: 'set_role', role, owner: who.user } };
  }

  const role = options.role ?? defaultServingRole(who.database);
  if (role === who.user)
    throw new ConfigError(`TUOWEI_SERVING_ROLE must be another role than DATABASE_URL's (${role})`);
  const canCreate = who.superuser || who.createRole;
  if (!canCreate && !options.password) {
    const reason = `${who.user} may not create roles, and TUOWEI_SERVING_PASSWORD is not set`;
    return { database: owner, mode: { kind: 'owner', role: who.user, reason } };
  }
  const password = options.password ?? crypto.randomBytes(24).toString('base64url');
  const url = loginUrl(options.databaseUrl as string, role, password);
  if (!url) {
    return { database: owner, mode: { kind: 'owner', role: who.user, reason: 'DATABASE_URL is not a URL' } };
  }
  if (canCreate) await ensureRole(owner.db, who, role, password);
  await checkRole(owner.db, role);
  await grantServing(owner.db, role);

  const serving = await openDatabase({
    databaseUrl: url,
    dataDir: '',
    poolSize: options.poolSize,
    preparedStatements: options.preparedStatements,
  });
  try {
    await sql`select 1`.execute(serving.db);
  } catch (error) {
    await serving.close();
    const why = `${role} could not sign in: ${(error as Error).message}`;
    // asked for by name: a wrong setting, said at once; made here: serve as before, and say so
    if (options.password) throw new ConfigError(`TUOWEI_SERVING_PASSWORD is set, but ${why}`);
    return { database: owner, mode: { kind: 'owner', role: who.user, reason: why } };
  }
  await owner.close();
  return { database: serving, mode: { kind: 'login', role, owner: who.user } };
}

/** Opens the database as DATABASE_URL's role (or the embedded one's), migrates it, then serves as above. */
export async function openForServing(
  options: ServingOptions & { dataDir: string },
): Promise<{ database: Database; mode: ServingMode }> {
  const owner = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    poolSize: options.poolSize,
    preparedStatements: options.preparedStatements,
  });
  try {
    await migrateToLatest(owner.db);
    return await openServing(owner, options);
  } catch (error) {
    await owner.close().catch(() => {});
    throw error;
  }
}

/** The start-up line saying who serves. */
export function describeServing(mode: ServingMode): string {
  switch (mode.kind) {
    case 'login':
      return `database role: ${mode.role} (insert and select only on the audit trail; ${mode.owner} migrated)`;
    case 'set_role':
      return `database role: ${mode.role} by SET ROLE on the embedded database (stops the app's own statements; whoever holds the folder can still change anything, which the audit chain shows)`;
    case 'owner':
      return `database role: ${mode.role}, which owns the tables and could switch the audit trail's append-only triggers off (${mode.reason}; see README "Database roles")`;
  }
}
