// What a unit's funding rules are computed from: its year-end figures (its own report, else the
// sum of its children's, as for progress), the previous year-end's, and its own counted reports'
// child-months in the year; a parent's funding is the sum of its own and its descendants' rules.
import {
  type ChildMonthsReport,
  computeFunding,
  type Funding,
  formatPeriod,
  parentFunding,
  periodFromIndex,
  periodIndex,
  type Settings,
  type YearEndFigures,
} from '@tuowei/shared';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadSubtree, type SubtreeContext } from '../progress/repository.ts';
import { countedStatuses } from '../settings/repository.ts';

type Reader = Kysely<DB> | Transaction<DB>;

/** A year's end: its fourth quarter's value, else the year's latest quarter standing in (provisional). */
function yearEndOf(context: SubtreeContext, code: string, year: number): YearEndFigures | null {
  for (let quarter = 4; quarter >= 1; quarter--) {
    const index = periodIndex({ year, quarter: quarter as 1 | 2 | 3 | 4 });
    const value = context.subtree.valueAt(code, index);
    if (value === null) continue;
    return {
      places: value.values.places,
      institutions: value.values.institutions,
      period: formatPeriod(periodFromIndex(index)),
      provisional: quarter !== 4,
      demo: value.demo,
    };
  }
  return null;
}

/** The unit's own counted reports of the year up to a quarter, with their child-months by birth order. */
async function childMonthsOf(
  db: Reader,
  code: string,
  year: number,
  upToQuarter: number,
  settings: Settings,
): Promise<ChildMonthsReport[]> {
  const rows = await db
    .selectFrom('quarterly_reports')
    .select(['quarter', 'second_child_months', 'third_child_months', 'demo'])
    .where('jurisdiction_code', '=', code)
    .where('year', '=', year)
    .where('quarter', '<=', upToQuarter)
    .where('status', 'in', countedStatuses(settings))
    .orderBy('quarter')
    .execute();
  return rows.map((row) => ({
    period: formatPeriod({ year, quarter: row.quarter as 1 | 2 | 3 | 4 }),
    secondChildMonths: row.second_child_months,
    thirdChildMonths: row.third_child_months,
    demo: row.demo,
  }));
}

/**
 * What the rules of the unit's plans and of every plan below it owe for the year (a county: its
 * own; a prefecture or province: the sum over its units, docs/figures.md); null for an unknown unit.
 */
export async function fundingOf(db: Reader, code: string, year: number, settings: Settings): Promise<Funding | null> {
  const context = await loadSubtree(db, code, periodIndex({ year, quarter: 4 }), settings);
  if (!context) return null;
  return parentFunding(code, year, await fundingsIn(db, context, year, 4, settings));
}

async function fundingIn(
  db: Reader,
  context: SubtreeContext,
  code: string,
  year: number,
  upToQuarter: number,
  settings: Settings,
): Promise<Funding> {
  const plans = context.plans.filter((plan) => plan.jurisdictionCode === code);
  return computeFunding(code, plans, {
    year,
    yearEnd: yearEndOf(context, code, year),
    previousYearEnd: yearEndOf(context, code, year - 1),
    childMonths: await childMonthsOf(db, code, year, upToQuarter, settings),
  });
}

/** The funding of every unit of a loaded subtree whose own plans set funding rules, in code order. */
async function fundingsIn(
  db: Reader,
  context: SubtreeContext,
  year: number,
  upToQuarter: number,
  settings: Settings,
): Promise<Funding[]> {
  const inSubtree = new Set(context.units.map((unit) => unit.code));
  const codes = [
    ...new Set(
      context.plans
        .filter((plan) => plan.fundingRules.length > 0 && inSubtree.has(plan.jurisdictionCode))
        .map((plan) => plan.jurisdictionCode),
    ),
  ].sort();
  const result: Funding[] = [];
  for (const code of codes) result.push(await fundingIn(db, context, code, year, upToQuarter, settings));
  return result;
}

/**
 * The funding of every unit of a subtree (root null: the country) whose own plans set funding
 * rules, for a year up to a quarter of it (figures after that quarter not counted), in code order.
 */
export async function fundingOfSubtree(
  db: Reader,
  root: string | null,
  upToIndex: number,
  settings: Settings,
): Promise<Funding[]> {
  const context = await loadSubtree(db, root, upToIndex, settings);
  if (!context) return [];
  const { year, quarter } = periodFromIndex(upToIndex);
  return fundingsIn(db, context, year, quarter, settings);
}
