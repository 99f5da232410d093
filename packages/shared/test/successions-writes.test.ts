// Boundary changes finished, hand-worked: a retired code refused for figures about days on or
// after its succession (and welcome before it), a newer edition's 撤县设区 proposed as a rename
// rather than "one removed, one added", and yearly indicators following a rename as quarterly
// reports do (the parent's 2024 and 2025 rates counting the county once each).
import { describe, expect, it } from 'vitest';
import {
  type CountedIndicators,
  evaluateYearlyTarget,
  indicatorCounts,
  measureYear,
  type PlanTarget,
  periodEndDate,
  periodIndex,
  proposeSuccessions,
  retiredCodeRefusal,
  SubtreeIndicators,
  type Succession,
  Successions,
  type UnitNode,
} from '../src/index.ts';

const succession = (fromCode: string, toCode: string, kind: Succession['kind'], effectiveOn: string) => ({
  fromCode,
  toCode,
  effectiveOn,
  reason: 'test',
  kind,
});

describe('a write to a retired code', () => {
  // 530124 becomes 530115 on 2025-01-01; 530126 splits into 530131 and 530132 on 2025-07-01
  const successions = new Successions([
    succession('530124', '530115', 'rename', '2025-01-01'),
    succession('530126', '530132', 'split', '2025-07-01'),
    succession('530126', '530131', 'split', '2025-07-01'),
  ]);

  it('is refused for a quarter ending on or after the date, naming the successor', () => {
    // 2025Q1 ends on 2025-03-31, after the date: the district's quarter
    expect(retiredCodeRefusal(successions, '530124', periodEndDate({ year: 2025, quarter: 1 }))).toEqual({
      code: '530124',
      successors: ['530115'],
      effectiveOn: '2025-01-01',
      kind: 'rename',
    });
    // the day itself is the new code's
    expect(retiredCodeRefusal(successions, '530124', '2025-01-01')?.successors).toEqual(['530115']);
  });

  it('stays allowed before the date: a late report of the old county for 2024Q4', () => {
    expect(retiredCodeRefusal(successions, '530124', periodEndDate({ year: 2024, quarter: 4 }))).toBeNull();
    expect(retiredCodeRefusal(successions, '530124', '2024-12-31')).toBeNull();
  });

  it('names every part of a split, and takes a year by its last day', () => {
    // a split on 2025-07-01: 2025's indicators (to 2025-12-31) are the parts', 2025Q2 (to 06-30) the whole's
    expect(retiredCodeRefusal(successions, '530126', '2025-12-31')?.successors).toEqual(['530131', '530132']);
    expect(retiredCodeRefusal(successions, '530126', periodEndDate({ year: 2025, quarter: 2 }))).toBeNull();
  });

  it('leaves the successor and every other code alone', () => {
    expect(retiredCodeRefusal(successions, '530115', '2030-12-31')).toBeNull();
    expect(retiredCodeRefusal(successions, '530125', '2030-12-31')).toBeNull();
  });
});

describe('a newer edition proposing 撤县设区', () => {
  const city = { code: '530100', name: '昆明市', parentCode: '530000' };

  it('pairs a 县 gone and a 区 new with the same stem under the same prefecture as one rename', () => {
    const older = [city, { code: '530124', name: '富民县', parentCode: '530100' }];
    const newer = [city, { code: '530115', name: '富民区', parentCode: '530100' }];
    expect(proposeSuccessions(older, newer)).toEqual([
      {
        fromCode: '530124',
        toCode: '530115',
        name: '富民区',
        fromName: '富民县',
        parentCode: '530100',
        kind: 'rename',
        match: 'county_made_district',
      },
    ]);
  });

  it('reads an autonomous county and a county-level city too: 石林彝族自治县 → 石林彝族区, 安宁县 → 安宁市', () => {
    const older = [
      city,
      { code: '530126', name: '石林彝族自治县', parentCode: '530100' },
      { code: '530181', name: '安宁县', parentCode: '530100' },
    ];
    const newer = [
      city,
      { code: '530116', name: '石林彝族区', parentCode: '530100' },
      { code: '530182', name: '安宁市', parentCode: '530100' },
    ];
    expect(proposeSuccessions(older, newer).map((p) => `${p.fromName}>${p.name}`)).toEqual([
      '石林彝族自治县>石林彝族区',
      '安宁县>安宁市',
    ]);
  });

  it('does not pair across prefectures, nor a stem two ways, nor a 区 that kept its name elsewhere', () => {
    const other = { code: '530300', name: '曲靖市', parentCode: '530000' };
    const older = [
      city,
      other,
      // a 县 whose 区 appears under another prefecture: not the same place
      { code: '530124', name: '富民县', parentCode: '530100' },
      // two 县 with one stem cannot both become one 区: ambiguous, left to the admin
      { code: '530127', name: '嵩明县', parentCode: '530100' },
      { code: '530128', name: '嵩明自治县', parentCode: '530100' },
      // an exact name wins over a stem: 宜良区 moved code under its own name
      { code: '530129', name: '宜良县', parentCode: '530100' },
      { code: '530130', name: '宜良区', parentCode: '530100' },
    ];
    const newer = [
      city,
      other,
      { code: '530315', name: '富民区', parentCode: '530300' },
      { code: '530117', name: '嵩明区', parentCode: '530100' },
      { code: '530118', name: '宜良区', parentCode: '530100' },
    ];
    // 宜良区 goes to its namesake; 宜良县 then finds no 区 left, 嵩明 is two to one, 富民 crosses a border
    expect(proposeSuccessions(older, newer)).toEqual([
      {
        fromCode: '530130',
        toCode: '530118',
        name: '宜良区',
        fromName: '宜良区',
        parentCode: '530100',
        kind: 'rename',
        match: 'same_name',
      },
    ]);
  });

  it('never pairs a 区 gone with a 县 new (撤区设县 is not the change it reads)', () => {
    const older = [city, { code: '530115', name: '富民区', parentCode: '530100' }];
    const newer = [city, { code: '530124', name: '富民县', parentCode: '530100' }];
    expect(proposeSuccessions(older, newer)).toEqual([]);
  });
});

describe('yearly indicators across a rename on 2025-01-01', () => {
  const unit = (code: string, parentCode: string | null, level: UnitNode['level'] = 'county'): UnitNode => ({
    code,
    name: code,
    nameEn: code,
    level,
    parentCode,
  });
  const births = (liveBirths: number, maternalDeaths: number): CountedIndicators => ({
    counts: indicatorCounts({ liveBirths, maternalDeaths }),
    status: 'approved',
  });
  const target: PlanTarget = {
    id: 't',
    metric: 'maternal_mortality_per_100k',
    comparator: 'below',
    value: 10,
    dueYear: 2030,
    clause: '一',
    scope: 'self',
    institutionKind: null,
  };
  const units = [
    unit('530100', null, 'prefecture'),
    unit('530124', '530100'),
    unit('530115', '530100'),
    unit('530125', '530100'),
  ];
  // the county's 2024 under its old code, the district's 2025 under the new; a neighbour both years
  const records = new Map([
    ['530124', new Map([[2024, births(1_000, 2)]])],
    ['530115', new Map([[2025, births(1_200, 1)]])],
    [
      '530125',
      new Map([
        [2024, births(2_000, 1)],
        [2025, births(1_800, 2)],
      ]),
    ],
  ]);
  const renamed = new Successions([succession('530124', '530115', 'rename', '2025-01-01')]);
  const indicators = new SubtreeIndicators(units, records, renamed);

  it('counts the county once in the city each year', () => {
    // 2024: (2 + 1) deaths in (1,000 + 2,000) births = 100 per 100,000
    expect(measureYear(indicators, '530100', target, 2024)).toMatchObject({
      numerator: 3,
      denominator: 3_000,
      value: 100,
    });
    // 2025: (1 + 2) in (1,200 + 1,800) = 3 in 3,000 = 100 per 100,000
    expect(measureYear(indicators, '530100', target, 2025)).toMatchObject({
      numerator: 3,
      denominator: 3_000,
      value: 100,
    });
  });

  it('would double-count 2024 if the district’s carried-on history were added to the city', () => {
    // the district's own series reads the county's 2024 (no gap at the change)
    expect(measureYear(indicators, '530115', target, 2024)).toMatchObject({ numerator: 2, denominator: 1_000 });
    expect(indicators.ownPairAt('530115', 2024, 'maternal_mortality_per_100k')).toBeNull();
  });

  it('gives the district a series across the change: 200 in 2024, 83.3 in 2025, forecast through both', () => {
    const evaluation = evaluateYearlyTarget(indicators, '530115', target, periodIndex({ year: 2026, quarter: 1 }));
    // 2025: 1 × 100,000 ÷ 1,200 = 83.33…; 2024: 2 × 100,000 ÷ 1,000 = 200
    expect(evaluation).toMatchObject({ year: 2025, numerator: 1, denominator: 1_200 });
    expect(evaluation.current).toBeCloseTo(83.333, 2);
    // the line through (2024, 200) and (2025, 83.33) falls 116.67 a year: it is below 10 by 2030
    expect(evaluation.forecast).toBeLessThan(10);
  });

  it('is unchanged in the city by the renaming alone', () => {
    const unrenamed = new SubtreeIndicators(
      [unit('530100', null, 'prefecture'), unit('530124', '530100'), unit('530125', '530100')],
      new Map([
        [
          '530124',
          new Map([
            [2024, births(1_000, 2)],
            [2025, births(1_200, 1)],
          ]),
        ],
        ['530125', records.get('530125') as Map<number, CountedIndicators>],
      ]),
    );
    for (const year of [2024, 2025]) {
      expect(unrenamed.pairAt('530100', year, 'maternal_mortality_per_100k')).toEqual(
        indicators.pairAt('530100', year, 'maternal_mortality_per_100k'),
      );
    }
  });
});
