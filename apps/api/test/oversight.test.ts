// Completeness of a quarter's reporting, and the audit trail as auditors read it.
import type { AuditEntryView, CompletenessView } from '@tuowei/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadDemoReports } from '../src/seed/demo-reports.ts';
import { ACCOUNTS, createAccounts, signIn } from './support/accounts.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

describe('completeness and audit', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await loadDemoReports(test.database.db);
    await createAccounts(test.database.db, [ACCOUNTS.entryChiping, ACCOUNTS.auditor, ACCOUNTS.leaderShandong]);
    app = await buildApp({ database: test.database, webDist: null });
  });

  afterAll(async () => {
    await app?.close();
    await test?.destroy();
  });

  const completeness = async (code: string, period: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/completeness/${code}?period=${period}` });
    expect(response.statusCode).toBe(200);
    return response.json() as CompletenessView;
  };

  it('expects the leaves of a subtree and counts their reports against the deadline', async () => {
    // Shandong's 151 county-level units: only Chiping reports (its demo report was submitted 28
    // December, on time); the other 150 are missing, and late, since the deadline has passed
    const shandong = await completeness('370000', '2024Q4');
    expect(shandong).toMatchObject({
      expected: 151,
      submitted: 1,
      approved: 1,
      missing: 150,
      late: 150,
      onTimeRate: 1 / 151,
    });
    expect(shandong.deadline).toBe('2025-01-15T16:00:00.000Z');
    expect(shandong.units).toHaveLength(151);
    expect(shandong.units.filter((unit) => unit.state !== 'missing')).toEqual([
      expect.objectContaining({ code: '371503', state: 'approved', onTime: true, demo: true }),
    ]);
  });

  it('has nothing, and nothing late, for a quarter whose deadline has not come', async () => {
    const future = await completeness('370000', '2099Q1');
    expect(future).toMatchObject({ expected: 151, submitted: 0, missing: 151, late: 0, onTimeRate: 0 });
  });

  it('counts a report entered past the deadline as late', async () => {
    const entry = await signIn(app, ACCOUNTS.entryChiping.username);
    const url = '/api/v1/reports/371503/2020Q4';
    const created = await app.inject({
      method: 'PUT',
      url,
      headers: entry.headers(),
      payload: { places: 700, affordablePlaces: 300 },
    });
    expect(created.statusCode).toBe(201);
    const submitted = await app.inject({
      method: 'POST',
      url: `${url}/submit`,
      headers: entry.headers({ 'if-match': '"1"' }),
    });
    expect(submitted.statusCode).toBe(200);
    // Liaocheng's 8 county-level units; Chiping's report came in past the deadline
    const result = await completeness('371500', '2020Q4');
    expect(result.units).toHaveLength(8);
    expect(result.units.find((unit) => unit.code === '371503')).toEqual(
      expect.objectContaining({ code: '371503', state: 'submitted', onTime: false, late: true }),
    );
  });

  it('lets an auditor read the trail of a subtree and of one report, and nobody else', async () => {
    const auditor = await signIn(app, ACCOUNTS.auditor.username);
    const trail = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?root=370000&entity=report',
      headers: { cookie: auditor.cookie },
    });
    expect(trail.statusCode).toBe(200);
    const entries = trail.json() as AuditEntryView[];
    // newest first: the submit, then the insert
    expect(entries.map((e) => [e.action, e.actor, e.jurisdictionCode])).toEqual([
      ['submit', 'entry-chiping', '371503'],
      ['insert', 'entry-chiping', '371503'],
    ]);
    expect(entries[1].after).toMatchObject({ places: 700, period: '2020Q4' });
    const elsewhere = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?root=530000',
      headers: { cookie: auditor.cookie },
    });
    expect(elsewhere.json()).toEqual([]);
    const history = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/371503/2020Q4/history',
      headers: { cookie: auditor.cookie },
    });
    expect(history.json().map((e: AuditEntryView) => e.action)).toEqual(['insert', 'submit']);
    const leader = await signIn(app, ACCOUNTS.leaderShandong.username);
    const refused = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?root=370000',
      headers: { cookie: leader.cookie },
    });
    expect(refused.statusCode).toBe(403);
    const dated = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?root=370000&from=2000-01-01&to=2000-12-31',
      headers: { cookie: auditor.cookie },
    });
    expect(dated.json()).toEqual([]);
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?root=370000&entity=report&format=csv',
      headers: { cookie: auditor.cookie },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('时间（北京时间）');
    // the submit and the insert, newest first, then the audit chain's head at the export
    expect(lines.slice(1, -1).map((line) => line.split(',')[4])).toEqual(['submit', 'insert']);
    expect(lines.at(-1)).toMatch(/^审计链头（导出时）,\d+,[0-9a-f]{64}$/);
    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?root=370000&entity=report',
      headers: { cookie: auditor.cookie },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('审计记录')?.rowCount).toBe(3);
    const badDate = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?from=2025-13-45',
      headers: { cookie: auditor.cookie },
    });
    expect(badDate.statusCode).toBe(400);
  });
});
