// Whether pglite-socket keeps several connections' queries apart (issue 11): parameterised
// queries of different shapes, some in transactions, through a pool of N connections to the
// embedded PGlite, each answer checked against its own parameters. Prints failures and wrong
// answers; with more than one connection, pglite-socket 0.2.17 gives both (see embedded.ts).
//   tsx bench/embedded-interleaving.ts [--pool 10] [--rounds 20] [--concurrency 100]
//   DATABASE_URL=postgres://… tsx bench/embedded-interleaving.ts   the same on a real Postgres
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { numberOption } from './support.ts';

const poolSize = numberOption('pool', 10);
const rounds = numberOption('rounds', 20);
const concurrency = numberOption('concurrency', 100);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-interleave-'));
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dataDir, poolSize + 2);
// A query not answered in 5 s counts as failed: the mix-up can leave a connection waiting for an
// answer that went to another, or wedge the server's queue, and the count must still come out.
const waitAtMost = { query_timeout: 5000, connectionTimeoutMillis: 5000 };
const pool = new pg.Pool(
  embedded
    ? { host: embedded.socketDir, user: 'postgres', database: 'postgres', max: poolSize, ...waitAtMost }
    : { connectionString: process.env.DATABASE_URL, max: poolSize, ...waitAtMost },
);
// a connection that the mix-up left broken must not end the measurement
pool.on('error', () => {});

/** One query of one of four shapes, and whether its answer is the one its parameters give. */
async function ask(n: number): Promise<boolean> {
  switch (n % 4) {
    case 0: {
      const { rows } = await pool.query('select $1::int + $2::int as s', [n, 1]);
      return rows[0]?.s === n + 1;
    }
    case 1: {
      const { rows } = await pool.query('select $1::text as t', [`q${n}`]);
      return rows[0]?.t === `q${n}`;
    }
    case 2: {
      const { rows } = await pool.query('select extract(year from $1::timestamp)::int as y, $2::int as n', [
        '2026-10-01',
        n,
      ]);
      return rows[0]?.y === 2026 && rows[0]?.n === n;
    }
    default: {
      // a transaction, as every remembered answer is computed in one: while it is open the
      // others' queries wait, and are let through together when it ends
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('select $1::int as n', [n]);
        const { rows } = await client.query('select $1::int * $2::int as p', [n, 2]);
        await client.query('commit');
        return rows[0]?.p === n * 2;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    }
  }
}

let failed = 0;
let wrong = 0;
const messages = new Map<string, number>();
const started = performance.now();
try {
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, i) => {
        try {
          if (!(await ask(round * concurrency + i))) wrong++;
        } catch (error) {
          failed++;
          const message = (error as Error).message.replace(/\d+/g, 'N');
          messages.set(message, (messages.get(message) ?? 0) + 1);
        }
      }),
    );
  }
} finally {
  // a wedged server never lets the pool end: give it a moment, then leave
  const gone = (work: Promise<unknown>) => Promise.race([work, new Promise((resolve) => setTimeout(resolve, 5000))]);
  await gone(pool.end());
  await gone(embedded?.stop() ?? Promise.resolve());
  fs.rmSync(dataDir, { recursive: true, force: true });
}
const seconds = (performance.now() - started) / 1000;
const load = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(
  `${embedded ? 'embedded' : 'DATABASE_URL'}, pool of ${poolSize}: ${rounds * concurrency} queries, ${concurrency} at a time: ` +
    `${failed} failed, ${wrong} wrong answers (${((rounds * concurrency) / seconds).toFixed(0)} queries/s, load ${load})`,
);
for (const [message, count] of messages) console.log(`  ${count} × ${message}`);
process.exit(0);
