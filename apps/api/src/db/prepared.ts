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
