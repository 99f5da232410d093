// The writing half of the API (docs/api.md): sessions, quarterly reports through review, versions,
// validation, and the audit trail; on real Postgres and on the embedded default.
import type { ProgressView, ReportView } from '@tuowei/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { ACCOUNTS, type Client, createAccounts, signIn } from './support/accounts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/backends.ts';
import { insertReports } from './support/reports.ts';

describe.each(BACKENDS)('reports on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;
  let reviewer: Client;
  const url = '/api/v1/reports/533423/2025Q1';

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await insertReports(test.database.db, [{ code: '533423', period: '2024Q4', places: 600, affordablePlaces: 350 }]);
    await createAccounts(test.database.db, [ACCOUNTS.entryWeixi, ACCOUNTS.reviewerDiqing]);
    app = await buildApp({ database: test.database, webDist: null });
    entry = await signIn(app, ACCOUNTS.entryWeixi.username);
    reviewer = await signIn(app, ACCOUNTS.reviewerDiqing.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const send = async (
    client: Client,
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    payload?: unknown,
    version?: number,
  ) => {
    const response = await app.inject({
      method,
      url: path,
      headers: client.headers(version === undefined ? {} : { 'if-match': `"${version}"` }),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json(), etag: response.headers.etag };
  };
  const auditOf = async () => {
    const { rows } = await sql<{
      action: string;
      actor: string;
      reason: string | null;
      before: unknown;
      after: unknown;
    }>`
      select action, actor, reason, before, after from audit_log where entity = 'report' order by id`.execute(
      test.database.db,
    );
    return rows;
  };
  const places = async (period: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/progress/533423?period=${period}` });
    return (response.json() as ProgressView).actual?.places;
  };

  it('creates a draft, with last quarter beside it', async () => {
    const created = await send(entry, 'PUT', url, {
      places: 610,
      affordablePlaces: 355,
      institutions: { demonstration: 1 },
    });
    expect(created.status).toBe(201);
    expect(created.etag).toBe('"1"');
    const view = created.body as ReportView;
    expect(view).toMatchObject({
      status: 'draft',
      version: 1,
      places: 610,
      childrenEnrolled: null,
      createdBy: 'entry-weixi',
    });
    expect(view.previous).toMatchObject({ period: '2024Q4', places: 600 });
    expect(view.warnings).toEqual([]);
    // a draft is its author's: dashboards still stand on 2024Q4
    expect(await places('2025Q1')).toBe(600);
  });

  it('needs the version it started from to replace it, and answers a stale one with the current report', async () => {
    expect((await send(entry, 'PUT', url, { places: 611, affordablePlaces: 355 })).status).toBe(428);
    const updated = await send(entry, 'PUT', url, { places: 612, affordablePlaces: 355 }, 1);
    expect(updated).toMatchObject({ status: 200, etag: '"2"', body: { version: 2, places: 612 } });
    const stale = await send(entry, 'PUT', url, { places: 999, affordablePlaces: 355 }, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.details.current).toMatchObject({ version: 2, places: 612 });
  });

  it.each([
    [
      'affordable above total',
      { places: 10, affordablePlaces: 11 },
      'body.affordablePlaces',
      '普惠托位数不能大于托位总数',
    ],
    ['negative places', { places: -1, affordablePlaces: 0 }, 'body.places', '不能为负数'],
    ['fractional places', { places: 10.5, affordablePlaces: 0 }, 'body.places', '应为整数'],
    ['places as text', { places: '10', affordablePlaces: 0 }, 'body.places', '应为整数'],
    ['a huge number', { places: 1e12, affordablePlaces: 0 }, 'body.places', '2,000,000'],
    [
      'an unknown institution kind',
      { places: 10, affordablePlaces: 0, institutions: { castles: 1 } },
      'body.institutions',
      '含有不认识的项目：castles',
    ],
    ['a missing field', { places: 10 }, 'body.affordablePlaces', '必填'],
  ])('refuses %s, naming the field, and stores nothing', async (_name, payload, field, words) => {
    const refused = await send(entry, 'PUT', url, payload, 2);
    expect(refused.status).toBe(400);
    const problem = refused.body.error.details.find((d: { field: string }) => d.field.startsWith(field));
    expect(problem, JSON.stringify(refused.body)).toBeDefined();
    expect(problem.message).toContain(words);
    expect((await send(entry, 'GET', url)).body).toMatchObject({ version: 2, places: 612 });
  });

  it('moves through review: submit, return with a reason, fix, submit, approve and lock', async () => {
    const submitted = await send(entry, 'POST', `${url}/submit`, undefined, 2);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 3, submittedBy: 'entry-weixi' });
    expect(await places('2025Q1')).toBe(612);
    expect((await send(entry, 'PUT', url, { places: 1, affordablePlaces: 0 }, 3)).body.error.code).toBe(
      'report_submitted',
    );

    expect((await send(reviewer, 'POST', `${url}/return`, {}, 3)).status).toBe(400);
    const returned = await send(reviewer, 'POST', `${url}/return`, { reason: '普惠托位数与备案不符' }, 3);
    expect(returned.body).toMatchObject({ status: 'returned', version: 4, returnReason: '普惠托位数与备案不符' });
    // a returned report does not count
    expect(await places('2025Q1')).toBe(600);

    // places fell from 600: a comment is needed before submitting
    await send(entry, 'PUT', url, { places: 580, affordablePlaces: 350 }, 4);
    const refused = await send(entry, 'POST', `${url}/submit`, undefined, 5);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'comment_required',
      details: [expect.objectContaining({ field: 'places', previous: 600, current: 580 })],
    });
    await send(entry, 'PUT', url, { places: 580, affordablePlaces: 350, comment: '一所机构停办' }, 5);
    await send(entry, 'POST', `${url}/submit`, undefined, 6);
    const approved = await send(reviewer, 'POST', `${url}/approve`, undefined, 7);
    expect(approved.body).toMatchObject({ status: 'approved', version: 8, approvedBy: 'reviewer-diqing' });
    expect(await places('2025Q1')).toBe(580);
    expect((await send(entry, 'PUT', url, { places: 1, affordablePlaces: 0 }, 8)).body.error.code).toBe(
      'report_approved',
    );
  });

  it('shows the reviewer what changed since the approval, and by whom', async () => {
    await send(reviewer, 'POST', `${url}/return`, { reason: '重新核对' }, 8);
    const fixed = await send(entry, 'PUT', url, { places: 590, affordablePlaces: 350, comment: '一所机构停办' }, 9);
    expect((fixed.body as ReportView).changesSinceApproval).toEqual([
      expect.objectContaining({ field: 'places', before: 580, after: 590, by: 'entry-weixi' }),
    ]);
  });

  it('audits every change with who, before, after and why', async () => {
    const audit = await auditOf();
    expect(audit.map((row) => row.action)).toEqual([
      'insert',
      'update',
      'submit',
      'return',
      'update',
      'update',
      'submit',
      'approve',
      'return',
      'update',
    ]);
    expect(audit[3]).toMatchObject({ actor: 'reviewer-diqing', reason: '普惠托位数与备案不符' });
    expect(audit[1]).toMatchObject({ before: { places: 610 }, after: { places: 612 } });
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    // the role the app serves as may not (audit-trail.test.ts: nor may the owner, past the triggers)
    await expect(sql`update audit_log set actor = 'someone else'`.execute(test.database.db)).rejects.toThrow(
      /permission denied for table audit_log/,
    );
    await expect(sql`delete from audit_log`.execute(test.database.db)).rejects.toThrow(/permission denied/);
    await expect(sql`truncate audit_log`.execute(test.database.db)).rejects.toThrow(/permission denied/);
  });

  it.runIf(backend === 'postgres')(
    'stores neither a report nor its audit row when the row stored is not the one the audit row says',
    async () => {
      // the write and its audit row go in one statement, the audit row's "after" made beforehand:
      // a trigger of the database's (not the app's) that changes the figures written is caught
      const owner = await openDatabase({ databaseUrl: test.location, dataDir: '', poolSize: 1 });
      try {
        await sql`
          create function test_nudge() returns trigger language plpgsql as $$
          begin NEW.places := NEW.places + 1; return NEW; end $$`.execute(owner.db);
        await sql`
          create trigger test_nudge before insert or update on quarterly_reports for each row
          when (NEW.comment = 'nudged') execute function test_nudge()`.execute(owner.db);
        const trail = (await auditOf()).length;
        const path = '/api/v1/reports/533423/2024Q2';
        const refused = await send(entry, 'PUT', path, { places: 500, affordablePlaces: 300, comment: 'nudged' });
        expect(refused.status).toBe(500);
        expect((await send(entry, 'GET', path)).status).toBe(404);
        // and an update: the draft as it was, its trail one insert long
        expect((await send(entry, 'PUT', path, { places: 500, affordablePlaces: 300 })).status).toBe(201);
        const update = await send(entry, 'PUT', path, { places: 501, affordablePlaces: 300, comment: 'nudged' }, 1);
        expect(update.status).toBe(500);
        expect((await send(entry, 'GET', path)).body).toMatchObject({ version: 1, places: 500, comment: null });
        expect((await auditOf()).length).toBe(trail + 1);
      } finally {
        await sql`drop trigger if exists test_nudge on quarterly_reports`.execute(owner.db);
        await sql`drop function if exists test_nudge`.execute(owner.db);
        await owner.close();
      }
    },
  );

  it('answers every write with the report exactly as the next read of it gives, institutions and changes included', async () => {
    // 2024Q3 is new; 2024Q4 (600 places) has it as its quarter before, 2024Q2 has none
    const path = '/api/v1/reports/533423/2024Q3';
    const readBack = async (written: { status: number; body: unknown; etag: unknown }) => {
      expect(written.status).toBeLessThan(300);
      const read = await send(entry, 'GET', path);
      // a change's time in the write's own answer is when it was written, not yet when it was
      // chained at commit (a few ms later): compared apart from the rest
      const timeless = (view: ReportView) => ({
        ...view,
        changesSinceApproval: view.changesSinceApproval.map(({ at, ...change }) => ({
          ...change,
          at: at.slice(0, 10),
        })),
      });
      expect(timeless(written.body as ReportView)).toEqual(timeless(read.body as ReportView));
      expect(written.etag).toBe(read.etag);
      return written.body as ReportView;
    };
    const created = await readBack(
      await send(entry, 'PUT', path, {
        places: 580,
        affordablePlaces: 340,
        institutions: { demonstration: 1, comprehensive_centre: 2 },
      }),
    );
    expect(created).toMatchObject({ version: 1, institutions: { demonstration: 1, comprehensive_centre: 2 } });
    // the same counts again, other places
    const same = await readBack(
      await send(
        entry,
        'PUT',
        path,
        { places: 585, affordablePlaces: 340, institutions: { comprehensive_centre: 2, demonstration: 1 } },
        1,
      ),
    );
    expect(same).toMatchObject({
      version: 2,
      places: 585,
      institutions: { demonstration: 1, comprehensive_centre: 2 },
    });
    await readBack(await send(entry, 'POST', `${path}/submit`, undefined, 2));
    const approved = await readBack(await send(reviewer, 'POST', `${path}/approve`, undefined, 3));
    expect(approved.changesSinceApproval).toEqual([]);
    await readBack(await send(reviewer, 'POST', `${path}/return`, { reason: '机构数有误' }, 4));
    // one kind dropped, one changed: the answer holds only what is stored
    const fixed = await readBack(
      await send(
        entry,
        'PUT',
        path,
        { places: 585, affordablePlaces: 340, institutions: { comprehensive_centre: 3 } },
        5,
      ),
    );
    expect(fixed.institutions).toEqual({ comprehensive_centre: 3 });
    expect(fixed.changesSinceApproval).toEqual([
      expect.objectContaining({
        field: 'institutions',
        before: { demonstration: 1, comprehensive_centre: 2 },
        after: { comprehensive_centre: 3 },
      }),
    ]);
    const submitted = await readBack(await send(entry, 'POST', `${path}/submit`, undefined, 6));
    expect(submitted.changesSinceApproval).toHaveLength(1);
    // the submit's changes were all chained before it: its answer is the read's to the millisecond
    expect(submitted).toEqual((await send(entry, 'GET', path)).body);
    // counts taken away altogether
    await send(reviewer, 'POST', `${path}/return`, { reason: '再核对' }, 7);
    const none = await readBack(await send(entry, 'PUT', path, { places: 585, affordablePlaces: 340 }, 8));
    expect(none.institutions).toEqual({});
  });
});

// The reporting window, with the app's clock pinned to 1 December 2026, 10:00 in Beijing: 2026Q4
// is running, 2027Q1 has not begun.
describe.each(BACKENDS)('the reporting window on %s', (backend) => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let entry: Client;
  let now = new Date('2026-12-01T02:00:00Z');

  beforeAll(async () => {
    test = await openTestDatabase(backend);
    await createAccounts(test.database.db, [ACCOUNTS.entryWeixi]);
    app = await buildApp({ database: test.database, webDist: null, clock: () => now });
    entry = await signIn(app, ACCOUNTS.entryWeixi.username);
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const call = (method: 'PUT' | 'POST', path: string, payload?: object, version?: number, language = 'zh-CN') =>
    app.inject({
      method,
      url: path,
      headers: entry.headers({
        'accept-language': language,
        ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
      }),
      ...(payload ? { payload } : {}),
    });
  const stored = async () => {
    const { rows } = await sql<{ reports: string; audit: string }>`
      select (select count(*) from quarterly_reports)::text reports,
             (select count(*) from audit_log where entity = 'report')::text audit`.execute(test.database.db);
    return rows[0];
  };

  it('refuses a quarter that has not begun, naming the period and the quarter open now, storing nothing', async () => {
    const before = await stored();
    const response = await call('PUT', '/api/v1/reports/533423/2027Q1', { places: 700, affordablePlaces: 400 });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('period_not_begun');
    expect(error.message).toContain('2027 年第 1 季度（2027Q1）尚未开始（2027-01-01 起');
    expect(error.message).toContain('2026Q4');
    expect(error.details).toEqual([
      expect.objectContaining({ field: 'params.period', period: '2027Q1', startsOn: '2027-01-01', running: '2026Q4' }),
    ]);
    const english = await call(
      'PUT',
      '/api/v1/reports/533423/2030Q3',
      { places: 1, affordablePlaces: 0 },
      undefined,
      'en',
    );
    expect(english.statusCode).toBe(400);
    expect(english.json().error.message).toContain('2030Q3 has not begun');
    expect(await stored()).toEqual(before);
  });

  it('saves the running quarter as a draft but will not submit it before it ends', async () => {
    const saved = await call('PUT', '/api/v1/reports/533423/2026Q4', { places: 700, affordablePlaces: 400 });
    expect(saved.statusCode, saved.body).toBe(201);
    const refused = await call('POST', '/api/v1/reports/533423/2026Q4/submit', undefined, 1);
    expect(refused.statusCode).toBe(409);
    const { error } = refused.json();
    expect(error.code).toBe('period_not_ended');
    expect(error.message).toContain('2026-12-31');
    expect(error.details[0]).toMatchObject({ field: 'params.period', kind: 'still_running', endsOn: '2026-12-31' });
    const report = await app.inject({ method: 'GET', url: '/api/v1/reports/533423/2026Q4', headers: entry.headers() });
    expect(report.json()).toMatchObject({ status: 'draft', version: 1 });
  });

  it('submits it once the quarter has ended at midnight in Beijing (still 31 December in UTC)', async () => {
    now = new Date('2026-12-31T15:59:00Z'); // 23:59 in Beijing
    expect((await call('POST', '/api/v1/reports/533423/2026Q4/submit', undefined, 1)).statusCode).toBe(409);
    now = new Date('2026-12-31T16:00:00Z'); // 1 January 2027, 00:00 in Beijing
    const submitted = await call('POST', '/api/v1/reports/533423/2026Q4/submit', undefined, 1);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    // and 2027Q1 is now the running quarter: a draft, not yet a submission
    expect(
      (await call('PUT', '/api/v1/reports/533423/2027Q1', { places: 700, affordablePlaces: 400 })).statusCode,
    ).toBe(201);
    expect((await call('POST', '/api/v1/reports/533423/2027Q1/submit', undefined, 1)).statusCode).toBe(409);
  });
});
