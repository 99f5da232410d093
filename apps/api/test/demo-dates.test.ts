// The demo's reports are dated as the review workflow would date them: begun and submitted after
// their quarter ends, approved after submission, last changed no later than submission, and none
// for a quarter that has not ended.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoReports, loadDemoReports, quarterEnd } from '../src/seed/demo-reports.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

describe('demo report dates', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await test?.destroy();
  });

  it('follow the workflow in every stored demo report, loaded on 2026-12-01', async () => {
    const today = new Date('2026-12-01T05:00:00Z');
    expect(await loadDemoReports(test.database.db, today)).toBe(demoReports().length);
    const { rows } = await sql<{
      code: string;
      year: number;
      quarter: number;
      status: string;
      created_at: Date;
      updated_at: Date;
      submitted_at: Date;
      approved_at: Date | null;
    }>`select jurisdiction_code code, year, quarter, status, created_at, updated_at, submitted_at, approved_at
       from quarterly_reports where demo order by year, quarter, code`.execute(test.database.db);
    expect(rows.length).toBe(demoReports().length);
    for (const r of rows) {
      const where = `${r.code} ${r.year}Q${r.quarter}`;
      expect(r.created_at > quarterEnd(r.year, r.quarter), where).toBe(true);
      expect(r.created_at <= r.updated_at, where).toBe(true);
      expect(r.updated_at <= r.submitted_at, where).toBe(true);
      if (r.status === 'approved') expect((r.approved_at as Date) > r.submitted_at, where).toBe(true);
      else expect(r.approved_at, where).toBeNull();
      expect((r.approved_at ?? r.submitted_at) <= today, where).toBe(true);
    }
    // 2024Q4 ends on 2024-12-31: no approval dated before it, as once on 2024-12-28
    const q4 = rows.filter((r) => r.year === 2024 && r.quarter === 4);
    for (const r of q4) expect((r.approved_at as Date).toISOString() > '2025-01-01').toBe(true);
    // the running quarter (2026Q4) has no report; the last ended one (2026Q3) waits for review
    const last = rows[rows.length - 1];
    expect([last.year, last.quarter]).toEqual([2026, 3]);
    expect(new Set(rows.filter((r) => r.year === 2026 && r.quarter === 3).map((r) => r.status))).toEqual(
      new Set(['submitted']),
    );
    expect(rows.filter((r) => r.status === 'submitted').length).toBe(5);
  });

  it('leaves out what would be dated after the day it is loaded', async () => {
    // on 2026-10-03 the offices have only begun 2026Q3 (the earliest demo submission is 4 days
    // after the quarter ends), so it is left out; everything earlier was approved by August
    const earliest = Math.min(
      ...demoReports()
        .filter((r) => r.year === 2026 && r.quarter === 3)
        .map((r) => r.submittedAt.getTime()),
    );
    expect(new Date(earliest) > new Date('2026-10-03T23:59:59Z')).toBe(true);
    const other = await openTestDatabase('postgres');
    try {
      const loaded = await loadDemoReports(other.database.db, new Date('2026-10-03T00:00:00Z'));
      expect(loaded).toBe(demoReports().filter((r) => !(r.year === 2026 && r.quarter === 3)).length);
      const { rows } = await sql<{ n: string }>`
        select count(*) n from quarterly_reports where approved_at > '2026-10-03' or submitted_at > '2026-10-03'`.execute(
        other.database.db,
      );
      expect(rows[0].n).toBe('0');
    } finally {
      await other.destroy();
    }
  });
});
