// The demo reports keep the reporting window: no report for a quarter that has not begun, and
// none (they are all submitted or approved) for the quarter still running.
import { formatPeriod, type Quarter, reportingRefusal } from '@tuowei/shared';
import { describe, expect, it } from 'vitest';
import { demoReports } from '../src/seed/demo-reports.ts';

const periods = (now: Date) => [
  ...new Set(demoReports(now).map((r) => formatPeriod({ year: r.year, quarter: r.quarter as Quarter }))),
];

describe('demo reports and the reporting window', () => {
  it('on 1 December 2026 run from 2021Q1 to 2026Q3, the last one submitted', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const shown = periods(now);
    expect(shown[0]).toBe('2021Q1');
    expect(shown.at(-1)).toBe('2026Q3');
    // 2021Q1 to 2026Q3: 5 years of 4 quarters and 3 more
    expect(shown).toHaveLength(23);
    for (const r of demoReports(now)) {
      expect(reportingRefusal({ year: r.year, quarter: r.quarter as Quarter }, now, 'submit')).toBeNull();
    }
    expect(
      demoReports(now)
        .filter((r) => r.status === 'submitted')
        .every((r) => r.year === 2026 && r.quarter === 3),
    ).toBe(true);
  });

  it('leave out the quarter still running and any not begun on an earlier day', () => {
    // 15 August 2026 in Beijing: 2026Q3 is running, so the demo stops at 2026Q2
    const shown = periods(new Date('2026-08-15T04:00:00Z'));
    expect(shown.at(-1)).toBe('2026Q2');
    expect(shown).not.toContain('2026Q3');
  });
});
