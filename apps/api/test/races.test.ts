// Twenty admins pressing save at once on one record: each create or upsert answers 201/200 or
// 409, never 500, and each audit row's before is the value its own write replaced, so that the
// trail read in order is one insert followed by updates whose befores chain.
import type { PlanView } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';

const RACERS = 20;
const each = <T>(make: (i: number) => T): T[] => Array.from({ length: RACERS }, (_, i) => make(i));

interface AuditRow {
  id: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor: string | null;
  actor_role: string | null;
  request_id: string | null;
}

/** The statuses, sorted, as a multiset to compare whole. */
const multiset = (statuses: number[]) => [...statuses].sort((a, b) => a - b);
const times = (status: number, n: number) => Array.from({ length: n }, () => status);

/** Every later row's before is the row before it's after, in the order the trail was written. */
function expectChained(rows: AuditRow[], pick: (value: Record<string, unknown>) => unknown) {
  for (let i = 1; i < rows.length; i++) {
    expect(rows[i].before, `row ${i} (id ${rows[i].id})`).not.toBeNull();
    expect(pick(rows[i].before as Record<string, unknown>), `row ${i} (id ${rows[i].id})`).toEqual(
      pick(rows[i - 1].after as Record<string, unknown>),
    );
  }
  // twenty writes, twenty requests, each named
  expect(new Set(rows.map((row) => row.request_id)).size).toBe(rows.length);
  for (const row of rows) expect(row).toMatchObject({ actor: ACCOUNTS.admin.username, actor_role: 'admin' });
}

describe.each(BACKENDS)('concurrent admin writes on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.admin]);
    app = await buildApp({ database: test.database, webDist: null });
    admin = await signIn(app, ACCOUNTS.admin.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  /** All at once: every request is in flight before any answers. */
  const race = async (
    method: 'PUT' | 'POST' | 'DELETE',
    url: string | ((i: number) => string),
    payload: ((i: number) => object) | null,
    language: (i: number) => string = () => 'zh-CN',
  ) => {
    const responses = await Promise.all(
      each((i) =>
        app.inject({
          method,
          url: typeof url === 'string' ? url : url(i),
          headers: admin.headers({ 'accept-language': language(i) }),
          ...(payload ? { payload: payload(i) } : {}),
        }),
      ),
    );
    return responses.map((response, i) => ({
      i,
      status: response.statusCode,
      body: response.body ? response.json() : null,
      language: language(i),
    }));
  };

  const auditOf = async (entity: string, entityId: string) => {
    const { rows } = await sql<AuditRow>`
      select id::text as id, action, before, after, actor, actor_role, request_id from audit_log
      where entity = ${entity} and entity_id = ${entityId} order by audit_log.id`.execute(test.database.db);
    return rows;
  };

  it('creates one account of a name asked for twenty times at once, and tells the other nineteen it is taken', async () => {
    // the name in two letter cases: one account, whichever case comes first
    const answers = await race(
      'POST',
      '/api/v1/users',
      (i) => ({
        username: i % 2 === 0 ? 'race-clerk' : 'Race-Clerk',
        password: 'a long enough password',
        role: 'entry',
        jurisdictionCode: '533423',
      }),
      (i) => (i % 4 === 0 ? 'en' : 'zh-CN'),
    );
    expect(multiset(answers.map((a) => a.status))).toEqual([201, ...times(409, RACERS - 1)]);
    for (const answer of answers.filter((a) => a.status === 409)) {
      const name = answer.i % 2 === 0 ? 'race-clerk' : 'Race-Clerk';
      expect(answer.body.error).toMatchObject({
        code: 'duplicate_username',
        message: answer.language === 'en' ? `The user name ${name} is taken.` : `用户名 ${name} 已被使用。`,
      });
    }
    const { rows } = await sql<{ n: string }>`
      select count(*)::text as n from users where lower(username) = 'race-clerk'`.execute(test.database.db);
    expect(rows[0].n).toBe('1');
    const { rows: inserts } = await sql<{ n: string }>`
      select count(*)::text as n from audit_log where entity = 'user' and lower(entity_id) = 'race-clerk'`.execute(
      test.database.db,
    );
    expect(inserts[0].n).toBe('1');
  });

  it('edits one account twenty times at once, each audit row before what its own write replaced', async () => {
    const winner = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers() }))
      .json()
      .find((user: { username: string }) => user.username.toLowerCase() === 'race-clerk').username as string;
    const answers = await race('PUT', `/api/v1/users/${winner}`, (i) => ({ displayName: `文员 ${i}` }));
    expect(multiset(answers.map((a) => a.status))).toEqual(times(200, RACERS));
    const rows = (await auditOf('user', winner)).filter((row) => row.action === 'update');
    expect(rows).toHaveLength(RACERS);
    // the first edit replaced the name the account was created with (none)
    expect(rows[0].before).toMatchObject({ displayName: '' });
    expectChained(rows, (value) => value.displayName);
    const stored = await sql<{ display_name: string }>`
      select display_name from users where username = ${winner}`.execute(test.database.db);
    expect(stored.rows[0].display_name).toBe(rows[RACERS - 1].after?.displayName);
  });

  it('adds a new jurisdiction once when twenty admins put it at once; the others rename it, in turn', async () => {
    const answers = await race('PUT', '/api/v1/jurisdictions/533499', (i) => ({
      name: `竞速县${i}`,
      nameEn: `Race County ${i}`,
      level: 'county',
      parentCode: '533400',
    }));
    expect(multiset(answers.map((a) => a.status))).toEqual([...times(200, RACERS - 1), 201]);
    const rows = await auditOf('jurisdiction', '533499');
    expect(rows.map((row) => row.action)).toEqual(['insert', ...times(0, RACERS - 1).map(() => 'update')]);
    expect(rows[0].before).toBeNull();
    expectChained(rows, (value) => value.name);
    const stored = await app.inject({ method: 'GET', url: '/api/v1/jurisdictions/533499' });
    expect(stored.json()).toMatchObject({ name: rows[RACERS - 1].after?.name, parentCode: '533400' });
  });

  it('refuses, with 409 and never 500, the ones of twenty that would move an existing unit, and renames with the rest', async () => {
    // even i: a rename (200); odd i: a new parent, which a unit never takes (409)
    const answers = await race(
      'PUT',
      '/api/v1/jurisdictions/533499',
      (i) => ({ name: `竞速县 ${i}`, nameEn: `Race ${i}`, level: 'county', parentCode: i % 2 ? '530100' : '533400' }),
      (i) => (i % 4 === 1 ? 'en' : 'zh-CN'),
    );
    expect(multiset(answers.map((a) => a.status))).toEqual([...times(200, RACERS / 2), ...times(409, RACERS / 2)]);
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.i % 2).toBe(1);
      expect(answer.body.error.code).toBe('jurisdiction_fixed');
      expect(answer.body.error.message).toBe(
        answer.language === 'en'
          ? 'The level and parent of 533499 cannot change (now county, parent 533400).'
          : '533499 的层级和上级单位不能修改（现为 county，上级 533400）。',
      );
    }
    const rows = await auditOf('jurisdiction', '533499');
    expect(rows).toHaveLength(RACERS + RACERS / 2);
    expectChained(rows, (value) => value.name);
  });

  it("puts a year's population twenty times at once: one insert, then updates whose befores chain", async () => {
    const answers = await race('PUT', '/api/v1/jurisdictions/533423/populations/1977', (i) => ({
      population: 100_000 + i,
      source: `竞速 ${i}`,
    }));
    expect(multiset(answers.map((a) => a.status))).toEqual(times(200, RACERS));
    const rows = await auditOf('population', '533423/1977');
    expect(rows.map((row) => row.action)).toEqual(['insert', ...times(0, RACERS - 1).map(() => 'update')]);
    expect(rows[0].before).toBeNull();
    expectChained(rows, (value) => [value.population, value.source]);
    const stored = await app.inject({ method: 'GET', url: '/api/v1/jurisdictions/533423' });
    const figure = stored.json().populations.find((p: { year: number }) => p.year === 1977);
    expect(figure).toEqual({
      year: 1977,
      population: rows[RACERS - 1].after?.population,
      source: rows[RACERS - 1].after?.source,
    });
  });

  it('saves the settings twenty times at once, each audit row before what its own write replaced', async () => {
    const answers = await race('PUT', '/api/v1/settings', (i) => ({
      counting: i % 2 ? 'approved_only' : 'submitted_and_approved',
      reportDeadlineDays: 1 + i,
    }));
    expect(multiset(answers.map((a) => a.status))).toEqual(times(200, RACERS));
    const rows = await auditOf('setting', 'settings');
    expect(rows).toHaveLength(RACERS);
    // the first replaced the defaults, nothing having been saved before
    expect(rows[0].before).toEqual({ counting: 'submitted_and_approved', reportDeadlineDays: 15 });
    expectChained(rows, (value) => value);
    const stored = await app.inject({ method: 'GET', url: '/api/v1/settings' });
    expect(stored.json()).toEqual(rows[RACERS - 1].after);
  });

  const planInput = (i: number) => ({
    jurisdictionCode: '533423',
    documentNumber: '维竞〔2026〕1号',
    title: `维西县竞速规划 ${i}`,
    issuer: '维西县人民政府',
    issuedOn: '2026-12-01',
  });
  let planId = '';

  it('creates one plan of a document number posted twenty times at once; the others are told it is used', async () => {
    const answers = await race('POST', '/api/v1/plans', planInput, (i) => (i % 4 === 2 ? 'en' : 'zh-CN'));
    expect(multiset(answers.map((a) => a.status))).toEqual([201, ...times(409, RACERS - 1)]);
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.body.error).toMatchObject({
        code: 'duplicate_document_number',
        message:
          answer.language === 'en'
            ? 'The document number 维竞〔2026〕1号 is used by another plan.'
            : '文号 维竞〔2026〕1号 已被另一个规划使用。',
      });
    }
    planId = (answers.find((a) => a.status === 201) as { body: PlanView }).body.id;
    const { rows } = await sql<{ n: string }>`
      select count(*)::text as n from plans where document_number = '维竞〔2026〕1号'`.execute(test.database.db);
    expect(rows[0].n).toBe('1');
    expect(await auditOf('plan', planId)).toHaveLength(1);
  });

  it('edits one plan twenty times at once, each audit row before what its own write replaced', async () => {
    const answers = await race('PUT', `/api/v1/plans/${planId}`, (i) => ({ ...planInput(i), title: `改 ${i}` }));
    expect(multiset(answers.map((a) => a.status))).toEqual(times(200, RACERS));
    const rows = (await auditOf('plan', planId)).filter((row) => row.action === 'update');
    expect(rows).toHaveLength(RACERS);
    expect(rows[0].before?.title).toMatch(/^维西县竞速规划 \d+$/);
    expectChained(rows, (value) => value.title);
  });

  const targetInput = (i: number) => ({
    metric: 'places_per_1000',
    comparator: 'at_least',
    value: 1 + i / 10,
    dueYear: 2030,
    clause: `第 ${i} 条`,
    scope: 'self',
  });

  it('adds twenty targets to one plan at once, each placed after the others, none lost', async () => {
    const answers = await race('POST', `/api/v1/plans/${planId}/targets`, targetInput);
    expect(multiset(answers.map((a) => a.status))).toEqual(times(201, RACERS));
    const { rows } = await sql<{ sort_order: number }>`
      select sort_order from targets where plan_id = ${planId} order by sort_order`.execute(test.database.db);
    expect(rows.map((row) => row.sort_order)).toEqual(each((i) => i));
    const { rows: inserts } = await sql<{ n: string }>`
      select count(*)::text as n from audit_log
      where entity = 'target' and action = 'insert' and after->>'planId' = ${planId}`.execute(test.database.db);
    expect(inserts[0].n).toBe(String(RACERS));
  });

  it('edits one target twenty times at once, each audit row before what its own write replaced', async () => {
    const { rows: first } = await sql<{ id: string }>`
      select id from targets where plan_id = ${planId} and sort_order = 0`.execute(test.database.db);
    const targetId = first[0].id;
    const answers = await race('PUT', `/api/v1/targets/${targetId}`, (i) => ({ ...targetInput(i), value: 5 + i }));
    expect(multiset(answers.map((a) => a.status))).toEqual(times(200, RACERS));
    const rows = await auditOf('target', targetId);
    expect(rows.map((row) => row.action)).toEqual(['insert', ...times(0, RACERS).map(() => 'update')]);
    expectChained(rows, (value) => value.value);
  });

  it('removes a population once when twenty deletes come at once; the others find nothing to remove', async () => {
    const before = await auditOf('population', '533423/1977');
    const answers = await race('DELETE', '/api/v1/jurisdictions/533423/populations/1977', null);
    expect(multiset(answers.map((a) => a.status))).toEqual([200, ...times(404, RACERS - 1)]);
    for (const answer of answers.filter((a) => a.status === 404)) expect(answer.body.error.code).toBe('no_population');
    const rows = (await auditOf('population', '533423/1977')).slice(before.length);
    expect(rows.map((row) => row.action)).toEqual(['delete']);
    // what it removed is what the last of the twenty puts wrote
    expect(rows[0].before).toEqual(before[before.length - 1].after);
  });

  it('removes a target once when twenty deletes come at once; the others are told there is none', async () => {
    const { rows: last } = await sql<{ id: string }>`
      select id from targets where plan_id = ${planId} and sort_order = ${RACERS - 1}`.execute(test.database.db);
    const targetId = last[0].id;
    const answers = await race('DELETE', `/api/v1/targets/${targetId}`, null);
    expect(multiset(answers.map((a) => a.status))).toEqual([200, ...times(404, RACERS - 1)]);
    for (const answer of answers.filter((a) => a.status === 404)) expect(answer.body.error.code).toBe('no_target');
    expect((await auditOf('target', targetId)).map((row) => row.action)).toEqual(['insert', 'delete']);
  });
});
