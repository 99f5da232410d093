// A request's id is written into the audit trail beside every write: it must tell requests apart
// across processes and restarts (Fastify's own counter starts at req-1 in each process), and a
// header sent by a client may set it only when it is a plain short token a proxy would send.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, createAccounts, TEST_PASSWORD } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids in the audit trail', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db, [ACCOUNTS.admin]);
  });
  afterAll(() => test?.destroy());

  /** Signs the admin in through a fresh app (a fresh process's counter) and returns the login's audit row id. */
  async function loginRequestId(headers: Record<string, string> = {}): Promise<string> {
    const app = await buildApp({ database: test.database });
    try {
      const answer = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers,
        payload: { username: ACCOUNTS.admin.username, password: TEST_PASSWORD },
      });
      expect(answer.statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const row = await sql<{ request_id: string }>`
      select request_id from audit_log where action = 'login' order by id desc limit 1`.execute(test.database.db);
    return row.rows[0].request_id;
  }

  it('gives the first request of two processes different ids', async () => {
    const first = await loginRequestId();
    const second = await loginRequestId();
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
  });

  it("keeps a proxy's plain X-Request-Id and replaces one that is long or not a plain token", async () => {
    expect(await loginRequestId({ 'x-request-id': 'edge-7f3a:42' })).toBe('edge-7f3a:42');
    expect(await loginRequestId({ 'x-request-id': 'x'.repeat(65) })).toMatch(UUID);
    expect(await loginRequestId({ 'x-request-id': "1'; drop table audit_log; --" })).toMatch(UUID);
  });
});
