// Nobody writes outside their role and jurisdiction: the matrix is generated from the app's own
// route table, so a new route cannot be forgotten. Sessions: fixation, logout, cookie flags,
// CSRF and the login throttle (login-throttle.test.ts has the rest). Concurrent conflicting updates lose nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Account } from './support/accounts.ts';
import { ACCOUNTS, type Client, createAccounts, signIn, TEST_PASSWORD } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

const NAMES: Record<string, [string, string, string]> = {
  '533423': ['维西傈僳族自治县', 'Weixi Lisu Autonomous County', '533400'],
  '371503': ['茌平区', 'Chiping District', '371500'],
};
const LINEAGE: Record<string, string[]> = {
  '533423': ['533423', '533400', '530000'],
  '371503': ['371503', '371500', '370000'],
};
let serial = 0;
/** New parts of the split successions the matrix records (two digits after the county's four). */
let part = 0;

/** Bodies that pass validation, for routes that take one, for a unit. */
const SAMPLE_BODIES: Record<string, (code: string) => unknown> = {
  'PUT /api/v1/reports/:code/:period': () => ({ places: 700, affordablePlaces: 400 }),
  'POST /api/v1/reports/:code/:period/return': () => ({ reason: 'matrix test' }),
  'PUT /api/v1/indicators/:code/:year': () => ({
    liveBirths: 1600,
    maternalDeaths: 0,
    infantDeaths: 2,
    under5Deaths: 3,
  }),
  'POST /api/v1/indicators/:code/:year/return': () => ({ reason: 'matrix test' }),
  'PUT /api/v1/settings': () => ({ counting: 'submitted_and_approved', reportDeadlineDays: 15 }),
  'PUT /api/v1/jurisdictions/:code': (code) => ({
    name: NAMES[code][0],
    nameEn: NAMES[code][1],
    level: 'county',
    parentCode: NAMES[code][2],
  }),
  'PUT /api/v1/jurisdictions/:code/populations/:year': () => ({ population: 100_000, source: 'matrix test' }),
  'POST /api/v1/plans': (code) => ({
    jurisdictionCode: code,
    documentNumber: null,
    title: 'matrix',
    issuer: 'matrix',
    issuedOn: null,
  }),
  'PUT /api/v1/plans/:planId': (code) => ({
    jurisdictionCode: code,
    documentNumber: null,
    title: 'matrix',
    issuer: 'matrix',
    issuedOn: null,
  }),
  'POST /api/v1/plans/:planId/targets': () => ({
    metric: 'places',
    comparator: 'at_least',
    value: 1,
    dueYear: 2025,
    clause: 'x',
    scope: 'self',
  }),
  'PUT /api/v1/targets/:targetId': () => ({
    metric: 'places',
    comparator: 'at_least',
    value: 2,
    dueYear: 2025,
    clause: 'x',
    scope: 'self',
  }),
  'POST /api/v1/plans/:planId/funding-rules': () => ({
    kind: 'per_place_built',
    rate: 1,
    payer: 'county',
    condition: null,
    clause: 'x',
    description: 'matrix',
  }),
  'PUT /api/v1/funding-rules/:ruleId': () => ({
    kind: 'per_place_built',
    rate: 2,
    payer: 'county',
    condition: null,
    clause: 'x',
    description: 'matrix',
  }),
  'POST /api/v1/users': (code) => ({
    username: `matrix-${++serial}`,
    password: 'a long enough password',
    role: 'leader',
    jurisdictionCode: code,
  }),
  'PUT /api/v1/users/:username': () => ({ displayName: 'matrix test' }),
  'POST /api/v1/residential-projects': (code) => ({
    jurisdictionCode: code,
    name: `matrix-${++serial}`,
    approvedOn: '2024-01-01',
    plannedResidents: 1000,
    plannedPlaces: 7,
  }),
  'PUT /api/v1/residential-projects/:id': (code) => ({
    jurisdictionCode: code,
    name: `matrix-${++serial}`,
    approvedOn: '2024-01-01',
    plannedResidents: 1000,
    plannedPlaces: 8,
  }),
  // a split into a new part each time: every allowed call can succeed again
  'POST /api/v1/successions': (code) => ({
    fromCode: code,
    toCode: `${code.slice(0, 4)}${50 + (++part % 50)}`,
    effectiveOn: '2026-10-01',
    reason: 'matrix test',
    kind: 'split',
    newUnit: { name: 'matrix', nameEn: 'matrix' },
  }),
  'POST /api/v1/successions/edition': (code) => ({
    units: [{ code, name: 'matrix', parentCode: null }],
    effectiveOn: '2026-10-01',
    reason: 'matrix test',
  }),
  'POST /api/v1/targets/:targetId/revise': () => ({
    target: { metric: 'places', comparator: 'at_least', value: 3, dueYear: 2030, clause: 'x', scope: 'self' },
    inForceFrom: '2026-01-01',
  }),
};

/** Query strings that name the unit, for routes that take it there. */
const SAMPLE_QUERIES: Record<string, (code: string) => string> = {
  'GET /api/v1/audit': (code) => `?root=${code}`,
  'GET /api/v1/audit/export': (code) => `?root=${code}&format=csv`,
  'GET /api/v1/gap-report': (code) => `?root=${code}&format=json`,
  'GET /api/v1/residential-projects': (code) => `?root=${code}`,
};

/**
 * What an allowed call answers, on records made afresh for it: the exact success, or for the
 * import (whose body is deliberately empty) the refusal of a missing file. Anything else from an
 * allowed call (a 500, a 404 from a wrong sample) fails the matrix.
 */
const ALLOWED_STATUS: Record<string, number> = {
  'DELETE /api/v1/funding-rules/:ruleId': 200,
  'POST /api/v1/plans/:planId/funding-rules': 201,
  'PUT /api/v1/funding-rules/:ruleId': 200,
  'DELETE /api/v1/jurisdictions/:code/populations/:year': 200,
  'DELETE /api/v1/plans/:planId': 204,
  'DELETE /api/v1/targets/:targetId': 200,
  'GET /api/v1/audit': 200,
  'GET /api/v1/audit/export': 200,
  'GET /api/v1/audit/verify': 200,
  'GET /api/v1/auth/me': 200,
  'GET /api/v1/gap-report': 200,
  'GET /api/v1/import/indicators/template.xlsx': 200,
  'GET /api/v1/import/populations/template.xlsx': 200,
  'GET /api/v1/import/template.xlsx': 200,
  'GET /api/v1/indicators/:code/:year': 200,
  'POST /api/v1/indicators/:code/:year/approve': 200,
  'POST /api/v1/indicators/:code/:year/return': 200,
  'POST /api/v1/indicators/:code/:year/submit': 200,
  'PUT /api/v1/indicators/:code/:year': 200,
  'GET /api/v1/reports/:code/:period': 200,
  'GET /api/v1/reports/:code/:period/history': 200,
  'GET /api/v1/users': 200,
  'POST /api/v1/import': 415,
  'POST /api/v1/import/indicators': 415,
  'POST /api/v1/import/populations': 415,
  'POST /api/v1/plans': 201,
  'POST /api/v1/plans/:planId/targets': 201,
  'POST /api/v1/reports/:code/:period/approve': 200,
  'POST /api/v1/reports/:code/:period/return': 200,
  'POST /api/v1/reports/:code/:period/submit': 200,
  'POST /api/v1/users': 201,
  'PUT /api/v1/jurisdictions/:code': 200,
  'PUT /api/v1/jurisdictions/:code/populations/:year': 200,
  'PUT /api/v1/plans/:planId': 200,
  'PUT /api/v1/reports/:code/:period': 200,
  'PUT /api/v1/settings': 200,
  'PUT /api/v1/targets/:targetId': 200,
  'POST /api/v1/successions': 201,
  'POST /api/v1/successions/edition': 200,
  'POST /api/v1/targets/:targetId/revise': 201,
  'PUT /api/v1/users/:username': 200,
  'DELETE /api/v1/residential-projects/:id': 204,
  'GET /api/v1/residential-projects': 200,
  'POST /api/v1/residential-projects': 201,
  'PUT /api/v1/residential-projects/:id': 200,
  'GET /api/v1/residential-projects/import/template.xlsx': 200,
  'POST /api/v1/residential-projects/import': 415,
};

/** Who made the report each unit's scratch records start from. */
const REPORTER: Record<string, string> = { '533423': 'entry-weixi', '371503': 'entry-chiping' };

type Guarded = { access: NonNullable<Awaited<ReturnType<typeof buildApp>>['routeTable'][number]['access']> };

/** The outcome a role and jurisdiction should get: which roles, and where, each route allows. */
function expected(route: Guarded, account: Account, code: string) {
  const { roles, scope } = route.access;
  if (!roles.includes(account.role)) return 'role_forbidden';
  if (scope === 'none' || account.jurisdictionCode === null) return 'allowed';
  if (scope === 'country') return 'out_of_scope';
  const position = LINEAGE[code].indexOf(account.jurisdictionCode);
  if (position < 0 || (scope === 'below' && position === 0)) return 'out_of_scope';
  return 'allowed';
}

describe('access', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const clients = new Map<string, Client>();

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db);
    app = await buildApp({ database: test.database, webDist: null });
    for (const account of Object.values(ACCOUNTS)) clients.set(account.username, await signIn(app, account.username));
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  /**
   * A plan with one target and an account, at a unit, made straight in the database; its 2023Q2
   * report put back to version 1 in `status`, and its 1990 population back in place: what one
   * allowed call may change, made again before each call.
   */
  async function scratchRecords(code: string, status: 'draft' | 'submitted') {
    const db = test.database.db;
    const report = {
      places: 500,
      affordable_places: 200,
      status,
      version: 1,
      return_reason: null,
      submitted_by: status === 'submitted' ? REPORTER[code] : null,
      submitted_at: status === 'submitted' ? new Date() : null,
      approved_by: null,
      approved_at: null,
    };
    await db
      .insertInto('quarterly_reports')
      .values({ jurisdiction_code: code, year: 2023, quarter: 2, created_by: REPORTER[code], ...report })
      .onConflict((oc) => oc.columns(['jurisdiction_code', 'year', 'quarter']).doUpdateSet(report))
      .execute();
    // the same record for the yearly indicators of 2023, in the same status
    const { places: _places, affordable_places: _affordable, ...review } = report;
    const indicators = { ...review, live_births: 1500, maternal_deaths: 0, infant_deaths: 3, under5_deaths: 4 };
    await db
      .insertInto('yearly_indicators')
      .values({ jurisdiction_code: code, year: 2023, created_by: REPORTER[code], ...indicators })
      .onConflict((oc) => oc.columns(['jurisdiction_code', 'year']).doUpdateSet(indicators))
      .execute();
    await db
      .insertInto('populations')
      .values({ jurisdiction_code: code, year: 1990, population: 90_000, source: 'matrix test' })
      .onConflict((oc) => oc.columns(['jurisdiction_code', 'year']).doNothing())
      .execute();
    const { id: planId } = await db
      .insertInto('plans')
      .values({ jurisdiction_code: code, title: 'scratch', issuer: 'scratch', document_number: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: targetId } = await db
      .insertInto('targets')
      .values({
        plan_id: planId,
        metric: 'places',
        comparator: 'at_least',
        value: 1,
        due_year: 2025,
        clause: 'x',
        scope: 'self',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: ruleId } = await db
      .insertInto('funding_rules')
      .values({ plan_id: planId, kind: 'per_place_built', rate: 1, payer: 'county', clause: 'x', description: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const username = `scratch-${++serial}`;
    await db
      .insertInto('users')
      .values({ username, password_hash: 'not a hash', role: 'leader', jurisdiction_code: code })
      .execute();
    const { id: projectId } = await db
      .insertInto('residential_projects')
      .values({
        jurisdiction_code: code,
        name: username,
        approved_on: '2024-01-01',
        planned_residents: 1000,
        planned_places: 7,
        created_by: 'matrix',
        updated_by: 'matrix',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { planId, targetId, ruleId, username, projectId };
  }

  it('guards every route that writes or reads private data', () => {
    const open = app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'GET' && r.access === null && r.url !== '/api/v1/auth/login',
    );
    expect(open).toEqual([]);
  });

  it('declares the reviewed policy: who may call each guarded route, and where', () => {
    const policy = app.routeTable
      .filter((r) => r.access)
      .map((r) => `${r.method} ${r.url}: ${r.access?.roles.join(',')} ${r.access?.scope}`)
      .sort();
    expect(policy).toEqual([
      'DELETE /api/v1/funding-rules/:ruleId: admin within',
      'DELETE /api/v1/jurisdictions/:code/populations/:year: admin within',
      'DELETE /api/v1/plans/:planId: admin within',
      'DELETE /api/v1/residential-projects/:id: entry within',
      'DELETE /api/v1/targets/:targetId: admin within',
      'GET /api/v1/audit/export: auditor,admin within',
      'GET /api/v1/audit/verify: auditor,admin none',
      'GET /api/v1/audit: auditor,admin within',
      'GET /api/v1/auth/me: entry,reviewer,leader,auditor,admin none',
      'GET /api/v1/gap-report: leader,auditor,admin within',
      'GET /api/v1/import/indicators/template.xlsx: entry none',
      'GET /api/v1/import/populations/template.xlsx: admin none',
      'GET /api/v1/import/template.xlsx: entry,reviewer,leader,auditor,admin none',
      'GET /api/v1/indicators/:code/:year: entry,reviewer,leader,auditor,admin within',
      'GET /api/v1/reports/:code/:period/history: entry,reviewer,leader,auditor,admin within',
      'GET /api/v1/reports/:code/:period: entry,reviewer,leader,auditor,admin within',
      'GET /api/v1/residential-projects/import/template.xlsx: entry,reviewer,leader,auditor,admin none',
      'GET /api/v1/residential-projects: entry,reviewer,leader,auditor,admin within',
      'GET /api/v1/users: admin none',
      'POST /api/v1/auth/logout: entry,reviewer,leader,auditor,admin none',
      'POST /api/v1/import/indicators: entry none',
      'POST /api/v1/import/populations: admin none',
      'POST /api/v1/import: entry none',
      'POST /api/v1/indicators/:code/:year/approve: reviewer below',
      'POST /api/v1/indicators/:code/:year/return: reviewer below',
      'POST /api/v1/indicators/:code/:year/submit: entry within',
      'POST /api/v1/plans/:planId/funding-rules: admin within',
      'POST /api/v1/plans/:planId/targets: admin within',
      'POST /api/v1/plans: admin within',
      'POST /api/v1/reports/:code/:period/approve: reviewer below',
      'POST /api/v1/reports/:code/:period/return: reviewer below',
      'POST /api/v1/reports/:code/:period/submit: entry within',
      'POST /api/v1/residential-projects/import: entry none',
      'POST /api/v1/residential-projects: entry within',
      'POST /api/v1/successions/edition: admin country',
      'POST /api/v1/successions: admin within',
      'POST /api/v1/targets/:targetId/revise: admin within',
      'POST /api/v1/users: admin within',
      'PUT /api/v1/funding-rules/:ruleId: admin within',
      'PUT /api/v1/indicators/:code/:year: entry within',
      'PUT /api/v1/jurisdictions/:code/populations/:year: admin within',
      'PUT /api/v1/jurisdictions/:code: admin within',
      'PUT /api/v1/plans/:planId: admin within',
      'PUT /api/v1/reports/:code/:period: entry within',
      'PUT /api/v1/residential-projects/:id: entry within',
      'PUT /api/v1/settings: admin country',
      'PUT /api/v1/targets/:targetId: admin within',
      'PUT /api/v1/users/:username: admin within',
    ]);
  });

  it('lets each role write only where its role and jurisdiction allow, for every guarded route', async () => {
    const guarded = app.routeTable.filter(
      (r) => r.access && r.url.startsWith('/api/v1/') && r.url !== '/api/v1/auth/logout',
    );
    expect(guarded.length).toBeGreaterThanOrEqual(6);
    const outcomes: string[] = [];
    for (const route of guarded) {
      const params = route.url.match(/:\w+/g) ?? [];
      const unknown = params.filter(
        (p) => ![':code', ':period', ':year', ':planId', ':targetId', ':ruleId', ':username', ':id'].includes(p),
      );
      expect(unknown, `teach this matrix the parameters of ${route.url}`).toEqual([]);
      const key = `${route.method} ${route.url}`;
      expect(ALLOWED_STATUS[key], `teach this matrix what ${key} answers when allowed`).toBeTypeOf('number');
      const reportStatus = /\/(approve|return)$/.test(route.url) ? 'submitted' : 'draft';
      for (const code of ['533423', '371503']) {
        // fresh records for each call: a delete allowed to one account must not change what the next sees
        const request = async () => {
          const scratch = await scratchRecords(code, reportStatus);
          const path = route.url
            .replace(':code', code)
            .replace(':period', '2023Q2')
            .replace(':year', route.url.includes('/indicators/') ? '2023' : '1990')
            .replace(':planId', scratch.planId)
            .replace(':targetId', scratch.targetId)
            .replace(':ruleId', scratch.ruleId)
            .replace(':username', scratch.username)
            .replace(':id', scratch.projectId)
            .concat(SAMPLE_QUERIES[key]?.(code) ?? '');
          return { path, sample: SAMPLE_BODIES[key]?.(code) };
        };
        let current = await request();
        const { path, sample } = current;
        const anonymous = await app.inject({ method: route.method as 'GET', url: path, payload: sample as object });
        expect(anonymous.statusCode, `${route.method} ${path} without a session`).toBe(401);
        for (const account of Object.values(ACCOUNTS)) {
          const client = clients.get(account.username) as Client;
          const { path, sample } = current;
          const response = await app.inject({
            method: route.method as 'GET',
            url: path,
            headers: client.headers({ 'if-match': '"1"' }),
            ...(sample === undefined ? {} : { payload: sample as object }),
          });
          const outcome = expected({ access: route.access as Guarded['access'] }, account, code);
          // refused: 403 with the reason's code, exactly; allowed: the route's own answer, exactly
          const want = outcome === 'allowed' ? `answered ${ALLOWED_STATUS[key]}` : `refused ${outcome}`;
          const got =
            response.statusCode === 403 ? `refused ${response.json().error.code}` : `answered ${response.statusCode}`;
          // a refused call wrote nothing (the end of this test checks): only an allowed one needs new records
          if (outcome === 'allowed') current = await request();
          outcomes.push(`${route.method} ${path} ${account.username}: ${got}`);
          expect(got, `${route.method} ${path} as ${account.username} (${response.statusCode} ${response.body})`).toBe(
            want,
          );
        }
      }
    }
    // nothing written by anyone the matrix refused: every stored report is by an entry account in scope
    const { rows } = await sql<{ created_by: string; jurisdiction_code: string }>`
      select created_by, jurisdiction_code from quarterly_reports`.execute(test.database.db);
    for (const row of rows) {
      expect(['entry-weixi|533423', 'entry-diqing|533423', 'entry-chiping|371503']).toContain(
        `${row.created_by}|${row.jurisdiction_code}`,
      );
    }
    expect(outcomes.length).toBe(guarded.length * 2 * Object.values(ACCOUNTS).length);
  });

  it('refuses a write without the CSRF token', async () => {
    const client = clients.get('entry-weixi') as Client;
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/reports/533423/2023Q3',
      headers: { cookie: client.cookie },
      payload: { places: 1, affordablePlaces: 0 },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_token');
  });

  it('sets a strict, http-only session cookie and starts a new session on every login', async () => {
    const planted = 'tuowei_session=planted-by-an-attacker';
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: planted },
      payload: { username: 'leader-yunnan', password: TEST_PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === 'tuowei_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.value).not.toBe('planted-by-an-attacker');
    expect(cookie?.value.length).toBeGreaterThanOrEqual(40);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: planted } });
    expect(me.statusCode).toBe(401);
  });

  it('ends the session on logout, for good', async () => {
    const client = await signIn(app, 'auditor-all');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: client.cookie } })).statusCode,
    ).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: client.headers() });
    expect(out.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: client.cookie } })).statusCode,
    ).toBe(401);
  });

  it('does not say whether a user exists, and limits login attempts', async () => {
    const attempt = (username: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'wrong password' } });
    const unknown = await attempt('nobody-at-all');
    const wrong = await attempt('admin-all');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt('admin-all')).statusCode);
    // 10 failed guesses per account: the wrong password above spent 1 (the sign-in in beforeAll
    // succeeded, which spends none), so 9 more are answered and the 11th onwards refused
    expect(statuses).toEqual([...Array(9).fill(401), 429, 429, 429]);
    const refused = await attempt('admin-all');
    expect(refused.json().error).toMatchObject({ code: 'too_many_logins' });
    expect(refused.json().error.message).toContain('登录失败次数过多');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // another name from the same address is not locked out by it
    expect((await attempt('auditor-all')).statusCode).toBe(401);
  });

  it('applies exactly one of many concurrent updates started from the same version', async () => {
    const client = clients.get('entry-weixi') as Client;
    const url = '/api/v1/reports/533423/2022Q2';
    const created = await app.inject({
      method: 'PUT',
      url,
      headers: client.headers(),
      payload: { places: 100, affordablePlaces: 50 },
    });
    expect(created.statusCode).toBe(201);
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({
          method: 'PUT',
          url,
          headers: client.headers({ 'if-match': '"1"' }),
          payload: { places: 200 + i, affordablePlaces: 50 },
        }),
      ),
    );
    const applied = attempts.filter((r) => r.statusCode === 200);
    expect(applied).toHaveLength(1);
    expect(attempts.filter((r) => r.statusCode === 409)).toHaveLength(19);
    const final = await app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
    expect(final.json().places).toBe(applied[0].json().places);
    expect(final.json().version).toBe(2);
    const { rows } = await sql<{ n: string }>`
      select count(*) n from audit_log a join quarterly_reports r on r.id::text = a.entity_id
      where r.jurisdiction_code = '533423' and r.year = 2022 and r.quarter = 2 and a.action = 'update'`.execute(
      test.database.db,
    );
    expect(rows[0].n).toBe('1');
  });
});
