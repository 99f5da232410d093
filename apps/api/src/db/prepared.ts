// Named prepared statements for the statements the API sends again and again. node-postgres sends
// every query as an unnamed statement, which Postgres parses and plans anew each time; a statement
// with a name is parsed once per connection and its plan kept (Postgres plans it afresh for its
// first executions, then keeps a generic plan when that is no worse). Measured on a report's write
// and submit (`tsx apps/api/bench/write-profile.ts --writes 90`): Postgres CPU per report 7.4–7.6 ms
// unnamed, 5.2–5.6 ms named. What a client sends can vary a statement's text (a list of codes of
// any length): such texts are bounded by count, size and parameters, and every name is given anew
// each generation, on connections that live no longer than one. Only on a real Postgres: the embedded one interleaves its connections
// on one session, where two connections' names would meet. TUOWEI_PREPARED_STATEMENTS=0 turns it
// off (a pooler in transaction mode between the API and Postgres may not keep them).
import crypto from 'node:crypto';
import pg from 'pg';

/** A statement is named once it has been sent this many times (one-off statements are not). */
const NAMED_FROM = 2;
/** At most this many statements are named in a generation (each prepared on a connection's first use). */
const MAX_NAMED = 200;
/** Longer statements are not named (an import's, a migration's): their plans are large. */
const MAX_TEXT = 8_192;
/** Statements with more parameters are not named: a list's length makes each its own text. */
const MAX_PARAMETERS = 64;
/**
 * How long a generation of names lasts; a connection lives as long at most (`CONNECTION_SECONDS`),
 * so it holds the statements of two generations at most, and statements a client made the API
 * name (lists of every length, say) take no room from the busy ones for longer than that: those
 * are named again at their second sending in the next generation.
 */
const GENERATION_MS = 10 * 60_000;
export const CONNECTION_SECONDS = GENERATION_MS / 1000;
/** Texts counted before they are named; forgotten all at once when this many are counted. */
const MAX_COUNTED = 5_000;
/** Statements that can be prepared (not BEGIN, COMMIT, SET, DDL or several statements at once). */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
const PARAMETER = /\$\d+/g;

let generation = 0;
let generationStarted = Date.now();
const counted = new Map<string, number>();
const named = new Map<string, string>();
/** Texts not to be named again: their prepared form failed (a table's columns changed under it). */
const refused = new Set<string>();

/** Whether a text may be named at all (computed once per text, when it is first counted). */
function preparable(text: string): boolean {
  if (text.length > MAX_TEXT || refused.has(text) || !PREPARABLE.test(text) || text.includes(';')) return false;
  return (text.match(PARAMETER)?.length ?? 0) <= MAX_PARAMETERS;
}

/** The name a statement is sent under, or undefined to send it unnamed. */
export function statementName(text: string, now = Date.now()): string | undefined {
  if (now - generationStarted > GENERATION_MS) {
    generation++;
    generationStarted = now;
    named.clear();
    counted.clear();
  }
  const known = named.get(text);
  if (known !== undefined) return known;
  if (named.size >= MAX_NAMED) return;
  const seen = counted.get(text);
  if (seen === undefined) {
    if (counted.size >= MAX_COUNTED) counted.clear();
    // a text that may not be named is counted at 0: never named, looked at once
    counted.set(text, preparable(text) ? 1 : 0);
    return;
  }
  if (seen === 0) return;
  if (seen + 1 < NAMED_FROM) {
    counted.set(text, seen + 1);
    return;
  }
  counted.delete(text);
  const hash = crypto.createHash('sha256').update(text).digest('hex').slice(0, 24);
  const name = `tuowei_${generation.toString(36)}_${hash}`;
  named.set(text, name);
  return name;
}

/**
 * Postgres refuses a prepared statement whose result's columns changed since it was prepared
 * (`cached plan must not change result type`, after a migration run by another process): the
 * statement is not named again, and the refusal goes to the caller as any database error does.
 * (Other "feature not supported" refusals share the code: those texts lose their names too, which
 * costs only speed.)
 */
function forget(text: string, error: unknown) {
  if ((error as { code?: string })?.code === '0A000') {
    named.delete(text);
    counted.delete(text);
    refused.add(text);
  }
}

type QueryArguments = [unknown, ...unknown[]];

/** A transaction's first statement (kysely's `begin`, or `start transaction isolation level …`). */
const BEGIN = /^\s*(begin|start\s+transaction)\b[^;]*$/i;
/** A transaction's end (kysely's `commit` or `rollback`). */
const END = /^\s*(commit|rollback)\s*$/i;

/** What pg answers for a statement that returns no rows, as kysely reads it. */
const noRows = (command: string) => ({ command, rowCount: null, rows: [], fields: [], oid: 0 });

/**
 * A statement sent after its transaction's BEGIN in one exchange (the extended protocol's Parse,
 * Bind and Execute of each, then one Sync): one round trip where there were two. Postgres runs
 * them in order; either failing fails the exchange (and the transaction, which the caller rolls
 * back as before). BEGIN's own completion is not one of the statement's results.
 */
class BegunQuery extends pg.Query {
  private begun = false;

  constructor(
    private readonly begin: string,
    config: pg.QueryConfig & { callback: (error: Error | null, result?: unknown) => void },
  ) {
    super({ ...config, queryMode: 'extended' } as pg.QueryConfig);
  }

  prepare(connection: PgConnection): void {
    connection.parse({ text: this.begin });
    connection.bind({});
    connection.execute({});
    (pg.Query.prototype as unknown as { prepare(c: PgConnection): void }).prepare.call(this, connection);
  }

  handleCommandComplete(message: unknown, connection: PgConnection): void {
    if (!this.begun) {
      this.begun = true;
      return;
    }
    (pg.Query.prototype as unknown as PgQueryInternals).handleCommandComplete.call(this, message, connection);
  }
}

/** What of node-postgres's connection and query the pipelined BEGIN uses (not in its published types). */
interface PgConnection {
  parse(message: { text: string; name?: string }): void;
  bind(message: object): void;
  execute(message: object): void;
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
}
interface PgQueryInternals {
  handleCommandComplete(message: unknown, connection: PgConnection): void;
}

/**
 * A pg client that holds a transaction's BEGIN back and sends it with the transaction's first
 * statement, in one round trip. Under load a round trip waits its turn on the API's event loop
 * behind every request in flight (about 5 ms with 100 readers, measured in the rush), and every
 * write and every computation is a transaction: a report's write and submit went from ten round
 * trips to eight, a recomputation from four to three. A transaction ended before any statement
 * sends nothing; a first statement that cannot go with it (several statements in one text, a
 * cursor, a named statement not yet prepared on this connection, whose ParseComplete pg would
 * count at BEGIN's) goes after the BEGIN, sent first, as before.
 */
export class PipeliningClient extends pg.Client {
  private heldBegin: string | null = null;

  override query(...args: QueryArguments): never {
    const [first, values] = args;
    const call = (...sent: unknown[]) => (super.query as (...a: unknown[]) => never).apply(this, sent);
    const plain = args.length <= 2 && (values === undefined || Array.isArray(values));
    const text = plain && typeof first === 'string' ? first : undefined;
    const noValues = values === undefined || (values as unknown[]).length === 0;
    if (text !== undefined && noValues && BEGIN.test(text) && this.heldBegin === null) {
      this.heldBegin = text;
      return Promise.resolve(noRows('BEGIN')) as never;
    }
    const begin = this.heldBegin;
    const name = text === undefined ? undefined : this.nameOf(text);
    if (begin === null) return this.send(call, args, name);
    this.heldBegin = null;
    if (text !== undefined && noValues && END.test(text))
      return Promise.resolve(noRows(text.trim().toUpperCase())) as never;
    const parsed =
      name === undefined ||
      (this as unknown as { connection: PgConnection }).connection.parsedStatements[name] === text;
    if (text !== undefined && (text.includes(';') || !parsed)) {
      // the BEGIN alone, then the statement once it has begun: a BEGIN refused (a hot standby's
      // `read write`, say) fails the statement, which would otherwise run outside any transaction
      return (call(begin) as Promise<unknown>).then(() => this.send(call, args, name)) as never;
    }
    if (text === undefined) {
      // a cursor or a callback is answered by what node-postgres returns at once: the BEGIN goes
      // first in its queue, and one refused leaves the connection broken for what follows
      (call(begin) as Promise<unknown>).catch(() => undefined);
      return this.send(call, args, name);
    }
    return new Promise((resolve, reject) => {
      call(
        new BegunQuery(begin, {
          text,
          values: (values as unknown[] | undefined) ?? [],
          ...(name === undefined ? {} : { name }),
          callback: (error, result) => (error ? reject(error) : resolve(result)),
        }),
      );
    }).catch((error: unknown) => {
      if (name !== undefined) this.failed(name, text, error);
      throw error;
    }) as never;
  }

  /**
   * Drops a BEGIN still held when the connection goes back to its pool: its transaction ended
   * without COMMIT or ROLLBACK (kysely always sends one), and the next user must not inherit it.
   */
  released(): void {
    this.heldBegin = null;
  }

  /** The name a statement goes under (none here; PreparingClient names those sent again). */
  protected nameOf(_text: string): string | undefined {
    return undefined;
  }

  /** Sends a query as node-postgres would, under `name` when it has one. */
  private send(call: (...sent: unknown[]) => never, args: QueryArguments, name: string | undefined): never {
    const [text, values] = args;
    if (name === undefined || typeof text !== 'string') return call(...args);
    const sent = call({ name, text, values: values ?? [] }) as Promise<unknown>;
    sent.catch((error: unknown) => this.failed(name, text, error));
    return sent as never;
  }

  /**
   * A named statement failed. A value node-postgres could not write into its Bind (no database
   * error code) makes it close the statement on the server, which it still counts as prepared on
   * this connection: every later use there failed, `prepared statement … does not exist` (26000),
   * till the connection was replaced. It is parsed again at its next use.
   */
  private failed(name: string, text: string, error: unknown): void {
    const code = (error as { code?: string } | null)?.code;
    if (code === undefined || code === '26000') {
      const { connection } = this as unknown as { connection: PgConnection };
      delete connection.parsedStatements[name];
      delete connection.submittedNamedStatements[name];
    }
    forget(text, error);
  }
}

/** A pg client that sends the statements it sees again under their names (and BEGIN with the next). */
export class PreparingClient extends PipeliningClient {
  protected override nameOf(text: string): string | undefined {
    return statementName(text);
  }
}
