// Sessions live in Postgres, so that several API processes can serve one person. The cookie
// carries a random token; the table keeps only its SHA-256.
import crypto from 'node:crypto';
import type { UnitNode } from '@tuowei/shared';
import type { Kysely } from 'kysely';
import { lineageJson, toUnit } from '../db/lineage.ts';
import type { DB } from '../db/schema.ts';
import type { Role, User } from './users.ts';

export const SESSION_COOKIE = 'tuowei_session';
export const SESSION_HOURS = 12;

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export interface Session {
  user: User;
  csrfToken: string;
  tokenHash: string;
  /** The lineage of the unit the request names, when read with the session (see `findSession`). */
  lineage?: { code: string; units: UnitNode[] };
}

export async function startSession(db: Kysely<DB>, userId: string): Promise<{ token: string; csrfToken: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000),
    })
    .execute();
  return { token, csrfToken };
}

/**
 * The session a token opens, if it is current and its account active; with `lineageCode`, the
 * lineage of that unit read in the same statement (a write's scope check then costs no round
 * trip of its own).
 */
export async function findSession(db: Kysely<DB>, token: string, lineageCode?: string): Promise<Session | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.token_hash',
      'sessions.csrf_token',
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.jurisdiction_code',
      'users.demo',
    ])
    .$if(lineageCode !== undefined, (query) => query.select(lineageJson(lineageCode as string).as('lineage')))
    .where('sessions.token_hash', '=', sha256(token))
    .where('sessions.expires_at', '>', new Date())
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  const lineage = (row as { lineage?: Parameters<typeof toUnit>[0][] }).lineage;
  return {
    tokenHash: row.token_hash,
    csrfToken: row.csrf_token,
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role as Role,
      jurisdictionCode: row.jurisdiction_code,
      demo: row.demo,
    },
    ...(lineage && lineageCode !== undefined ? { lineage: { code: lineageCode, units: lineage.map(toUnit) } } : {}),
  };
}

export async function endSession(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export async function purgeExpiredSessions(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
}
