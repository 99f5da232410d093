// Named prepared statements for the statements the API sends again and again. node-postgres sends
// every query as an unnamed statement, which Postgres parses and plans anew each time; a statement
// with a name is parsed once per connection and its plan kept (Postgres plans it afresh for its
// first executions, then keeps a generic plan when that is no worse). Measured on a report's write
// and submit (`tsx apps/api/bench/write-profile.ts --writes 90`): Postgres CPU per report 7.4–7.6 ms
// unnamed, 5.2–5.3 ms named. Only on a real Postgres: the embedded one interleaves its connections
// on one session, where two connections' names would meet. TUOWEI_PREPARED_STATEMENTS=0 turns it
// off (a pooler in transaction mode between the API and Postgres may not keep them).
import crypto from 'node:crypto';
import pg from 'pg';

/** A statement is named once it has been sent this many times (one-off statements are not). */
const NAMED_FROM = 2;
/** At most this many statements are named (per connection, each is prepared on its first use). */
const MAX_NAMED = 300;
/** Longer statements are not named (an import's, a migration's). */
const MAX_TEXT = 16_384;
/** Texts counted before they are named; forgotten all at once when this many are counted. */
const MAX_COUNTED = 5_000;
/** Statements that can be prepared (not BEGIN, COMMIT, SET, DDL or several statements at once). */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

const counted = new Map<string, number>();
const named = new Map<string, string>();
/** Texts not to be named again: their prepared form failed (a table's columns changed under it). */
const refused = new Set<string>();

/** The name a statement is sent under, or undefined to send it unnamed. */
export function statementName(text: string): string | undefined {
  const known = named.get(text);
  if (known !== undefined) return known;
  if (text.length > MAX_TEXT || named.size >= MAX_NAMED || refused.has(text) || !PREPARABLE.test(text)) return;
  if (text.includes(';')) return;
  const seen = (counted.get(text) ?? 0) + 1;
  if (seen < NAMED_FROM) {
    if (counted.size >= MAX_COUNTED) counted.clear();
    counted.set(text, seen);
    return;
  }
  counted.delete(text);
  const name = `tuowei_${crypto.createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  named.set(text, name);
  return name;
}

/**
 * Postgres refuses a prepared statement whose result's columns changed since it was prepared
 * (`cached plan must not change result type`, after a migration run by another process): the
 * statement is not named again, and the refusal goes to the caller as any database error does.
 */
function forget(text: string, error: unknown) {
  if ((error as { code?: string })?.code === '0A000') {
    named.delete(text);
    refused.add(text);
  }
}

type QueryArguments = [unknown, ...unknown[]];

/** A pg client that sends the statements it sees again under their names. */
export class PreparingClient extends pg.Client {
  // node-postgres's query has a dozen overloads; this one passes every form on, naming the plain
  // ones (a text with or without values, no callback)
  override query(...args: QueryArguments): never {
    const [first, values] = args;
    const call = (...sent: unknown[]) => (super.query as (...a: unknown[]) => never).apply(this, sent);
    const plain = args.length <= 2 && (values === undefined || Array.isArray(values));
    const text = typeof first === 'string' ? first : undefined;
    const name = plain && text !== undefined ? statementName(text) : undefined;
    if (name === undefined || text === undefined) return call(...args);
    const sent = call({ name, text, values: values ?? [] }) as Promise<unknown>;
    sent.catch((error: unknown) => forget(text, error));
    return sent as never;
  }
}
