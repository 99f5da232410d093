// The zero-setup database: PGlite (Postgres in WebAssembly) with its files in the data folder,
// served over the Postgres wire protocol on a private Unix socket so the app uses `pg` as with
// a real server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataFolder } from './data-folder-lock.ts';

/**
 * The app keeps one connection to the embedded PGlite. PGlite is a single Postgres session (one
 * unnamed statement and portal, one transaction), and pglite-socket 0.2.17, the newest, hands it
 * its connections' messages one at a time, keeping a connection's turn only inside BEGIN … COMMIT:
 * two connections' Parse/Bind/Execute/Sync interleave, and a query runs with another's parameters
 * ("bind message supplies 1 parameters, but prepared statement requires 2"), answers with another's
 * rows, or waits forever (issue 11; pglite issue #1046). With one connection there is nothing to
 * interleave, and PGlite runs one query at a time in this process either way: a socket server
 * keeping a connection's turn up to its ReadyForQuery would let ten share it, for a quarter less
 * CPU per bare query but no measurable gain per request (bench/embedded.ts), at the price of
 * owning a fork of pglite-socket.
 * `bench/embedded-interleaving.ts --pool 10` says whether a newer pglite-socket keeps them apart.
 * Code holding a transaction must query through it (`trx`): the pool's one connection is the one
 * it holds (pglite-socket hung on that with ten as well).
 */
export const EMBEDDED_CONNECTIONS = 1;

export interface EmbeddedPostgres {
  /** The folder holding the socket, as `pg`'s `host`. */
  socketDir: string;
  stop(): Promise<void>;
}

/**
 * Serves PGlite on a private socket for `maxConnections` at a time: by default the app's one, and
 * one more for a connection replacing a broken one before the server has seen the old one close.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections = EMBEDDED_CONNECTIONS + 1,
): Promise<EmbeddedPostgres> {
  const release = lockDataFolder(dataDir);
  try {
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'));
    // A short path of our own: Unix socket paths are limited to about 100 bytes.
    const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-'));
    fs.chmodSync(socketDir, 0o700);
    const server = new PGLiteSocketServer({ db: pglite, path: path.join(socketDir, '.s.PGSQL.5432'), maxConnections });
    await server.start();
    return {
      socketDir,
      async stop() {
        await server.stop();
        await pglite.close();
        fs.rmSync(socketDir, { recursive: true, force: true });
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
