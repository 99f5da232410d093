// A lone UTF-16 surrogate ("\ud800", which JSON.parse makes of an escape) in any text field of
// any write: 400 naming the field, in the reader's language, and nothing stored or audited. It
// used to be a 500 from the audit insert, or stored silently as U+FFFD.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

const TABLES = [
  'jurisdictions',
  'populations',
  'plans',
  'targets',
  'users',
  'quarterly_reports',
  'report_institutions',
  'audit_log',
] as const;

interface Case {
  name: string;
  account: keyof typeof ACCOUNTS;
  method: 'PUT' | 'POST';
  url: string;
  body: Record<string, unknown>;
  /** The field the refusal must name. */
  field: string;
  ifMatch?: string;
}

const LONE = ['\ud800', 'a\udfffb'];

function cases(lone: string): Case[] {
  return [
    {
      name: 'a new jurisdiction',
      account: 'admin',
      method: 'PUT',
      url: '/api/v1/jurisdictions/533499',
      body: { name: `新县${lone}`, nameEn: 'New', level: 'county', parentCode: '533400' },
      field: 'body.name',
    },
    {
      name: 'a changed jurisdiction',
      account: 'admin',
      method: 'PUT',
      url: '/api/v1/jurisdictions/533423',
      body: { name: '维西傈僳族自治县', nameEn: `Weixi${lone}`, level: 'county', parentCode: '533400' },
      field: 'body.nameEn',
    },
    {
      name: 'a population',
      account: 'admin',
      method: 'PUT',
      url: '/api/v1/jurisdictions/533423/populations/2024',
      body: { population: 146_000, source: `统计年鉴${lone}` },
      field: 'body.source',
    },
    {
      name: 'a new plan',
      account: 'admin',
      method: 'POST',
      url: '/api/v1/plans',
      body: { jurisdictionCode: '533423', documentNumber: `维发${lone}`, title: 't', issuer: 'i', issuedOn: null },
      field: 'body.documentNumber',
    },
    {
      name: 'a changed plan',
      account: 'admin',
      method: 'PUT',
      url: '/api/v1/plans/PLAN',
      body: { jurisdictionCode: '533423', documentNumber: null, title: 't', issuer: `县政府${lone}`, issuedOn: null },
      field: 'body.issuer',
    },
    {
      name: 'a new target',
      account: 'admin',
      method: 'POST',
      url: '/api/v1/plans/PLAN/targets',
      body: { metric: 'places', comparator: 'at_least', value: 1, dueYear: 2025, clause: lone, scope: 'self' },
      field: 'body.clause',
    },
    {
      name: 'a changed target',
      account: 'admin',
      method: 'PUT',
      url: '/api/v1/targets/TARGET',
      body: { metric: 'places', comparator: 'at_least', value: 1, dueYear: 2025, clause: `一${lone}`, scope: 'self' },
      field: 'body.clause',
    },
    {
      name: 'a new user’s display name',
      account: 'admin',
      method: 'POST',
      url: '/api/v1/users',
      body: {
        username: 'new-user',
        displayName: `张${lone}`,
        password: 'a long enough password',
        role: 'leader',
        jurisdictionCode: '533423',
      },
      field: 'body.displayName',
    },
    {
      name: 'a new user’s password',
      account: 'admin',
      method: 'POST',
      url: '/api/v1/users',
      body: { username: 'new-user', password: `long enough ${lone}`, role: 'leader', jurisdictionCode: '533423' },
      field: 'body.password',
    },
    {
      name: 'a changed display name',
      account: 'admin',
      method: 'PUT',
      url: '/api/v1/users/entry-weixi',
      body: { displayName: `李${lone}` },
      field: 'body.displayName',
    },
    {
      name: 'a new report’s comment',
      account: 'entryWeixi',
      method: 'PUT',
      url: '/api/v1/reports/533423/2025Q2',
      body: { places: 700, affordablePlaces: 400, comment: `新增${lone}` },
      field: 'body.comment',
    },
    {
      name: 'a changed report’s comment',
      account: 'entryWeixi',
      method: 'PUT',
      url: '/api/v1/reports/533423/2025Q1',
      body: { places: 700, affordablePlaces: 400, comment: lone },
      field: 'body.comment',
      ifMatch: '"1"',
    },
    {
      name: 'an institution kind (a key)',
      account: 'entryWeixi',
      method: 'PUT',
      url: '/api/v1/reports/533423/2025Q1',
      body: { places: 700, affordablePlaces: 400, institutions: { [`public${lone}`]: 1 } },
      field: `body.institutions.public${lone}`,
      ifMatch: '"1"',
    },
    {
      name: 'a return’s reason',
      account: 'reviewerDiqing',
      method: 'POST',
      url: '/api/v1/reports/533423/2024Q4/return',
      body: { reason: `数据有误${lone}` },
      field: 'body.reason',
      ifMatch: '"1"',
    },
    {
      name: 'a login',
      account: 'admin',
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { username: `admin-all${lone}`, password: 'x' },
      field: 'body.username',
    },
  ];
}

describe.each(BACKENDS)('lone surrogates on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const clients = new Map<string, Client>();
  const ids = { PLAN: '', TARGET: '' };

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    const db = test.database.db;
    await createAccounts(db, [ACCOUNTS.admin, ACCOUNTS.entryWeixi, ACCOUNTS.reviewerDiqing]);
    // a draft to change and a submitted report to return, both version 1
    await insertReports(db, [
      { code: '533423', period: '2025Q1', places: 650, affordablePlaces: 380, status: 'draft' },
      { code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350, status: 'submitted' },
    ]);
    app = await buildApp({ database: test.database, webDist: null });
    for (const key of ['admin', 'entryWeixi', 'reviewerDiqing'] as const)
      clients.set(key, await signIn(app, ACCOUNTS[key].username));
    const plan = await db
      .selectFrom('plans')
      .select('id')
      .where('jurisdiction_code', '=', '533423')
      .executeTakeFirstOrThrow();
    const target = await db.selectFrom('targets').select('id').where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
    ids.PLAN = plan.id;
    ids.TARGET = target.id;
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  /** Every row of the tables a write could touch, as text: equal before and after means nothing changed. */
  const contents = async () => {
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const { rows } = await sql<{ n: string; digest: string | null }>`
        select count(*)::text n, md5(string_agg(t::text, '|' order by t::text)) digest from ${sql.table(table)} t`.execute(
        test.database.db,
      );
      out[table] = `${rows[0].n} ${rows[0].digest}`;
    }
    return out;
  };

  for (const lone of LONE) {
    for (const c of cases(lone)) {
      it(`refuses ${JSON.stringify(lone)} in ${c.name}, naming ${c.field.replace(lone, '…')}, storing nothing`, async () => {
        const client = clients.get(c.account) as Client;
        const before = await contents();
        const send = (language: string) =>
          app.inject({
            method: c.method,
            url: c.url.replace('PLAN', ids.PLAN).replace('TARGET', ids.TARGET),
            headers: client.headers({
              'content-type': 'application/json',
              'accept-language': language,
              ...(c.ifMatch ? { 'if-match': c.ifMatch } : {}),
            }),
            // JSON.stringify writes a lone surrogate as its escape, as any JSON client sends it
            payload: JSON.stringify(c.body),
          });
        const zh = await send('zh-CN');
        expect(zh.statusCode, zh.body).toBe(400);
        const error = zh.json().error;
        expect(error.code).toBe('invalid_request');
        expect(error.details).toEqual([{ field: c.field, message: expect.stringContaining('孤立的 UTF-16 代理项') }]);
        expect(error.message).toContain(c.field);
        const en = await send('en');
        expect(en.statusCode).toBe(400);
        expect(en.json().error.details[0].message).toContain('lone UTF-16 surrogate');
        expect(await contents()).toEqual(before);
      });
    }
  }

  it('still stores a surrogate pair (an astral character such as 𠀀) as it was sent', async () => {
    const client = clients.get('admin') as Client;
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/jurisdictions/533423/populations/2024',
      headers: client.headers({ 'content-type': 'application/json' }),
      payload: JSON.stringify({ population: 146_000, source: '𠀀 \ud840\udc00 统计' }),
    });
    expect(response.statusCode, response.body).toBe(200);
    const stored = await test.database.db
      .selectFrom('populations')
      .select('source')
      .where('jurisdiction_code', '=', '533423')
      .where('year', '=', 2024)
      .executeTakeFirstOrThrow();
    expect(stored.source).toBe('𠀀 𠀀 统计');
  });

  it('refuses a file name that decodes to no text, and imports nothing', async () => {
    const client = clients.get('entryWeixi') as Client;
    const before = await contents();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/import?mode=commit',
      // %ED%A0%80 is how UTF-8 would write U+D800, which UTF-8 forbids
      headers: client.headers({ 'content-type': 'text/csv', 'x-file-name': '%ED%A0%80.csv' }),
      payload: '行政区划代码,季度,托位数,普惠托位数\n533423,2025Q3,700,400\n',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('invalid_file_name');
    expect(await contents()).toEqual(before);
  });
});
