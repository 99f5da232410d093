// The synthetic country is the same on every run from one seed, and the size the benchmarks promise.
import { describe, expect, it } from 'vitest';
import { NATIONAL, syntheticCountry, TOWNSHIP_SCALE } from '../src/seed/synthetic.ts';

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

describe('synthetic country at township scale', () => {
  const national = syntheticCountry(NATIONAL);
  const country = syntheticCountry(TOWNSHIP_SCALE);
  const townships = country.units.filter((unit) => unit.level === 'township');

  it('adds about 40,000 townships with nine-digit codes inside their counties', () => {
    expect(townships.length).toBeGreaterThan(39_000);
    expect(townships.length).toBeLessThan(41_000);
    expect(townships.every((t) => /^\d{9}$/.test(t.code) && t.code.startsWith(t.parent as string))).toBe(true);
    expect(new Set(townships.map((t) => t.code)).size).toBe(townships.length);
  });

  it('keeps the counties of the country without townships, each the sum of its townships', () => {
    const above = country.units.filter((unit) => unit.level !== 'township');
    expect(above).toEqual(national.units);
    const sums = new Map<string, number>();
    for (const t of townships) sums.set(t.parent as string, (sums.get(t.parent as string) ?? 0) + t.population);
    const counties = above.filter((unit) => unit.level === 'county');
    expect(counties.every((county) => sums.get(county.code) === county.population)).toBe(true);
  });

  it('has the townships report in their counties’ place, for the same quarters', () => {
    const reporting = new Set(country.reports.map((r) => r.code));
    expect(townships.every((t) => reporting.has(t.code))).toBe(true);
    expect(country.reports.some((r) => r.code.length === 6)).toBe(false);
    const quarters = (reports: typeof country.reports, code: (c: string) => string) =>
      new Set(reports.map((r) => `${code(r.code)}|${r.year}Q${r.quarter}`));
    expect(quarters(country.reports, (c) => c.slice(0, 6))).toEqual(quarters(national.reports, (c) => c));
    expect(country.plans).toEqual(national.plans);
  });
});
