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
