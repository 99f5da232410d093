// Anonymous readers: no person's name reaches them, and TUOWEI_PUBLIC_READ=0 keeps every read
// behind signing in (the health check and the sign-in itself aside).
import type { CompletenessView } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { ACCOUNTS, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

describe.each(BACKENDS)('anonymous readers on %s', (backend) => {
  let test: TestDatabase;
  let open: Awaited<ReturnType<typeof buildApp>>;
  let closed: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.auditor, ACCOUNTS.leaderYunnan]);
    await insertReports(test.database.db, [{ code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 }]);
    await sql`
      update quarterly_reports set approved_by = 'reviewer-diqing', approved_at = '2025-01-10T02:00:00Z'
      where jurisdiction_code = '533423'`.execute(test.database.db);
    open = await buildApp({ database: test.database, webDist: null });
    closed = await buildApp({ database: test.database, webDist: null, publicRead: false });
  });

  afterAll(async () => {
    await open?.close();
    await closed?.close();
    await test?.destroy();
  });

  const weixi = async (headers: Record<string, string> = {}) => {
    const response = await open.inject({ method: 'GET', url: '/api/v1/completeness/533400?period=2024Q4', headers });
    expect(response.statusCode).toBe(200);
    return (response.json() as CompletenessView).units.find((unit) => unit.code === '533423');
  };

  it('shows who approved a report to people signed in, and to nobody else', async () => {
    expect(await weixi()).toMatchObject({
      state: 'approved',
      approvedBy: null,
      approvedAt: '2025-01-10T02:00:00.000Z',
    });
    const leader = await signIn(open, ACCOUNTS.leaderYunnan.username);
    expect(await weixi({ cookie: leader.cookie })).toMatchObject({ state: 'approved', approvedBy: 'reviewer-diqing' });
    // the answers are remembered per kind of reader: the signed-in one is not handed to the next anonymous reader
    expect(await weixi()).toMatchObject({ state: 'approved', approvedBy: null });
  });

  it('answers every read without a session when reading is public', async () => {
    const progress = await open.inject({ method: 'GET', url: '/api/v1/progress/533423?period=2024Q4' });
    expect(progress.statusCode).toBe(200);
    expect(progress.json().actual).toMatchObject({ places: 600, affordablePlaces: 350 });
  });

  it('refuses every read without a session when it is not, in the contract shape and the reader’s language', async () => {
    const reads = closed.routeTable.filter(
      (route) => route.method === 'GET' && route.url.startsWith('/api/') && route.access === null,
    );
    // jurisdictions, plans, progress, overview, series, completeness, settings, health at least
    expect(reads.length).toBeGreaterThanOrEqual(8);
    const refused: string[] = [];
    for (const route of reads) {
      const url = route.url
        .replace(':code', '533423')
        .replace(':period', '2024Q4')
        .replace(/:\w+/g, '1')
        .concat('?period=2024Q4&root=533423');
      const response = await closed.inject({ method: 'GET', url });
      if (route.url === '/api/v1/health') {
        expect(response.statusCode, url).toBe(200);
        continue;
      }
      expect(response.statusCode, url).toBe(401);
      expect(response.json(), url).toEqual({ error: { code: 'not_signed_in', message: '请先登录。' } });
      refused.push(route.url);
    }
    expect(refused).toEqual(expect.arrayContaining(['/api/v1/progress/:code', '/api/v1/completeness/:code']));
    const english = await closed.inject({
      method: 'GET',
      url: '/api/v1/plans',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(english.json()).toEqual({ error: { code: 'not_signed_in', message: 'Sign in first.' } });
  });

  it('still lets a person sign in and then read, when reading is not public', async () => {
    const auditor = await signIn(closed, ACCOUNTS.auditor.username);
    const progress = await closed.inject({
      method: 'GET',
      url: '/api/v1/progress/533423?period=2024Q4',
      headers: { cookie: auditor.cookie },
    });
    expect(progress.statusCode).toBe(200);
    expect(progress.json().actual).toMatchObject({ places: 600 });
    const plans = await closed.inject({ method: 'GET', url: '/api/v1/plans', headers: { cookie: auditor.cookie } });
    expect(plans.json()).toHaveLength(5);
  });
});

describe('TUOWEI_PUBLIC_READ', () => {
  it('is on for the embedded demo and off with a real database, unless set', () => {
    expect(loadConfig({}).publicRead).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/tuowei' }).publicRead).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/tuowei', TUOWEI_PUBLIC_READ: '1' }).publicRead).toBe(true);
    expect(loadConfig({ TUOWEI_PUBLIC_READ: '0' }).publicRead).toBe(false);
  });

  it('takes 1 or 0 only', () => {
    expect(() => loadConfig({ TUOWEI_PUBLIC_READ: 'yes' })).toThrow(ConfigError);
  });
});
