// Money that follows from places: a plan's funding rules, and what each owes for a year from the
// reported figures (docs/figures.md, "Money that follows from places"), computed exactly.
import { z } from 'zod';
import { type FieldMessageKey, typeError } from './messages.ts';
import { textField } from './text.ts';
import { INSTITUTION_KINDS, type InstitutionCounts, type InstitutionKind } from './vocabulary.ts';

/**
 * How a rule counts what it pays for: per place built in the year (year-end places less the
 * previous year-end's, never below 0), per child-month in care of a birth order (summed over the
 * year's quarterly reports), or once per institution of a kind new in the year (its year-end
 * count less the previous year-end's, never below 0).
 */
export const FUNDING_KINDS = ['per_place_built', 'per_child_month', 'per_institution_once'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];

/** Who pays: the finance of a level of government. */
export const FUNDING_PAYERS = ['province', 'prefecture', 'county'] as const;
export type FundingPayer = (typeof FUNDING_PAYERS)[number];

/** A rule that pays only when the year's schedule target (the plan's places task for that year) is met. */
export const FUNDING_CONDITIONS = ['schedule_target_met'] as const;
export type FundingCondition = (typeof FUNDING_CONDITIONS)[number];

/** Child-months are kept for the second and third child, the birth orders the plans pay for. */
export const BIRTH_ORDERS = [2, 3] as const;
export type BirthOrder = (typeof BIRTH_ORDERS)[number];

/** Highest rate a rule may carry, in yuan: amounts stay exact in fen (quantity × rate × 100 < 2^53). */
export const MAX_FUNDING_RATE = 10_000_000;

const key = (message: FieldMessageKey) => ({ message });

/** A funding rule as an admin enters it. */
export const fundingRuleInputSchema = z
  .object({
    kind: z.enum(FUNDING_KINDS),
    rate: z
      .number(typeError('number'))
      // at least one fen: a positive rate below it (5e-324, say) passes the two-decimals check and
      // is stored as 0.00, which the table's check refuses
      .min(0.01, key('more_than_zero'))
      .max(MAX_FUNDING_RATE)
      .refine((rate) => Math.abs(rate * 100 - Math.round(rate * 100)) < 1e-6, key('two_decimals')),
    payer: z.enum(FUNDING_PAYERS),
    condition: z.enum(FUNDING_CONDITIONS).nullable(),
    clause: textField(200, { required: true }),
    /** Where the rule's own document differs from the plan's; null: the plan's. */
    documentNumber: textField(100).nullable().optional(),
    /** The plan's words for the rule, quoted. */
    description: textField(1000, { required: true }),
    birthOrder: z
      .union([z.literal(2), z.literal(3)])
      .nullable()
      .optional(),
    institutionKind: z.enum(INSTITUTION_KINDS).nullable().optional(),
  })
  .strict()
  .superRefine((rule, context) => {
    if ((rule.kind === 'per_child_month') !== Boolean(rule.birthOrder)) {
      context.addIssue({ code: 'custom', path: ['birthOrder'], message: 'birth_order_with_child_months' });
    }
    if ((rule.kind === 'per_institution_once') !== Boolean(rule.institutionKind)) {
      context.addIssue({ code: 'custom', path: ['institutionKind'], message: 'institution_kind_with_one_off' });
    }
    if (rule.condition === 'schedule_target_met' && rule.kind !== 'per_place_built') {
      context.addIssue({ code: 'custom', path: ['condition'], message: 'schedule_condition_per_place' });
    }
  });
export type FundingRuleInput = z.infer<typeof fundingRuleInputSchema>;

/** A funding rule as the API gives it (in each plan's `fundingRules`). */
export const fundingRuleSchema = z.object({
  id: z.string(),
  planId: z.string(),
  kind: z.enum(FUNDING_KINDS),
  rate: z.number(),
  payer: z.enum(FUNDING_PAYERS),
  condition: z.enum(FUNDING_CONDITIONS).nullable(),
  clause: z.string(),
  documentNumber: z.string().nullable(),
  description: z.string(),
  birthOrder: z.number().int().nullable(),
  institutionKind: z.enum(INSTITUTION_KINDS).nullable(),
  version: z.number().int(),
});
export type FundingRule = z.infer<typeof fundingRuleSchema>;

export const fundingItemSchema = z.object({
  ruleId: z.string(),
  /** The unit whose plan sets the rule (for a parent, the child or descendant it is owed for). */
  jurisdictionCode: z.string(),
  planId: z.string(),
  documentNumber: z.string().nullable(),
  clause: z.string(),
  kind: z.enum(FUNDING_KINDS),
  payer: z.enum(FUNDING_PAYERS),
  description: z.string(),
  birthOrder: z.number().int().nullable(),
  institutionKind: z.enum(INSTITUTION_KINDS).nullable(),
  condition: z.enum(FUNDING_CONDITIONS).nullable(),
  /** The figures behind the quantity. */
  basis: z.object({
    /** Places (or the institutions of the rule's kind) at the year's end, and the quarter they are from. */
    yearEnd: z.number().int().nullable(),
    yearEndPeriod: z.string().nullable(),
    previousYearEnd: z.number().int().nullable(),
    previousYearEndPeriod: z.string().nullable(),
    /** The year's schedule target the condition asks for (the plan's places task for that year). */
    scheduleTarget: z.object({ targetId: z.string(), value: z.number() }).nullable(),
    /** The quarters whose child-months are summed. */
    quarters: z.array(z.string()),
    /** True where a figure behind stands in for a year not complete (no fourth quarter, or fewer than four quarters). */
    provisional: z.boolean(),
    demo: z.boolean(),
  }),
  /** Places built, child-months or new institutions; null where the reports do not tell. */
  quantity: z.number().int().nullable(),
  rate: z.number(),
  /** Yuan; 0 where the condition is not met, null where the quantity is not known. */
  amount: z.number().nullable(),
  conditionMet: z.boolean(),
});
export type FundingItem = z.infer<typeof fundingItemSchema>;

export const fundingSchema = z.object({
  code: z.string(),
  year: z.number().int(),
  items: z.array(fundingItemSchema),
  /** Sum of the amounts known, in yuan. */
  total: z.number(),
  /** The same by payer, in FUNDING_PAYERS' order (payers with no rule left out). */
  byPayer: z.array(z.object({ payer: z.enum(FUNDING_PAYERS), amount: z.number() })),
  /** False where an item's amount is not known: the total is then a lower bound. */
  complete: z.boolean(),
  /**
   * The units whose rules are counted (the unit itself and, for a parent, each unit below it whose
   * plans set funding rules), in code order, each with its own total and whether it is complete:
   * a parent says by this which children leave its total a lower bound.
   */
  units: z.array(
    z.object({
      code: z.string(),
      total: z.number(),
      complete: z.boolean(),
      /** The rules whose amounts are not known for this unit. */
      unknownRules: z.array(z.string()),
    }),
  ),
  demo: z.boolean(),
});
export type Funding = z.infer<typeof fundingSchema>;

/** A unit's figures at a year's end: the fourth quarter's, else the year's latest quarter (provisional). */
export interface YearEndFigures {
  places: number;
  institutions: InstitutionCounts;
  period: string;
  provisional: boolean;
  demo: boolean;
}

export interface ChildMonthsReport {
  period: string;
  secondChildMonths: number | null;
  thirdChildMonths: number | null;
  demo: boolean;
}

export interface FundingYearInput {
  year: number;
  yearEnd: YearEndFigures | null;
  previousYearEnd: YearEndFigures | null;
  /** The unit's own counted reports of the year, in quarter order. */
  childMonths: readonly ChildMonthsReport[];
}

/** The part of a plan the computation reads: its document and its yearly schedule of places. */
export interface FundingPlan {
  id: string;
  documentNumber: string | null;
  targets: readonly {
    id: string;
    metric: string;
    comparator: string;
    scope: string;
    dueYear: number;
    value: number;
  }[];
}

/** A plan's schedule target of places for a year (its `places` target due that year), or null. */
export function placesScheduleTarget(plan: FundingPlan, year: number): { targetId: string; value: number } | null {
  const target = plan.targets.find(
    (t) => t.metric === 'places' && t.comparator === 'at_least' && t.scope === 'self' && t.dueYear === year,
  );
  return target ? { targetId: target.id, value: target.value } : null;
}

/** quantity × rate in yuan, exact to the fen. */
export function fundingAmount(quantity: number, rate: number): number {
  return (quantity * Math.round(rate * 100)) / 100;
}

const emptyBasis = () => ({
  yearEnd: null as number | null,
  yearEndPeriod: null as string | null,
  previousYearEnd: null as number | null,
  previousYearEndPeriod: null as string | null,
  scheduleTarget: null as { targetId: string; value: number } | null,
  quarters: [] as string[],
  provisional: false,
  demo: false,
});

/** What one rule of a unit's plan owes for the year. */
export function fundingItem(code: string, plan: FundingPlan, rule: FundingRule, input: FundingYearInput): FundingItem {
  const basis = emptyBasis();
  let quantity: number | null = null;
  let conditionMet = true;
  const { yearEnd, previousYearEnd } = input;
  if (rule.kind === 'per_place_built' || rule.kind === 'per_institution_once') {
    const count = (figures: YearEndFigures | null): number | null => {
      if (figures === null) return null;
      if (rule.kind === 'per_place_built') return figures.places;
      // a kind the report does not count is unknown, not zero
      return figures.institutions[rule.institutionKind as InstitutionKind] ?? null;
    };
    basis.yearEnd = count(yearEnd);
    basis.yearEndPeriod = yearEnd?.period ?? null;
    basis.previousYearEnd = count(previousYearEnd);
    basis.previousYearEndPeriod = previousYearEnd?.period ?? null;
    basis.provisional = Boolean(yearEnd?.provisional || previousYearEnd?.provisional);
    basis.demo = Boolean(yearEnd?.demo || previousYearEnd?.demo);
    if (basis.yearEnd !== null && basis.previousYearEnd !== null) {
      quantity = Math.max(0, basis.yearEnd - basis.previousYearEnd);
    }
    if (rule.condition === 'schedule_target_met') {
      basis.scheduleTarget = placesScheduleTarget(plan, input.year);
      // no task for the year, or no year-end figure to hold against it: not met
      conditionMet = basis.scheduleTarget !== null && yearEnd !== null && yearEnd.places >= basis.scheduleTarget.value;
    }
  } else {
    const field = rule.birthOrder === 3 ? 'thirdChildMonths' : 'secondChildMonths';
    let sum = 0;
    for (const report of input.childMonths) {
      const months = report[field];
      if (months === null) continue;
      sum += months;
      basis.quarters.push(report.period);
      basis.demo ||= report.demo;
    }
    quantity = basis.quarters.length === 0 ? null : sum;
    basis.provisional = basis.quarters.length < 4;
  }
  const amount = !conditionMet ? 0 : quantity === null ? null : fundingAmount(quantity, rule.rate);
  return {
    ruleId: rule.id,
    jurisdictionCode: code,
    planId: rule.planId,
    documentNumber: rule.documentNumber ?? plan.documentNumber,
    clause: rule.clause,
    kind: rule.kind,
    payer: rule.payer,
    description: rule.description,
    birthOrder: rule.birthOrder,
    institutionKind: rule.institutionKind,
    condition: rule.condition,
    basis,
    quantity,
    rate: rule.rate,
    amount,
    conditionMet,
  };
}

/** yuan → fen, so that sums stay exact (0.1 + 0.2 stays 0.3). */
const fen = (yuan: number) => Math.round(yuan * 100);

/** Items' known amounts summed in fen, given back in yuan. */
function sumAmounts(items: readonly FundingItem[]): number {
  return items.reduce((sum, item) => sum + fen(item.amount ?? 0), 0) / 100;
}

/** The answer for a list of items (in the order given), with the totals by payer and by unit. */
function fundingOfItems(code: string, year: number, items: FundingItem[]): Funding {
  const byPayer = FUNDING_PAYERS.filter((payer) => items.some((item) => item.payer === payer)).map((payer) => ({
    payer,
    amount: sumAmounts(items.filter((item) => item.payer === payer)),
  }));
  const codes = [...new Set(items.map((item) => item.jurisdictionCode))];
  const units = codes.map((unit) => {
    const own = items.filter((item) => item.jurisdictionCode === unit);
    const unknownRules = own.filter((item) => item.amount === null).map((item) => item.ruleId);
    return { code: unit, total: sumAmounts(own), complete: unknownRules.length === 0, unknownRules };
  });
  return {
    code,
    year,
    items,
    total: sumAmounts(items),
    byPayer,
    complete: items.every((item) => item.amount !== null),
    units,
    demo: items.some((item) => item.basis.demo),
  };
}

/** What a unit's own plans' funding rules owe for a year, with the total and the total by payer. */
export function computeFunding(
  code: string,
  plans: readonly (FundingPlan & { fundingRules: readonly FundingRule[] })[],
  input: FundingYearInput,
): Funding {
  const items = plans.flatMap((plan) => plan.fundingRules.map((rule) => fundingItem(code, plan, rule, input)));
  return fundingOfItems(code, input.year, items);
}

/**
 * A parent's funding for a year (docs/figures.md, "A parent's funding"): every rule of its own
 * plans and of the plans of every unit below it, each computed from its own unit's figures; the
 * amounts by payer and in all are the sums of the rules' amounts. A rule whose amount is not known
 * (its unit's figures do not tell) counts as nothing in the sums and makes the parent incomplete:
 * the total is then a lower bound and `units` names the units and rules it waits for. Never the
 * rules applied to the parent's own summed figures: each rule pays its own unit.
 * `parts` are the units' own answers (computeFunding), the parent's among them where it has rules.
 */
export function parentFunding(code: string, year: number, parts: readonly Funding[]): Funding {
  const ordered = [...parts].sort((a, b) =>
    a.code === code ? -1 : b.code === code ? 1 : a.code.localeCompare(b.code),
  );
  return fundingOfItems(
    code,
    year,
    ordered.flatMap((part) => part.items),
  );
}
