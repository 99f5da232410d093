import { describe, expect, it } from 'vitest';
import { forecastAt, populationForYear, requiredPerQuarter, targetStatus } from '../src/index.ts';

describe('forecast', () => {
  it('extends the least-squares line through the last four quarters to the due quarter', () => {
    // x = 0..3, y = 544, 563, 581, 600: mean x 1.5, mean y 572,
    // slope = (1.5·28 + 0.5·9 + 0.5·9 + 1.5·28) ÷ (2.25 + 0.25 + 0.25 + 2.25) = 93 ÷ 5 = 18.6;
    // at x = 7: 572 + 18.6 × 5.5 = 674.3
    const points = [544, 563, 581, 600].map((value, index) => ({ index, value }));
    expect(forecastAt(points, 7)).toBeCloseTo(674.3, 9);
  });

  it('uses only the latest four values', () => {
    // 1000 at x = 0 is older than the last four (flat at 10), so the forecast stays 10
    const points = [{ index: 0, value: 1000 }, ...[1, 2, 3, 4].map((index) => ({ index, value: 10 }))];
    expect(forecastAt(points, 9)).toBe(10);
  });

  it('leaves a gap for a missing quarter rather than closing up', () => {
    // (0, 10) and (2, 14): slope 2 per quarter, so 18 at x = 4 (not 22, as if they were adjacent)
    expect(
      forecastAt(
        [
          { index: 0, value: 10 },
          { index: 2, value: 14 },
        ],
        4,
      ),
    ).toBe(18);
  });

  it('forecasts a single value as itself, and nothing from nothing', () => {
    expect(forecastAt([{ index: 5, value: 3.2 }], 12)).toBe(3.2);
    expect(forecastAt([], 12)).toBeNull();
  });
});

describe('target status', () => {
  const base = { comparator: 'at_least' as const, target: 4.5, periodIndex: 100, dueIndex: 104 };
  const m = (value: number, meets: boolean) => ({ value, gap: null, meets });

  it('decides by the due year once due', () => {
    expect(targetStatus({ ...base, periodIndex: 104, current: null, dueYearValue: m(4.6, true), forecast: null })).toBe(
      'met',
    );
    expect(
      targetStatus({ ...base, periodIndex: 106, current: m(5, true), dueYearValue: m(4.4, false), forecast: null }),
    ).toBe('missed');
    expect(targetStatus({ ...base, periodIndex: 104, current: m(4, false), dueYearValue: null, forecast: null })).toBe(
      'no_data',
    );
  });

  it('grades by the forecast before the due quarter', () => {
    const before = { ...base, dueYearValue: null };
    expect(targetStatus({ ...before, current: m(4.6, true), forecast: 3 })).toBe('met');
    expect(targetStatus({ ...before, current: m(4.1, false), forecast: 4.61 })).toBe('on_track');
    // 90 % of 4.5 is 4.05
    expect(targetStatus({ ...before, current: m(4.0, false), forecast: 4.05 })).toBe('at_risk');
    expect(targetStatus({ ...before, current: m(3.0, false), forecast: 4.04 })).toBe('off_track');
    expect(targetStatus({ ...before, current: null, forecast: null })).toBe('no_data');
  });

  it('turns the comparisons round for lower-is-better indicators', () => {
    const below = { comparator: 'below' as const, target: 9, periodIndex: 100, dueIndex: 104, dueYearValue: null };
    expect(targetStatus({ ...below, current: m(12, false), forecast: 8.5 })).toBe('on_track');
    // 9 ÷ 0.9 = 10: a forecast of 10 is at risk, 10.1 off track
    expect(targetStatus({ ...below, current: m(12, false), forecast: 10 })).toBe('at_risk');
    expect(targetStatus({ ...below, current: m(12, false), forecast: 10.1 })).toBe('off_track');
  });

  it('spreads what is needed over the quarters left, up to and including the due quarter', () => {
    // at 2024Q4 a target due at the end of 2025 has 4 quarters left: 59 ÷ 4 = 14.75
    expect(requiredPerQuarter(59, 100, 104)).toBe(14.75);
    expect(requiredPerQuarter(59, 104, 104)).toBeNull();
    expect(requiredPerQuarter(null, 100, 104)).toBeNull();
  });
});

describe('population for a year', () => {
  const figures = [
    { year: 2020, population: 34_915_616, source: 'census' },
    { year: 2021, population: 34_804_800, source: 'bureau' },
    { year: 2023, population: 34_659_900, source: 'bureau' },
  ];

  it("takes the year's figure, else carries the latest earlier one forward", () => {
    expect(populationForYear(figures, 2021)).toEqual({
      value: 34_804_800,
      year: 2021,
      carriedForward: false,
      source: 'bureau',
    });
    expect(populationForYear(figures, 2022)).toMatchObject({ value: 34_804_800, year: 2021, carriedForward: true });
    expect(populationForYear(figures, 2025)).toMatchObject({ value: 34_659_900, year: 2023, carriedForward: true });
    expect(populationForYear(figures, 2019)).toBeNull();
  });
});
