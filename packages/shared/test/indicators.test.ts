import { describe, expect, it } from 'vitest';
import {
  type CountedIndicators,
  evaluateYearlyTarget,
  excess,
  fieldMessage,
  type IndicatorCounts,
  impossibleCounts,
  indicatorCounts,
  indicatorsInputSchema,
  indicatorsRefusal,
  latestCountedYear,
  measureYear,
  type PlanTarget,
  periodIndex,
  SubtreeIndicators,
  type UnitNode,
} from '../src/index.ts';

const unit = (code: string, parentCode: string | null, level: UnitNode['level'] = 'county'): UnitNode => ({
  code,
  name: code,
  nameEn: code,
  level,
  parentCode,
});

const target = (metric: PlanTarget['metric'], comparator: PlanTarget['comparator'], value: number, dueYear = 2030) =>
  ({
    id: 't',
    metric,
    comparator,
    value,
    dueYear,
    clause: '一',
    scope: 'self',
    institutionKind: null,
  }) satisfies PlanTarget;

const approved = (counts: Partial<IndicatorCounts>): CountedIndicators => ({
  counts: indicatorCounts(counts),
  status: 'approved',
});

function subtree(records: Record<string, Record<number, CountedIndicators>>, units: UnitNode[]) {
  return new SubtreeIndicators(
    units,
    new Map(
      Object.entries(records).map(([code, years]) => [
        code,
        new Map(Object.entries(years).map(([y, r]) => [Number(y), r])),
      ]),
    ),
  );
}

describe('indicator rates from counts', () => {
  it('3 maternal deaths in 1,500 live births is 200 per 100,000, 3 deaths too many against < 10, unstable', () => {
    const indicators = subtree({ '371503': { 2025: approved({ liveBirths: 1500, maternalDeaths: 3 }) } }, [
      unit('371503', null),
    ]);
    const measured = measureYear(indicators, '371503', target('maternal_mortality_per_100k', 'below', 10), 2025);
    // 3 × 100,000 ÷ 1,500 = 200; ⌈10 × 1,500 ÷ 100,000⌉ = ⌈0.15⌉ = 1, so d = 3 − 1 + 1 = 3
    expect(measured).toMatchObject({ value: 200, numerator: 3, denominator: 1500, gap: 3, meets: false });
    // 1,500 births are fewer than the base of 100,000
    expect(measured?.unstable).toBe(true);
  });

  it('a parent sums numerators and denominators: 2/1,000 and 1/2,000 are 3/3,000 = 100 per 100,000, not 125', () => {
    const indicators = subtree(
      {
        a: { 2025: approved({ liveBirths: 1000, maternalDeaths: 2 }) },
        b: { 2025: approved({ liveBirths: 2000, maternalDeaths: 1 }) },
      },
      [unit('p', null, 'prefecture'), unit('a', 'p'), unit('b', 'p')],
    );
    const measured = measureYear(indicators, 'p', target('maternal_mortality_per_100k', 'below', 10), 2025);
    expect(measured).toMatchObject({ value: 100, numerator: 3, denominator: 3000 });
    expect(measured?.pair.basis).toBe('children');
  });

  it('a parent with its own counts uses them, not its children’s', () => {
    const indicators = subtree(
      {
        p: { 2025: approved({ liveBirths: 5000, infantDeaths: 10 }) },
        a: { 2025: approved({ liveBirths: 100, infantDeaths: 9 }) },
      },
      [unit('p', null, 'prefecture'), unit('a', 'p')],
    );
    // 10 × 1,000 ÷ 5,000 = 2 ‰
    expect(measureYear(indicators, 'p', target('infant_mortality_per_1000', 'below', 3.3), 2025)?.value).toBe(2);
  });

  it('a rate exactly at a "below" target is not below it, and needs one event fewer', () => {
    // 33 × 1,000 ÷ 10,000 = 3.3 ‰, exactly the target: not met; ⌈3.3 × 10,000 ÷ 1,000⌉ = 33, d = 33 − 33 + 1 = 1
    const indicators = subtree({ c: { 2025: approved({ liveBirths: 10_000, infantDeaths: 33 }) } }, [unit('c', null)]);
    const measured = measureYear(indicators, 'c', target('infant_mortality_per_1000', 'below', 3.3), 2025);
    expect(measured).toMatchObject({ value: 3.3, meets: false, gap: 1, unstable: false });
    // one fewer: 32 ‰ ÷ 10 = 3.2 < 3.3, met, no gap
    const fewer = subtree({ c: { 2025: approved({ liveBirths: 10_000, infantDeaths: 32 }) } }, [unit('c', null)]);
    expect(measureYear(fewer, 'c', target('infant_mortality_per_1000', 'below', 3.3), 2025)).toMatchObject({
      meets: true,
      gap: 0,
    });
  });

  it('excess is exact where floating point is not: 0.1 × 30 is 3, not 3.0000000000000004', () => {
    // target 0.1 per 1 at 30: the allowance is ⌈0.1 × 30⌉ = 3 (not 4), so 5 events are 5 − 3 + 1 = 3 too many
    expect(excess(0.1, 5, 30, 1)).toBe(3);
    expect(excess(10, 0, 1500, 100_000)).toBe(0);
  });

  it('prenatal screening "at least" 80 %: the women still to screen; at exactly 80 % it is met', () => {
    const indicators = subtree({ c: { 2025: approved({ pregnantWomen: 1000, pregnantWomenScreened: 795 }) } }, [
      unit('c', null),
    ]);
    // ⌈0.8 × 1,000⌉ − 795 = 5
    expect(measureYear(indicators, 'c', target('prenatal_screening_rate', 'at_least', 0.8), 2025)).toMatchObject({
      value: 0.795,
      gap: 5,
      meets: false,
      unstable: false,
    });
    const exactly = subtree({ c: { 2025: approved({ pregnantWomen: 1000, pregnantWomenScreened: 800 }) } }, [
      unit('c', null),
    ]);
    expect(measureYear(exactly, 'c', target('prenatal_screening_rate', 'at_least', 0.8), 2025)?.meets).toBe(true);
  });

  it('sex ratio at birth < 110: 560 boys to 500 girls is 112, 11 boys too many; 99 girls are too few to trust', () => {
    const indicators = subtree({ c: { 2025: approved({ boysBorn: 560, girlsBorn: 500 }) } }, [unit('c', null)]);
    // 560 × 100 ÷ 500 = 112; ⌈110 × 500 ÷ 100⌉ = 550, d = 560 − 550 + 1 = 11 (549 ÷ 500 = 109.8 < 110)
    expect(measureYear(indicators, 'c', target('sex_ratio_at_birth', 'below', 110), 2025)).toMatchObject({
      value: 112,
      gap: 11,
      unstable: false,
    });
    const few = subtree({ c: { 2025: approved({ boysBorn: 100, girlsBorn: 99 }) } }, [unit('c', null)]);
    expect(measureYear(few, 'c', target('sex_ratio_at_birth', 'below', 110), 2025)?.unstable).toBe(true);
  });

  it('no rate without a denominator, or with a denominator of 0', () => {
    const indicators = subtree(
      { c: { 2025: approved({ maternalDeaths: 1 }), 2024: approved({ liveBirths: 0, maternalDeaths: 0 }) } },
      [unit('c', null)],
    );
    const rule = target('maternal_mortality_per_100k', 'below', 10);
    expect(measureYear(indicators, 'c', rule, 2025)).toBeNull();
    expect(measureYear(indicators, 'c', rule, 2024)).toBeNull();
  });
});

describe('which years a period counts', () => {
  it('a year counts once it has ended by the period’s end', () => {
    expect(latestCountedYear(periodIndex({ year: 2025, quarter: 4 }))).toBe(2025);
    expect(latestCountedYear(periodIndex({ year: 2025, quarter: 3 }))).toBe(2024);
    expect(latestCountedYear(periodIndex({ year: 2026, quarter: 1 }))).toBe(2025);
  });

  it('2026 can be entered from 2027-01-01 Beijing time, which is 2026-12-31 16:00 UTC', () => {
    expect(indicatorsRefusal(2026, new Date('2026-12-31T15:59:59Z'))).toEqual({ year: 2026, opensOn: '2027-01-01' });
    expect(indicatorsRefusal(2026, new Date('2026-12-31T16:00:00Z'))).toBeNull();
    expect(indicatorsRefusal(2030, new Date('2026-12-31T16:00:00Z'))).not.toBeNull();
    expect(indicatorsRefusal(2025, new Date('2026-06-01T00:00:00Z'))).toBeNull();
  });
});

describe('yearly indicator status', () => {
  const rule = target('maternal_mortality_per_100k', 'below', 10, 2027);
  const births = (deaths: number) => approved({ liveBirths: 100_000, maternalDeaths: deaths });

  it('the latest ended year decides current, with its counts; met when it is below', () => {
    const indicators = subtree({ c: { 2024: births(12), 2025: births(9) } }, [unit('c', null)]);
    const evaluation = evaluateYearlyTarget(indicators, 'c', rule, periodIndex({ year: 2026, quarter: 2 }));
    expect(evaluation).toMatchObject({
      current: 9,
      currentPeriod: '2025',
      year: 2025,
      numerator: 9,
      denominator: 100_000,
      unstable: false,
      status: 'met',
      gap: 0,
    });
    // in 2025Q3 the year 2025 has not ended: 2024's 12 is current, not met, 3 deaths too many
    const earlier = evaluateYearlyTarget(indicators, 'c', rule, periodIndex({ year: 2025, quarter: 3 }));
    expect(earlier).toMatchObject({ current: 12, year: 2024, gap: 3 });
  });

  it('by the forecast through the last four years: 14, 13, 12, 11 reach 9 by 2027, on track', () => {
    const indicators = subtree({ c: { 2022: births(14), 2023: births(13), 2024: births(12), 2025: births(11) } }, [
      unit('c', null),
    ]);
    const evaluation = evaluateYearlyTarget(indicators, 'c', rule, periodIndex({ year: 2026, quarter: 1 }));
    // slope −1 a year: 11 − 2 = 9 in 2027, below 10
    expect(evaluation.forecast).toBeCloseTo(9, 9);
    expect(evaluation.status).toBe('on_track');
  });

  it('a forecast of 11 against < 10 is at risk (0.9 × 11 = 9.9 ≤ 10); of 12, off track', () => {
    const flat = (value: number) => subtree({ c: { 2025: births(value) } }, [unit('c', null)]);
    const at = periodIndex({ year: 2026, quarter: 1 });
    expect(evaluateYearlyTarget(flat(11), 'c', rule, at).status).toBe('at_risk');
    expect(evaluateYearlyTarget(flat(12), 'c', rule, at).status).toBe('off_track');
  });

  it('the due year’s value decides once it has ended; no year reported is no data', () => {
    const indicators = subtree({ c: { 2026: births(8), 2027: births(10) } }, [unit('c', null)]);
    const closed = evaluateYearlyTarget(indicators, 'c', rule, periodIndex({ year: 2027, quarter: 4 }));
    // 10 per 100,000 is not below 10: missed, by 1 death
    expect(closed).toMatchObject({ closed: true, status: 'missed', gap: 1 });
    expect(closed.dueYearValue).toMatchObject({ value: 10, period: '2027', meets: false, reportStatus: 'approved' });
    const none = subtree({}, [unit('c', null)]);
    expect(evaluateYearlyTarget(none, 'c', rule, periodIndex({ year: 2026, quarter: 1 })).status).toBe('no_data');
  });
});

describe('indicator input', () => {
  it('takes whole numbers ≥ 0 or null, and a field left out is null', () => {
    const parsed = indicatorsInputSchema.parse({ liveBirths: 1500, maternalDeaths: 3, infantDeaths: null });
    expect(indicatorCounts(parsed)).toMatchObject({
      liveBirths: 1500,
      maternalDeaths: 3,
      infantDeaths: null,
      boysBorn: null,
    });
    for (const bad of [-1, 1.5, '3', 20_000_001]) {
      expect(indicatorsInputSchema.safeParse({ liveBirths: bad }).success).toBe(false);
    }
    expect(indicatorsInputSchema.safeParse({ stillbirths: 1 }).success).toBe(false);
  });

  it('refuses counts that cannot be true, naming the field in both languages', () => {
    const result = indicatorsInputSchema.safeParse({
      liveBirths: 100,
      maternalDeaths: 101,
      infantDeaths: 5,
      under5Deaths: 4,
      pregnantWomen: 10,
      pregnantWomenScreened: 11,
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toEqual([
      ['maternalDeaths', 'maternal_deaths_above_births'],
      ['under5Deaths', 'under5_below_infant'],
      ['pregnantWomenScreened', 'screened_above_pregnant'],
    ]);
    expect(fieldMessage('maternal_deaths_above_births', 'zh')).toBe('孕产妇死亡数不能大于活产数');
    expect(fieldMessage('maternal_deaths_above_births', 'en')).toBe('maternal deaths cannot exceed live births');
    // equal is possible: every death an infant's, every woman screened
    expect(impossibleCounts(indicatorCounts({ liveBirths: 5, infantDeaths: 5, under5Deaths: 5 }))).toEqual([]);
  });
});
