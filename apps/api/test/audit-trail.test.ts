// An audit trail nobody can quietly rewrite: the server serves as a role that may only read and
// append to it, and a hash chain shows a row deleted, changed or slipped in, even by a superuser
// with the triggers off, through GET /api/v1/audit/verify and `npm run audit:verify`.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AuditVerifyView } from '@tuowei/shared';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { buildApp } from '../src/app.ts';
import { systemActor, writeAudit } from '../src/audit.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { defaultServingRole, describeServing, grantServing, openForServing, scramVerifier } from '../src/db/roles.ts';
import { verifyAuditChain } from '../src/routes/audit/chain.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import {
  ADMIN_URL,
  BACKENDS,
  createTestDatabase,
  openTestDatabase,
  type TestDatabase,
  urlForDatabase,
} from './support/backends.ts';
import { readSheetsByName } from './support/libreoffice.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);

type App = Awaited<ReturnType<typeof buildApp>>;

/** `npm run audit:verify` from the repository's root, as an operator types it. */
async function auditVerifyScript(env: Record<string, string>, args: string[] = []) {
  const { DATABASE_URL: _url, TUOWEI_DATA_DIR: _dir, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'audit:verify', '--', ...args], {
      cwd: ROOT,
      env: { ...inherited, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function verify(app: App, client: Client, query = ''): Promise<AuditVerifyView> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/audit/verify${query}`,
    headers: { cookie: client.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** The trail's last row and its size, read straight from the table. */
async function lastRow(database: Database) {
  const { rows } = await sql<{ id: string; hash: string; n: string }>`
    select id::text as id, hash, (select count(*) from audit_log)::text as n
    from audit_log order by audit_log.id desc limit 1`.execute(database.db);
  return { id: Number(rows[0].id), hash: rows[0].hash, rows: Number(rows[0].n) };
}

/** A report PUT per quarter from 2001Q1 on (long ended, none stored), as the entry account: all at once, or one after another. */
async function putReports(app: App, entry: Client, count: number, together = true) {
  const put = (i: number) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/reports/533423/${2001 + Math.floor(i / 4)}Q${(i % 4) + 1}`,
      headers: entry.headers(),
      payload: { places: 100 + i, affordablePlaces: 50 },
    });
  const indexes = Array.from({ length: count }, (_, i) => i);
  if (together) return Promise.all(indexes.map(put));
  const responses = [];
  for (const i of indexes) responses.push(await put(i));
  return responses;
}

describe.each(BACKENDS)('the audit trail on %s', (backend) => {
  let test: TestDatabase;
  let app: App;
  let auditor: Client;
  let entry: Client;
  let leader: Client;
  let admin: Client;

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [
      ACCOUNTS.auditor,
      ACCOUNTS.entryWeixi,
      ACCOUNTS.leaderYunnan,
      ACCOUNTS.admin,
    ]);
    app = await buildApp({ database: test.database, webDist: null });
    auditor = await signIn(app, ACCOUNTS.auditor.username);
    entry = await signIn(app, ACCOUNTS.entryWeixi.username);
    leader = await signIn(app, ACCOUNTS.leaderYunnan.username);
    admin = await signIn(app, ACCOUNTS.admin.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  it('is served by a role that may only read and append to it, through the app’s own pool', async () => {
    const db = test.database.db;
    const role = backend === 'postgres' ? defaultServingRole(new URL(test.location).pathname.slice(1)) : 'tuowei_app';
    const whoami = async () => (await sql<{ user: string }>`select current_user as user`.execute(db)).rows[0].user;
    expect(await whoami()).toBe(role);
    const refused: [string, RegExp][] = [
      ["update audit_log set actor = 'someone else'", /permission denied for table audit_log/],
      ['delete from audit_log', /permission denied for table audit_log/],
      ['truncate audit_log', /permission denied for table audit_log/],
      ['alter table audit_log disable trigger audit_log_no_update_or_delete', /must be owner of table audit_log/],
      ['alter table audit_log disable trigger all', /must be owner of table audit_log/],
      ['drop trigger audit_log_chain on audit_log', /must be owner of (table|relation) audit_log/],
      ['drop table audit_log', /must be owner of table audit_log/],
      ['set session_replication_role = replica', /permission denied to set parameter "session_replication_role"/],
      ["update audit_chain set last_hash = repeat('0', 64)", /permission denied for table audit_chain/],
      ['create table audit_log_copy (id integer)', /permission denied for schema public/],
    ];
    for (const [statement, error] of refused) {
      await expect(sql.raw(statement).execute(db), statement).rejects.toThrow(error);
    }
    expect(await whoami()).toBe(role);
    const { rows: granted } = await sql<{ table: string; privilege: string }>`
      select table_name as table, privilege_type as privilege from information_schema.table_privileges
      where grantee = ${role} and table_name in ('audit_log', 'audit_chain', 'data_versions', 'branch_versions', 'quarterly_reports')
      order by 1, 2`.execute(db);
    expect(granted.map((g) => `${g.table} ${g.privilege}`)).toEqual([
      'audit_chain SELECT',
      'audit_log INSERT',
      'audit_log SELECT',
      'branch_versions SELECT',
      'data_versions SELECT',
      'quarterly_reports DELETE',
      'quarterly_reports INSERT',
      'quarterly_reports SELECT',
      'quarterly_reports UPDATE',
    ]);
  });

  it('takes only the content of an insert: the next id, the time it was chained, its link and hash, in one chain across statements', async () => {
    const db = test.database.db;
    const { rows: now } = await sql<{ at: Date }>`select clock_timestamp() as at`.execute(db);
    const before = await lastRow(test.database);
    // a back-dated approval, with the id, link and hash it would like to have
    await sql`
      insert into audit_log (id, at, actor, actor_role, action, entity, entity_id, prev_id, hash)
      overriding system value
      values (1, '2020-01-10T02:00:00Z', 'reviewer-diqing', 'reviewer', 'approve', 'report', 'back-dated', null,
              ${'f'.repeat(64)})`.execute(db);
    const { rows } = await sql<{ id: string; at: Date; prev_id: string; hash: string }>`
      select id::text as id, at, prev_id::text as prev_id, hash from audit_log where entity_id = 'back-dated'`.execute(
      db,
    );
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].id)).toBe(before.id + 1);
    expect(Number(rows[0].prev_id)).toBe(before.id);
    expect(rows[0].hash).not.toBe('f'.repeat(64));
    expect(new Date(rows[0].at).getTime()).toBeGreaterThanOrEqual(new Date(now[0].at).getTime());
    // the link between a statement's rows, set by the inserter to an older row: its own insert fails
    const first = (await sql<{ hash: string }>`select hash from audit_log where id = 1`.execute(db)).rows[0].hash;
    await expect(
      sql`insert into audit_log (actor, action, entity, entity_id)
          select 'x', 'insert', 'report', set_config('tuowei.audit_chain_link', ${`1:${first}`}, true)`.execute(db),
    ).rejects.toThrow(/is not a row this statement chained/);
    // two statements and a three-row one in one transaction: one chain
    await db.transaction().execute(async (trx) => {
      await sql`insert into audit_log (actor, action, entity, entity_id) values ('a', 'insert', 'report', 'one')`.execute(
        trx,
      );
      await sql`insert into audit_log (actor, action, entity, entity_id)
                select 'a', 'insert', 'report', 'set-' || n from generate_series(1, 3) n`.execute(trx);
      await sql`insert into audit_log (actor, action, entity, entity_id) values ('a', 'insert', 'report', 'two')`.execute(
        trx,
      );
    });
    const after = await lastRow(test.database);
    expect(after.id).toBe(before.id + 6);
    expect(await verify(app, auditor)).toMatchObject({ rows: after.rows, head: { id: after.id }, intact: true });
  });

  // At once on Postgres. The embedded database's pool does not take concurrent requests yet (on
  // main, five PUTs at once get 404, 500 and 401; fifty hang): there they go one after another.
  it(`keeps the chain intact through 50 report PUTs ${backend === 'postgres' ? 'at once' : 'in a row'}, as the API verifies`, async () => {
    const responses = await putReports(app, entry, 50, backend === 'postgres');
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const last = await lastRow(test.database);
    expect(await verify(app, auditor)).toEqual({
      rows: last.rows,
      head: { id: last.id, hash: last.hash },
      intact: true,
      firstBrokenId: null,
    });
    // one chain, in id order: every row links to the row just before it
    const { rows } = await sql<{ n: string }>`
      select count(*)::text as n from audit_log a
      where a.prev_id is distinct from (select max(b.id) from audit_log b where b.id < a.id)`.execute(test.database.db);
    expect(rows[0].n).toBe('0');
  });

  it('chains the audit rows an import writes in one set-based insert', async () => {
    const before = await lastRow(test.database);
    const csv =
      '行政区划代码,季度,托位数,普惠托位数\r\n533423,2015Q1,300,150\r\n533423,2015Q2,310,150\r\n533423,2015Q3,320,160\r\n';
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/import?mode=commit&submit=1',
      headers: entry.headers({ 'content-type': 'text/csv' }),
      payload: csv,
    });
    expect(response.statusCode, response.body).toBe(200);
    // each report's insert and submit
    const after = await lastRow(test.database);
    expect(after.rows - before.rows).toBe(6);
    expect(await verify(app, auditor)).toEqual({
      rows: after.rows,
      head: { id: after.id, hash: after.hash },
      intact: true,
      firstBrokenId: null,
    });
  });

  it('answers auditors and admins only, checks an earlier head, and names a bad one', async () => {
    const leaderAsks = await app.inject({
      method: 'GET',
      url: '/api/v1/audit/verify',
      headers: { cookie: leader.cookie },
    });
    expect(leaderAsks.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/audit/verify' })).statusCode).toBe(401);
    const now = await verify(app, admin);
    const head = now.head as { id: number; hash: string };
    const again = await verify(app, auditor, `?headId=${head.id}&headHash=${head.hash}`);
    expect(again).toMatchObject({ intact: true, earlierHead: { ...head, matches: true } });
    const other = head.hash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const wrong = await verify(app, auditor, `?headId=${head.id}&headHash=${other}`);
    expect(wrong).toMatchObject({ intact: false, firstBrokenId: head.id, earlierHead: { matches: false } });
    for (const [query, field] of [
      [`?headId=${head.id}`, 'querystring.headHash'],
      ['?headId=1&headHash=XYZ', 'querystring.headHash'],
      [`?headId=0&headHash=${head.hash}`, 'querystring.headId'],
      [`?headId=1e400&headHash=${head.hash}`, 'querystring.headId'],
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/audit/verify${query}`,
        headers: { cookie: auditor.cookie, 'accept-language': 'en' },
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it.runIf(backend === 'postgres')('writes the chain head into the audit export and the gap report cover', async () => {
    const { head } = await verify(app, auditor);
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=csv',
      headers: { cookie: auditor.cookie },
    });
    const lines = csv.body.trim().split('\r\n');
    expect(lines.at(-1)).toBe(`审计链头（导出时）,${head?.id},${head?.hash}`);
    // every row up to the head, the head the newest
    expect(lines[1].split(',')[0]).toBe(String(head?.id));
    expect(lines).toHaveLength(1 + (head?.id ?? 0) + 1);
    // a HEAD: what the file is, without its rows
    const asked = await app.inject({
      method: 'HEAD',
      url: '/api/v1/audit/export?format=csv',
      headers: { cookie: auditor.cookie },
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(asked.headers['content-disposition']).toBe(csv.headers['content-disposition']);
    expect(asked.body).toBe('');
    expect(asked.headers['content-length']).toBeUndefined();
    const book = await app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=xlsx',
      headers: { cookie: auditor.cookie, 'accept-language': 'en' },
    });
    expect(readSheetsByName(book.rawPayload).get('Audit chain')).toEqual([
      ['Audit chain head (at export)', String(head?.id), head?.hash],
    ]);
    const report = await app.inject({
      method: 'GET',
      url: '/api/v1/gap-report?root=530000&period=2024Q4&format=xlsx',
      headers: { cookie: auditor.cookie },
    });
    const cover = readSheetsByName(report.rawPayload).get('封面') as string[][];
    expect(cover.find((row) => row[0] === '审计链头')?.[1]).toBe(`#${head?.id} ${head?.hash}`);
  });

  if (backend === 'postgres') {
    it('is verified the same by npm run audit:verify, which exits 0 naming the head', async () => {
      const answer = await verify(app, auditor);
      const script = await auditVerifyScript({ DATABASE_URL: test.location });
      expect(script.code, script.stderr).toBe(0);
      expect(script.stdout).toContain(`${answer.rows} rows`);
      expect(script.stdout).toContain(`head: #${answer.head?.id} ${answer.head?.hash}`);
      expect(script.stdout).toContain('the chain is intact');
    });
  } else {
    it('is verified by npm run audit:verify once the server has let go of the folder, not before', async () => {
      const inUse = await auditVerifyScript({ TUOWEI_DATA_DIR: test.location });
      expect(inUse.code).toBe(2);
      expect(inUse.stderr).toContain(`The data folder ${test.location} is in use`);
      expect(inUse.stderr).toContain('GET /api/v1/audit/verify');
      const answer = await verify(app, auditor);
      await test.close();
      const script = await auditVerifyScript({ TUOWEI_DATA_DIR: test.location }, ['--json']);
      expect(script.code, script.stderr).toBe(0);
      expect(JSON.parse(script.stdout)).toEqual(answer);
      const none = await auditVerifyScript({ TUOWEI_DATA_DIR: path.join(test.location, 'nothing-here') });
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('no embedded database');
      expect(fs.existsSync(path.join(test.location, 'nothing-here', 'pgdata'))).toBe(false);
    });
  }
});

// Side by side: each test has a trail, a database and an app of its own, and spends most of its
// time waiting on `npm run audit:verify` in another process.
describe.concurrent('a superuser rewriting the trail on real Postgres, triggers off', () => {
  /** A fresh trail: the division tree's load (row 1, in the template), 2 accounts, 2 sign-ins and 12 reports, rows 1 to 17. */
  async function trail() {
    const test = await openTestDatabase('postgres');
    await createAccounts(test.database.db, [ACCOUNTS.auditor, ACCOUNTS.entryWeixi]);
    const app = await buildApp({ database: test.database, webDist: null });
    const auditor = await signIn(app, ACCOUNTS.auditor.username);
    const entry = await signIn(app, ACCOUNTS.entryWeixi.username);
    for (const response of await putReports(app, entry, 12)) expect(response.statusCode).toBe(201);
    const superuser = new pg.Client({ connectionString: test.location });
    await superuser.connect();
    return {
      test,
      app,
      auditor,
      superuser,
      async close() {
        await superuser.end();
        await app.close();
        await test.destroy();
      },
    };
  }

  const FORGED_APPROVAL = `
    do $$
    declare
      r audit_log;
      h audit_chain;
    begin
      select * into h from audit_chain where id = 1;
      r.id := h.last_id + 1;
      r.at := '2025-01-10T02:00:00Z';
      r.actor := 'reviewer-diqing';
      r.actor_role := 'reviewer';
      r.action := 'approve';
      r.entity := 'report';
      r.entity_id := 'forged';
      r.jurisdiction_code := '533423';
      r.prev_id := h.last_id;
      r.hash := audit_row_hash(h.last_hash, r);
      insert into audit_log overriding system value select (r).*;
    end $$`;

  const ATTACKS: [string, (superuser: pg.Client) => Promise<number>][] = [
    [
      'deletes a row with the append-only trigger disabled',
      async (superuser) => {
        await superuser.query('alter table audit_log disable trigger audit_log_no_update_or_delete');
        await superuser.query('delete from audit_log where id = 11');
        await superuser.query('alter table audit_log enable trigger audit_log_no_update_or_delete');
        return 11;
      },
    ],
    [
      'changes a row under session_replication_role = replica',
      async (superuser) => {
        await superuser.query('set session_replication_role = replica');
        await superuser.query(`update audit_log set after = jsonb_set(after, '{places}', '9999') where id = 13`);
        await superuser.query('reset session_replication_role');
        return 13;
      },
    ],
    [
      'appends a back-dated approval with the chain trigger disabled, its link and hash made right',
      async (superuser) => {
        await superuser.query('alter table audit_log disable trigger audit_log_chain');
        await superuser.query(FORGED_APPROVAL);
        await superuser.query('alter table audit_log enable trigger audit_log_chain');
        return 18;
      },
    ],
    [
      'deletes the last row with the append-only trigger disabled',
      async (superuser) => {
        await superuser.query('alter table audit_log disable trigger all');
        await superuser.query('delete from audit_log where id = 17');
        await superuser.query('alter table audit_log enable trigger all');
        return 17;
      },
    ],
  ];

  it.each(ATTACKS)('shows where, when a superuser %s', async (_name, attack) => {
    const { test, app, auditor, superuser, close } = await trail();
    try {
      expect(await verify(app, auditor)).toMatchObject({ rows: 17, intact: true });
      const at = await attack(superuser);
      expect(await verify(app, auditor)).toMatchObject({ intact: false, firstBrokenId: at });
      const script = await auditVerifyScript({ DATABASE_URL: test.location });
      expect(script.code).toBe(1);
      expect(script.stdout).toContain(`the chain is BROKEN, first at row #${at}`);
    } finally {
      await close();
    }
  });

  it('is still refused by the append-only trigger while the triggers are on, superuser or not', async () => {
    const { superuser, close } = await trail();
    try {
      await expect(superuser.query('delete from audit_log')).rejects.toThrow(/append-only/);
      await expect(superuser.query(`update audit_log set actor = 'x'`)).rejects.toThrow(/append-only/);
      await expect(superuser.query('truncate audit_log')).rejects.toThrow(/append-only/);
    } finally {
      await close();
    }
  });

  it('cannot hide a rewrite of every row from one on, head included, from an earlier head kept outside', async () => {
    const { test, app, auditor, superuser, close } = await trail();
    try {
      const exported = (await verify(app, auditor)).head as { id: number; hash: string };
      await superuser.query('set session_replication_role = replica');
      await superuser.query(`update audit_log set after = jsonb_set(after, '{places}', '9999') where id = 12`);
      await superuser.query(`
        do $$
        declare
          r audit_log;
          prev text;
        begin
          select hash into prev from audit_log where id = 11;
          for r in select * from audit_log where id >= 12 order by id loop
            r.hash := audit_row_hash(prev, r);
            update audit_log set hash = r.hash where id = r.id;
            prev := r.hash;
          end loop;
          update audit_chain set last_hash = prev;
        end $$`);
      // with the algorithm public and no secret, the rewritten chain holds together by itself …
      expect(await verify(app, auditor)).toMatchObject({ intact: true });
      // … but not against the head an export recorded before
      const query = `?headId=${exported.id}&headHash=${exported.hash}`;
      expect(await verify(app, auditor, query)).toMatchObject({
        intact: false,
        firstBrokenId: exported.id,
        earlierHead: { ...exported, matches: false },
      });
      const script = await auditVerifyScript({ DATABASE_URL: test.location }, [
        '--head-id',
        String(exported.id),
        '--head-hash',
        exported.hash,
      ]);
      expect(script.code).toBe(1);
      expect(script.stdout).toContain(`earlier head #${exported.id} ${exported.hash}: NOT THERE`);
    } finally {
      await close();
    }
  });
});

// each backend's migration on a database of its own, both at once
describe.concurrent.each(BACKENDS)('the chain migration on %s', (backend) => {
  it('chains the rows written before it, a rolled-back id’s gap included, and shows a row slipped into it', async () => {
    const created = backend === 'postgres' ? await createTestDatabase() : null;
    const dataDir = backend === 'embedded' ? fs.mkdtempSync(path.join(os.tmpdir(), 'tuowei-chain-')) : '';
    // the owner's sessions in one time zone; rows written in another (the hash must not care)
    const url = created ? `${created.url}?options=${encodeURIComponent('-c TimeZone=America/Los_Angeles')}` : null;
    const owner = await openDatabase({ databaseUrl: url, dataDir });
    try {
      const db = owner.db;
      if (!created) await sql`set time zone 'America/Los_Angeles'`.execute(db);
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo('2026-11-27-04-township')).error).toBeUndefined();
      await writeAudit(
        db,
        { username: 'admin-all', role: 'admin', requestId: 'req-1' },
        {
          action: 'insert',
          entity: 'plan',
          entityId: 'p-1',
          jurisdictionCode: '533423',
          after: { value: 4.5, title: '维西县托育服务规划' },
          reason: '新规划 "试行"\n第二行',
        },
      );
      // jsonb keeps a numeric's scale: 2.50 stays 2.50 in its text
      await sql`insert into audit_log (actor, action, entity, entity_id, before)
                values ('x', 'update', 'population', '533423/2020', '{"population": 2.50, "b": [1, {"z": null}]}')`.execute(
        db,
      );
      await db
        .transaction()
        .execute(async (trx) => {
          await writeAudit(trx, systemActor('gone'), { action: 'insert', entity: 'user', entityId: 'rolled-back' });
          throw new Error('rolled back: its id stays unused');
        })
        .catch(() => undefined);
      await db.transaction().execute(async (trx) => {
        await sql`set local time zone 'Asia/Shanghai'`.execute(trx);
        await writeAudit(
          trx,
          { username: '', role: 'system', requestId: '' },
          { action: 'login', entity: 'session', entityId: '' },
        );
      });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const { rows } = await sql<{ id: string; prev_id: string | null; at: string; hash: string; after: string }>`
        select id::text as id, prev_id::text as prev_id, hash, after::text as after,
               to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
        from audit_log order by audit_log.id`.execute(db);
      expect(rows.map((r) => [r.id, r.prev_id])).toEqual([
        ['1', null],
        ['2', '1'],
        ['4', '2'],
      ]);
      // row 1's hash, by hand: each field `<bytes>:<text>` or `-` for null, after the 64 zeros
      const field = (text: string | null) => (text === null ? '-' : `${Buffer.byteLength(text)}:${text}`);
      expect(rows[0].after).toBe('{"title": "维西县托育服务规划", "value": 4.5}');
      const message = [
        '0'.repeat(64),
        '1',
        null,
        rows[0].at,
        'admin-all',
        'admin',
        'insert',
        'plan',
        'p-1',
        '533423',
        null,
        rows[0].after,
        '新规划 "试行"\n第二行',
        'req-1',
      ]
        .map(field)
        .join('');
      expect(message.startsWith(`64:${'0'.repeat(64)}1:1-27:20`)).toBe(true);
      expect(rows[0].hash).toBe(crypto.createHash('sha256').update(message).digest('hex'));

      expect(await verifyAuditChain(db)).toEqual({
        rows: 3,
        head: { id: 4, hash: rows[2].hash },
        intact: true,
        firstBrokenId: null,
      });
      // the trail goes on from the head
      await writeAudit(db, systemActor('after'), {
        action: 'insert',
        entity: 'report',
        entityId: 'r',
        after: { a: 1 },
      });
      expect(await verifyAuditChain(db)).toMatchObject({ rows: 4, head: { id: 5 }, intact: true });

      // a row slipped into the gap by the owner, a superuser, its link and hash made right
      await sql`alter table audit_log disable trigger audit_log_chain`.execute(db);
      await sql
        .raw(`
        do $$
        declare
          r audit_log;
        begin
          r.id := 3;
          r.at := '2026-11-30T08:00:00Z';
          r.actor := 'reviewer-diqing';
          r.action := 'approve';
          r.entity := 'report';
          r.entity_id := 'slipped-in';
          r.prev_id := 2;
          r.hash := audit_row_hash((select hash from audit_log where id = 2), r);
          insert into audit_log overriding system value select (r).*;
        end $$`)
        .execute(db);
      await sql`alter table audit_log enable trigger audit_log_chain`.execute(db);
      expect(await verifyAuditChain(db)).toMatchObject({ rows: 5, intact: false, firstBrokenId: 3 });
    } finally {
      await owner.close();
      await created?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the serving role on real Postgres', () => {
  async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it('is granted anew after migrating: a table added later is covered, a privilege granted by hand taken back', async () => {
    const test = await openTestDatabase('postgres');
    const owner = await openDatabase({ databaseUrl: test.location, dataDir: '' });
    try {
      const role = defaultServingRole(new URL(test.location).pathname.slice(1));
      await sql`create table later_records (id integer primary key)`.execute(owner.db);
      await sql`grant update, delete, truncate, trigger on audit_log to ${sql.id(role)}`.execute(owner.db);
      await grantServing(owner.db, role);
      const { rows } = await sql<{ table: string; privilege: string }>`
        select table_name as table, privilege_type as privilege from information_schema.table_privileges
        where grantee = ${role} and table_name in ('audit_log', 'later_records') order by 1, 2`.execute(owner.db);
      expect(rows.map((r) => `${r.table} ${r.privilege}`)).toEqual([
        'audit_log INSERT',
        'audit_log SELECT',
        'later_records DELETE',
        'later_records INSERT',
        'later_records SELECT',
        'later_records UPDATE',
      ]);
    } finally {
      await owner.close();
      await test.destroy();
    }
  });

  it('sets its password as Postgres itself stores one (SCRAM-SHA-256), so the password never travels', async () => {
    const role = `tuowei_test_${crypto.randomBytes(6).toString('hex')}_scram`;
    await asAdmin(async (client) => {
      await client.query(`create role ${role} password 'correct horse battery staple'`);
      try {
        const { rows } = await client.query<{ secret: string }>(
          'select rolpassword as secret from pg_authid where rolname = $1',
          [role],
        );
        const salt = /^SCRAM-SHA-256\$4096:([^$]+)\$/.exec(rows[0].secret)?.[1] as string;
        expect(scramVerifier('correct horse battery staple', Buffer.from(salt, 'base64'))).toBe(rows[0].secret);
      } finally {
        await client.query(`drop role ${role}`);
      }
    });
  });

  it('serves as DATABASE_URL’s role, saying so, where that role may not create roles; as a role made beforehand when given its password', async () => {
    const name = `tuowei_test_${crypto.randomBytes(6).toString('hex')}`;
    const ownerRole = `${name}_owner`;
    const servingRole = defaultServingRole(name);
    await asAdmin(async (client) => {
      await client.query(`create role ${ownerRole} login`);
      await client.query(`create database ${name} owner ${ownerRole}`);
    });
    const url = new URL(urlForDatabase(name));
    url.username = ownerRole;
    try {
      const alone = await openForServing({ databaseUrl: url.toString(), dataDir: '', role: null, password: null });
      try {
        expect(alone.mode).toEqual({
          kind: 'owner',
          role: ownerRole,
          reason: `${ownerRole} may not create roles, and TUOWEI_SERVING_PASSWORD is not set`,
        });
        expect(describeServing(alone.mode)).toContain("could switch the audit trail's append-only triggers off");
        const { rows } = await sql<{ user: string }>`select current_user as user`.execute(alone.database.db);
        expect(rows[0].user).toBe(ownerRole);
      } finally {
        await alone.database.close();
      }
      // a role made beforehand (by a DBA, or compose's init script), named with its password
      await asAdmin((client) => client.query(`create role ${servingRole} login password 'made-by-the-DBA-0123456789'`));
      const given = await openForServing({
        databaseUrl: url.toString(),
        dataDir: '',
        role: null,
        password: 'made-by-the-DBA-0123456789',
      });
      try {
        expect(given.mode).toEqual({ kind: 'login', role: servingRole, owner: ownerRole });
        const { rows } = await sql<{ user: string }>`select current_user as user`.execute(given.database.db);
        expect(rows[0].user).toBe(servingRole);
        await expect(sql`delete from audit_log`.execute(given.database.db)).rejects.toThrow(/permission denied/);
      } finally {
        await given.database.close();
      }
    } finally {
      await asAdmin(async (client) => {
        await client.query(`drop database if exists ${name} with (force)`);
        await client.query(`drop role if exists ${servingRole}`);
        await client.query(`drop role if exists ${ownerRole}`);
      });
    }
  });
});
