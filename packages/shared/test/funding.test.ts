import { describe, expect, it } from 'vitest';
import {
  type ChildMonthsReport,
  computeFunding,
  type FundingRule,
  type FundingYearInput,
  fieldMessage,
  fundingAmount,
  fundingRuleInputSchema,
  parentFunding,
  type YearEndFigures,
} from '../src/index.ts';

const weixiPlan = {
  id: 'weixi',
  documentNumber: '维发〔2023〕15号',
  targets: [
    { id: 't2023', metric: 'places', comparator: 'at_least', scope: 'self', dueYear: 2023, value: 442 },
    { id: 't2024', metric: 'places', comparator: 'at_least', scope: 'self', dueYear: 2024, value: 586 },
    { id: 'a2024', metric: 'affordable_places', comparator: 'at_least', scope: 'self', dueYear: 2024, value: 352 },
  ],
};

const rule = (id: string, fields: Partial<FundingRule>): FundingRule => ({
  id,
  planId: 'plan',
  kind: 'per_place_built',
  rate: 2000,
  payer: 'province',
  condition: null,
  clause: '四(十二)',
  documentNumber: null,
  description: '',
  birthOrder: null,
  institutionKind: null,
  version: 1,
  ...fields,
});

const weixiRule = rule('weixi-reward', { planId: 'weixi', condition: 'schedule_target_met' });

const yearEnd = (places: number, period: string, institutions = {}): YearEndFigures => ({
  places,
  institutions,
  period,
  provisional: !period.endsWith('Q4'),
  demo: false,
});

const weixi = (input: FundingYearInput) =>
  computeFunding('533423', [{ ...weixiPlan, fundingRules: [weixiRule] }], input);

describe('Weixi 四(十二): 2,000 yuan per place built, when the year’s provincial task is met', () => {
  it('2024: 442 → 600 places with the 586 task met pays 158 × 2,000 = 316,000', () => {
    const funding = weixi({
      year: 2024,
      yearEnd: yearEnd(600, '2024Q4'),
      previousYearEnd: yearEnd(442, '2023Q4'),
      childMonths: [],
    });
    const [item] = funding.items;
    expect(item.quantity).toBe(158);
    expect(item.conditionMet).toBe(true);
    expect(item.amount).toBe(316_000);
    expect(item.basis).toMatchObject({
      yearEnd: 600,
      previousYearEnd: 442,
      scheduleTarget: { targetId: 't2024', value: 586 },
      provisional: false,
    });
    expect(item.documentNumber).toBe('维发〔2023〕15号');
    expect(funding.total).toBe(316_000);
    expect(funding.byPayer).toEqual([{ payer: 'province', amount: 316_000 }]);
    expect(funding.complete).toBe(true);
  });

  it('2024 with 585 places (one short of the 586 task) owes nothing, conditionMet false', () => {
    const funding = weixi({
      year: 2024,
      yearEnd: yearEnd(585, '2024Q4'),
      previousYearEnd: yearEnd(442, '2023Q4'),
      childMonths: [],
    });
    expect(funding.items[0]).toMatchObject({ quantity: 143, conditionMet: false, amount: 0 });
    expect(funding.total).toBe(0);
  });

  it('places that fell are 0 built, never a negative amount', () => {
    const funding = weixi({
      year: 2024,
      yearEnd: yearEnd(590, '2024Q4'),
      previousYearEnd: yearEnd(620, '2023Q4'),
      childMonths: [],
    });
    expect(funding.items[0]).toMatchObject({ quantity: 0, conditionMet: true, amount: 0 });
  });

  it('a year with no task in the schedule (2022) is not met; a year without its previous end is unknown', () => {
    const noTask = weixi({
      year: 2022,
      yearEnd: yearEnd(330, '2022Q4'),
      previousYearEnd: yearEnd(240, '2021Q4'),
      childMonths: [],
    });
    expect(noTask.items[0]).toMatchObject({ quantity: 90, conditionMet: false, amount: 0 });
    const unknown = weixi({ year: 2024, yearEnd: yearEnd(600, '2024Q3'), previousYearEnd: null, childMonths: [] });
    expect(unknown.items[0]).toMatchObject({ quantity: null, conditionMet: true, amount: null });
    expect(unknown.items[0].basis.provisional).toBe(true);
    expect(unknown.complete).toBe(false);
  });
});

describe('Chiping 二(三)2: 300 / 400 yuan per second / third child-month; 150,000 + 100,000 per new public institution', () => {
  const chipingPlan = { id: 'chiping', documentNumber: '聊茌发〔2023〕11号', targets: [] };
  const rules = [
    rule('second', {
      planId: 'chiping',
      kind: 'per_child_month',
      rate: 300,
      payer: 'county',
      birthOrder: 2,
      clause: '二(三)2',
    }),
    rule('third', {
      planId: 'chiping',
      kind: 'per_child_month',
      rate: 400,
      payer: 'county',
      birthOrder: 3,
      clause: '二(三)2',
    }),
    rule('city-grant', {
      planId: 'chiping',
      kind: 'per_institution_once',
      rate: 150_000,
      payer: 'prefecture',
      institutionKind: 'public_independent',
    }),
    rule('district-grant', {
      planId: 'chiping',
      kind: 'per_institution_once',
      rate: 100_000,
      payer: 'county',
      institutionKind: 'public_independent',
    }),
  ];
  const quarter = (period: string, second: number | null, third: number | null): ChildMonthsReport => ({
    period,
    secondChildMonths: second,
    thirdChildMonths: third,
    demo: false,
  });

  it('sums the four quarters: (120+135+150+165) × 300 = 171,000 and (30+33+36+39) × 400 = 55,200; one new institution 250,000', () => {
    const funding = computeFunding('371503', [{ ...chipingPlan, fundingRules: rules }], {
      year: 2025,
      yearEnd: yearEnd(2380, '2025Q4', { public_independent: 1 }),
      previousYearEnd: yearEnd(2050, '2024Q4', { public_independent: 0 }),
      childMonths: [
        quarter('2025Q1', 120, 30),
        quarter('2025Q2', 135, 33),
        quarter('2025Q3', 150, 36),
        quarter('2025Q4', 165, 39),
      ],
    });
    const byId = Object.fromEntries(funding.items.map((item) => [item.ruleId, item]));
    expect(byId.second).toMatchObject({ quantity: 570, amount: 171_000, conditionMet: true });
    expect(byId.second.basis.quarters).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4']);
    expect(byId.second.basis.provisional).toBe(false);
    expect(byId.third).toMatchObject({ quantity: 138, amount: 55_200 });
    expect(byId['city-grant']).toMatchObject({ quantity: 1, amount: 150_000, payer: 'prefecture' });
    expect(byId['district-grant']).toMatchObject({ quantity: 1, amount: 100_000, payer: 'county' });
    // 171,000 + 55,200 + 150,000 + 100,000
    expect(funding.total).toBe(476_200);
    expect(funding.byPayer).toEqual([
      { payer: 'prefecture', amount: 150_000 },
      { payer: 'county', amount: 326_200 },
    ]);
  });

  it('quarters without child-months are left out and mark the sum provisional; none at all is unknown, not zero', () => {
    const funding = computeFunding('371503', [{ ...chipingPlan, fundingRules: rules }], {
      year: 2025,
      yearEnd: yearEnd(2380, '2025Q4', {}),
      previousYearEnd: yearEnd(2050, '2024Q4', {}),
      childMonths: [quarter('2025Q1', 120, null), quarter('2025Q2', null, null)],
    });
    const byId = Object.fromEntries(funding.items.map((item) => [item.ruleId, item]));
    expect(byId.second).toMatchObject({ quantity: 120, amount: 36_000 });
    expect(byId.second.basis).toMatchObject({ quarters: ['2025Q1'], provisional: true });
    expect(byId.third).toMatchObject({ quantity: null, amount: null });
    // institutions of the kind not counted in the reports: unknown
    expect(byId['city-grant']).toMatchObject({ quantity: null, amount: null });
    expect(funding.total).toBe(36_000);
    expect(funding.complete).toBe(false);
  });
});

describe('a parent’s funding: the sum, per rule and per payer, of what its units’ rules owe', () => {
  // a second county with the same reward, to see the sums: 2,000 yuan per place built, task 100 in 2024
  const otherPlan = {
    id: 'other',
    documentNumber: null,
    targets: [{ id: 'o2024', metric: 'places', comparator: 'at_least', scope: 'self', dueYear: 2024, value: 100 }],
  };
  const otherRule = rule('other-reward', { planId: 'other', condition: 'schedule_target_met', rate: 1500.5 });
  const weixi2024 = weixi({
    year: 2024,
    yearEnd: yearEnd(600, '2024Q4'),
    previousYearEnd: yearEnd(442, '2023Q4'),
    childMonths: [],
  });
  const other = (input: FundingYearInput) =>
    computeFunding('533400', [{ ...otherPlan, fundingRules: [otherRule] }], input);

  it('Diqing over Weixi alone: the same 316,000 yuan from the province, Weixi named as the unit', () => {
    const diqing = parentFunding('533400', 2024, [weixi2024]);
    expect(diqing).toMatchObject({ code: '533400', year: 2024, total: 316_000, complete: true });
    expect(diqing.byPayer).toEqual([{ payer: 'province', amount: 316_000 }]);
    expect(diqing.items.map((item) => [item.jurisdictionCode, item.amount])).toEqual([['533423', 316_000]]);
    expect(diqing.units).toEqual([{ code: '533423', total: 316_000, complete: true, unknownRules: [] }]);
  });

  it('two units add up exactly: 316,000 + (130 − 100) × 1,500.50 = 316,000 + 45,015 = 361,015, the parent’s own rules first', () => {
    const own = other({
      year: 2024,
      yearEnd: yearEnd(130, '2024Q4'),
      previousYearEnd: yearEnd(100, '2023Q4'),
      childMonths: [],
    });
    const parent = parentFunding('533400', 2024, [weixi2024, own]);
    expect(parent.items.map((item) => [item.jurisdictionCode, item.quantity, item.amount])).toEqual([
      ['533400', 30, 45_015],
      ['533423', 158, 316_000],
    ]);
    expect(parent.total).toBe(361_015);
    expect(parent.byPayer).toEqual([{ payer: 'province', amount: 361_015 }]);
  });

  it('a unit whose amount is not known leaves the parent incomplete, a lower bound naming that unit and rule', () => {
    // the other county has no 2023 year-end: places built unknown
    const unknown = other({ year: 2024, yearEnd: yearEnd(130, '2024Q4'), previousYearEnd: null, childMonths: [] });
    const parent = parentFunding('530000', 2024, [unknown, weixi2024]);
    expect(parent.total).toBe(316_000);
    expect(parent.complete).toBe(false);
    expect(parent.units).toEqual([
      { code: '533400', total: 0, complete: false, unknownRules: ['other-reward'] },
      { code: '533423', total: 316_000, complete: true, unknownRules: [] },
    ]);
  });

  it('a missed condition is known (0 yuan), not unknown: the parent stays complete', () => {
    const missed = other({
      year: 2024,
      yearEnd: yearEnd(90, '2024Q4'),
      previousYearEnd: yearEnd(80, '2023Q4'),
      childMonths: [],
    });
    const parent = parentFunding('530000', 2024, [weixi2024, missed]);
    expect(parent.complete).toBe(true);
    expect(parent.total).toBe(316_000);
  });

  it('no unit below with rules: nothing owed, complete, no units', () => {
    expect(parentFunding('140000', 2024, [])).toMatchObject({
      items: [],
      total: 0,
      byPayer: [],
      complete: true,
      units: [],
    });
  });
});

describe('funding rule input', () => {
  const valid = {
    kind: 'per_place_built',
    rate: 2000,
    payer: 'province',
    condition: 'schedule_target_met',
    clause: '四(十二)',
    description: '在完成省级指标任务的情况下，按照每个托位 2000 元标准足额兑付到托育机构。',
  };

  it('takes the Weixi rule as the plan words it', () => {
    expect(fundingRuleInputSchema.safeParse(valid).success).toBe(true);
  });

  it('takes a rate of one fen', () => {
    expect(fundingRuleInputSchema.safeParse({ ...valid, rate: 0.01 }).success).toBe(true);
  });

  it('refuses a zero or negative rate, or one below a fen, naming the field', () => {
    // 5e-324 and 0.004 pass a two-decimals check (× 100 rounds to 0) and would be stored as 0.00
    for (const rate of [0, -2000, 5e-324, 0.004]) {
      const parsed = fundingRuleInputSchema.safeParse({ ...valid, rate });
      expect(parsed.success).toBe(false);
      const issue = parsed.error?.issues[0];
      expect(issue?.path).toEqual(['rate']);
      expect(fieldMessage(issue?.message ?? '', 'zh')).toBe('应大于 0');
      expect(fieldMessage(issue?.message ?? '', 'en')).toBe('must be more than 0');
    }
  });

  it('asks a per-child-month rule for its birth order and a one-off for its kind of institution', () => {
    const months = fundingRuleInputSchema.safeParse({ ...valid, kind: 'per_child_month', condition: null });
    expect(months.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['birthOrder']);
    const once = fundingRuleInputSchema.safeParse({ ...valid, kind: 'per_institution_once' });
    expect(once.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['institutionKind', 'condition']);
  });

  it('keeps amounts exact to the fen', () => {
    expect(fundingAmount(3, 0.1)).toBe(0.3);
    expect(fundingAmount(8_000_000, MAX_RATE)).toBe(80_000_000_000_000);
    expect(fundingRuleInputSchema.safeParse({ ...valid, rate: 2000.005 }).success).toBe(false);
  });
});

const MAX_RATE = 10_000_000;
