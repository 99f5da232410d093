// Serialising the writers of one natural key — a user name, a jurisdiction's code, a year's
// population — even before its row exists, when `select … for update` has nothing to lock.
import { sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Holds a transaction-scoped advisory lock on the key until the transaction ends, so that a
 * second writer of the same key reads only after the first has committed (and sees its row).
 * Two keys hashing alike only wait for each other; nothing else shares this lock space's keys.
 */
export async function lockNaturalKey(trx: Transaction<DB>, ...key: (string | number)[]): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`tuowei: ${key.join('/')}`}, 0))`.execute(trx);
}

/** Postgres refused a write for a unique constraint (a row written by someone else meanwhile). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

/**
 * lockNaturalKey for many keys in one statement (an import's rows), taken in one order so that two
 * writers of overlapping keys cannot each hold one the other waits for.
 */
export async function lockNaturalKeys(
  trx: Transaction<DB>,
  keys: readonly (readonly (string | number)[])[],
): Promise<void> {
  if (keys.length === 0) return;
  const texts = [...new Set(keys.map((key) => `tuowei: ${key.join('/')}`))].sort();
  await sql`
    select pg_advisory_xact_lock(hashtextextended(k, 0))
    from unnest(${sql.val(texts)}::text[]) with ordinality as t(k, n) order by n`.execute(trx);
}
