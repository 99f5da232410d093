// Computed answers, remembered per data version. Every read first asks Postgres for the current
// versions (the global one and one per province, one query); an answer computed at other versions
// of what it depends on is never served, so a write made through any API process is seen by the
// very next read of every process, and a write in one province leaves other provinces' answers be.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyReply } from 'fastify';
import { type Kysely, sql, type Transaction } from 'kysely';
import Negotiator from 'negotiator';
import type { DB } from './db/schema.ts';

/** Answers shorter than this go as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;
/**
 * Every write makes the answers it touches anew, and each is compressed once for its version: the
 * national overview at 2,850 counties (165 kB of JSON) takes 19.3 ms at brotli's quality 9 and
 * 3.7 ms at 5 for 28.7 kB against 27.9 kB; gzip 5.3 ms at level 9 and 2.5 ms at 6 for 33.6 kB
 * against 32.8 kB. After a write that was half the first read's cost, for 3 % of the bytes.
 */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const ENCODERS = {
  br: (text: string) =>
    brotli(text, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
      },
    }),
  gzip: (text: string) => gzip(text, { level: GZIP_LEVEL }),
} as const;
type Encoding = keyof typeof ENCODERS;
/** What an answer may be sent as, in the order preferred when the client weighs them alike. */
const OFFERED = ['br', 'gzip', 'identity'];
/** negotiator 1.x breaks ties by `preferred`; its published types (0.6) do not know the option yet. */
type PreferringNegotiator = Negotiator & {
  encoding(available: string[], options: { preferred: string[] }): string | undefined;
};

/** The data versions as one snapshot saw them: the global one and each province's. */
export interface Versions {
  global: string;
  provinces: ReadonlyMap<string, string>;
  /** Every version, for an answer that may depend on anything. */
  all: string;
}

/**
 * The versions a computing transaction's snapshot saw, with those of every province's branches
 * and own rows (branch_versions, migrations 20 and 21; 0 for one never bumped): what a computation
 * may remember its pieces under without asking again.
 */
export interface Snapshot extends Versions {
  branchVersion(code: string): string;
}

/**
 * What an answer depends on: a jurisdiction's code (the data of its province, and the global
 * data: plans' targets, settings, the tree of jurisdictions), null (the global data only), or
 * undefined (anything: the safe default for an answer that does not say).
 */
export type DependsOn = string | null | undefined;

type Reader = Kysely<DB> | Transaction<DB>;

/** A piece of a computation remembered (see `FreshCache.piece`). */
interface Piece {
  /** What it is: its key without the versions. */
  what: string;
  /** The versions it was read at, each only ever growing (the global one first). */
  versions: readonly number[];
  value: Promise<unknown>;
  weight: number;
}

/** Whether versions `a` are newer than `b`: compared in order, the first that differs decides. */
function newer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

/** A computation of an answer in flight (see `FreshCache.value`). */
interface Flight {
  /** When it started, on the cache's clock of arrivals and starts. */
  started: number;
  /** The versions key of the reader that started it: its snapshot holds at least those versions. */
  current: string | undefined;
  /** When its snapshot's first statement was sent (on the same clock), once it has been. */
  snapshotAt?: number;
  /** The key its answer is stored under, once its snapshot's versions are known. */
  stored?: string;
  work: Promise<unknown>;
}

/** The data versions' rows (global and provinces, in scope order) as one snapshot's Versions. */
function versionsOf(rows: readonly { scope: string; version: string }[]): Versions {
  const provinces = new Map<string, string>();
  let global = '0';
  for (const row of rows) {
    if (row.scope === 'global') global = String(row.version);
    else provinces.set(row.scope.slice('province:'.length), String(row.version));
  }
  return { global, provinces, all: rows.map((row) => `${row.scope}=${row.version}`).join(',') };
}

async function readVersions(db: Reader): Promise<Versions> {
  const { rows } = await sql<{ scope: string; version: string }>`
    select scope, version from data_versions order by scope`.execute(db);
  return versionsOf(rows);
}

/** The versions and the branches' in one statement (one snapshot, one round trip). */
async function readSnapshot(trx: Transaction<DB>): Promise<Snapshot> {
  const { rows } = await sql<{ scope: string; version: string }>`
    select scope, version from data_versions
    union all
    select 'branch:' || code, version from branch_versions
    order by 1`.execute(trx);
  const branches = new Map<string, string>();
  const scopes: { scope: string; version: string }[] = [];
  for (const row of rows) {
    if (row.scope.startsWith('branch:')) branches.set(row.scope.slice('branch:'.length), String(row.version));
    else scopes.push(row);
  }
  return { ...versionsOf(scopes), branchVersion: (code) => branches.get(code) ?? '0' };
}

/**
 * What a remembered answer weighs, roughly, in bytes: a string two bytes a character (a text of
 * one-byte characters, as most JSON is, then has room for its brotli and gzip forms, each under a
 * fifth of it), a computed value what its strings and fields would take. Counted once, when stored.
 */
export function weighEntry(value: unknown): number {
  if (typeof value === 'string') return 2 * value.length;
  let bytes = 0;
  const seen = new Set<object>();
  const visit = (item: unknown) => {
    if (typeof item === 'string') bytes += 16 + 2 * item.length;
    else if (item === null || typeof item !== 'object') bytes += 8;
    else if (!seen.has(item)) {
      seen.add(item);
      bytes += 32;
      if (Array.isArray(item) || item instanceof Set) for (const element of item) visit(element);
      else if (item instanceof Map)
        for (const [key, element] of item) {
          visit(key);
          visit(element);
        }
      else if (ArrayBuffer.isView(item)) bytes += item.byteLength;
      else if (!(item instanceof Date))
        for (const key in item) {
          bytes += 8;
          visit((item as Record<string, unknown>)[key]);
        }
    }
  };
  visit(value);
  return bytes;
}

export class FreshCache {
  private readonly entries = new Map<string, unknown>();
  /** What each remembered answer weighs (`weighEntry`), and all of them together. */
  private readonly entryFacts = new Map<string, { bytes: number; what: string }>();
  /** The key each answer is remembered under, by the answer's key without versions. */
  private readonly entryAt = new Map<string, string>();
  private entriesBytes = 0;
  /**
   * The compressed forms of remembered answers and their entity tags, by the answer's text: made
   * once, sent many times.
   */
  private readonly encoded = new Map<string, Partial<Record<Encoding, Promise<Buffer>>> & { tag?: string }>();
  /**
   * The one computation of each answer in flight, by its key without versions: when it started
   * (on `clock`) and the versions key of the reader that started it.
   */
  private readonly flights = new Map<string, Flight>();
  /** Counts arrivals and starts, so that a reader knows whether a computation began after it came. */
  private clock = 0;
  private inFlight: Promise<Versions> | null = null;
  private queued: Promise<Versions> | null = null;
  /**
   * Each jurisdiction's province (null: unknown), as the tree stood at one global version: the
   * tree changes only with the global version (jurisdictions bump it).
   */
  private provinces: { global: string; of: Map<string, string | null> } = { global: '', of: new Map() };
  private readonly asking = new Map<string, Promise<{ global: string; province: string | null }>>();
  /** The versions a computing transaction's snapshot saw, read once per transaction. */
  private readonly snapshots = new WeakMap<Transaction<DB>, Promise<Snapshot>>();

  /**
   * Pieces of computations, under keys that name every version they were read at (see `piece`),
   * least recently used first, with what each weighs.
   */
  private readonly pieces = new Map<string, Piece>();
  private piecesWeight = 0;
  /** The key of each piece remembered, by what it is (its key without the versions). */
  private readonly pieceAt = new Map<string, string>();
  /**
   * Told of a computation's transaction that failed after its answer was given (its commit, say):
   * no reader hears of it, so the server logs it (app.ts).
   */
  onLateFailure: (error: unknown, key: string) => void = () => undefined;
  /**
   * Where the current versions are read (latestVersions): `db` unless given a connection of its
   * own (Database.versions, app.ts), which no computation or write can keep busy.
   */
  versionsDb: Kysely<DB>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly maxEntries = 500,
    /**
     * What the pieces may weigh in all, a row each (a branch's units, counted reports, population
     * figures and kept values): every branch of the country at one quarter weighs 1.07 million at
     * 40,000 townships (132 MiB of heap with the rest, measured), a second quarter as much again.
     */
    private readonly maxPiecesWeight = 1_600_000,
    /**
     * What the remembered answers may weigh in all, in bytes (`weighEntry`): 500 answers with no
     * bound on their size could be a province's gap report each, megabytes at township scale.
     */
    private readonly maxEntriesBytes = 64 * 2 ** 20,
  ) {
    this.versionsDb = db;
  }

  /**
   * A piece of a computation (a branch of a province's rows, say): `what` it is, remembered at
   * `versions`, which the caller makes of every version the piece was read at, in the snapshot it
   * was read in: the same versions are then the same data. Unlike `part`, the versions are the
   * caller's to read (the branches' versions, which no request reads). A piece at new versions
   * replaces the one before (no reader asks for older versions than the newest it has seen); the
   * pieces are kept while they weigh `maxPiecesWeight` at most, the least recently used dropped
   * first; requests wanting the same piece at once share the one computation.
   */
  piece<T>(
    what: string,
    versions: readonly number[],
    compute: () => Promise<T>,
    weigh: (value: T) => number,
  ): Promise<T> {
    const key = `${what}|${versions.join(',')}`;
    const known = this.pieces.get(key);
    if (known) {
      this.pieces.delete(key);
      this.pieces.set(key, known);
      return known.value as Promise<T>;
    }
    // a computation at an older snapshot than another's (both may run at once) does not replace
    // the newer piece: versions only grow, so the newer is the one with the greater versions
    const replaced = this.pieceAt.get(what);
    const older = replaced === undefined ? undefined : this.pieces.get(replaced);
    if (!older || newer(versions, older.versions)) {
      if (replaced !== undefined) this.dropPiece(replaced);
      this.pieceAt.set(what, key);
    }
    const value = compute();
    const entry: Piece = { what, versions, value: value as Promise<unknown>, weight: 0 };
    this.pieces.set(key, entry);
    value.then(
      (made) => {
        if (this.pieces.get(key) !== entry) return;
        entry.weight = weigh(made);
        this.piecesWeight += entry.weight;
        for (const oldest of this.pieces.keys()) {
          if (this.piecesWeight <= this.maxPiecesWeight || oldest === key) break;
          this.dropPiece(oldest);
        }
      },
      () => {
        if (this.pieces.get(key) === entry) this.dropPiece(key);
      },
    );
    return value;
  }

  private dropPiece(key: string) {
    const dropped = this.pieces.get(key);
    if (!dropped) return;
    this.pieces.delete(key);
    this.piecesWeight -= dropped.weight;
    if (this.pieceAt.get(dropped.what) === key) this.pieceAt.delete(dropped.what);
  }

  /** How many answers and pieces are remembered, and what they weigh (for tests and probes). */
  remembered() {
    return {
      answers: this.entries.size,
      answersBytes: this.entriesBytes,
      pieces: this.pieces.size,
      piecesWeight: this.piecesWeight,
    };
  }

  /** Every version as one string (any change anywhere changes it). */
  async version(db: Reader = this.db): Promise<string> {
    return (await readVersions(db)).all;
  }

  /**
   * The current versions, for a request that has just arrived: read by a query that started after
   * the request did (so no commit before the request is missed), shared by every request waiting
   * for the same query. Under load this is one query in flight at a time, not one per request.
   */
  latestVersions(): Promise<Versions> {
    if (!this.inFlight) {
      this.inFlight = readVersions(this.versionsDb).finally(() => {
        this.inFlight = null;
      });
      return this.inFlight;
    }
    // a query is in flight, but it started before this request: wait for the next one
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.latestVersions();
      });
    return this.queued;
  }

  /**
   * The province of a jurisdiction as the tree stood at `versions` (null: no such jurisdiction),
   * or undefined when the tree has changed since those versions were read. Asked in one statement
   * (one snapshot) with the global version, so the answer is remembered under the right version;
   * requests asking for the same code at once share the one query.
   */
  private async provinceAt(db: Reader, versions: Versions, code: string): Promise<string | null | undefined> {
    if (this.provinces.global === versions.global && this.provinces.of.has(code))
      return this.provinces.of.get(code) ?? null;
    let asked = db === this.db ? this.asking.get(code) : undefined;
    if (!asked) {
      asked = this.askProvince(db, code);
      if (db === this.db) {
        this.asking.set(code, asked);
        asked.then(
          () => this.asking.delete(code),
          () => this.asking.delete(code),
        );
      }
    }
    const { global, province } = await asked;
    return global === versions.global ? province : undefined;
  }

  private async askProvince(db: Reader, code: string): Promise<{ global: string; province: string | null }> {
    const { rows } = await sql<{ global: string | null; province: string | null }>`
      select (select version from data_versions where scope = 'global') as global,
             (with recursive up as (
                select code, parent_code from jurisdictions where code = ${code}
                union all
                select j.code, j.parent_code from jurisdictions j join up on j.code = up.parent_code
              )
              select code from up where parent_code is null limit 1) as province`.execute(db);
    const global = String(rows[0]?.global ?? '0');
    const province = rows[0]?.province ?? null;
    if (this.provinces.global !== global) this.provinces = { global, of: new Map() };
    this.provinces.of.set(code, province);
    return { global, province };
  }

  /** Where an answer depending on `dependsOn` is remembered at `versions`; undefined: nowhere yet. */
  private async keyAt(db: Reader, versions: Versions, key: string, dependsOn: DependsOn) {
    if (dependsOn === undefined) return `${versions.all}|${key}`;
    if (dependsOn === null) return `global=${versions.global}|${key}`;
    const province = await this.provinceAt(db, versions, dependsOn);
    if (province === undefined) return undefined;
    const own = province === null ? '' : `,${province}=${versions.provinces.get(province) ?? '0'}`;
    return `global=${versions.global}${own}|${key}`;
  }

  /**
   * The JSON text of an answer: from memory when computed at the current versions of what it
   * depends on, else computed in one repeatable-read transaction, so that the versions it is
   * stored under are those of the data it was computed from.
   */
  json(key: string, compute: (trx: Transaction<DB>) => Promise<unknown>, dependsOn?: DependsOn): Promise<string> {
    return this.jsonText(key, async (trx) => JSON.stringify(await compute(trx)), dependsOn);
  }

  /**
   * As `json`, for an answer whose caller writes its JSON text itself (joined from remembered
   * parts' texts, say): remembered and compressed as `json`'s are.
   */
  jsonText(key: string, compute: (trx: Transaction<DB>) => Promise<string>, dependsOn?: DependsOn): Promise<string> {
    return this.value(`json|${key}`, compute, dependsOn);
  }

  /**
   * A computed value (never to be changed by its users), remembered as `json` remembers text.
   *
   * At most one computation of an answer runs at a time. A reader that finds one running shares it
   * when it started after the reader arrived, or when it was started at the versions the reader
   * read (its snapshot then holds every commit made before the reader came); otherwise the reader
   * waits for it to end, takes its answer if it was computed at the versions the reader read, and
   * else starts (or shares) the next one, which reads the newest versions. Under a rush of writes
   * successive versions then queue behind one computation instead of overlapping on the cores,
   * and every reader still gets an answer computed from a snapshot no older than its arrival.
   */
  async value<T>(key: string, compute: (trx: Transaction<DB>) => Promise<T>, dependsOn?: DependsOn): Promise<T> {
    const arrived = ++this.clock;
    const current = await this.keyAt(this.db, await this.latestVersions(), key, dependsOn);
    for (;;) {
      if (current !== undefined) {
        const hit = this.recall(current);
        if (hit !== undefined) return hit as T;
      }
      const flight = this.flights.get(key);
      if (!flight) return this.launch(key, current, compute, dependsOn);
      if (
        flight.started > arrived ||
        (flight.snapshotAt !== undefined && flight.snapshotAt > arrived) ||
        (current !== undefined && (flight.current === current || flight.stored === current))
      )
        return flight.work as Promise<T>;
      await flight.work.catch(() => undefined);
    }
  }

  private launch<T>(
    key: string,
    current: string | undefined,
    compute: (trx: Transaction<DB>) => Promise<T>,
    dependsOn: DependsOn,
  ): Promise<T> {
    // the answer is given as soon as it is computed: the transaction only read, so its commit
    // (a round trip, which under load is most of a computation's time) changes nothing it says
    let answered = false;
    let resolve: (value: T) => void = () => undefined;
    let reject: (error: unknown) => void = () => undefined;
    const work = new Promise<T>((settle, fail) => {
      resolve = (value) => {
        answered = true;
        settle(value);
      };
      reject = fail;
    });
    const flight: Flight = { started: ++this.clock, current, work };
    this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        // the first statement: the versions of the transaction's snapshot, which holds every
        // commit made before it was sent, so a reader that came before then may share this one
        flight.snapshotAt = ++this.clock;
        const versions = await this.snapshotOf(trx);
        const stored = await this.keyAt(trx, versions, key, dependsOn);
        flight.stored = stored;
        const value = await compute(trx);
        if (stored !== undefined) this.store(stored, value, key);
        resolve(value);
      })
      .catch((error: unknown) => {
        if (!answered) return reject(error);
        try {
          this.onLateFailure(error, key);
        } catch {
          // a listener that throws (its log gone) has nowhere to tell it either: no unhandled rejection
        }
      });
    this.flights.set(key, flight);
    const land = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    work.then(land, land);
    return work;
  }

  /**
   * Part of an answer being computed in `trx`, remembered on its own: an answer over many
   * provinces recomputes only the parts whose province changed, from the same snapshot.
   */
  async part<T>(trx: Transaction<DB>, key: string, dependsOn: DependsOn, compute: () => Promise<T>): Promise<T> {
    const stored = await this.keyAt(trx, await this.snapshotOf(trx), `part|${key}`, dependsOn);
    if (stored !== undefined) {
      const hit = this.recall(stored);
      if (hit !== undefined) return hit as T;
    }
    const value = await compute();
    if (stored !== undefined) this.store(stored, value, `part|${key}`);
    return value;
  }

  /**
   * The versions `trx`'s snapshot saw, read once per transaction: a computation's first statement
   * when it runs in `value`'s transaction.
   */
  snapshotOf(trx: Transaction<DB>): Promise<Snapshot> {
    let versions = this.snapshots.get(trx);
    if (!versions) {
      versions = readSnapshot(trx);
      this.snapshots.set(trx, versions);
    }
    return versions;
  }

  /**
   * What moves only with the global version (the tree, the plans, the settings, the successions),
   * read once per global version in the snapshot of the first computation to need it.
   */
  async perGlobal<T>(trx: Transaction<DB>, what: string, read: () => Promise<T>, weigh: (value: T) => number) {
    const { global } = await this.snapshotOf(trx);
    return this.piece(what, [Number(global)], read, weigh);
  }

  /** A remembered value, moved to the back of the line: the least recently used goes first. */
  private recall(key: string): unknown {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /**
   * Remembers a value, dropping the least recently used while there are `maxEntries` or they
   * weigh more than `maxEntriesBytes` with it; one heavier than all of them may weigh is not kept.
   */
  private store(key: string, value: unknown, what: string) {
    const bytes = weighEntry(value);
    if (bytes > this.maxEntriesBytes) return;
    if (this.entries.has(key)) this.forget(key);
    // the same answer at older versions: no reader asks for it again
    const replaced = this.entryAt.get(what);
    if (replaced !== undefined) this.forget(replaced);
    // the least recently used first: a Map iterates in insertion order
    for (const oldest of this.entries.keys()) {
      if (this.entries.size < this.maxEntries && this.entriesBytes + bytes <= this.maxEntriesBytes) break;
      this.forget(oldest);
    }
    this.entries.set(key, value);
    this.entryFacts.set(key, { bytes, what });
    this.entryAt.set(what, key);
    this.entriesBytes += bytes;
  }

  private forget(key: string) {
    const dropped = this.entries.get(key);
    if (typeof dropped === 'string') this.encoded.delete(dropped);
    this.entries.delete(key);
    const facts = this.entryFacts.get(key);
    if (!facts) return;
    this.entriesBytes -= facts.bytes;
    this.entryFacts.delete(key);
    if (this.entryAt.get(facts.what) === key) this.entryAt.delete(facts.what);
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

  /**
   * A remembered answer's entity tag (weak: the same for each of its encodings), made from its
   * text once; null for an answer not remembered. A reader showing it back (If-None-Match) is told
   * 304 and sent nothing: its copy is the current answer, checked against the data's versions as
   * every read is.
   */
  tagOf(text: string): string | null {
    const forms = this.encoded.get(text) ?? {};
    if (forms.tag) return forms.tag;
    if (!this.isRemembered(text)) return null;
    forms.tag = `W/"${crypto.createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
    this.encoded.set(text, forms);
    return forms.tag;
  }

  private isRemembered(text: string): boolean {
    if (this.encoded.has(text)) return true;
    for (const remembered of this.entries.values()) if (remembered === text) return true;
    return false;
  }
}

/** Whether an If-None-Match names `tag` (weakly compared: W/ aside), or is `*`. */
function showsTag(header: string | undefined, tag: string): boolean {
  if (header === undefined || header.length > 4096) return false;
  const opaque = tag.replace(/^W\//, '');
  return header.split(',').some((each) => {
    const given = each.trim();
    return given === '*' || given.replace(/^W\//, '') === opaque;
  });
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
  const tag = reply.server.cache.tagOf(json);
  if (tag !== null) {
    // kept by the browser, and asked about again each time (no-cache): a dashboard refetched on a
    // phone whose answer has not changed costs a few hundred bytes, not the answer; never kept by
    // a cache shared between readers (private), whose scopes may differ
    reply.header('etag', tag).header('cache-control', 'private, no-cache');
    if (showsTag(reply.request.headers['if-none-match'], tag)) return reply.code(304).send();
  }
  const encoding =
    json.length >= COMPRESS_FROM_BYTES ? acceptedEncoding(reply.request.headers['accept-encoding']) : null;
  if (encoding === null) return reply.serializer((payload) => payload as string).send(json as never);
  const body = await reply.server.cache.compressed(json, encoding);
  return reply.header('content-encoding', encoding).send(body);
}
