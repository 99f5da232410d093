// Computed answers, remembered per data version. Every read first asks Postgres for the current
// version (one row); an answer computed at another version is never served, so a write made
// through any API process is seen by the very next read of every process.
import type { FastifyReply } from 'fastify';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './db/schema.ts';

export class FreshCache {
  private readonly entries = new Map<string, string>();
  private readonly computing = new Map<string, Promise<string>>();
  private inFlight: Promise<string> | null = null;
  private queued: Promise<string> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly maxEntries = 500,
  ) {}

  async version(db: Kysely<DB> | Transaction<DB> = this.db): Promise<string> {
    const { rows } = await sql<{ version: string }>`select version from data_version where id = 1`.execute(db);
    return String(rows[0].version);
  }

  /**
   * The current version, for a request that has just arrived: read by a query that started after
   * the request did (so no commit before the request is missed), shared by every request waiting
   * for the same query. Under load this is one query in flight at a time, not one per request.
   */
  latestVersion(): Promise<string> {
    if (!this.inFlight) {
      this.inFlight = this.version().finally(() => {
        this.inFlight = null;
      });
      return this.inFlight;
    }
    // a query is in flight, but it started before this request: wait for the next one
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.latestVersion();
      });
    return this.queued;
  }

  /**
   * The JSON text of an answer: from memory when computed at the current version, else computed
   * in one repeatable-read transaction, so that the version it is stored under is the version of
   * the data it was computed from.
   */
  async json(key: string, compute: (trx: Transaction<DB>) => Promise<unknown>): Promise<string> {
    const current = `${await this.latestVersion()}|${key}`;
    const hit = this.entries.get(current);
    if (hit !== undefined) return hit;
    const running = this.computing.get(current);
    if (running) return running;
    const work = this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const version = await this.version(trx);
        const text = JSON.stringify(await compute(trx));
        this.store(`${version}|${key}`, text);
        return text;
      })
      .finally(() => this.computing.delete(current));
    this.computing.set(current, work);
    return work;
  }

  private store(key: string, text: string) {
    if (this.entries.size >= this.maxEntries) {
      // the oldest first: a Map iterates in insertion order
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, text);
  }
}

/** Sends JSON text already serialised (and validated when it was computed) as it is. */
export function sendJson(reply: FastifyReply, json: string) {
  return reply
    .type('application/json; charset=utf-8')
    .serializer((payload) => payload as string)
    .send(json as never);
}
