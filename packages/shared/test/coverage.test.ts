import { describe, expect, it } from 'vitest';
import {
  type CountedReport,
  computeProgress,
  coverageOf,
  type PopulationFigure,
  periodIndex,
  populationGaps,
  reportingLevel,
  SubtreeValues,
  subtreePopulation,
  type UnitNode,
} from '../src/index.ts';

const q = (year: number, quarter: 1 | 2 | 3 | 4) => periodIndex({ year, quarter });
const Q3 = q(2024, 3);
const Q4 = q(2024, 4);
const unit = (code: string, level: UnitNode['level'], parentCode: string | null): UnitNode => ({
  code,
  name: `名${code}`,
  nameEn: `U${code}`,
  level,
  parentCode,
});
const report = (index: number, places: number): CountedReport => ({
  periodIndex: index,
  places,
  affordablePlaces: Math.floor(places / 2),
  childrenEnrolled: null,
  institutions: {},
  status: 'approved',
  demo: false,
});
const reportsOf = (entries: Record<string, CountedReport[]>) =>
  new Map(Object.entries(entries).map(([code, list]) => [code, new Map(list.map((r) => [r.periodIndex, r]))]));
const pops = (entries: Record<string, number>) =>
  new Map<string, PopulationFigure[]>(
    Object.entries(entries).map(([code, population]) => [code, [{ year: 2020, population, source: 'census' }]]),
  );

// A province Y with three prefectures: D (own population, counties W, X, Z; Z has no population),
// E (no population of its own; counties E1, E2) and F (no counties in the tree: it counts as itself).
const units = [
  unit('Y', 'province', null),
  unit('D', 'prefecture', 'Y'),
  unit('W', 'county', 'D'),
  unit('X', 'county', 'D'),
  unit('Z', 'county', 'D'),
  unit('E', 'prefecture', 'Y'),
  unit('E1', 'county', 'E'),
  unit('E2', 'county', 'E'),
  unit('F', 'prefecture', 'Y'),
];
const populations = pops({ Y: 1_000_000, D: 400_000, W: 146_363, X: 100_000, E1: 60_000, E2: 40_000, F: 50_000 });
const inputFor = (subtree: SubtreeValues, code: string) => {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const lineage: UnitNode[] = [];
  for (let u = byCode.get(code); u; u = u.parentCode ? byCode.get(u.parentCode) : undefined) lineage.push(u);
  return { periodIndex: Q4, lineage, subtree, plans: [], planPopulations: new Map() };
};

describe('what an aggregate stands on', () => {
  it('counts county-level units below a province, a county its townships, a township nothing', () => {
    expect(reportingLevel('province')).toBe('county');
    expect(reportingLevel('prefecture')).toBe('county');
    expect(reportingLevel('county')).toBe('township');
    expect(reportingLevel('township')).toBeNull();
  });

  // W and E1 report 2024Q4; X reported 2024Q3 only.
  const tree = new SubtreeValues(
    units,
    reportsOf({ W: [report(Q4, 600)], E1: [report(Q4, 300)], X: [report(Q3, 250)] }),
    populations,
  );

  it('says a province is based on 2 of its 6 county-level units and 20.6 % of its population', () => {
    // counted: W, X, Z (D's counties), E1, E2 (E's) and F (a prefecture with no counties) = 6;
    // in the figure: W (146,363) and E1 (60,000) = 206,363 of Yunnan-like Y's own 1,000,000
    expect(coverageOf(tree, 'Y', Q4)).toEqual({
      period: '2024Q4',
      basis: 'children',
      level: 'county',
      reporting: 2,
      expected: 6,
      populationCovered: 206_363,
      populationTotal: 1_000_000,
      populationShare: 0.206363,
      missingCount: 4,
      missing: ['E2', 'F', 'X', 'Z'],
      missingUnits: [
        { code: 'E2', name: '名E2', nameEn: 'UE2', lastPeriod: null },
        { code: 'F', name: '名F', nameEn: 'UF', lastPeriod: null },
        { code: 'X', name: '名X', nameEn: 'UX', lastPeriod: '2024Q3' },
        { code: 'Z', name: '名Z', nameEn: 'UZ', lastPeriod: null },
      ],
      withoutPopulationCount: 0,
      withoutPopulation: [],
    });
  });

  it("keeps PLANS.md's sum: the province's population and places are those of the units in the figure", () => {
    const progress = computeProgress(inputFor(tree, 'Y'));
    // 600 + 300 places over 146,363 + 60,000 residents; D and E of Y's three children reported
    expect(progress.actual).toMatchObject({ places: 900, basis: 'children', childrenReported: 2, childrenTotal: 3 });
    expect(progress.population?.value).toBe(206_363);
    expect(progress.coverage?.populationCovered).toBe(progress.population?.value);
  });

  it('takes a parent without a population of its own as the sum of its children', () => {
    // E: E1 60,000 + E2 40,000; D has its own 400,000; Y's own figure wins over its children
    expect(subtreePopulation(tree, 'E', 2024)).toBe(100_000);
    expect(subtreePopulation(tree, 'D', 2024)).toBe(400_000);
    const e = coverageOf(tree, 'E', Q4);
    expect(e).toMatchObject({ reporting: 1, expected: 2, populationCovered: 60_000, populationTotal: 100_000 });
    expect(e?.populationShare).toBeCloseTo(0.6, 12);
  });

  it("a child that did not report counts as missing in its parent's quarter and stands in, marked, on its own page", () => {
    // D at 2024Q4 is W's 600 alone: 1 of 3, X named with its last quarter
    expect(coverageOf(tree, 'D', Q4)).toMatchObject({
      reporting: 1,
      expected: 3,
      populationCovered: 146_363,
      populationTotal: 400_000,
      missing: ['X', 'Z'],
    });
    expect(computeProgress(inputFor(tree, 'D')).actual?.places).toBe(600);
    const x = computeProgress(inputFor(tree, 'X'));
    expect(x.actual).toMatchObject({ places: 250, period: '2024Q3', standIn: true });
    expect(x.coverage).toBeNull();
    expect(computeProgress(inputFor(tree, 'W')).actual?.standIn).toBe(false);
  });

  it('names the reporting units without a population, which leave the ratio unknown', () => {
    const withZ = new SubtreeValues(
      units,
      reportsOf({ W: [report(Q4, 600)], Z: [report(Q4, 100)], E1: [report(Q4, 300)] }),
      populations,
    );
    // Z is in D's sum without a population: the population of D's sum, and so of Y's, is unknown
    expect(withZ.valueAt('D', Q4)?.population).toBeNull();
    expect(withZ.valueAt('Y', Q4)?.population).toBeNull();
    expect(coverageOf(withZ, 'Y', Q4)).toMatchObject({
      reporting: 3,
      expected: 6,
      // what is known of the units in the figure: W 146,363 + E1 60,000
      populationCovered: 206_363,
      withoutPopulationCount: 1,
      withoutPopulation: [{ code: 'Z', name: '名Z', nameEn: 'UZ' }],
    });
  });

  it("lets a prefecture's own report stand for all its counties", () => {
    const own = new SubtreeValues(units, reportsOf({ D: [report(Q4, 1_800)], E1: [report(Q4, 300)] }), populations);
    // D's own report covers W, X and Z at D's own 400,000; E1 adds 60,000
    expect(coverageOf(own, 'Y', Q4)).toMatchObject({
      reporting: 4,
      expected: 6,
      populationCovered: 460_000,
      populationShare: 0.46,
      missing: ['E2', 'F'],
    });
    expect(coverageOf(own, 'D', Q4)).toMatchObject({ basis: 'own', reporting: 3, expected: 3, missingCount: 0 });
  });

  it('is null for a unit with nothing below it; with no figure at the quarter, every unit is missing', () => {
    expect(coverageOf(tree, 'W', Q4)).toBeNull();
    expect(coverageOf(tree, 'F', Q4)).toBeNull();
    expect(coverageOf(tree, 'Y', Q3 - 4)).toMatchObject({
      reporting: 0,
      expected: 6,
      populationCovered: null,
      populationShare: null,
      missing: ['E1', 'E2', 'F', 'W', 'X', 'Z'],
    });
  });

  it('lists the units without a population for the year as data gaps', () => {
    // E has no figure of its own, nor Z; a figure from 2020 serves 2024 (carried forward)
    expect(populationGaps(tree, 2024).map((gap) => gap.code)).toEqual(['E', 'Z']);
    // before 2020 nobody has one
    expect(populationGaps(tree, 2019)).toHaveLength(units.length);
  });

  it('caps the lists at 50 and counts them whole', () => {
    const many = [
      unit('P', 'prefecture', null),
      ...Array.from({ length: 129 }, (_, i) => unit(`C${1000 + i}`, 'county', 'P')),
    ];
    const subtree = new SubtreeValues(many, reportsOf({ C1000: [report(Q4, 10)] }), new Map());
    const coverage = coverageOf(subtree, 'P', Q4);
    expect(coverage).toMatchObject({ reporting: 1, expected: 129, missingCount: 128, withoutPopulationCount: 1 });
    expect(coverage?.missing).toHaveLength(50);
    expect(coverage?.missing[0]).toBe('C1001');
    expect(coverage?.populationTotal).toBeNull();
    expect(coverage?.populationShare).toBeNull();
  });
});
