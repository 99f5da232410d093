// Admins set up a county that is not among the shipped five, without a developer: the unit, its
// population, its plan and targets, and its staff's accounts; every write is audited.
import type { PlanView, ProgressView } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

describe('admin', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;
  let yunnanAdmin: Client;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await createAccounts(test.database.db, [ACCOUNTS.admin, ACCOUNTS.adminYunnan]);
    app = await buildApp({ database: test.database, webDist: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
    yunnanAdmin = await signIn(app, ACCOUNTS.adminYunnan.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const call = async (client: Client, method: 'PUT' | 'POST' | 'DELETE' | 'GET', url: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url,
      headers: client.headers(),
      ...(payload ? { payload: payload as object } : {}),
    });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };

  it('adds a new county (白马县, 533425, not in the national tree) under Diqing with its population', async () => {
    const created = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/533425', {
      name: '白马县',
      nameEn: 'Baima County',
      level: 'county',
      parentCode: '533400',
    });
    expect(created).toMatchObject({ status: 201, body: { code: '533425', parentCode: '533400', populations: [] } });
    const population = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/533425/populations/2020', {
      population: 66_000,
      source: '第七次全国人口普查',
    });
    expect(population.body.populations).toEqual([{ year: 2020, population: 66_000, source: '第七次全国人口普查' }]);
    const diqing = await call(admin, 'GET', '/api/v1/jurisdictions/533400');
    // Diqing's three county-level units of the national tree, and the new one
    expect(diqing.body.children).toEqual(['533401', '533422', '533423', '533425']);
  });

  it('refuses a unit at the wrong level, a province from a provincial admin, and anything outside its scope', async () => {
    const wrongLevel = await call(admin, 'PUT', '/api/v1/jurisdictions/533499', {
      name: 'x',
      nameEn: 'x',
      level: 'prefecture',
      parentCode: '533400',
    });
    expect(wrongLevel).toMatchObject({ status: 400, body: { error: { code: 'wrong_level' } } });
    const province = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/540000', {
      name: '西藏自治区',
      nameEn: 'Tibet',
      level: 'province',
      parentCode: null,
    });
    expect(province.status).toBe(403);
    const shandong = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/371503/populations/2024', {
      population: 1,
      source: 'x',
    });
    expect(shandong).toMatchObject({ status: 403, body: { error: { code: 'out_of_scope' } } });
  });

  it('adds a township under Weixi with its nine-digit code, and refuses codes that do not fit', async () => {
    const township = { name: '保和镇', nameEn: 'Baohe Town', level: 'township', parentCode: '533423' };
    const created = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/533423101', township);
    expect(created).toMatchObject({
      status: 201,
      body: { code: '533423101', level: 'township', parentCode: '533423' },
    });
    const weixi = await call(admin, 'GET', '/api/v1/jurisdictions/533423');
    expect(weixi.body.children).toEqual(['533423101']);
    // Weixi's own reports still stand for it; the township is one unit below it
    const progress = await call(admin, 'GET', '/api/v1/progress/533423101?period=2024Q4');
    expect(progress.status).toBe(200);

    const sixDigits = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/533424', township);
    expect(sixDigits).toMatchObject({ status: 400, body: { error: { code: 'code_for_level' } } });
    const nineDigitCounty = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/533400001', {
      ...township,
      level: 'county',
      parentCode: '533400',
    });
    expect(nineDigitCounty).toMatchObject({ status: 400, body: { error: { code: 'code_for_level' } } });
    const elsewhere = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/533425102', township);
    expect(elsewhere).toMatchObject({ status: 400, body: { error: { code: 'code_outside_parent' } } });
    const eightDigits = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/53342310', township);
    expect(eightDigits).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    const belowTownship = await call(yunnanAdmin, 'PUT', '/api/v1/jurisdictions/533423102', {
      ...township,
      parentCode: '533423101',
    });
    expect(belowTownship.status).toBe(400);
    // nothing of the refused ones was stored
    const after = await call(admin, 'GET', '/api/v1/jurisdictions/533423');
    expect(after.body.children).toEqual(['533423101']);
  });

  it("gives Baima a plan and targets, and measures it against them and Yunnan's", async () => {
    const plan = await call(yunnanAdmin, 'POST', '/api/v1/plans', {
      jurisdictionCode: '533425',
      documentNumber: '德发〔2023〕9号',
      title: '白马县优化生育政策促进人口长期均衡发展实施方案',
      issuer: '中共白马县委 白马县人民政府',
      issuedOn: '2023-09-01',
    });
    expect(plan.status).toBe(201);
    const planId = (plan.body as PlanView).id;
    const share = await call(yunnanAdmin, 'POST', `/api/v1/plans/${planId}/targets`, {
      metric: 'affordable_share',
      comparator: 'at_least',
      value: 60,
      dueYear: 2025,
      clause: '一',
      scope: 'self',
    });
    expect(share.status).toBe(400);
    expect(share.body.error.details[0]).toMatchObject({ field: 'body.value', message: expect.stringContaining('0.6') });
    const ratio = await call(yunnanAdmin, 'POST', `/api/v1/plans/${planId}/targets`, {
      metric: 'places_per_1000',
      comparator: 'at_least',
      value: 4,
      dueYear: 2025,
      clause: '一(二)',
      scope: 'self',
    });
    expect(ratio.status).toBe(201);
    const progress = await app.inject({ method: 'GET', url: '/api/v1/progress/533425?period=2024Q4' });
    const targets = (progress.json() as ProgressView).targets;
    expect(targets).toEqual([
      expect.objectContaining({ documentNumber: '德发〔2023〕9号', value: 4, status: 'no_data', binding: true }),
    ]);
    const duplicate = await call(yunnanAdmin, 'POST', '/api/v1/plans', {
      jurisdictionCode: '533425',
      documentNumber: '维发〔2023〕15号',
      title: 'x',
      issuer: 'x',
      issuedOn: null,
    });
    expect(duplicate).toMatchObject({ status: 409, body: { error: { code: 'duplicate_document_number' } } });
  });

  it('edits and removes targets, and refuses an id that is not one', async () => {
    const plans = (await call(admin, 'GET', '/api/v1/plans')).body as PlanView[];
    const baima = plans.find((p) => p.jurisdictionCode === '533425') as PlanView;
    const targetId = baima.targets[0].id;
    const edited = await call(yunnanAdmin, 'PUT', `/api/v1/targets/${targetId}`, {
      ...baima.targets[0],
      id: undefined,
      value: 4.5,
    });
    expect(edited.body.targets[0].value).toBe(4.5);
    expect((await call(yunnanAdmin, 'DELETE', `/api/v1/targets/${targetId}`)).body.targets).toEqual([]);
    expect((await call(admin, 'DELETE', '/api/v1/targets/not-a-uuid')).status).toBe(400);
    expect((await call(admin, 'DELETE', '/api/v1/targets/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it("creates Baima's staff accounts, and a deactivated account cannot sign in", async () => {
    const created = await call(yunnanAdmin, 'POST', '/api/v1/users', {
      username: 'baima-entry',
      password: 'a long enough password',
      role: 'entry',
      jurisdictionCode: '533425',
    });
    expect(created).toMatchObject({ status: 201, body: { username: 'baima-entry', role: 'entry', active: true } });
    expect(JSON.stringify(created.body)).not.toContain('password');
    const staff = await signIn(app, 'baima-entry', 'a long enough password');
    const write = await app.inject({
      method: 'PUT',
      url: '/api/v1/reports/533425/2025Q1',
      headers: staff.headers(),
      payload: { places: 120, affordablePlaces: 80 },
    });
    expect(write.statusCode).toBe(201);
    const national = await call(yunnanAdmin, 'POST', '/api/v1/users', {
      username: 'everywhere',
      password: 'a long enough password',
      role: 'auditor',
      jurisdictionCode: null,
    });
    expect(national.status).toBe(403);
    const off = await call(yunnanAdmin, 'PUT', '/api/v1/users/baima-entry', { active: false });
    expect(off.body.active).toBe(false);
    // the account's sessions ended with it
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: staff.cookie } })).statusCode,
    ).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'baima-entry', password: 'a long enough password' },
    });
    expect(login.statusCode).toBe(401);
    const listed = await call(yunnanAdmin, 'GET', '/api/v1/users');
    expect(listed.body.map((u: { username: string }) => u.username)).toEqual(['admin-yunnan', 'baima-entry']);
  });

  it('audits every kind of admin write, and never a password', async () => {
    const { rows } = await sql<{ entity: string; action: string; after: unknown }>`
      select entity, action, after from audit_log where actor = 'admin-yunnan' order by id`.execute(test.database.db);
    expect(rows.map((r) => `${r.entity}:${r.action}`)).toEqual([
      'session:login',
      'jurisdiction:insert',
      'population:insert',
      'jurisdiction:insert',
      'plan:insert',
      'target:insert',
      'target:update',
      'target:delete',
      'user:insert',
      'user:update',
    ]);
    expect(JSON.stringify(rows)).not.toContain('a long enough password');
  });
});
