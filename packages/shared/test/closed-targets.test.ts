// Closed targets: once the period in view is at or after a target's due quarter, its verdict is the
// due year's value, with today's value beside it (docs/figures.md, status of a target).
import { describe, expect, it } from 'vitest';
import {
  byCycle,
  type CountedReport,
  computeProgress,
  evaluateTarget,
  finalAccountRows,
  isClosed,
  type Plan,
  type PlanTarget,
  type PopulationFigure,
  periodIndex,
  SubtreeValues,
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
  status: CountedReport['status'] = 'approved',
): CountedReport => ({
  periodIndex: index,
  places,
  affordablePlaces,
  childrenEnrolled: null,
  institutions: {},
  status,
  demo: false,
});
const reportsOf = (entries: Record<string, CountedReport[]>) =>
  new Map(Object.entries(entries).map(([code, list]) => [code, new Map(list.map((r) => [r.periodIndex, r]))]));
const census = (entries: Record<string, number>) =>
  new Map<string, PopulationFigure[]>(
    Object.entries(entries).map(([code, population]) => [code, [{ year: 2020, population, source: 'census' }]]),
  );
const target = (id: string, fields: Partial<PlanTarget> = {}): PlanTarget => ({
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

// Weixi at the 2020 census (146,363 residents), as the demo reports it: 650 places (396 affordable)
// at 2025Q4, approved; then 660, 670 and 681 places in 2026's first three quarters, the last submitted.
const WEIXI = '533423';
const weixi = new SubtreeValues(
  [unit(WEIXI, 'county', null)],
  reportsOf({
    [WEIXI]: [
      report(q(2025, 4), 650, 396),
      report(q(2026, 1), 660, 400),
      report(q(2026, 2), 670, 405),
      report(q(2026, 3), 681, 410, 'submitted'),
    ],
  }),
  census({ [WEIXI]: 146_363 }),
);

describe('a closed target', () => {
  it('is closed from its due quarter on, and in force before it', () => {
    expect(isClosed(2025, q(2025, 3))).toBe(false);
    expect(isClosed(2025, q(2025, 4))).toBe(true);
    expect(isClosed(2025, q(2026, 3))).toBe(true);
    expect(isClosed(2030, q(2026, 3))).toBe(false);
  });

  it("Weixi's 4.5 per 1,000 at 2026Q3: 2025's 4.44 and 9 places short decide it, today's 4.65 meets it", () => {
    const evaluation = evaluateTarget(weixi, WEIXI, target('ratio'), q(2026, 3));
    expect(evaluation.closed).toBe(true);
    expect(evaluation.status).toBe('missed');
    // 650 × 1,000 ÷ 146,363 = 4.4410; needed ⌈4.5 × 146,363 ÷ 1,000⌉ = ⌈658.63⌉ = 659, so 9 short
    expect(evaluation.dueYearValue).toEqual({
      value: (650 * 1000) / 146_363,
      period: '2025Q4',
      provisional: false,
      meets: false,
      gap: 9,
      reportStatus: 'approved',
      basis: 'own',
      demo: false,
    });
    expect(evaluation.dueYearValue?.value).toBeCloseTo(4.441, 3);
    // the answer's gap is the due year's shortfall, not today's (681 ≥ 659: none)
    expect(evaluation.gap).toBe(9);
    expect(evaluation.requiredPerQuarter).toBeNull();
    expect(evaluation.forecast).toBeNull();
    // today's value beside it, with its quarter: 681 × 1,000 ÷ 146,363 = 4.6528
    expect(evaluation.current).toBeCloseTo(4.6528, 4);
    expect(evaluation.currentPeriod).toBe('2026Q3');
    expect(evaluation.currentMeets).toBe(true);
  });

  it("Weixi's 2.7 affordable per 1,000 at 2026Q3: met in 2025 with 396 places, none short", () => {
    const evaluation = evaluateTarget(
      weixi,
      WEIXI,
      target('affordable', { metric: 'affordable_places_per_1000', value: 2.7 }),
      q(2026, 3),
    );
    // 396 × 1,000 ÷ 146,363 = 2.7056 ≥ 2.7; ⌈2.7 × 146.363⌉ = ⌈395.18⌉ = 396 needed
    expect(evaluation.status).toBe('met');
    expect(evaluation.dueYearValue).toMatchObject({ period: '2025Q4', meets: true, gap: 0 });
    expect(evaluation.dueYearValue?.value).toBeCloseTo(2.7056, 4);
    // 410 × 1,000 ÷ 146,363 = 2.8013
    expect(evaluation.current).toBeCloseTo(2.8013, 4);
    expect(evaluation.currentMeets).toBe(true);
  });

  it('without a fourth-quarter report the year’s latest quarter stands in, marked provisional, with its status', () => {
    const tree = new SubtreeValues(
      [unit('X', 'county', null)],
      reportsOf({ X: [report(q(2025, 3), 700, 400, 'submitted'), report(q(2026, 2), 600, 300)] }),
      census({ X: 146_363 }),
    );
    const evaluation = evaluateTarget(tree, 'X', target('ratio'), q(2026, 3));
    // 700 × 1,000 ÷ 146,363 = 4.78 ≥ 4.5: met in 2025 on a submitted, not approved, third quarter
    expect(evaluation.status).toBe('met');
    expect(evaluation.dueYearValue).toMatchObject({
      period: '2025Q3',
      provisional: true,
      meets: true,
      gap: 0,
      reportStatus: 'submitted',
    });
    // today (2026Q2's 600 places, 4.10) no longer meets it: 659 − 600 = 59 short, but the verdict stands
    expect(evaluation.currentPeriod).toBe('2026Q2');
    expect(evaluation.currentMeets).toBe(false);
    expect(evaluation.gap).toBe(0);
  });

  it('with no value in its due year it has no verdict (no data), though today has a value', () => {
    const tree = new SubtreeValues(
      [unit('X', 'county', null)],
      reportsOf({ X: [report(q(2024, 4), 600, 300), report(q(2026, 1), 700, 400)] }),
      census({ X: 146_363 }),
    );
    const evaluation = evaluateTarget(tree, 'X', target('ratio'), q(2026, 3));
    expect(evaluation.closed).toBe(true);
    expect(evaluation.status).toBe('no_data');
    expect(evaluation.dueYearValue).toBeNull();
    expect(evaluation.gap).toBeNull();
    expect(evaluation.currentPeriod).toBe('2026Q1');
    expect(evaluation.currentMeets).toBe(true);
  });

  it("a sum of children's figures carries the least advanced status among their reports", () => {
    const tree = new SubtreeValues(
      [unit('P', 'prefecture', null), unit('A', 'county', 'P'), unit('B', 'county', 'P')],
      reportsOf({ A: [report(q(2025, 4), 500, 300)], B: [report(q(2025, 4), 200, 120, 'submitted')] }),
      census({ P: 150_000, A: 100_000, B: 50_000 }),
    );
    const evaluation = evaluateTarget(tree, 'P', target('ratio'), q(2026, 3));
    // (500 + 200) × 1,000 ÷ 150,000 = 4.67 ≥ 4.5
    expect(evaluation.dueYearValue).toMatchObject({ basis: 'children', reportStatus: 'submitted', meets: true });
    expect(evaluation.dueYearValue?.value).toBeCloseTo(4.6667, 4);
  });
});

describe('the next cycle beside the closed one', () => {
  const plan: Plan = {
    id: 'weixi',
    jurisdictionCode: WEIXI,
    documentNumber: '维发〔2023〕15号',
    title: '维西',
    issuer: '维西县人民政府',
    issuedOn: null,
    targets: [target('2025'), target('2030', { value: 5.5, dueYear: 2030 })],
  };
  const progress = computeProgress({
    periodIndex: q(2026, 3),
    lineage: [unit(WEIXI, 'county', null)],
    subtree: weixi,
    plans: [plan],
    planPopulations: new Map(),
  });

  it('splits the targets into those in force (2030) and those closed (2025)', () => {
    const { inForce, closed } = byCycle(progress.targets);
    expect(inForce.map((t) => t.targetId)).toEqual(['2030']);
    expect(closed.map((t) => t.targetId)).toEqual(['2025']);
  });

  it('runs pace and forecast of the 2030 target to 2030Q4', () => {
    const next = progress.targets.find((t) => t.targetId === '2030');
    expect(next).toMatchObject({ closed: false, dueYearValue: null, currentMeets: false, gap: 124 });
    // ⌈5.5 × 146,363 ÷ 1,000⌉ = ⌈805.00⌉ = 805 (804.9965), less 681 = 124 places, over the
    // 17 quarters 2026Q4 … 2030Q4
    expect(next?.requiredPerQuarter).toBeCloseTo(124 / 17, 10);
    // least squares through 650, 660, 670, 681 places (x = 0…3): slope 51.5 ÷ 5 = 10.3 a quarter,
    // mean 665.25 at x = 1.5; 2030Q4 is x = 20: 665.25 + 10.3 × 18.5 = 855.8 places
    expect(next?.forecast).toBeCloseTo((855.8 * 1000) / 146_363, 8);
    expect(next?.status).toBe('on_track');
  });
});

describe('the final account', () => {
  const plan: Plan = {
    id: 'weixi',
    jurisdictionCode: WEIXI,
    documentNumber: '维发〔2023〕15号',
    title: '维西',
    issuer: '维西县人民政府',
    issuedOn: null,
    targets: [
      target('ratio'),
      target('schedule', { metric: 'places', value: 656, clause: '附件3' }),
      target('2030', { value: 5.5, dueYear: 2030 }),
    ],
  };
  const progressAt = (index: number) =>
    computeProgress({
      periodIndex: index,
      lineage: [unit(WEIXI, 'county', null)],
      subtree: weixi,
      plans: [plan],
      planPopulations: new Map(),
    });
  const approvals = (code: string, period: string) =>
    code === WEIXI && period === '2025Q4'
      ? { approvedBy: 'reviewer-diqing', approvedAt: '2026-01-12T02:00:00.000Z' }
      : undefined;

  it('lists every closed target with its due year, verdict, difference, shortfall and approver; none in force', () => {
    const rows = finalAccountRows(progressAt(q(2026, 3)), approvals);
    expect(rows.map((r) => [r.metric, r.dueYear])).toEqual([
      ['places_per_1000', 2025],
      ['places', 2025],
    ]);
    // 650 places against the schedule's 656: 6 short, by −6
    expect(rows[1]).toMatchObject({
      dueYearValue: 650,
      dueYearPeriod: '2025Q4',
      provisional: false,
      difference: -6,
      gap: 6,
      status: 'missed',
      dataStatus: 'approved',
      approved: true,
      approvedBy: 'reviewer-diqing',
      current: 681,
      currentPeriod: '2026Q3',
      currentMeets: true,
    });
    // 650 ÷ 146.363 − 4.5 = 4.4410 − 4.5 = −0.0590
    expect(rows[0].difference).toBeCloseTo(-0.059, 4);
  });

  it('is empty before anything has closed', () => {
    expect(finalAccountRows(progressAt(q(2025, 3)), approvals)).toEqual([]);
  });
});
