// Failed sign-ins, counted in Postgres so that every API process spends the same budget: per
// account, so that guesses spread over many addresses are few, and per address, so that one
// address cannot try many accounts. A lock lasts a fixed time and refused attempts neither
// extend it nor reach the password check, so a stranger cannot keep the owner out for longer.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface ThrottleRule {
  /** Failed guesses allowed within `windowMinutes` of the first… */
  failures: number;
  windowMinutes: number;
  /** …after which every attempt is refused, unchecked, for this long. */
  lockMinutes: number;
}

/**
 * 10 guesses, then 15 minutes' wait: at most 40 guesses an hour on one account however many
 * addresses they come from, and an owner who mistypes a few times is not stopped.
 */
export const ACCOUNT_RULE: ThrottleRule = { failures: 10, windowMinutes: 15, lockMinutes: 15 };
/** Wider, for an office behind one proxy: 50 failures from one address, then 15 minutes' wait. */
export const ADDRESS_RULE: ThrottleRule = { failures: 50, windowMinutes: 15, lockMinutes: 15 };

const MINUTE = 60_000;

interface Key {
  key: string;
  rule: ThrottleRule;
}

export function throttleKeys(username: string, address: string): { account: Key; address: Key } {
  return {
    account: { key: `account:${username.toLowerCase()}`, rule: ACCOUNT_RULE },
    address: { key: `address:${address}`, rule: ADDRESS_RULE },
  };
}

export type Reservation = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts this attempt as a failure before the password is checked, under a lock on both rows,
 * so that concurrent guesses through any process cannot overrun the budget; `settleSuccess`
 * gives the count back when the password was right. Refused when either row is locked.
 */
export async function reserveAttempt(db: Kysely<DB>, keys: Key[], now: Date): Promise<Reservation> {
  // in key order, so that two attempts never wait on each other's rows
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  return db.transaction().execute(async (trx) => {
    // made where missing, and locked to this transaction either way (the no-op update locks it)
    const rows = await trx
      .insertInto('login_throttle')
      .values(ordered.map(({ key }) => ({ key, failures: 0, window_started_at: now })))
      .onConflict((conflict) => conflict.column('key').doUpdateSet((eb) => ({ key: eb.ref('excluded.key') })))
      .returning(['key', 'failures', 'window_started_at', 'locked_until'])
      .execute();
    const lockedUntil = rows
      .map((row) => row.locked_until && new Date(row.locked_until))
      .filter((until): until is Date => until !== null && until > now)
      .reduce<Date | null>((latest, until) => (latest && latest > until ? latest : until), null);
    if (lockedUntil)
      return { allowed: false, retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000) };
    const counted = rows.map((row) => {
      const { rule } = ordered.find(({ key }) => key === row.key) as Key;
      const windowStart = new Date(row.window_started_at);
      // a new window once the last one has passed, or once a lock has been served
      const fresh = windowStart.getTime() + rule.windowMinutes * MINUTE <= now.getTime() || row.locked_until !== null;
      const failures = fresh ? 1 : row.failures + 1;
      const until = failures >= rule.failures ? new Date(now.getTime() + rule.lockMinutes * MINUTE) : null;
      return sql`(${row.key}::text, ${failures}::integer, ${fresh ? now : windowStart}::timestamptz, ${until}::timestamptz)`;
    });
    await sql`
      update login_throttle t
      set failures = v.failures, window_started_at = v.window_started_at, locked_until = v.locked_until
      from (values ${sql.join(counted)}) as v (key, failures, window_started_at, locked_until)
      where t.key = v.key`.execute(trx);
    return { allowed: true };
  });
}

/**
 * The password was right: the account's failures are forgiven (its owner is in), and the
 * address gets back the one attempt reserved for this sign-in, with the lock that attempt set.
 * One statement, so one round trip and atomic without a transaction of its own.
 */
export async function settleSuccess(db: Kysely<DB>, keys: { account: Key; address: Key }): Promise<void> {
  await sql`
    with forgiven as (delete from login_throttle where key = ${keys.account.key})
    update login_throttle
    set failures = greatest(failures - 1, 0),
        locked_until = case when failures - 1 < ${keys.address.rule.failures} then null else locked_until end
    where key = ${keys.address.key}`.execute(db);
}

/** Rows whose window and lock have both passed say nothing any more. */
export async function purgeLoginThrottle(db: Kysely<DB>, now: Date): Promise<void> {
  const longest = Math.max(ACCOUNT_RULE.windowMinutes, ADDRESS_RULE.windowMinutes);
  await db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<=', new Date(now.getTime() - longest * MINUTE))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
}
