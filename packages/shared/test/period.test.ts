import { describe, expect, it } from 'vitest';
import {
  dueQuarterIndex,
  formatPeriod,
  lastEndedPeriod,
  parsePeriod,
  periodFromIndex,
  periodIndex,
} from '../src/index.ts';

describe('periods', () => {
  it('reads and writes quarters', () => {
    expect(parsePeriod('2024Q3')).toEqual({ year: 2024, quarter: 3 });
    expect(formatPeriod({ year: 2024, quarter: 3 })).toBe('2024Q3');
    for (const bad of ['2024Q5', '2024Q0', '2024-Q3', '24Q3', '2024q3', '', '1999Q4', '2024Q3 ']) {
      expect(parsePeriod(bad)).toBeNull();
    }
  });

  it('counts quarters across years', () => {
    // 2025Q4 is four quarters after 2024Q4
    expect(dueQuarterIndex(2025) - periodIndex({ year: 2024, quarter: 4 })).toBe(4);
    expect(periodFromIndex(periodIndex({ year: 2023, quarter: 1 }) - 1)).toEqual({ year: 2022, quarter: 4 });
  });

  it('takes the last quarter that has ended as the default', () => {
    expect(lastEndedPeriod(new Date('2026-11-26T00:00:00Z'))).toEqual({ year: 2026, quarter: 3 });
    expect(lastEndedPeriod(new Date('2026-01-05T00:00:00Z'))).toEqual({ year: 2025, quarter: 4 });
  });
});
