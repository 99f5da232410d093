// Sessions: expired ones are purged (on start, on a schedule, on every sign-in), and the cookie is
// Secure whenever the request came over HTTPS, as told by a proxy only when it is trusted.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { ACCOUNTS, createAccounts, signIn, TEST_PASSWORD } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

describe.each(BACKENDS)('expired sessions on %s', (backend) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.auditor]);
  });

  afterAll(async () => {
    await test?.destroy();
  });

  /** A session row for the auditor that ended (or ends) at `expiresAt`. */
  async function plantSession(expiresAt: Date): Promise<string> {
    const user = await test.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', ACCOUNTS.auditor.username)
      .executeTakeFirstOrThrow();
    const tokenHash = crypto.randomBytes(32).toString('hex');
    await test.database.db
      .insertInto('sessions')
      .values({ token_hash: tokenHash, user_id: user.id, csrf_token: 'planted', expires_at: expiresAt })
      .execute();
    return tokenHash;
  }

  const stored = async (tokenHash: string) =>
    (await sql`select 1 from sessions where token_hash = ${tokenHash}`.execute(test.database.db)).rows.length;

  it('purges expired sessions when the app starts, and keeps live ones', async () => {
    const expired = await plantSession(new Date(Date.now() - 60_000));
    const live = await plantSession(new Date(Date.now() + 3600_000));
    expect(await stored(expired)).toBe(1);
    const app = await buildApp({ database: test.database, webDist: null });
    try {
      await app.ready();
      expect(await stored(expired)).toBe(0);
      expect(await stored(live)).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('purges expired sessions on every sign-in', async () => {
    const app = await buildApp({ database: test.database, webDist: null });
    try {
      await app.ready();
      const expired = await plantSession(new Date(Date.now() - 1000));
      expect(await stored(expired)).toBe(1);
      await signIn(app, ACCOUNTS.auditor.username);
      expect(await stored(expired)).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('the session cookie over HTTPS', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db, [ACCOUNTS.auditor]);
  });

  afterAll(async () => {
    await test?.destroy();
  });

  /** The Set-Cookie of a sign-in and of a sign-out, through a proxy at `proxy` that says `proto`. */
  async function cookies(trustProxy: string[] | false, proto: string | null, proxy = '127.0.0.1') {
    const app = await buildApp({ database: test.database, webDist: null, trustProxy });
    try {
      const forwarded = proto ? { 'x-forwarded-proto': proto } : {};
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: proxy,
        headers: forwarded,
        payload: { username: ACCOUNTS.auditor.username, password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const session = login.cookies.find((c) => c.name === 'tuowei_session');
      const logout = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        remoteAddress: proxy,
        headers: { ...forwarded, cookie: `tuowei_session=${session?.value}`, 'x-csrf-token': login.json().csrfToken },
      });
      expect(logout.statusCode).toBe(204);
      return [session?.secure ?? false, logout.cookies.find((c) => c.name === 'tuowei_session')?.secure ?? false];
    } finally {
      await app.close();
    }
  }

  it('is Secure when a trusted proxy says the request came over HTTPS', async () => {
    expect(await cookies(['127.0.0.1'], 'https')).toEqual([true, true]);
    expect(await cookies(['10.0.0.0/8'], 'https', '10.3.2.1')).toEqual([true, true]);
  });

  it('is not Secure over plain HTTP, nor when the X-Forwarded-Proto comes from someone not trusted', async () => {
    expect(await cookies(['127.0.0.1'], null)).toEqual([false, false]);
    expect(await cookies(['127.0.0.1'], 'http')).toEqual([false, false]);
    // no proxy trusted (the default): anyone could send the header
    expect(await cookies(false, 'https')).toEqual([false, false]);
    // a proxy trusted elsewhere than where the request came from
    expect(await cookies(['10.0.0.1'], 'https', '192.0.2.9')).toEqual([false, false]);
  });

  it('throttles the address the trusted proxy names, not the proxy itself', async () => {
    await sql`delete from login_throttle`.execute(test.database.db);
    const app = await buildApp({ database: test.database, webDist: null, trustProxy: ['127.0.0.1'] });
    try {
      const from = (client: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'x-forwarded-for': client },
          payload: { username: `nobody-${crypto.randomBytes(4).toString('hex')}`, password: 'wrong guess' },
        });
      await from('198.51.100.20');
      const { rows } = await sql<{ key: string }>`
        select key from login_throttle where key like 'address:%' order by key`.execute(test.database.db);
      expect(rows.map((row) => row.key)).toEqual(['address:198.51.100.20']);
    } finally {
      await app.close();
    }
  });
});

describe('TUOWEI_TRUST_PROXY', () => {
  it('trusts no proxy unless told, and the addresses or subnets it is told', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TUOWEI_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TUOWEI_TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,loopback' }).trustProxy).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      'loopback',
    ]);
    expect(loadConfig({ TUOWEI_TRUST_PROXY: '::1' }).trustProxy).toEqual(['::1']);
  });

  it('refuses anything else, saying what it takes', () => {
    for (const value of ['true', '1', 'proxy.example.com', '10.0.0.1;rm']) {
      expect(() => loadConfig({ TUOWEI_TRUST_PROXY: value }), value).toThrow(ConfigError);
    }
    expect(() => loadConfig({ TUOWEI_TRUST_PROXY: 'true' })).toThrow(/0 \(no proxy\) or the proxies' addresses/);
  });
});
