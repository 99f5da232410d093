// Failed sign-ins are counted in Postgres: every API process on a database spends one budget per
// account (10 failures, then 15 minutes' wait) and per address (50, then 15 minutes), and a
// stranger's guesses cannot keep an account's owner out for longer than the wait.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNT_RULE, ADDRESS_RULE, purgeLoginThrottle } from '../src/auth/login-throttle.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { ACCOUNTS, createAccounts, TEST_PASSWORD } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

const MINUTE = 60_000;
const OWNER = ACCOUNTS.leaderYunnan.username;

describe.each(BACKENDS)('the login throttle on %s', (backend) => {
  let test: TestDatabase;
  /** A second pool on the same database, as a second API process has (the embedded one is one session). */
  let second: Database;
  let now: Date;
  let first: Awaited<ReturnType<typeof buildApp>>;
  let other: Awaited<ReturnType<typeof buildApp>>;
  let serial = 0;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db);
    second = backend === 'postgres' ? await openDatabase({ databaseUrl: test.location, dataDir: '' }) : test.database;
    const clock = () => now;
    first = await buildApp({ database: test.database, webDist: null, clock });
    other = await buildApp({ database: second, webDist: null, clock });
  });

  afterAll(async () => {
    await first?.close();
    await other?.close();
    if (second && second !== test?.database) await second.close();
    await test?.destroy();
  });

  beforeEach(async () => {
    // each test starts an hour after the last, so that no window or lock carries over
    now = new Date(Date.UTC(2026, 11, 1, 8 + serial++));
    await sql`delete from login_throttle`.execute(test.database.db);
  });

  const login = (
    app: typeof first,
    username: string,
    password: string,
    address = '127.0.0.1',
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: address,
      headers,
      payload: { username, password },
    });

  it('shares one account budget between two app instances on the same database', async () => {
    const statuses: number[] = [];
    // 6 failed guesses through one instance, then 4 through the other: 10, the budget
    for (let i = 0; i < 6; i++) statuses.push((await login(first, OWNER, 'wrong guess')).statusCode);
    for (let i = 0; i < 4; i++) statuses.push((await login(other, OWNER, 'wrong guess')).statusCode);
    expect(statuses).toEqual(Array(10).fill(401));
    // the 11th is refused by either, the right password too: it is not even checked
    for (const app of [first, other]) {
      const refused = await login(app, OWNER, TEST_PASSWORD);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe(String(ACCOUNT_RULE.lockMinutes * 60));
      expect(refused.json()).toEqual({
        error: { code: 'too_many_logins', message: '登录失败次数过多，请 15 分钟后再试。' },
      });
    }
    const english = await login(other, OWNER, 'wrong guess', '127.0.0.1', { 'accept-language': 'en' });
    expect(english.json().error.message).toBe('Too many failed sign-ins; try again in 15 minutes.');
  });

  it('lets no more than 10 of 20 concurrent guesses through, across both instances', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(i % 2 ? first : other, OWNER, 'wrong guess', `10.1.0.${i}`)),
    );
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(10).fill(429)]);
  });

  it('does not let a stranger guessing from many addresses keep the owner out past the 15-minute wait', async () => {
    const start = now.getTime();
    let address = 0;
    const stranger = () =>
      login(address % 2 ? first : other, OWNER, `guess ${address}`, `10.2.${address >> 8}.${address++ & 255}`);
    for (let i = 0; i < ACCOUNT_RULE.failures; i++) expect((await stranger()).statusCode).toBe(401);
    // the stranger keeps guessing, 20 a minute from fresh addresses: refused, and the wait does not grow
    for (let minute = 0; minute < ACCOUNT_RULE.lockMinutes; minute++) {
      now = new Date(start + minute * MINUTE + 30_000);
      for (let i = 0; i < 20; i++) {
        const refused = await stranger();
        expect(refused.statusCode).toBe(429);
        // 15 minutes from the 10th failure, less the minutes and 30 s gone since
        expect(refused.headers['retry-after']).toBe(String((ACCOUNT_RULE.lockMinutes - minute) * 60 - 30));
      }
      expect((await login(first, OWNER, TEST_PASSWORD, '192.0.2.7')).statusCode).toBe(429);
    }
    // the wait is over: the owner's right password signs in
    now = new Date(start + ACCOUNT_RULE.lockMinutes * MINUTE);
    const owner = await login(other, OWNER, TEST_PASSWORD, '192.0.2.7');
    expect(owner.statusCode).toBe(200);
    // and forgives the stranger's failures: a fresh budget of 10
    const after: number[] = [];
    for (let i = 0; i < ACCOUNT_RULE.failures + 1; i++) after.push((await stranger()).statusCode);
    expect(after).toEqual([...Array(ACCOUNT_RULE.failures).fill(401), 429]);
  });

  it('limits one address over many accounts, apart from the account budget', async () => {
    const address = '198.51.100.9';
    // 50 failures from one address, each on another name (existing or not): 1 per account
    for (let i = 0; i < ADDRESS_RULE.failures; i++) {
      expect((await login(i % 2 ? first : other, `nobody-${i}`, 'wrong guess', address)).statusCode).toBe(401);
    }
    const refused = await login(first, ACCOUNTS.auditor.username, TEST_PASSWORD, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    // the accounts are not locked: their owners sign in from elsewhere
    expect((await login(other, ACCOUNTS.auditor.username, TEST_PASSWORD, '198.51.100.10')).statusCode).toBe(200);
    // 15 minutes on, the address may try again
    now = new Date(now.getTime() + ADDRESS_RULE.lockMinutes * MINUTE);
    expect((await login(first, ACCOUNTS.auditor.username, TEST_PASSWORD, address)).statusCode).toBe(200);
  });

  it('counts no right password against the address, and forgets the mistypes its owner corrects', async () => {
    const address = '203.0.113.5';
    for (let i = 0; i < ADDRESS_RULE.failures - 1; i++) {
      expect((await login(first, `nobody-${i}`, 'wrong guess', address)).statusCode).toBe(401);
    }
    // 49 failures: a right password would be the 50th attempt, but it is no failure, twice over
    expect((await login(other, OWNER, TEST_PASSWORD, address)).statusCode).toBe(200);
    expect((await login(first, ACCOUNTS.auditor.username, TEST_PASSWORD, address)).statusCode).toBe(200);
    // the 50th failure locks the address
    expect((await login(other, 'nobody-else', 'wrong guess', address)).statusCode).toBe(401);
    expect((await login(first, OWNER, TEST_PASSWORD, address)).statusCode).toBe(429);

    // 9 mistypes, then the right password: the account starts again from 0, so 9 more are answered
    const elsewhere = '203.0.113.6';
    for (let i = 0; i < ACCOUNT_RULE.failures - 1; i++) {
      expect((await login(first, OWNER, 'mistyped', elsewhere)).statusCode).toBe(401);
    }
    expect((await login(other, OWNER, TEST_PASSWORD, elsewhere)).statusCode).toBe(200);
    for (let i = 0; i < ACCOUNT_RULE.failures - 1; i++) {
      expect((await login(first, OWNER, 'mistyped', elsewhere)).statusCode).toBe(401);
    }
    expect((await login(other, OWNER, TEST_PASSWORD, elsewhere)).statusCode).toBe(200);
  });

  it('purges rows whose window and lock have passed', async () => {
    await login(first, OWNER, 'wrong guess', '203.0.113.7');
    const count = async () =>
      Number((await sql<{ n: string }>`select count(*) n from login_throttle`.execute(test.database.db)).rows[0].n);
    expect(await count()).toBe(2);
    await purgeLoginThrottle(test.database.db, new Date(now.getTime() + 14 * MINUTE));
    expect(await count()).toBe(2);
    await purgeLoginThrottle(test.database.db, new Date(now.getTime() + 15 * MINUTE));
    expect(await count()).toBe(0);
  });
});
