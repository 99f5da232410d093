import { describe, expect, it } from 'vitest';
import { completeness, reportDeadline, type UnitNode, type UnitReport } from '../src/index.ts';

const unit = (code: string, level: UnitNode['level'], parentCode: string | null): UnitNode => ({
  code,
  name: code,
  nameEn: code,
  level,
  parentCode,
});
const report = (status: UnitReport['status'], submitted: string | null): UnitReport => ({
  status,
  firstSubmittedAt: submitted ? new Date(submitted) : null,
  approvedBy: status === 'approved' ? 'reviewer' : null,
  approvedAt: null,
  demo: false,
});

describe('report deadline', () => {
  it('falls 15 days after the quarter ends, at midnight Beijing time', () => {
    // 2024Q4 ends 31 December: 1 January 00:00 Beijing (31 December 16:00 UTC) + 15 days
    // = 16 January 00:00 Beijing = 15 January 16:00 UTC
    expect(reportDeadline({ year: 2024, quarter: 4 }, 15).toISOString()).toBe('2025-01-15T16:00:00.000Z');
    // 2025Q1 ends 31 March: + 0 days = 1 April 00:00 Beijing = 31 March 16:00 UTC
    expect(reportDeadline({ year: 2025, quarter: 1 }, 0).toISOString()).toBe('2025-03-31T16:00:00.000Z');
  });
});

describe('completeness', () => {
  const units = [
    unit('P', 'prefecture', null),
    unit('A', 'county', 'P'),
    unit('B', 'county', 'P'),
    unit('C', 'county', 'P'),
    unit('D', 'county', 'P'),
  ];
  const deadline = new Date('2025-01-15T16:00:00Z');

  it('counts who submitted, on time or late, and who has nothing', () => {
    const reports = new Map<string, UnitReport>([
      ['A', report('approved', '2025-01-10T02:00:00Z')],
      ['B', report('submitted', '2025-01-20T02:00:00Z')], // after the deadline
      ['C', report('draft', null)],
    ]);
    const result = completeness(units, reports, deadline, new Date('2025-02-01T00:00:00Z'));
    // the prefecture has children and no report of its own: not expected
    expect(result.units.map((u) => [u.code, u.state, u.onTime, u.late])).toEqual([
      ['A', 'approved', true, false],
      ['B', 'submitted', false, true],
      ['C', 'draft', false, true],
      ['D', 'missing', false, true],
    ]);
    // on time: A only, of 4 expected = 25 %
    expect(result).toMatchObject({ expected: 4, submitted: 2, approved: 1, missing: 1, late: 3, onTimeRate: 0.25 });
  });

  it('is not late before the deadline, and expects a parent that reported for itself', () => {
    const reports = new Map<string, UnitReport>([['P', report('submitted', '2025-01-02T00:00:00Z')]]);
    const result = completeness(units, reports, deadline, new Date('2025-01-05T00:00:00Z'));
    expect(result.expected).toBe(5);
    expect(result.late).toBe(0);
    expect(result.units.find((u) => u.code === 'P')).toMatchObject({ state: 'submitted', onTime: true });
  });
});
