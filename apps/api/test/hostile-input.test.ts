// Hostile and broken input against every write route: property-based payloads (fast-check),
// malformed JSON, wrong content types, oversized bodies and odd parameters. Never a 5xx, never a
// row that breaks a rule, and every refusal says what was wrong. HOSTILE_RUNS sets the cases
// per route (the test command runs 300; `HOSTILE_RUNS=10000 pnpm vitest run hostile` runs more).

import { malformedTextPath } from '@tuowei/shared';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 300);

/** Text with lone UTF-16 surrogates among ordinary characters ("a\udfffb"), which UTF-8 cannot carry. */
const loneSurrogates = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', '托', ' '),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)),
  ),
  minLength: 1,
  maxLength: 8,
});

/** Values people and programs send where numbers and words belong. */
const nasty = fc.oneof(
  loneSurrogates,
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0.5, 1e12, 2 ** 53, -0, Number.MAX_SAFE_INTEGER, 1e308),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e3',
    'NaN',
    '\u0000',
    '\ud800',
    'a\udfffb',
    '\u202e',
    '𠀀',
    "'; drop table users; --",
    '=1+1',
    '<script>x</script>',
  ),
  fc.string({ minLength: 3000, maxLength: 5000 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** A body shaped like the route's, with any field replaced by something hostile. */
function bodies(sample: Record<string, unknown>) {
  const keys = [...Object.keys(sample), 'institutions', 'extra', '__proto__', 'constructor'];
  return fc.oneof(
    fc.record(Object.fromEntries(keys.map((key) => [key, nasty])), { requiredKeys: [] }),
    fc.record(
      Object.fromEntries(Object.entries(sample).map(([key, value]) => [key, fc.oneof(fc.constant(value), nasty)])),
    ),
    fc.anything(),
  );
}

const WRITE_SAMPLES: Record<string, { account: keyof typeof ACCOUNTS; url: string; body: Record<string, unknown> }> = {
  'PUT /api/v1/reports/:code/:period': {
    account: 'entryWeixi',
    url: '/api/v1/reports/533423/2025Q1',
    body: { places: 700, affordablePlaces: 400, childrenEnrolled: 300, institutions: { public: 1 }, comment: 'x' },
  },
  'POST /api/v1/reports/:code/:period/submit': {
    account: 'entryWeixi',
    url: '/api/v1/reports/533423/2025Q1/submit',
    body: {},
  },
  'POST /api/v1/reports/:code/:period/approve': {
    account: 'reviewerDiqing',
    url: '/api/v1/reports/533423/2025Q1/approve',
    body: {},
  },
  'POST /api/v1/reports/:code/:period/return': {
    account: 'reviewerDiqing',
    url: '/api/v1/reports/533423/2025Q1/return',
    body: { reason: 'x' },
  },
  'PUT /api/v1/indicators/:code/:year': {
    account: 'entryWeixi',
    url: '/api/v1/indicators/533423/2025',
    body: { liveBirths: 1500, maternalDeaths: 3, infantDeaths: 5, under5Deaths: 6, pregnantWomen: 1600 },
  },
  'POST /api/v1/indicators/:code/:year/submit': {
    account: 'entryWeixi',
    url: '/api/v1/indicators/533423/2025/submit',
    body: {},
  },
  'POST /api/v1/indicators/:code/:year/approve': {
    account: 'reviewerDiqing',
    url: '/api/v1/indicators/533423/2025/approve',
    body: {},
  },
  'POST /api/v1/indicators/:code/:year/return': {
    account: 'reviewerDiqing',
    url: '/api/v1/indicators/533423/2025/return',
    body: { reason: 'x' },
  },
  'PUT /api/v1/settings': {
    account: 'admin',
    url: '/api/v1/settings',
    body: { counting: 'approved_only', reportDeadlineDays: 15 },
  },
  'PUT /api/v1/jurisdictions/:code': {
    account: 'admin',
    url: '/api/v1/jurisdictions/533499',
    body: { name: 'x', nameEn: 'x', level: 'county', parentCode: '533400' },
  },
  'PUT /api/v1/jurisdictions/:code/populations/:year': {
    account: 'admin',
    url: '/api/v1/jurisdictions/533423/populations/2024',
    body: { population: 146000, source: 'x' },
  },
  'DELETE /api/v1/jurisdictions/:code/populations/:year': {
    account: 'admin',
    url: '/api/v1/jurisdictions/533423/populations/2030',
    body: {},
  },
  'POST /api/v1/plans': {
    account: 'admin',
    url: '/api/v1/plans',
    body: { jurisdictionCode: '533423', documentNumber: null, title: 't', issuer: 'i', issuedOn: '2024-01-01' },
  },
  'PUT /api/v1/plans/:planId': {
    account: 'admin',
    url: '/api/v1/plans/PLAN',
    body: { jurisdictionCode: '533423', documentNumber: null, title: 't', issuer: 'i', issuedOn: null },
  },
  'DELETE /api/v1/plans/:planId': {
    account: 'admin',
    url: '/api/v1/plans/00000000-0000-0000-0000-000000000000',
    body: {},
  },
  'POST /api/v1/plans/:planId/targets': {
    account: 'admin',
    url: '/api/v1/plans/PLAN/targets',
    body: {
      metric: 'places',
      comparator: 'at_least',
      value: 1,
      dueYear: 2025,
      clause: 'x',
      scope: 'self',
      institutionKind: null,
    },
  },
  'PUT /api/v1/targets/:targetId': {
    account: 'admin',
    url: '/api/v1/targets/TARGET',
    body: { metric: 'places', comparator: 'at_least', value: 1, dueYear: 2025, clause: 'x', scope: 'self' },
  },
  'POST /api/v1/targets/:targetId/revise': {
    account: 'admin',
    url: '/api/v1/targets/TARGET/revise',
    body: {
      target: { metric: 'places', comparator: 'at_least', value: 2, dueYear: 2030, clause: 'x', scope: 'self' },
      inForceFrom: '2026-01-01',
    },
  },
  'POST /api/v1/successions': {
    account: 'admin',
    url: '/api/v1/successions',
    body: {
      fromCode: '533423',
      toCode: '533425',
      effectiveOn: '2026-10-01',
      reason: 'x',
      kind: 'rename',
      newUnit: { name: 'x', nameEn: 'x' },
    },
  },
  'POST /api/v1/successions/edition': {
    account: 'admin',
    url: '/api/v1/successions/edition?mode=commit',
    body: {
      units: [{ code: '533425', name: '维西傈僳族自治县', parentCode: '533400' }],
      effectiveOn: '2026-10-01',
      reason: 'x',
      confirm: [{ fromCode: '533423', toCode: '533425' }],
    },
  },
  'POST /api/v1/plans/:planId/funding-rules': {
    account: 'admin',
    url: '/api/v1/plans/PLAN/funding-rules',
    body: {
      kind: 'per_place_built',
      rate: 2000,
      payer: 'province',
      condition: 'schedule_target_met',
      clause: 'x',
      description: 'x',
      birthOrder: null,
      institutionKind: null,
    },
  },
  'PUT /api/v1/funding-rules/:ruleId': {
    account: 'admin',
    url: '/api/v1/funding-rules/00000000-0000-0000-0000-000000000000',
    body: { kind: 'per_place_built', rate: 2500, payer: 'province', clause: 'x', description: 'x' },
  },
  'DELETE /api/v1/funding-rules/:ruleId': {
    account: 'admin',
    url: '/api/v1/funding-rules/00000000-0000-0000-0000-000000000000',
    body: {},
  },
  'POST /api/v1/residential-projects': {
    account: 'entryWeixi',
    url: '/api/v1/residential-projects',
    body: {
      jurisdictionCode: '533423',
      name: 'x',
      approvedOn: '2024-03-01',
      plannedResidents: 3000,
      plannedPlaces: 12,
    },
  },
  'PUT /api/v1/residential-projects/:id': {
    account: 'entryWeixi',
    url: '/api/v1/residential-projects/00000000-0000-0000-0000-000000000000',
    body: {
      jurisdictionCode: '533423',
      name: 'y',
      approvedOn: '2024-03-01',
      plannedResidents: 3000,
      plannedPlaces: 15,
    },
  },
  'DELETE /api/v1/residential-projects/:id': {
    account: 'entryWeixi',
    url: '/api/v1/residential-projects/00000000-0000-0000-0000-000000000000',
    body: {},
  },
  'POST /api/v1/residential-projects/import': {
    account: 'entryWeixi',
    url: '/api/v1/residential-projects/import?mode=commit',
    body: {},
  },
  'DELETE /api/v1/targets/:targetId': {
    account: 'admin',
    url: '/api/v1/targets/00000000-0000-0000-0000-000000000000',
    body: {},
  },
  'POST /api/v1/users': {
    account: 'admin',
    url: '/api/v1/users',
    body: { username: 'new-user', password: 'a long enough password', role: 'leader', jurisdictionCode: '533423' },
  },
  'PUT /api/v1/users/:username': { account: 'admin', url: '/api/v1/users/entry-weixi', body: { displayName: 'x' } },
  'POST /api/v1/import': { account: 'entryWeixi', url: '/api/v1/import?mode=commit', body: {} },
  'POST /api/v1/import/indicators': { account: 'entryWeixi', url: '/api/v1/import/indicators?mode=commit', body: {} },
  'POST /api/v1/import/populations': { account: 'admin', url: '/api/v1/import/populations?mode=commit', body: {} },
  'POST /api/v1/auth/login': {
    account: 'admin',
    url: '/api/v1/auth/login',
    body: { username: 'admin-all', password: 'x' },
  },
};

describe('hostile input', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const clients = new Map<string, Client>();
  const ids = { PLAN: '', TARGET: '' };

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db);
    app = await buildApp({ database: test.database, webDist: null });
    for (const [key, account] of Object.entries(ACCOUNTS)) clients.set(key, await signIn(app, account.username));
    const plan = await test.database.db
      .selectFrom('plans')
      .select('id')
      .where('jurisdiction_code', '=', '533423')
      .executeTakeFirstOrThrow();
    const target = await test.database.db
      .selectFrom('targets')
      .select('id')
      .where('plan_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    ids.PLAN = plan.id;
    ids.TARGET = target.id;
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  it('knows a sample for every write route', () => {
    const writes = app.routeTable
      .filter((r) => r.url.startsWith('/api/') && r.method !== 'GET' && r.url !== '/api/v1/auth/logout')
      .map((r) => `${r.method} ${r.url}`);
    expect(writes.filter((route) => !WRITE_SAMPLES[route])).toEqual([]);
  });

  const problems: string[] = [];
  /** Answers by route and status, printed at the end (HOSTILE_RUNS=10000 prints the big run's counts). */
  const tally = new Map<string, Map<number, number>>();
  const count = (route: string, status: number) => {
    const byStatus = tally.get(route) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    tally.set(route, byStatus);
  };
  for (const [route, sample] of Object.entries(WRITE_SAMPLES)) {
    it(`never fails on the server for ${route}`, async () => {
      const client = clients.get(sample.account) as Client;
      const method = route.split(' ')[0] as 'PUT';
      const url = sample.url.replace('PLAN', ids.PLAN).replace('TARGET', ids.TARGET);
      await fc.assert(
        fc.asyncProperty(bodies(sample.body), async (body) => {
          const response = await app.inject({
            method,
            url,
            headers: client.headers({ 'if-match': '"1"', 'content-type': 'application/json' }),
            payload: JSON.stringify(body) ?? 'null',
          });
          count(route, response.statusCode);
          if (response.statusCode >= 500)
            problems.push(`${route} ${response.statusCode} ${JSON.stringify(body).slice(0, 200)}`);
          expect(
            response.statusCode,
            `${JSON.stringify(body)?.slice(0, 300)} → ${response.body.slice(0, 300)}`,
          ).toBeLessThan(500);
          if (response.statusCode === 400) {
            const error = response.json().error;
            expect(error.message.length).toBeGreaterThan(0);
          }
          // text no column can keep is never taken (it was a 500, or stored as U+FFFD)
          if (malformedTextPath(JSON.parse(JSON.stringify(body) ?? 'null')))
            expect(response.statusCode, response.body.slice(0, 300)).not.toBeLessThan(300);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('refuses malformed JSON, wrong content types and a 10 MB body with a 4xx', async () => {
    const client = clients.get('entryWeixi') as Client;
    const put = (payload: string, type: string) =>
      app.inject({
        method: 'PUT',
        url: '/api/v1/reports/533423/2025Q2',
        headers: client.headers({ 'content-type': type }),
        payload,
      });
    expect((await put('{"places": 1,', 'application/json')).statusCode).toBe(400);
    expect((await put('places=1', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
    const huge = await put(
      JSON.stringify({ places: 1, affordablePlaces: 0, comment: 'x'.repeat(10 * 1024 * 1024) }),
      'application/json',
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('请求内容过大');
  });

  it('answers odd parameters with 400 or 404, never 500', async () => {
    const client = clients.get('admin') as Client;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 12 }), async (code, period) => {
        for (const url of [
          `/api/v1/progress/${encodeURIComponent(code)}?period=${encodeURIComponent(period)}`,
          `/api/v1/overview?root=${encodeURIComponent(code)}&period=${encodeURIComponent(period)}`,
          `/api/v1/reports/${encodeURIComponent(code)}/${encodeURIComponent(period)}`,
          `/api/v1/targets/${encodeURIComponent(code)}`,
          `/api/v1/audit?root=${encodeURIComponent(code)}&from=${encodeURIComponent(period)}`,
        ]) {
          const response = await app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
          expect(response.statusCode, `${url} → ${response.body.slice(0, 200)}`).toBeLessThan(500);
        }
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });

  it('stored nothing that breaks a rule', async () => {
    const { rows } = await sql<{ bad: string }>`
      select count(*) bad from quarterly_reports where affordable_places > places or places < 0 or quarter not between 1 and 4`.execute(
      test.database.db,
    );
    expect(rows[0].bad).toBe('0');
    expect(problems).toEqual([]);
    const lines = [...tally].map(([route, byStatus]) => {
      const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
      const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
      return `  ${route.padEnd(56)} ${String(total).padStart(6)} cases: ${statuses.join(' ')}`;
    });
    console.log(`hostile input, ${RUNS} cases per route:\n${lines.join('\n')}`);
  });
});
