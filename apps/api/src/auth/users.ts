// Accounts: who may do what, and where (a jurisdiction and everything under it).
import crypto from 'node:crypto';
import type { Role } from '@tuowei/shared';
import { type Kysely, sql } from 'kysely';
import { type AuditActor, systemActor, writeAudit } from '../audit.ts';
import { lockNaturalKey } from '../db/locks.ts';
import type { DB } from '../db/schema.ts';
import { hashPassword } from './passwords.ts';

export { ROLES, type Role } from '@tuowei/shared';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Null for the whole country. */
  jurisdictionCode: string | null;
  demo: boolean;
}

export async function findUserByName(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'password_hash', 'role', 'jurisdiction_code', 'active', 'demo'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  jurisdictionCode: string | null;
  displayName?: string;
  demo?: boolean;
}

/**
 * A new account and its audit row; null when the name (in any letter case) is taken. Concurrent
 * creations of one name are serialised on it, so one succeeds and the others see it taken.
 */
export async function createUser(db: Kysely<DB>, user: NewUser, actor: AuditActor): Promise<string | null> {
  const passwordHash = await hashPassword(user.password);
  return db.transaction().execute(async (trx) => {
    await lockNaturalKey(trx, 'user', user.username.toLowerCase());
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where(sql`lower(username)`, '=', user.username.toLowerCase())
      .executeTakeFirst();
    if (taken) return null;
    const { id } = await trx
      .insertInto('users')
      .values({
        username: user.username,
        display_name: user.displayName ?? '',
        password_hash: passwordHash,
        role: user.role,
        jurisdiction_code: user.jurisdictionCode,
        demo: user.demo ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'insert',
      entity: 'user',
      entityId: user.username,
      jurisdictionCode: user.jurisdictionCode,
      after: {
        username: user.username,
        role: user.role,
        jurisdictionCode: user.jurisdictionCode,
        demo: user.demo ?? false,
      },
    });
    return id;
  });
}

/** TUOWEI_ADMIN_USER / TUOWEI_ADMIN_PASSWORD: the first admin, created only while no admin exists. */
export async function ensureFirstAdmin(db: Kysely<DB>, username: string, password: string): Promise<boolean> {
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('demo', '=', false)
    .executeTakeFirst();
  if (existing) return false;
  const created = await createUser(
    db,
    { username, password, role: 'admin', jurisdictionCode: null },
    systemActor('start-up'),
  );
  if (created === null)
    throw new Error(`TUOWEI_ADMIN_USER: the name ${username} is taken by an account that is not an admin.`);
  return true;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  jurisdictionCode: string | null;
}

const DEMO_ACCOUNTS: Omit<DemoAccount, 'password'>[] = [
  { username: 'demo-weixi-entry', role: 'entry', jurisdictionCode: '533423' },
  { username: 'demo-diqing-reviewer', role: 'reviewer', jurisdictionCode: '533400' },
  { username: 'demo-chiping-entry', role: 'entry', jurisdictionCode: '371503' },
  { username: 'demo-liaocheng-reviewer', role: 'reviewer', jurisdictionCode: '371500' },
  { username: 'demo-yunnan-leader', role: 'leader', jurisdictionCode: '530000' },
  { username: 'demo-auditor', role: 'auditor', jurisdictionCode: null },
  { username: 'demo-admin', role: 'admin', jurisdictionCode: null },
];

/**
 * Demo mode's accounts, clearly named demo-…, each with a fresh random password on every start
 * (printed then), so no password is fixed anywhere.
 */
export async function resetDemoAccounts(db: Kysely<DB>): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const password = crypto.randomBytes(9).toString('base64url');
    const existing = await findUserByName(db, account.username);
    if (existing) {
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(password), updated_at: new Date() })
        .where('id', '=', existing.id)
        .execute();
      await db.deleteFrom('sessions').where('user_id', '=', existing.id).execute();
      await writeAudit(db, systemActor('start-up'), {
        action: 'reset_password',
        entity: 'user',
        entityId: account.username,
        jurisdictionCode: account.jurisdictionCode,
        reason: 'demo mode: a fresh password on every start',
      });
    } else {
      await createUser(
        db,
        { ...account, password, demo: true, displayName: account.username },
        systemActor('start-up'),
      );
    }
    accounts.push({ ...account, password });
  }
  return accounts;
}
