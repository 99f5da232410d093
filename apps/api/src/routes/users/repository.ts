// Accounts as admins see and change them: the rows, never a password hash.
import type { UserUpdate } from '@tuowei/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { subtreeCodes } from '../jurisdictions/repository.ts';

type Reader = Kysely<DB> | Transaction<DB>;

export interface UserRow {
  username: string;
  display_name: string;
  role: string;
  jurisdiction_code: string | null;
  active: boolean;
  demo: boolean;
  created_at: Date;
}

/** The accounts within a jurisdiction's subtree, or every account for the country (null). */
export async function listUsers(db: Reader, root: string | null): Promise<UserRow[]> {
  const { rows } = await sql<UserRow>`
    select username, display_name, role, jurisdiction_code, active, demo, created_at from users
    ${root ? sql`where jurisdiction_code in (${subtreeCodes(root)})` : sql``}
    order by jurisdiction_code nulls first, username`.execute(db);
  return rows;
}

/** One account by name in any letter case; `forUpdate` locks it for the rest of the transaction. */
export async function findUserRow(db: Reader, username: string, forUpdate = false): Promise<UserRow | null> {
  const { rows } = await sql<UserRow>`
    select username, display_name, role, jurisdiction_code, active, demo, created_at
    from users where lower(username) = ${username.toLowerCase()}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return rows[0] ?? null;
}

/**
 * Applies an admin's change (the password already hashed); a changed password, role, scope or
 * status ends the account's sessions (a new display name does not).
 */
export async function updateUser(
  trx: Transaction<DB>,
  username: string,
  change: Omit<UserUpdate, 'password'>,
  passwordHash: string | undefined,
): Promise<void> {
  const name = username.toLowerCase();
  await trx
    .updateTable('users')
    .set({
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.jurisdictionCode !== undefined ? { jurisdiction_code: change.jurisdictionCode } : {}),
      ...(change.active !== undefined ? { active: change.active } : {}),
      ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      updated_at: new Date(),
    })
    .where(sql`lower(username)`, '=', name)
    .execute();
  const ends =
    passwordHash !== undefined ||
    change.role !== undefined ||
    change.jurisdictionCode !== undefined ||
    change.active !== undefined;
  if (ends) {
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', trx.selectFrom('users').select('id').where(sql`lower(username)`, '=', name))
      .execute();
  }
}
