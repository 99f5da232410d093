// The metric table is the one definition of every metric: the API's list, what progress measures,
// which targets cascade, the shares kept as fractions, the words the screens and exports write,
// and the measurement itself all follow from it.
import { describe, expect, it } from 'vitest';
import {
  FRACTION_METRICS,
  INTENSIVE_METRICS,
  KEPT_RECORDS,
  MEASURED_METRICS,
  METRIC_TABLE,
  METRIC_UNIT_WORDS,
  METRIC_WORDS,
  METRICS,
  measure,
  metricName,
  metricsWithGapUnit,
  metricWords,
  targetInputSchema,
} from '../src/index.ts';

const QUARTERLY = ['places_per_1000', 'affordable_places_per_1000', 'affordable_share', 'places', 'affordable_places'];

describe('the metric table', () => {
  it('lists the metrics of the API contract (docs/api.md) in its order', () => {
    expect(METRICS).toEqual([
      'places_per_1000',
      'affordable_places_per_1000',
      'affordable_share',
      'places',
      'affordable_places',
      'institutions',
      'new_residential_places_per_1000',
      'maternal_mortality_per_100k',
      'infant_mortality_per_1000',
      'under5_mortality_per_1000',
      'sex_ratio_at_birth',
      'prenatal_screening_rate',
    ]);
  });

  it('measures what the records kept carry: the quarterly report, the yearly indicators and the residential register', () => {
    expect([...MEASURED_METRICS]).toEqual([
      ...QUARTERLY,
      'institutions',
      'new_residential_places_per_1000',
      'maternal_mortality_per_100k',
      'infant_mortality_per_1000',
      'under5_mortality_per_1000',
      'sex_ratio_at_birth',
      'prenatal_screening_rate',
    ]);
    for (const metric of METRICS) {
      expect(MEASURED_METRICS.has(metric)).toBe(KEPT_RECORDS.has(METRIC_TABLE[metric].record));
    }
  });

  it('cascades every quotient to the units below, never a count', () => {
    expect([...INTENSIVE_METRICS]).toEqual(
      METRICS.filter((metric) => !['places', 'affordable_places', 'institutions'].includes(metric)),
    );
  });

  it('holds mortality and the sex ratio below their targets, the rest at least at them', () => {
    const below = METRICS.filter((metric) => METRIC_TABLE[metric].comparator === 'below');
    expect(below).toEqual([
      'maternal_mortality_per_100k',
      'infant_mortality_per_1000',
      'under5_mortality_per_1000',
      'sex_ratio_at_birth',
    ]);
  });

  it('computes each rate from its counts with its own base (docs/figures.md)', () => {
    const quotientOf = (metric: keyof typeof METRIC_TABLE) => METRIC_TABLE[metric].aggregation;
    expect(quotientOf('maternal_mortality_per_100k')).toEqual({
      kind: 'quotient',
      numerator: 'maternalDeaths',
      denominator: 'liveBirths',
      base: 100_000,
    });
    expect(quotientOf('infant_mortality_per_1000')).toMatchObject({ denominator: 'liveBirths', base: 1000 });
    expect(quotientOf('sex_ratio_at_birth')).toMatchObject({
      numerator: 'boysBorn',
      denominator: 'girlsBorn',
      base: 100,
    });
    expect(quotientOf('new_residential_places_per_1000')).toMatchObject({
      numerator: 'plannedPlaces',
      denominator: 'plannedResidents',
      base: 1000,
    });
  });

  it('counts the affordable-place metrics in affordable places, mortality in events', () => {
    expect([...metricsWithGapUnit('affordable_places')]).toEqual([
      'affordable_places_per_1000',
      'affordable_share',
      'affordable_places',
    ]);
    expect([...metricsWithGapUnit('events')]).toHaveLength(5);
  });

  it('refuses a share above 1 for exactly the fraction metrics', () => {
    expect([...FRACTION_METRICS]).toEqual(['affordable_share', 'prenatal_screening_rate']);
    for (const metric of METRICS) {
      const result = targetInputSchema.safeParse({
        metric,
        comparator: 'at_least',
        value: 1.5,
        dueYear: 2025,
        clause: '一',
        scope: 'self',
        ...(metric === 'institutions' ? { institutionKind: 'demonstration' } : {}),
      });
      expect(result.success, metric).toBe(!FRACTION_METRICS.has(metric));
    }
  });
});

describe('words from the table', () => {
  it('names a metric without its unit, and writes the unit beside values', () => {
    expect(METRIC_WORDS.zh.maternal_mortality_per_100k).toBe('孕产妇死亡率');
    expect(METRIC_UNIT_WORDS.zh.maternal_mortality_per_100k).toBe('/10万');
    expect(METRIC_UNIT_WORDS.en.places_per_1000).toBe('per 1,000');
  });

  it("gives a rate its unit where the value beside it is a bare number (an export's column)", () => {
    expect(metricWords('maternal_mortality_per_100k', null, 'zh')).toBe('孕产妇死亡率（/10万）');
    expect(metricWords('infant_mortality_per_1000', null, 'en')).toBe('Infant mortality (‰)');
    expect(metricWords('sex_ratio_at_birth', null, 'zh')).toBe('出生人口性别比');
    expect(metricWords('places_per_1000', null, 'zh')).toBe('每千人口托位数');
  });

  it('names an institutions target by its kind', () => {
    expect(metricName('institutions', 'public_guidance', 'zh')).toBe('承担指导功能的公办托育机构数');
    expect(metricName('institutions', 'public_guidance', 'en')).toBe(
      'Institutions: public institution with a guidance role',
    );
    expect(metricName('institutions', null, 'en')).toBe('Institutions');
  });
});

describe('measuring by the table', () => {
  const values = { places: 600, affordablePlaces: 350, childrenEnrolled: null, institutions: { demonstration: 1 } };

  it('measures a ratio, a share and a count of the quarterly report', () => {
    // 600 × 1,000 ÷ 146,363 = 4.0994; ⌈4.5 × 146,363 ÷ 1,000⌉ = 659, 59 short
    expect(measure({ metric: 'places_per_1000', comparator: 'at_least', value: 4.5 }, values, 146_363)).toEqual({
      value: (600 * 1000) / 146_363,
      gap: 59,
      meets: false,
    });
    // 350 ÷ 600 = 58.3 %; ⌈0.6 × 600⌉ = 360, 10 short
    expect(measure({ metric: 'affordable_share', comparator: 'at_least', value: 0.6 }, values, null)).toEqual({
      value: 350 / 600,
      gap: 10,
      meets: false,
    });
    expect(
      measure(
        { metric: 'institutions', comparator: 'at_least', value: 2, institutionKind: 'demonstration' },
        values,
        null,
      ),
    ).toEqual({ value: 1, gap: 1, meets: false });
  });

  it('measures nothing another record carries', () => {
    for (const metric of METRICS.filter((m) => METRIC_TABLE[m].record !== 'quarterly_report')) {
      expect(measure({ metric, comparator: 'below', value: 10 }, values, 146_363), metric).toBeNull();
    }
  });
});
