import { describe, expect, it } from 'vitest';
import { awaitingFigures, countsOfMetric } from '../src/index.ts';

describe('what a target with no figure yet waits for', () => {
  const maternal = { metric: 'maternal_mortality_per_100k', dueYear: 2025, status: 'no_data', measured: true } as const;
  const chiping = { code: '371503', hasUnitsBelow: false };

  it('a yearly rate waits for its numerator and denominator of the last year ended, never past the due year', () => {
    expect(awaitingFigures(maternal, chiping, { year: 2026, quarter: 3 })).toEqual({
      record: 'yearly_indicators',
      counts: ['maternalDeaths', 'liveBirths'],
      year: 2025,
      from: '371503',
      orBelow: false,
    });
    // 2025Q2: 2024 is the last year ended; 2025Q4: the year 2025 has ended with the quarter
    expect(awaitingFigures(maternal, chiping, { year: 2025, quarter: 2 })?.year).toBe(2024);
    expect(awaitingFigures(maternal, chiping, { year: 2025, quarter: 4 })?.year).toBe(2025);
    // a target due 2030, seen in 2026Q3, waits for 2025
    expect(awaitingFigures({ ...maternal, dueYear: 2030 }, chiping, { year: 2026, quarter: 3 })?.year).toBe(2025);
  });

  it('a parent waits for its own record or its units’ below', () => {
    const liaocheng = { code: '371500', hasUnitsBelow: true };
    expect(awaitingFigures(maternal, liaocheng, { year: 2026, quarter: 3 })).toMatchObject({
      from: '371500',
      orBelow: true,
    });
  });

  it('a target with a figure, or not measured, waits for nothing', () => {
    expect(awaitingFigures({ ...maternal, status: 'missed' }, chiping, { year: 2026, quarter: 3 })).toBeNull();
    expect(awaitingFigures({ ...maternal, measured: false }, chiping, { year: 2026, quarter: 3 })).toBeNull();
  });

  it('names the counts each record holds: the screening rate’s two, the new-housing norm’s two, the places ratio’s', () => {
    expect(countsOfMetric('prenatal_screening_rate')).toEqual(['pregnantWomenScreened', 'pregnantWomen']);
    expect(countsOfMetric('new_residential_places_per_1000')).toEqual(['plannedResidents', 'plannedPlaces']);
    expect(countsOfMetric('places_per_1000')).toEqual(['places', 'population']);
  });
});
