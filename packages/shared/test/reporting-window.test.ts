import { describe, expect, it } from 'vitest';
import {
  lastEndedPeriod,
  type Period,
  parsePeriod,
  periodEndDate,
  periodStartDate,
  reportingRefusal,
  reportingRefusalWords,
  runningPeriod,
} from '../src/index.ts';

const q = (text: string) => parsePeriod(text) as Period;
// the day the issue was found: 1 December 2026, 09:00 in Beijing
const DEC_1 = new Date('2026-12-01T01:00:00Z');

describe('the reporting window (Beijing calendar)', () => {
  it('refuses a quarter that has not begun, naming the running one', () => {
    expect(reportingRefusal(q('2027Q1'), DEC_1, 'save')).toEqual({
      kind: 'not_begun',
      period: '2027Q1',
      startsOn: '2027-01-01',
      running: '2026Q4',
    });
    expect(reportingRefusal(q('2027Q3'), DEC_1, 'submit')?.kind).toBe('not_begun');
  });

  it('lets the running quarter be drafted but not submitted', () => {
    expect(reportingRefusal(q('2026Q4'), DEC_1, 'save')).toBeNull();
    expect(reportingRefusal(q('2026Q4'), DEC_1, 'submit')).toEqual({
      kind: 'still_running',
      period: '2026Q4',
      endsOn: '2026-12-31',
    });
  });

  it('takes every ended quarter, to save and to submit', () => {
    for (const period of ['2026Q3', '2026Q1', '2025Q4', '2000Q1']) {
      expect(reportingRefusal(q(period), DEC_1, 'save')).toBeNull();
      expect(reportingRefusal(q(period), DEC_1, 'submit')).toBeNull();
    }
  });

  it('ends a quarter at midnight in Beijing, not in UTC', () => {
    // 31 Dec 23:59 in Beijing is 15:59 UTC: 2026Q4 is still running
    const lastMinute = new Date('2026-12-31T15:59:00Z');
    expect(runningPeriod(lastMinute)).toEqual({ year: 2026, quarter: 4 });
    expect(reportingRefusal(q('2026Q4'), lastMinute, 'submit')?.kind).toBe('still_running');
    expect(reportingRefusal(q('2027Q1'), lastMinute, 'save')?.kind).toBe('not_begun');
    // 1 Jan 00:00 in Beijing is 16:00 UTC on 31 Dec: 2026Q4 has ended, 2027Q1 is running
    const newYear = new Date('2026-12-31T16:00:00Z');
    expect(newYear.getUTCDate()).toBe(31);
    expect(runningPeriod(newYear)).toEqual({ year: 2027, quarter: 1 });
    expect(reportingRefusal(q('2026Q4'), newYear, 'submit')).toBeNull();
    expect(reportingRefusal(q('2027Q1'), newYear, 'save')).toBeNull();
    expect(reportingRefusal(q('2027Q1'), newYear, 'submit')?.kind).toBe('still_running');
    expect(lastEndedPeriod(newYear)).toEqual({ year: 2026, quarter: 4 });
    // 30 Jun 23:59 Beijing (15:59 UTC) is still Q2; a minute later Q3 runs
    expect(runningPeriod(new Date('2026-06-30T15:59:00Z'))).toEqual({ year: 2026, quarter: 2 });
    expect(runningPeriod(new Date('2026-06-30T16:00:00Z'))).toEqual({ year: 2026, quarter: 3 });
  });

  it('writes the first and last days of each quarter', () => {
    expect(['Q1', 'Q2', 'Q3', 'Q4'].map((n) => periodStartDate(q(`2026${n}`)))).toEqual([
      '2026-01-01',
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
    ]);
    expect(['Q1', 'Q2', 'Q3', 'Q4'].map((n) => periodEndDate(q(`2026${n}`)))).toEqual([
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
    ]);
  });

  it('says why in both languages, with the dates', () => {
    const notBegun = reportingRefusalWords(reportingRefusal(q('2027Q1'), DEC_1, 'save') as never);
    expect(notBegun.zh).toContain('2027 年第 1 季度（2027Q1）尚未开始');
    expect(notBegun.zh).toContain('本季度 2026 年第 4 季度（2026Q4）');
    expect(notBegun.en).toContain('starts on 2027-01-01');
    const running = reportingRefusalWords(reportingRefusal(q('2026Q4'), DEC_1, 'submit') as never);
    expect(running.zh).toContain('2026 年第 4 季度（2026Q4）尚未结束（2026-12-31 为最后一天');
    expect(running.en).toContain('submitted once it ends');
  });
});
