// The zero-setup database: PGlite (Postgres in WebAssembly) with its files in the data folder,
// served over the Postgres wire protocol on a private Unix socket so the app uses `pg` as with
// a real server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataFolder } from './data-folder-lock.ts';

export interface EmbeddedPostgres {
  /** The folder holding the socket, as `pg`'s `host`. */
  socketDir: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
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
