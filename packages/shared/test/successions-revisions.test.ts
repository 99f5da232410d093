// Boundary changes and plan revisions, hand-worked: a county renamed on 2025-01-01 (撤县设区), a
// merge and a split under one prefecture, what completeness expects around them, the proposals a
// newer edition of the codes suggests; and a 4.5 target due 2025 superseded by 5.5 due 2030 from
// 2026-01-01, evaluated on either side of the change.
import { describe, expect, it } from 'vitest';
import {
  applicableTargets,
  type CountedReport,
  completeness,
  computeProgress,
  firstSuccessorIndex,
  type Plan,
  type PlanTarget,
  periodIndex,
  proposeSuccessions,
  SubtreeValues,
  type Succession,
  Successions,
  seriesOf,
  successionRefusal,
  type UnitNode,
  type UnitReport,
} from '../src/index.ts';

const q = (text: string) => periodIndex({ year: Number(text.slice(0, 4)), quarter: Number(text[5]) as 1 | 2 | 3 | 4 });
const unit = (code: string, parentCode: string | null, level: UnitNode['level'] = 'county'): UnitNode => ({
  code,
  name: code,
  nameEn: code,
  level,
  parentCode,
});
const report = (period: string, places: number): [number, CountedReport] => [
  q(period),
  {
    periodIndex: q(period),
    places,
    affordablePlaces: 0,
    childrenEnrolled: null,
    institutions: {},
    status: 'approved',
    demo: false,
  },
];
const succession = (fromCode: string, toCode: string, kind: Succession['kind'], effectiveOn = '2025-01-01') => ({
  fromCode,
  toCode,
  effectiveOn,
  reason: 'test',
  kind,
});

const CITY = unit('530100', '530000', 'prefecture');
const OLD = unit('530124', '530100'); // the county
const NEW = unit('530115', '530100'); // the district it becomes
const OTHER = unit('530125', '530100');
const populations = new Map([
  ['530124', [{ year: 2020, population: 100_000, source: 'census' }]],
  ['530125', [{ year: 2020, population: 50_000, source: 'census' }]],
]);
const renameReports = new Map([
  ['530124', new Map([report('2024Q3', 300), report('2024Q4', 320)])],
  ['530115', new Map([report('2025Q1', 340), report('2025Q2', 360)])],
  ['530125', new Map([report('2024Q3', 100), report('2024Q4', 100), report('2025Q1', 110), report('2025Q2', 110)])],
]);
const renamed = new Successions([succession('530124', '530115', 'rename')]);

describe('a rename on 2025-01-01', () => {
  it('gives 2024Q4 to the old code and 2025Q1 to the new: the quarter holding the date is the first of the new', () => {
    expect(firstSuccessorIndex('2025-01-01')).toBe(q('2025Q1'));
    // a date inside a quarter: that quarter ends after it, so it is the new code's
    expect(firstSuccessorIndex('2025-02-15')).toBe(q('2025Q1'));
    expect(firstSuccessorIndex('2025-04-01')).toBe(q('2025Q2'));
  });

  it('reads the district’s series across the change with no gap, at the county’s population', () => {
    const subtree = new SubtreeValues([CITY, OLD, NEW, OTHER], renameReports, populations, renamed);
    const series = seriesOf(subtree, '530115', q('2024Q3'), q('2025Q2'));
    expect(series.map((p) => [p.period, p.places, p.population])).toEqual([
      ['2024Q3', 300, 100_000],
      ['2024Q4', 320, 100_000],
      ['2025Q1', 340, 100_000],
      ['2025Q2', 360, 100_000],
    ]);
    // 320 × 1,000 ÷ 100,000 = 3.2 per 1,000 under the old code, 3.6 under the new
    expect(series.map((p) => p.placesPer1000)).toEqual([3, 3.2, 3.4, 3.6]);
    // the old code's own reports stay readable under it
    expect(subtree.valueAt('530124', q('2024Q4'))?.values.places).toBe(320);
  });

  it('counts each quarter once in the city, with the same completeness as if the code had not changed', () => {
    const subtree = new SubtreeValues([CITY, OLD, NEW, OTHER], renameReports, populations, renamed);
    const city = (period: string) => {
      const value = subtree.valueAt('530100', q(period));
      return [value?.values.places, value?.childrenReported, value?.childrenTotal, value?.population?.value];
    };
    // 320 + 100 at 2024Q4 (not 320 + 320 + 100); 340 + 110 at 2025Q1; two counties standing in each
    expect(city('2024Q4')).toEqual([420, 2, 2, 150_000]);
    expect(city('2025Q1')).toEqual([450, 2, 2, 150_000]);
    // without the succession the city would see three counties, one of them silent, every quarter
    const unrecorded = new SubtreeValues([CITY, OLD, NEW, OTHER], renameReports, populations);
    expect(unrecorded.valueAt('530100', q('2025Q1'))?.childrenTotal).toBe(3);
    expect(subtree.childrenOf('530100', q('2024Q4'))).toEqual(['530124', '530125']);
    expect(subtree.childrenOf('530100', q('2025Q1'))).toEqual(['530115', '530125']);
  });

  it('holds the district to the county’s plan', () => {
    const plan: Plan = {
      id: 'p',
      jurisdictionCode: '530124',
      documentNumber: 'x',
      title: 't',
      issuer: 'i',
      issuedOn: '2023-01-01',
      targets: [target({ id: 'ratio', value: 4, dueYear: 2025 })],
    };
    const lineage = [NEW, CITY];
    expect(applicableTargets(lineage, [plan]).map((a) => a.target.id)).toEqual([]);
    expect(applicableTargets(lineage, [plan], { successions: renamed }).map((a) => a.target.id)).toEqual(['ratio']);
  });

  it('expects the county to report before the date and the district after, never both', () => {
    const reports = (code: string): Map<string, UnitReport> =>
      new Map([
        [code, { status: 'approved', firstSubmittedAt: null, approvedBy: null, approvedAt: null, demo: false }],
      ]);
    const deadline = new Date('2030-01-01T00:00:00Z');
    const now = new Date('2026-12-01T00:00:00Z');
    const before = completeness([CITY, OLD, NEW, OTHER], reports('530124'), deadline, now, {
      period: { year: 2024, quarter: 4 },
      successions: renamed,
    });
    expect(before.units.map((u) => [u.code, u.state])).toEqual([
      ['530124', 'approved'],
      ['530125', 'missing'],
    ]);
    const after = completeness([CITY, OLD, NEW, OTHER], reports('530115'), deadline, now, {
      period: { year: 2025, quarter: 1 },
      successions: renamed,
    });
    expect(after.units.map((u) => [u.code, u.state])).toEqual([
      ['530115', 'approved'],
      ['530125', 'missing'],
    ]);
  });
});

describe('merges and splits', () => {
  const A = unit('530126', '530100');
  const B = unit('530127', '530100');
  const C = unit('530128', '530100');
  const reports = new Map([
    ['530126', new Map([report('2024Q4', 200)])],
    ['530127', new Map([report('2024Q4', 50)])],
    ['530128', new Map([report('2025Q1', 260)])],
  ]);
  const pops = new Map([
    ['530126', [{ year: 2020, population: 80_000, source: 'census' }]],
    ['530127', [{ year: 2020, population: 20_000, source: 'census' }]],
  ]);

  it('gives a merged unit the sum of its parts before the date, and the city each quarter once', () => {
    const merged = new Successions([succession('530126', '530128', 'merge'), succession('530127', '530128', 'merge')]);
    const subtree = new SubtreeValues([CITY, A, B, C], reports, pops, merged);
    // 200 + 50 at 2024Q4, at 80,000 + 20,000 residents: 2.5 per 1,000
    expect(subtree.valueAt('530128', q('2024Q4'))).toMatchObject({
      values: { places: 250 },
      population: { value: 100_000 },
    });
    expect(subtree.populationOf('530128', 2025)?.value).toBe(100_000);
    expect(subtree.valueAt('530100', q('2024Q4'))).toMatchObject({ values: { places: 250 }, childrenTotal: 2 });
    expect(subtree.valueAt('530100', q('2025Q1'))).toMatchObject({ values: { places: 260 }, childrenTotal: 1 });
  });

  it('leaves a split unit’s history its own: the parts begin at the date, the city carries on through them', () => {
    const split = new Successions([succession('530126', '530127', 'split'), succession('530126', '530128', 'split')]);
    const parts = new Map([
      ['530126', new Map([report('2024Q4', 200)])],
      ['530127', new Map([report('2025Q1', 90)])],
      ['530128', new Map([report('2025Q1', 120)])],
    ]);
    const subtree = new SubtreeValues([CITY, A, B, C], parts, pops, split);
    // no report says how 200 places divide: the parts have no figures before the split
    expect(subtree.valueAt('530127', q('2024Q4'))).toBeNull();
    expect(subtree.valueAt('530126', q('2024Q4'))?.values.places).toBe(200);
    expect(subtree.valueAt('530100', q('2024Q4'))).toMatchObject({ values: { places: 200 }, childrenTotal: 1 });
    expect(subtree.valueAt('530100', q('2025Q1'))).toMatchObject({ values: { places: 210 }, childrenTotal: 2 });
  });

  it('refuses a succession that repeats one, returns to its start, or joins a code to itself', () => {
    const existing = [succession('530124', '530115', 'rename')];
    expect(successionRefusal(existing, succession('530115', '530124', 'rename'))).toBe('cycle');
    expect(successionRefusal(existing, succession('530124', '530115', 'rename'))).toBe('duplicate');
    expect(successionRefusal(existing, succession('530115', '530115', 'rename'))).toBe('same_code');
    expect(successionRefusal(existing, succession('530115', '530199', 'rename'))).toBeNull();
  });
});

describe('a newer edition of the division codes', () => {
  it('proposes a rename for a name kept under the same parent with a new code, and nothing where it is ambiguous', () => {
    const older = [
      { code: '530100', name: '昆明市', parentCode: '530000' },
      { code: '530124', name: '富民', parentCode: '530100' },
      { code: '530125', name: '宜良', parentCode: '530100' },
      { code: '530126', name: '石林', parentCode: '530100' },
    ];
    const newer = [
      { code: '530100', name: '昆明市', parentCode: '530000' },
      { code: '530115', name: '富民', parentCode: '530100' },
      { code: '530125', name: '宜良', parentCode: '530100' },
      // two new codes named alike: the admin decides
      { code: '530131', name: '石林', parentCode: '530100' },
      { code: '530132', name: '石林', parentCode: '530100' },
    ];
    expect(proposeSuccessions(older, newer)).toEqual([
      {
        fromCode: '530124',
        toCode: '530115',
        name: '富民',
        fromName: '富民',
        parentCode: '530100',
        kind: 'rename',
        match: 'same_name',
      },
    ]);
  });

  it('matches a child under its renamed parent', () => {
    const older = [
      { code: '371200', name: '莱芜市', parentCode: '370000' },
      { code: '371202', name: '莱城区', parentCode: '371200' },
    ];
    const newer = [
      { code: '371299', name: '莱芜市', parentCode: '370000' },
      { code: '371298', name: '莱城区', parentCode: '371299' },
    ];
    expect(proposeSuccessions(older, newer).map((p) => `${p.fromCode}>${p.toCode}`)).toEqual([
      '371200>371299',
      '371202>371298',
    ]);
  });
});

function target(fields: Partial<PlanTarget> & { id: string; value: number; dueYear: number }): PlanTarget {
  return {
    metric: 'places_per_1000',
    comparator: 'at_least',
    clause: '一(二)',
    scope: 'self',
    institutionKind: null,
    ...fields,
  };
}

describe('a revision: 4.5 due 2025 superseded by 5.5 due 2030 from 2026-01-01', () => {
  const weixi = unit('533423', null);
  const plan: Plan = {
    id: 'p',
    jurisdictionCode: '533423',
    documentNumber: '维发〔2023〕15号',
    title: 't',
    issuer: 'i',
    issuedOn: '2023-06-28',
    targets: [
      target({
        id: 'old',
        value: 4.5,
        dueYear: 2025,
        inForceFrom: '2023-06-28',
        inForceUntil: '2025-12-31',
        supersededBy: 'new',
      }),
      target({
        id: 'new',
        value: 5.5,
        dueYear: 2030,
        inForceFrom: '2026-01-01',
        inForceUntil: null,
        supersedes: 'old',
      }),
    ],
  };
  // 146,363 residents; 640 and 650 places in the second half of 2025, then 670 and 690
  const reports = new Map([
    ['533423', new Map([report('2025Q3', 640), report('2025Q4', 650), report('2026Q1', 670), report('2026Q2', 690)])],
  ]);
  const subtree = new SubtreeValues(
    [weixi],
    reports,
    new Map([['533423', [{ year: 2020, population: 146_363, source: 'census' }]]]),
  );
  const progressAt = (period: string) =>
    computeProgress({ periodIndex: q(period), lineage: [weixi], subtree, plans: [plan], planPopulations: new Map() });

  it('evaluates 4.5 at 2025Q4, and 5.5 is not yet in force', () => {
    const targets = progressAt('2025Q4').targets;
    expect(targets.map((t) => t.targetId)).toEqual(['old']);
    // 650 × 1,000 ÷ 146,363 = 4.4410 < 4.5: ⌈658.63⌉ = 659 needed, 9 short at the due quarter
    expect(targets[0]).toMatchObject({ status: 'missed', gap: 9, closed: true });
  });

  it('evaluates 5.5 at 2026Q2 from the 2025 baseline, with the 2025 verdict kept beside it', () => {
    const [old, next] = progressAt('2026Q2').targets;
    expect(old).toMatchObject({ targetId: 'old', closed: true, status: 'missed' });
    expect(next).toMatchObject({ targetId: 'new', closed: false, binding: true });
    expect(next.baseline).toEqual({ period: '2025Q4', value: 650_000 / 146_363 });
    // ⌈5.5 × 146.363⌉ = ⌈804.9965⌉ = 805 needed, 805 − 690 = 115, over 2026Q3…2030Q4 = 18 quarters
    expect(next.gap).toBe(115);
    expect(next.requiredPerQuarter).toBeCloseTo(6.388_889, 6);
    // the line through 650, 670, 690 (from the baseline; 2025Q3's 640 left out): 20 places a quarter,
    // 670 at 2026Q1, 19 quarters on to 2030Q4: 1,050 places, 7.1739 per 1,000
    expect(next.forecast).toBeCloseTo(1_050_000 / 146_363, 9);
    expect(next.status).toBe('on_track');
  });

  it('leaves a target replaced before its due date out once the replacement is in force', () => {
    const early: Plan = {
      ...plan,
      targets: [
        target({ id: 'old', value: 4.5, dueYear: 2025, inForceUntil: '2024-06-30' }),
        target({ id: 'new', value: 5, dueYear: 2025, inForceFrom: '2024-07-01', supersedes: 'old' }),
      ],
    };
    const ids = (period: string) =>
      applicableTargets([weixi], [early], { periodIndex: q(period) }).map((a) => a.target.id);
    expect(ids('2024Q2')).toEqual(['old']);
    expect(ids('2024Q3')).toEqual(['new']);
    // closed: the 2025 verdict is the replacement's, the old one never ran its course
    expect(ids('2026Q1')).toEqual(['new']);
  });
});
