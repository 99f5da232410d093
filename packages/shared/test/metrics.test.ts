import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  affordableShare,
  affordableShortfall,
  atLeast,
  ceilScaled,
  measure,
  placesNeeded,
  placesPer1000,
  type QuarterValues,
  toRational,
} from '../src/index.ts';

const WEIXI_2020 = 146_363;
const values = (places: number, affordablePlaces: number, institutions = {}): QuarterValues => ({
  places,
  affordablePlaces,
  childrenEnrolled: null,
  institutions,
});

describe('places per 1,000 and places needed', () => {
  it('reads plan decimals exactly', () => {
    expect(toRational(4.5)).toEqual({ num: 45n, den: 10n });
    expect(toRational(0.6)).toEqual({ num: 6n, den: 10n });
    expect(toRational(1e-7)).toEqual({ num: 1n, den: 10_000_000n });
    expect(toRational(3)).toEqual({ num: 3n, den: 1n });
  });

  it('computes places per 1,000 residents', () => {
    // 600 × 1,000 ÷ 146,363 = 4.09939…
    expect(placesPer1000(600, WEIXI_2020)).toBeCloseTo(4.099397, 6);
  });

  it('needs 657 places for 4.5 per 1,000 at 145,800 residents (656.1 rounds up)', () => {
    // 4.5 × 145,800 ÷ 1,000 = 656.1 → 657
    expect(placesNeeded(4.5, 145_800, 0)).toBe(657);
    expect(placesNeeded(4.5, 145_800, 656)).toBe(1);
    expect(placesNeeded(4.5, 145_800, 657)).toBe(0);
  });

  it("counts Weixi's places still needed at the 2020 census", () => {
    // 4.5 × 146,363 ÷ 1,000 = 658.6335 → 659; 659 − 600 = 59
    expect(placesNeeded(4.5, WEIXI_2020, 600)).toBe(59);
    // the 2025 schedule of 656 is 3 short
    expect(placesNeeded(4.5, WEIXI_2020, 656)).toBe(3);
    // 2.7 × 146,363 ÷ 1,000 = 395.1801 → 396: the 396 affordable places suffice
    expect(placesNeeded(2.7, WEIXI_2020, 396)).toBe(0);
  });

  it('does not drift where floating point would (0.07 × 100,000 ÷ 1,000 is exactly 7)', () => {
    expect(0.07 * 100_000).toBeGreaterThan(7000); // floating point overshoots…
    expect(placesNeeded(0.07, 100_000, 0)).toBe(7); // …exact arithmetic does not
    expect(ceilScaled(0.56, 100_000, 1000)).toBe(56);
  });

  it('counts a ratio met exactly at the boundary as met', () => {
    // 9 × 1,000 ÷ 2,000 = 4.5 exactly
    expect(atLeast(9 * 1000, 2000, 4.5)).toBe(true);
    expect(atLeast(8 * 1000, 2000, 4.5)).toBe(false);
    expect(placesNeeded(4.5, 2000, 9)).toBe(0);
  });
});

describe('affordable share', () => {
  it('is affordable ÷ total, undefined without places', () => {
    expect(affordableShare(350, 600)).toBeCloseTo(0.583333, 6);
    expect(affordableShare(0, 0)).toBeNull();
  });

  it('counts affordable places short of a share target, exactly', () => {
    // ⌈0.6 × 600⌉ − 350 = 360 − 350 = 10
    expect(affordableShortfall(0.6, 600, 350)).toBe(10);
    // 0.07 × 100 is 7.000000000000001 in floating point; exactly 7
    expect(affordableShortfall(0.07, 100, 0)).toBe(7);
    expect(affordableShortfall(0.6, 600, 400)).toBe(0);
  });
});

describe('measure', () => {
  it('measures each childcare metric in its natural unit', () => {
    const v = values(600, 350, { demonstration: 1 });
    expect(measure({ metric: 'places_per_1000', comparator: 'at_least', value: 4.5 }, v, WEIXI_2020)).toEqual({
      value: 600_000 / WEIXI_2020,
      gap: 59,
      meets: false,
    });
    // 2.7 × 146,363 ÷ 1,000 = 395.18 → 396 − 350 = 46
    expect(
      measure({ metric: 'affordable_places_per_1000', comparator: 'at_least', value: 2.7 }, v, WEIXI_2020)?.gap,
    ).toBe(46);
    expect(measure({ metric: 'places', comparator: 'at_least', value: 656 }, v, WEIXI_2020)).toEqual({
      value: 600,
      gap: 56,
      meets: false,
    });
    expect(
      measure({ metric: 'institutions', comparator: 'at_least', value: 2, institutionKind: 'demonstration' }, v, null),
    ).toEqual({ value: 1, gap: 1, meets: false });
  });

  it('has nothing to say where the report does not measure the metric', () => {
    const v = values(600, 350);
    expect(measure({ metric: 'places_per_1000', comparator: 'at_least', value: 4.5 }, v, null)).toBeNull();
    expect(
      measure({ metric: 'institutions', comparator: 'at_least', value: 1, institutionKind: 'public_guidance' }, v, 1),
    ).toBeNull();
    expect(measure({ metric: 'maternal_mortality_per_100k', comparator: 'below', value: 10 }, v, 1)).toBeNull();
    expect(measure({ metric: 'affordable_share', comparator: 'at_least', value: 0.6 }, values(0, 0), 1)).toBeNull();
  });
});

describe('places needed: invariants', () => {
  const target = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100); // 0.00 … 100.00 per 1,000
  const population = fc.integer({ min: 1, max: 200_000_000 });
  const places = fc.integer({ min: 0, max: 2_000_000 });

  it('is 0 exactly when the target is met', () => {
    fc.assert(
      fc.property(target, population, places, (t, pop, p) => {
        expect(placesNeeded(t, pop, p) === 0).toBe(atLeast(p * 1000, pop, t));
      }),
    );
  });

  it('is the smallest number of places that meets the target', () => {
    fc.assert(
      fc.property(target, population, places, (t, pop, p) => {
        const n = placesNeeded(t, pop, p);
        expect(atLeast((p + n) * 1000, pop, t)).toBe(true);
        if (n > 0) expect(atLeast((p + n - 1) * 1000, pop, t)).toBe(false);
      }),
    );
  });

  it('never rises when places rise', () => {
    fc.assert(
      fc.property(target, population, places, fc.integer({ min: 0, max: 10_000 }), (t, pop, p, more) => {
        expect(placesNeeded(t, pop, p + more)).toBeLessThanOrEqual(placesNeeded(t, pop, p));
      }),
    );
  });

  it('affordable shortfall is 0 exactly when the share is met', () => {
    const share = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);
    fc.assert(
      fc.property(
        share,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, total, f) => {
          const affordable = Math.floor(total * f);
          expect(affordableShortfall(s, total, affordable) === 0).toBe(atLeast(affordable, total, s));
        },
      ),
    );
  });
});

describe('target values as admins type them', () => {
  it('takes any value with up to 4 decimals, floating point notwithstanding', async () => {
    const { targetInputSchema } = await import('../src/index.ts');
    const target = (value: number) =>
      targetInputSchema.safeParse({
        metric: 'affordable_share',
        comparator: 'at_least',
        value,
        dueYear: 2025,
        clause: '一',
        scope: 'self',
      });
    // 0.57 × 10,000 is 5699.999999999999 in floating point
    for (const value of [0.57, 0.07, 0.14, 0.6, 0.1234]) expect(target(value).success, String(value)).toBe(true);
    expect(target(0.12345).success).toBe(false);
    expect(target(60).success).toBe(false);
  });
});
