// The synthetic country is the same on every run from one seed, and the size the benchmarks promise.
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import type { DB } from '../src/db/schema.ts';
import { loadDemoReports } from '../src/seed/demo-reports.ts';
import {
  loadSyntheticOnStart,
  NATIONAL,
  SyntheticRefused,
  syntheticCountry,
  TOWNSHIP_SCALE,
} from '../src/seed/synthetic.ts';
import { openTestDatabase, type TestDatabase } from './support/backends.ts';

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

describe('TUOWEI_SYNTHETIC on start, on real Postgres', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.destroy();
  });
  const fresh = async () => {
    const opened = await openTestDatabase('postgres');
    databases.push(opened);
    return opened.database.db;
  };
  const syntheticUnits = async (db: Kysely<DB>) =>
    Number(
      (
        await db
          .selectFrom('jurisdictions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('synthetic', '=', true)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('is read as counties or townships, and anything else is refused by name', () => {
    expect(loadConfig({ TUOWEI_SYNTHETIC: 'counties' }).synthetic).toBe('counties');
    expect(loadConfig({ TUOWEI_SYNTHETIC: 'townships' }).synthetic).toBe('townships');
    expect(loadConfig({}).synthetic).toBeNull();
    expect(() => loadConfig({ TUOWEI_SYNTHETIC: 'county' })).toThrow(
      /TUOWEI_SYNTHETIC must be counties .* not "county"/,
    );
  });

  it('loads the country into a database holding only what ships and demo reports, once', async () => {
    const db = await fresh();
    expect(await loadDemoReports(db)).toBeGreaterThan(0);
    const first = await loadSyntheticOnStart(db, 'counties');
    expect(first).toMatchObject({ loaded: true, counts: { provinces: 31, prefectures: 341, counties: 2850 } });
    // the shipped provinces are joined, not duplicated: 31 + 341 + 2,850 units less those that ship
    const units = await syntheticUnits(db);
    expect(units).toBeGreaterThan(3000);
    expect(units).toBeLessThanOrEqual(31 + 341 + 2850);
    // started again on the same database: nothing loaded twice
    expect(await loadSyntheticOnStart(db, 'counties')).toEqual({ loaded: false });
    expect(await syntheticUnits(db)).toBe(units);
  });

  it('refuses, saying why, on a database holding one real report, and loads nothing', async () => {
    const db = await fresh();
    await sql`
      insert into quarterly_reports (jurisdiction_code, year, quarter, places, affordable_places, status, created_by, updated_by)
      values ('533423', 2024, 4, 600, 350, 'draft', 'entry-weixi', 'entry-weixi')`.execute(db);
    const refusal = loadSyntheticOnStart(db, 'counties');
    await expect(refusal).rejects.toBeInstanceOf(SyntheticRefused);
    await expect(refusal).rejects.toThrow(/holds real data: a report that is not demo data \(533423 2024Q4\)/);
    expect(await syntheticUnits(db)).toBe(0);
  });

  it('refuses on a database holding a jurisdiction Tuowei does not ship', async () => {
    const db = await fresh();
    await sql`insert into jurisdictions (code, name, name_en, level, parent_code)
              values ('533424', '某县', 'Some County', 'county', '533400')`.execute(db);
    await expect(loadSyntheticOnStart(db, 'townships')).rejects.toThrow(
      /a jurisdiction Tuowei does not ship \(533424\)/,
    );
    expect(await syntheticUnits(db)).toBe(0);
  });
});
