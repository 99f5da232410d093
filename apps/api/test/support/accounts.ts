// Accounts and signed-in sessions for tests, through the real login route.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { systemActor } from '../../src/audit.ts';
import { createUser, type Role } from '../../src/auth/users.ts';
import type { DB } from '../../src/db/schema.ts';

export const TEST_PASSWORD = 'correct horse battery';

export interface Account {
  username: string;
  role: Role;
  jurisdictionCode: string | null;
}

/** Who is who in the tests, around Weixi (533423, under Diqing 533400, under Yunnan 530000). */
export const ACCOUNTS = {
  entryWeixi: { username: 'entry-weixi', role: 'entry', jurisdictionCode: '533423' },
  entryDiqing: { username: 'entry-diqing', role: 'entry', jurisdictionCode: '533400' },
  entryChiping: { username: 'entry-chiping', role: 'entry', jurisdictionCode: '371503' },
  reviewerDiqing: { username: 'reviewer-diqing', role: 'reviewer', jurisdictionCode: '533400' },
  reviewerWeixi: { username: 'reviewer-weixi', role: 'reviewer', jurisdictionCode: '533423' },
  reviewerLiaocheng: { username: 'reviewer-liaocheng', role: 'reviewer', jurisdictionCode: '371500' },
  leaderYunnan: { username: 'leader-yunnan', role: 'leader', jurisdictionCode: '530000' },
  leaderShandong: { username: 'leader-shandong', role: 'leader', jurisdictionCode: '370000' },
  auditor: { username: 'auditor-all', role: 'auditor', jurisdictionCode: null },
  adminYunnan: { username: 'admin-yunnan', role: 'admin', jurisdictionCode: '530000' },
  admin: { username: 'admin-all', role: 'admin', jurisdictionCode: null },
} satisfies Record<string, Account>;

export async function createAccounts(db: Kysely<DB>, accounts: Account[] = Object.values(ACCOUNTS)): Promise<void> {
  for (const account of accounts)
    await createUser(db, { ...account, password: TEST_PASSWORD }, systemActor('test set-up'));
}

export interface Client {
  cookie: string;
  csrfToken: string;
  /** Headers for a write: the session cookie and the CSRF token. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login of ${username} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'tuowei_session');
  if (!cookie) throw new Error('no session cookie');
  const { csrfToken } = response.json();
  return {
    cookie: `tuowei_session=${cookie.value}`,
    csrfToken,
    headers: (extra = {}) => ({ cookie: `tuowei_session=${cookie.value}`, 'x-csrf-token': csrfToken, ...extra }),
  };
}
