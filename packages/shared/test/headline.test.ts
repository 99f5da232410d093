// One headline rule: with a 2025 and a 2030 target on one metric, the overview's row, the places
// chart's target line and a dashboard's headline (headlineTarget) show the same target: the
// binding one due last, 2030's, as the plan's own headline shows its end goal.
import { describe, expect, it } from 'vitest';
import {
  type CountedReport,
  computeProgress,
  dueLast,
  headlineTarget,
  headlineTargets,
  overviewRow,
  type Plan,
  type PlanTarget,
  periodIndex,
  placesChart,
  SubtreeValues,
  seriesOf,
  type UnitNode,
} from '../src/index.ts';

const q = (year: number, quarter: 1 | 2 | 3 | 4) => periodIndex({ year, quarter });
const weixi: UnitNode = { code: '533423', name: '维西', nameEn: 'Weixi', level: 'county', parentCode: null };
const report = (index: number, places: number, affordablePlaces: number): CountedReport => ({
  periodIndex: index,
  places,
  affordablePlaces,
  childrenEnrolled: null,
  institutions: {},
  status: 'approved',
  demo: false,
});
const reports = new Map([['533423', new Map([[q(2024, 4), report(q(2024, 4), 600, 350)]])]]);
const populations = new Map([['533423', [{ year: 2020, population: 146_363, source: 'census' }]]]);
const target = (id: string, fields: Partial<PlanTarget>): PlanTarget => ({
  id,
  metric: 'places_per_1000',
  comparator: 'at_least',
  value: 4.5,
  dueYear: 2025,
  clause: '一(二)',
  scope: 'self',
  institutionKind: null,
  ...fields,
});
// the 2025 targets come first, as the plan lists them: the order must not decide
const plan: Plan = {
  id: 'weixi',
  jurisdictionCode: '533423',
  documentNumber: '维发〔2023〕15号',
  title: '维西县实施方案',
  issuer: '维西县人民政府',
  issuedOn: null,
  targets: [
    target('ratio-2025', {}),
    target('ratio-2030', { value: 5.5, dueYear: 2030 }),
    target('share-2025', { metric: 'affordable_share', value: 0.6 }),
    target('share-2030', { metric: 'affordable_share', value: 0.7, dueYear: 2030 }),
  ],
};
const subtree = new SubtreeValues([weixi], reports, populations);

function viewAt(index: number) {
  const progress = computeProgress({
    periodIndex: index,
    lineage: [weixi],
    subtree,
    plans: [plan],
    planPopulations: populations,
  });
  const chart = placesChart(seriesOf(subtree, '533423', q(2024, 4), index), progress.targets, index, () => 146_363);
  return { progress, row: overviewRow(progress), chart };
}

describe('the headline target with a 2025 and a 2030 target on one metric', () => {
  it.each([
    ['2024Q4', q(2024, 4), ['ratio-2030', 'share-2030']],
    // once 2025 has closed, the plan's headlines carry its account beside the end goal in force
    ['2026Q1', q(2026, 1), ['ratio-2030', 'ratio-2025', 'share-2030', 'share-2025']],
  ])('is the 2030 target everywhere at %s', (_period, index, headlines) => {
    const { progress, row, chart } = viewAt(index);
    // each due year is a competition of its own: all four bind
    expect(progress.targets.filter((t) => t.binding)).toHaveLength(4);
    expect(headlineTarget(progress.targets, 'places_per_1000')?.targetId).toBe('ratio-2030');
    expect(row.placesTarget).toMatchObject({ targetId: 'ratio-2030', value: 5.5, dueYear: 2030 });
    expect(headlineTarget(progress.targets, 'affordable_share')?.targetId).toBe('share-2030');
    expect(row.affordableShareTarget?.targetId).toBe('share-2030');
    // the chart runs to 2030Q4 and draws 5.5 per 1,000 as ⌈5.5 × 146,363 ÷ 1,000⌉ = ⌈804.9965⌉ = 805 places
    expect(chart.at(-1)).toMatchObject({ period: '2030Q4', neededByRatio: 805 });
    // and the plan's own headline is the same end goal, first
    expect(headlineTargets('weixi', progress).map((h) => h.targetId)).toEqual(headlines);
  });

  it("puts the 2030 target's pace on the chart, not the 2025 one's", () => {
    const { progress, chart } = viewAt(q(2024, 4));
    const ratio2030 = progress.targets.find((t) => t.targetId === 'ratio-2030');
    // 805 − 600 = 205 places in the 24 quarters 2025Q1–2030Q4
    expect(ratio2030?.requiredPerQuarter).toBeCloseTo(205 / 24, 9);
    expect(chart.find((r) => r.period === '2025Q1')?.requiredPace).toBeCloseTo(600 + 205 / 24, 9);
  });
});

describe('the rule itself', () => {
  const candidate = (
    id: string,
    dueYear: number,
    fields: { binding?: boolean; comparator?: 'at_least' | 'below' } = {},
  ) => ({
    id,
    metric: 'places_per_1000' as const,
    comparator: fields.comparator ?? ('at_least' as const),
    dueYear,
    binding: fields.binding ?? true,
  });

  it('takes the latest deadline, the first listed on a tie', () => {
    expect(dueLast([candidate('a', 2025), candidate('b', 2030), candidate('c', 2027)])?.id).toBe('b');
    expect(dueLast([candidate('a', 2030), candidate('b', 2030)])?.id).toBe('a');
    expect(dueLast([])).toBeNull();
  });

  it('reads only binding targets held the way the metric is (at least for a ratio)', () => {
    const targets = [candidate('loose', 2030, { binding: false }), candidate('odd', 2030, { comparator: 'below' })];
    expect(headlineTarget(targets, 'places_per_1000')).toBeNull();
    expect(headlineTarget([...targets, candidate('binding', 2025)], 'places_per_1000')?.id).toBe('binding');
  });
});
