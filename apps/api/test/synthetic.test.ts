// The synthetic country is the same on every run from one seed, and the size the benchmarks promise.
import { describe, expect, it } from 'vitest';
import { NATIONAL, syntheticCountry } from '../src/seed/synthetic.ts';

describe('synthetic country', () => {
  const country = syntheticCountry(NATIONAL);
  const count = (level: string) => country.units.filter((unit) => unit.level === level).length;

  it('has 31 provinces, about 340 prefectures and 2,850 counties with GB/T-like codes', () => {
    expect([count('province'), count('prefecture'), count('county')]).toEqual([31, 341, 2850]);
    expect(country.units.every((unit) => /^\d{6}$/.test(unit.code))).toBe(true);
    expect(new Set(country.units.map((unit) => unit.code)).size).toBe(country.units.length);
    // none of the shipped units' codes is taken, beyond the provinces they join
    const shipped = ['141000', '371500', '371503', '533400', '533423'];
    expect(country.units.filter((unit) => shipped.includes(unit.code))).toEqual([]);
  });

  it('adds up to a country of about 1.36 billion, each parent the sum of its children', () => {
    const total = country.units.filter((u) => u.level === 'province').reduce((sum, u) => sum + u.population, 0);
    expect(total).toBe(country.units.filter((u) => u.level === 'county').reduce((sum, u) => sum + u.population, 0));
    expect(total).toBeGreaterThan(1.2e9);
    expect(total).toBeLessThan(1.5e9);
  });

  it('reports most quarters of 2020–2025, leaving about 3 % missing, and is deterministic', () => {
    const possible = 2850 * 24;
    expect(country.reports.length / possible).toBeGreaterThan(0.95);
    expect(country.reports.length / possible).toBeLessThan(0.99);
    expect(country.reports.every((r) => r.affordable <= r.places && r.places >= 0)).toBe(true);
    expect(syntheticCountry(NATIONAL)).toEqual(country);
    expect(syntheticCountry({ ...NATIONAL, seed: 1 }).reports[0]).not.toEqual(country.reports[0]);
  });
});
