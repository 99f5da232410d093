import { describe, expect, it } from 'vitest';
import {
  type CountedReport,
  computeProgress,
  type Plan,
  periodIndex,
  placesChart,
  SubtreeValues,
  seriesOf,
  type UnitNode,
} from '../src/index.ts';

const q = (year: number, quarter: 1 | 2 | 3 | 4) => periodIndex({ year, quarter });
const weixi: UnitNode = { code: '533423', name: '维西', nameEn: 'Weixi', level: 'county', parentCode: null };
const report = (index: number, places: number): CountedReport => ({
  periodIndex: index,
  places,
  affordablePlaces: Math.round(places * 0.6),
  childrenEnrolled: null,
  institutions: {},
  status: 'approved',
  demo: false,
});
const reports = new Map([
  [
    '533423',
    new Map(
      [544, 563, 581, 600].map((places, i) => [
        q(2024, (i + 1) as 1 | 2 | 3 | 4),
        report(q(2024, (i + 1) as 1 | 2 | 3 | 4), places),
      ]),
    ),
  ],
]);
const populations = new Map([['533423', [{ year: 2020, population: 146_363, source: 'census' }]]]);
const plan: Plan = {
  id: 'p',
  jurisdictionCode: '533423',
  documentNumber: '维发〔2023〕15号',
  title: 't',
  issuer: 'i',
  issuedOn: null,
  targets: [
    {
      id: 'ratio',
      metric: 'places_per_1000',
      comparator: 'at_least',
      value: 4.5,
      dueYear: 2025,
      clause: '一(二)',
      scope: 'self',
      institutionKind: null,
    },
    {
      id: 's2025',
      metric: 'places',
      comparator: 'at_least',
      value: 656,
      dueYear: 2025,
      clause: '附件3',
      scope: 'self',
      institutionKind: null,
    },
  ],
};

describe('the places chart', () => {
  const subtree = new SubtreeValues([weixi], reports, populations);
  const progress = computeProgress({
    periodIndex: q(2024, 4),
    lineage: [weixi],
    subtree,
    plans: [plan],
    planPopulations: populations,
  });
  const points = seriesOf(subtree, '533423', q(2024, 1), q(2024, 4));
  const rows = placesChart(points, progress.targets, q(2024, 4), () => 146_363);
  const at = (period: string) => rows.find((r) => r.period === period);

  it('runs from the first quarter to the due quarter', () => {
    expect(rows.map((r) => r.period)).toEqual([
      '2024Q1',
      '2024Q2',
      '2024Q3',
      '2024Q4',
      '2025Q1',
      '2025Q2',
      '2025Q3',
      '2025Q4',
    ]);
    expect(points[3]).toMatchObject({ places: 600, population: 146_363 });
    expect(points[3].placesPer1000).toBeCloseTo(4.0994, 4);
  });

  it('turns 4.5 per 1,000 into 659 places and draws the 656 of the schedule at 2025Q4', () => {
    // ⌈4.5 × 146,363 ÷ 1,000⌉ = 659
    expect(rows.every((r) => r.neededByRatio === 659)).toBe(true);
    expect(at('2025Q4')?.scheduled).toBe(656);
    expect(at('2025Q3')?.scheduled).toBeNull();
  });

  it('draws the forecast from the latest figure to 674.3 at the due quarter', () => {
    // least squares through 544, 563, 581, 600 reaches 674.3 at 2025Q4 (forecast.test.ts)
    expect(at('2024Q4')?.forecast).toBe(600);
    expect(at('2025Q4')?.forecast).toBeCloseTo(674.3, 9);
    // a straight line between: 600 + 74.3 × 2 ÷ 4
    expect(at('2025Q2')?.forecast).toBeCloseTo(637.15, 9);
    expect(at('2024Q3')?.forecast).toBeNull();
  });

  it('draws the pace needed: 59 places in 4 quarters, 14.75 a quarter, from 600 to 659', () => {
    expect(at('2024Q4')?.requiredPace).toBe(600);
    expect(at('2025Q1')?.requiredPace).toBe(614.75);
    expect(at('2025Q4')?.requiredPace).toBe(659);
    expect(at('2025Q4')?.places).toBeNull();
  });
});
