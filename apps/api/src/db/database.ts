// The one place that chooses the database: a real Postgres (DATABASE_URL) or the embedded one.
// Everything above the driver is the same: `pg`, kysely's PostgresDialect, the same migrations.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const poolSize = options.poolSize ?? 10;
  let embedded: EmbeddedPostgres | null = null;
  let pool: pg.Pool;
  if (options.databaseUrl) {
    pool = new pg.Pool({ connectionString: options.databaseUrl, max: poolSize });
  } else {
    // The socket server multiplexes connections onto one PGlite; it must allow more than the pool.
    embedded = await startEmbeddedPostgres(options.dataDir, poolSize + 4);
    pool = new pg.Pool({ host: embedded.socketDir, user: 'postgres', database: 'postgres', max: poolSize });
  }
  // An idle client losing its server (a restart) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed: Promise<void> | null = null;
  return {
    db,
    kind: embedded ? 'embedded' : 'postgres',
    close() {
      closed ??= db.destroy().then(() => embedded?.stop());
      return closed;
    },
  };
}
