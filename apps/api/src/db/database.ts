// The one place that chooses the database: a real Postgres (DATABASE_URL) or the embedded one.
// Everything above the driver is the same: `pg`, kysely's PostgresDialect, the same migrations.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { EMBEDDED_CONNECTIONS, type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import { CONNECTION_SECONDS, PipeliningClient, PreparingClient } from './prepared.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  /**
   * Where the data versions every cached read asks for first are read (FreshCache.latestVersions):
   * on a real Postgres a connection of its own, so that a read never waits for the pool. In the
   * rush at 50 writes/s (bench: rush, 2,850 counties) the pool of 10 had 3.1–4.1 requests waiting
   * for a connection on average, 12 at most, sampled every 5 ms: each cache hit waited behind
   * them. The embedded database serves everything on its one session: there it is `db`.
   */
  versions: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Connections to a real Postgres (10); the embedded one always has EMBEDDED_CONNECTIONS. */
  poolSize?: number;
  /** Whether statements sent again are named (db/prepared.ts), on a real Postgres: yes by default. */
  preparedStatements?: boolean;
}

/**
 * A client losing its server (a restart, a terminated backend, a cut network) must not crash the
 * process: pg-pool hears an idle client's error, but a client checked out between two statements
 * emits its own, which nobody heard (the API exited). The statement sent next fails with the
 * error, as every query does. A BEGIN still held when a client goes back is dropped (prepared.ts).
 */
function survivingLostConnections(pool: pg.Pool): void {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  pool.on('release', (_error, client) => {
    if (client instanceof PipeliningClient) client.released();
  });
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const poolSize = options.poolSize ?? 10;
  let embedded: EmbeddedPostgres | null = null;
  let pool: pg.Pool;
  let versionsPool: pg.Pool | null = null;
  if (options.databaseUrl) {
    const clients =
      options.preparedStatements === false
        ? { Client: PipeliningClient }
        : { Client: PreparingClient, maxLifetimeSeconds: CONNECTION_SECONDS };
    pool = new pg.Pool({ connectionString: options.databaseUrl, max: poolSize, ...clients });
    // one query in flight at a time (latestVersions): one connection
    versionsPool = new pg.Pool({ connectionString: options.databaseUrl, max: 1, ...clients });
    survivingLostConnections(versionsPool);
  } else {
    embedded = await startEmbeddedPostgres(options.dataDir);
    const connection = { host: embedded.socketDir, user: 'postgres', database: 'postgres' };
    pool = new pg.Pool({ ...connection, max: EMBEDDED_CONNECTIONS });
  }
  survivingLostConnections(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const versions = versionsPool ? new Kysely<DB>({ dialect: new PostgresDialect({ pool: versionsPool }) }) : db;
  let closed: Promise<void> | null = null;
  return {
    db,
    versions,
    kind: embedded ? 'embedded' : 'postgres',
    close() {
      closed ??= Promise.all([db.destroy(), versions === db ? undefined : versions.destroy()]).then(() =>
        embedded?.stop(),
      );
      return closed;
    },
  };
}
