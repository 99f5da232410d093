// Computed answers, remembered per data version. Every read first asks Postgres for the current
// version (one row); an answer computed at another version is never served, so a write made
// through any API process is seen by the very next read of every process.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyReply } from 'fastify';
import { type Kysely, sql, type Transaction } from 'kysely';
import Negotiator from 'negotiator';
import type { DB } from './db/schema.ts';

/** Answers shorter than this go as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const ENCODERS = {
  br: (text: string) =>
    brotli(text, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
      },
    }),
  gzip: (text: string) => gzip(text, { level: 9 }),
} as const;
type Encoding = keyof typeof ENCODERS;
/** What an answer may be sent as, in the order preferred when the client weighs them alike. */
const OFFERED = ['br', 'gzip', 'identity'];
/** negotiator 1.x breaks ties by `preferred`; its published types (0.6) do not know the option yet. */
type PreferringNegotiator = Negotiator & {
  encoding(available: string[], options: { preferred: string[] }): string | undefined;
};

export class FreshCache {
  private readonly entries = new Map<string, unknown>();
  /** The compressed forms of remembered answers, by the answer's text: made once, sent many times. */
  private readonly encoded = new Map<string, Partial<Record<Encoding, Promise<Buffer>>>>();
  private readonly computing = new Map<string, Promise<unknown>>();
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
  json(key: string, compute: (trx: Transaction<DB>) => Promise<unknown>): Promise<string> {
    return this.value(`json|${key}`, async (trx) => JSON.stringify(await compute(trx)));
  }

  /** A computed value (never to be changed by its users), remembered as `json` remembers text. */
  async value<T>(key: string, compute: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    const current = `${await this.latestVersion()}|${key}`;
    const hit = this.entries.get(current);
    if (hit !== undefined) return hit as T;
    const running = this.computing.get(current);
    if (running) return running as Promise<T>;
    const work = this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const version = await this.version(trx);
        const value = await compute(trx);
        this.store(`${version}|${key}`, value);
        return value;
      })
      .finally(() => this.computing.delete(current));
    this.computing.set(current, work);
    return work;
  }

  private store(key: string, value: unknown) {
    if (this.entries.size >= this.maxEntries) {
      // the oldest first: a Map iterates in insertion order
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        const dropped = this.entries.get(oldest);
        if (typeof dropped === 'string') this.encoded.delete(dropped);
        this.entries.delete(oldest);
      }
    }
    this.entries.set(key, value);
  }

  /**
   * An answer's text compressed, made on the first request that asks for it. Only answers this
   * cache remembers are kept compressed; others are compressed for the one request.
   */
  compressed(text: string, encoding: Encoding): Promise<Buffer> {
    const forms = this.encoded.get(text) ?? {};
    const known = forms[encoding];
    if (known) return known;
    const made = ENCODERS[encoding](text);
    if (this.isRemembered(text)) {
      forms[encoding] = made;
      this.encoded.set(text, forms);
      made.catch(() => this.encoded.delete(text));
    }
    return made;
  }

  private isRemembered(text: string): boolean {
    if (this.encoded.has(text)) return true;
    for (const remembered of this.entries.values()) if (remembered === text) return true;
    return false;
  }
}

/**
 * The encoding the client prefers by its q-values, brotli before gzip when it likes both alike;
 * null (as it is) when it prefers neither or sent no Accept-Encoding.
 */
function acceptedEncoding(header: string | undefined): Encoding | null {
  if (header === undefined) return null;
  const negotiator = new Negotiator({ headers: { 'accept-encoding': header } }) as PreferringNegotiator;
  const chosen = negotiator.encoding(OFFERED, { preferred: OFFERED });
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

/**
 * Sends JSON text already serialised (and validated when it was computed) as it is, compressed
 * when the client accepts it and the answer is long enough to gain from it.
 */
export async function sendJson(reply: FastifyReply, json: string) {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const encoding =
    json.length >= COMPRESS_FROM_BYTES ? acceptedEncoding(reply.request.headers['accept-encoding']) : null;
  if (encoding === null) return reply.serializer((payload) => payload as string).send(json as never);
  const body = await reply.server.cache.compressed(json, encoding);
  return reply.header('content-encoding', encoding).send(body);
}
