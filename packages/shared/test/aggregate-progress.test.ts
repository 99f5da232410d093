import { describe, expect, it } from 'vitest';
import {
  applicableTargets,
  bindingTargetIds,
  type CountedReport,
  computeProgress,
  evaluateTarget,
  keptValuesFor,
  type Plan,
  type PlanTarget,
  POPULATION_SUMS,
  type PopulationFigure,
  periodIndex,
  populationSumOf,
  SubtreeValues,
  Successions,
  scheduleFindings,
  type UnitNode,
} from '../src/index.ts';

const q = (year: number, quarter: 1 | 2 | 3 | 4) => periodIndex({ year, quarter });
const unit = (code: string, level: UnitNode['level'], parentCode: string | null): UnitNode => ({
  code,
  name: code,
  nameEn: code,
  level,
  parentCode,
});
const report = (
  index: number,
  places: number,
  affordablePlaces: number,
  extra: Partial<CountedReport> = {},
): CountedReport => ({
  periodIndex: index,
  places,
  affordablePlaces,
  childrenEnrolled: null,
  institutions: {},
  status: 'approved',
  demo: false,
  ...extra,
});
const reportsOf = (entries: Record<string, CountedReport[]>) =>
  new Map(Object.entries(entries).map(([code, list]) => [code, new Map(list.map((r) => [r.periodIndex, r]))]));
const pops = (entries: Record<string, number>) =>
  new Map<string, PopulationFigure[]>(
    Object.entries(entries).map(([code, population]) => [code, [{ year: 2020, population, source: 'census' }]]),
  );
const target = (id: string, fields: Partial<PlanTarget>): PlanTarget => ({
  id,
  metric: 'places_per_1000',
  comparator: 'at_least',
  value: 4.5,
  dueYear: 2025,
  clause: '一',
  scope: 'self',
  institutionKind: null,
  ...fields,
});
const plan = (id: string, jurisdictionCode: string, targets: PlanTarget[]): Plan => ({
  id,
  jurisdictionCode,
  documentNumber: `${id}号`,
  title: id,
  issuer: id,
  issuedOn: null,
  targets,
});

describe('aggregation', () => {
  const units = [
    unit('P', 'prefecture', null),
    unit('A', 'county', 'P'),
    unit('B', 'county', 'P'),
    unit('C', 'county', 'P'),
  ];
  const populations = pops({ P: 160_000, A: 100_000, B: 50_000, C: 10_000 });

  it("sums children's figures where the parent has no report, weighting ratios by population", () => {
    const tree = new SubtreeValues(
      units,
      reportsOf({ A: [report(q(2024, 4), 400, 250)], B: [report(q(2024, 4), 100, 40)] }),
      populations,
    );
    const value = tree.valueAt('P', q(2024, 4));
    expect(value).toMatchObject({ basis: 'children', childrenReported: 2, childrenTotal: 3, reconciliation: null });
    expect(value?.values.places).toBe(500);
    expect(value?.values.affordablePlaces).toBe(290);
    // the reporting children's population: 100,000 + 50,000
    expect(value?.population?.value).toBe(150_000);
    // completeness 2 of 3
    expect(value?.completeness).toBeCloseTo(2 / 3, 12);
    // 500 × 1,000 ÷ 150,000 = 3.33, not the average of ratios (4 + 2) ÷ 2 = 3
    const progress = computeProgress({
      periodIndex: q(2024, 4),
      lineage: [units[0]],
      subtree: tree,
      plans: [plan('p', 'P', [target('t', {})])],
      planPopulations: populations,
    });
    expect(progress.targets[0].current).toBeCloseTo(500_000 / 150_000, 12);
  });

  it("prefers the parent's own report and shows where its children's sum differs", () => {
    const tree = new SubtreeValues(
      units,
      reportsOf({
        P: [report(q(2024, 4), 520, 300)],
        A: [report(q(2024, 4), 400, 250)],
        B: [report(q(2024, 4), 100, 40)],
      }),
      populations,
    );
    expect(tree.valueAt('P', q(2024, 4))).toMatchObject({
      basis: 'own',
      values: { places: 520 },
      population: { value: 160_000 },
      completeness: 1,
      // 520 − 500 = 20; 300 − 290 = 10
      reconciliation: {
        childrenPlaces: 500,
        placesDifference: 20,
        affordablePlacesDifference: 10,
        childrenReported: 2,
        childrenTotal: 3,
      },
    });
  });

  it('has no value where nobody below reported', () => {
    const tree = new SubtreeValues(units, reportsOf({}), populations);
    expect(tree.valueAt('P', q(2024, 4))).toBeNull();
  });
});

describe('applicable and binding targets', () => {
  const province = unit('140000', 'province', null);
  const city = unit('141000', 'prefecture', '140000');
  const county = unit('141002', 'county', '141000');
  const shanxi = plan('shanxi', '140000', [
    target('sx-ratio', {}),
    target('sx-share', { metric: 'affordable_share', value: 0.6 }),
    target('sx-centre', {
      metric: 'institutions',
      value: 1,
      scope: 'each_child',
      institutionKind: 'comprehensive_centre',
    }),
    target('sx-guidance', {
      metric: 'institutions',
      value: 1,
      scope: 'each_county',
      institutionKind: 'public_guidance',
    }),
    target('sx-places', { metric: 'places', value: 150_000 }),
  ]);
  const linfen = plan('linfen', '141000', [
    target('lf-ratio', {}),
    target('lf-centre', { metric: 'institutions', value: 1, institutionKind: 'comprehensive_centre' }),
  ]);

  it("applies an ancestor's ratio targets and its cascades, but not its counts", () => {
    const ids = (lineage: UnitNode[]) =>
      applicableTargets(lineage, [shanxi, linfen])
        .map((a) => a.target.id)
        .sort();
    expect(ids([city, province])).toEqual(['lf-centre', 'lf-ratio', 'sx-centre', 'sx-ratio', 'sx-share']);
    expect(ids([county, city, province])).toEqual(['lf-ratio', 'sx-guidance', 'sx-ratio', 'sx-share']);
    expect(ids([province])).toEqual(['sx-places', 'sx-ratio', 'sx-share']);
  });

  it('binds the hardest target, and on a tie the most local plan', () => {
    const applicable = applicableTargets([city, province], [shanxi, linfen]);
    // 4.5 and 4.5: Linfen's own; 1 and 1 comprehensive centre: Linfen's own
    expect([...bindingTargetIds(applicable)].sort()).toEqual(['lf-centre', 'lf-ratio', 'sx-share']);
    const harder = plan('county', '141002', [target('county-ratio', { value: 5 })]);
    const countyApplicable = applicableTargets([county, city, province], [shanxi, linfen, harder]);
    expect(bindingTargetIds(countyApplicable).has('county-ratio')).toBe(true);
    expect(bindingTargetIds(countyApplicable).has('lf-ratio')).toBe(false);
  });

  it('binds the lowest ceiling for lower-is-better indicators', () => {
    const a = plan('a', '140000', [
      target('ten', { metric: 'maternal_mortality_per_100k', comparator: 'below', value: 10 }),
    ]);
    const b = plan('b', '141000', [
      target('eight', { metric: 'maternal_mortality_per_100k', comparator: 'below', value: 8.2 }),
    ]);
    expect([...bindingTargetIds(applicableTargets([city, province], [a, b]))]).toEqual(['eight']);
  });
});

describe('Weixi, worked by hand', () => {
  const weixi = unit('533423', 'county', '533400');
  const population = pops({ '533423': 146_363 });
  const weixiPlan = plan('weixi', '533423', [
    target('ratio', { value: 4.5, clause: '一(二)' }),
    target('affordable-ratio', { metric: 'affordable_places_per_1000', value: 2.7 }),
    target('places-2025', { metric: 'places', value: 656 }),
    target('affordable-2025', { metric: 'affordable_places', value: 396 }),
    target('demonstration', { metric: 'institutions', value: 2, institutionKind: 'demonstration' }),
    target('maternal', { metric: 'maternal_mortality_per_100k', comparator: 'below', value: 10 }),
  ]);
  const series = reportsOf({
    '533423': [
      report(q(2024, 1), 544, 320),
      report(q(2024, 2), 563, 330),
      report(q(2024, 3), 581, 340),
      report(q(2024, 4), 600, 350, { institutions: { demonstration: 1 } }),
      report(q(2025, 3), 650, 396, { status: 'submitted' }),
    ],
  });
  const progressAt = (index: number) =>
    computeProgress({
      periodIndex: index,
      lineage: [weixi],
      subtree: new SubtreeValues([weixi], series, population),
      plans: [weixiPlan],
      planPopulations: population,
    });
  const byId = (progress: ReturnType<typeof progressAt>, id: string) => progress.targets.find((t) => t.targetId === id);

  it('at 2024Q4: 59 places needed, 14.75 a quarter, forecast 4.61, on track', () => {
    const ratio = byId(progressAt(q(2024, 4)), 'ratio');
    // 600 × 1,000 ÷ 146,363 = 4.0994; ⌈658.6335⌉ − 600 = 59; 59 ÷ 4 quarters = 14.75
    expect(ratio?.current).toBeCloseTo(4.0994, 4);
    expect(ratio?.gap).toBe(59);
    expect(ratio?.requiredPerQuarter).toBe(14.75);
    // places forecast 674.3 (see forecast.test.ts) → 674.3 × 1,000 ÷ 146,363 = 4.607
    expect(ratio?.forecast).toBeCloseTo(4.607, 3);
    expect(ratio?.status).toBe('on_track');
    expect(ratio?.binding).toBe(true);
  });

  it('counts schedule and institution gaps in places and institutions', () => {
    const progress = progressAt(q(2024, 4));
    expect(byId(progress, 'places-2025')).toMatchObject({ current: 600, gap: 56, requiredPerQuarter: 14 });
    expect(byId(progress, 'demonstration')).toMatchObject({ current: 1, gap: 1, requiredPerQuarter: 0.25 });
    // measured from yearly indicators, none given here: no data, and no counts beside it
    expect(byId(progress, 'maternal')).toMatchObject({ measured: true, status: 'no_data', current: null });
    expect(byId(progress, 'maternal')?.numerator).toBeUndefined();
  });

  it('at 2025Q4, without a fourth-quarter report, the third quarter stands in and decides', () => {
    const progress = progressAt(q(2025, 4));
    const ratio = byId(progress, 'ratio');
    // 650 < 659: missed by 9 places, judged on the provisional 2025Q3 figure
    expect(ratio).toMatchObject({
      status: 'missed',
      gap: 9,
      requiredPerQuarter: null,
      forecast: null,
      currentPeriod: '2025Q3',
    });
    expect(ratio?.dueYearValue).toMatchObject({ period: '2025Q3', provisional: true });
    // 396 affordable meets 2.7 per 1,000 (needs 396)
    expect(byId(progress, 'affordable-ratio')?.status).toBe('met');
    expect(progress.actual).toMatchObject({ places: 650, period: '2025Q3', provisional: true, status: 'submitted' });
    expect(progress.population).toMatchObject({ value: 146_363, year: 2020, carriedForward: true });
  });

  it('flags the 2025 schedule of 656 places as 3 short of 4.5 per 1,000', () => {
    expect(progressAt(q(2024, 4)).scheduleFindings).toEqual([
      expect.objectContaining({ year: 2025, scheduleMetric: 'places', scheduled: 656, required: 659, shortfall: 3 }),
    ]);
    expect(scheduleFindings(weixiPlan, population.get('533423') ?? [])).toHaveLength(1);
  });

  it('has no data before anything is reported', () => {
    const ratio = byId(progressAt(q(2023, 4)), 'ratio');
    expect(ratio).toMatchObject({ status: 'no_data', current: null, gap: null, forecast: null });
  });
});

describe('institution counts down to the townships', () => {
  const units = [
    unit('330100', 'prefecture', null),
    unit('330102', 'county', '330100'),
    unit('330102001', 'township', '330102'),
    unit('330102002', 'township', '330102'),
    unit('330103', 'county', '330100'),
  ];
  const reports = reportsOf({
    // one township counted a demonstration institution in 2023Q2 and none since
    '330102001': [report(q(2023, 2), 40, 20, { institutions: { demonstration: 1 } }), report(q(2024, 4), 60, 30)],
    '330102002': [report(q(2024, 4), 50, 30)],
    '330103': [report(q(2024, 4), 80, 50)],
  });
  const tree = new SubtreeValues(units, reports, pops({ '330100': 1, '330102': 1, '330103': 1 }));
  const demonstration = target('t', { metric: 'institutions', institutionKind: 'demonstration', value: 1 });

  it('knows which kinds any report below counts', () => {
    expect([...tree.institutionKindsIn('330100')]).toEqual(['demonstration']);
    expect([...tree.institutionKindsIn('330103')]).toEqual([]);
  });

  it("finds the latest quarter that counted the kind, through the county's sum of its townships", () => {
    const county = evaluateTarget(tree, '330102', demonstration, q(2024, 4));
    // 2024Q4's sum carries no demonstration count; 2023Q2's does (the one township's own report)
    expect(county.current).toBe(1);
    expect(county.currentPeriod).toBe('2023Q2');
    expect(tree.valueAt('330102', q(2024, 4))?.values).toEqual({
      places: 110,
      affordablePlaces: 60,
      childrenEnrolled: null,
      institutions: {},
    });
  });

  it('reports no data for a kind that nothing below counts, at any quarter', () => {
    const none = evaluateTarget(tree, '330103', demonstration, q(2024, 4));
    expect(none.current).toBeNull();
    expect(none.status).toBe('no_data');
    const publicKind = evaluateTarget(tree, '330100', { ...demonstration, institutionKind: 'public' }, q(2024, 4));
    expect(publicKind.current).toBeNull();
  });
});

describe('values kept between contexts over the same rows', () => {
  // a prefecture 330100 of two counties; the province 330000 also governs county 330300 itself
  const units = [
    unit('330000', 'province', null),
    unit('330100', 'prefecture', '330000'),
    unit('330102', 'county', '330100'),
    unit('330103', 'county', '330100'),
    unit('330300', 'county', '330000'),
  ];
  const branch = units.slice(1, 4);
  const rows = (countyPlaces: number) =>
    reportsOf({
      '330102': [report(q(2025, 3), countyPlaces, 100, { institutions: { public: 2 } })],
      '330103': [report(q(2025, 3), 300, 90)],
      '330300': [report(q(2025, 3), 50, 10)],
    });
  const populations = pops({ '330102': 100_000, '330103': 200_000, '330300': 50_000 });

  it('keeps a branch’s units with units below them, and its sums serve the next context', () => {
    const kept = keptValuesFor(branch, new Successions());
    expect([...kept.keys()]).toEqual(['330100']);
    const first = new SubtreeValues(units, rows(1000), populations, new Successions(), kept);
    // 1000 + 300 places in the prefecture, 1300 + 50 in the province
    expect(first.valueAt('330000', q(2025, 3))?.values.places).toBe(1350);
    expect(first.institutionKindsIn('330000')).toEqual(new Set(['public']));
    expect(kept.get('330100')?.byPeriod.get(q(2025, 3))?.values.places).toBe(1300);
    // a context handed the kept values takes the prefecture's sum from them, not from its rows:
    // the caller keeps them per version of those rows (here they moved, to show which is read)
    const second = new SubtreeValues(units, rows(2000), populations, new Successions(), kept);
    expect(second.valueAt('330000', q(2025, 3))?.values.places).toBe(1350);
    expect(new SubtreeValues(units, rows(2000), populations).valueAt('330000', q(2025, 3))?.values.places).toBe(2350);
  });

  it('keeps nothing of a branch with a unit carrying on a predecessor outside it', () => {
    // 330103 took over the province's own county 330300 in 2025: its population before it has none
    const merged = new Successions([
      { fromCode: '330300', toCode: '330103', kind: 'merge', effectiveOn: '2025-01-01', reason: '' },
    ]);
    expect(keptValuesFor(branch, merged).size).toBe(0);
    expect(keptValuesFor(units, merged).size).toBe(2);
  });
});

describe('the source of a computed population', () => {
  it('names the sum it is, and no sum for a source entered with the figure', () => {
    expect(populationSumOf(POPULATION_SUMS.children)).toBe('children');
    expect(populationSumOf(POPULATION_SUMS.predecessors)).toBe('predecessors');
    expect(populationSumOf('第七次全国人口普查')).toBeNull();
  });
});
