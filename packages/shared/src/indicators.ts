// Yearly health indicators: the counts a jurisdiction keeps per calendar year (one schema for the
// form and the API), which years a period counts, and each indicator target measured from them.
import { z } from 'zod';
import type { UnitNode } from './aggregate.ts';
import { forecastAt, type SeriesPoint } from './forecast.ts';
import { type FieldMessageKey, typeError } from './messages.ts';
import { METRIC_TABLE, type Metric, type RecordCounts } from './metric-table.ts';
import { type Measurement, quotientMeasurement } from './metrics.ts';
import { dueQuarterIndex, MAX_YEAR, MIN_YEAR, periodFromIndex, periodIndex, runningPeriod } from './period.ts';
import { REVIEW_TRAIL_SHAPE } from './report.ts';
import { isClosed, targetStatus } from './status.ts';
import { NO_SUCCESSIONS, type Successions } from './successions.ts';
import type { PlanTarget } from './targets.ts';
import { REPORT_STATUSES, type ReportStatus } from './vocabulary.ts';
import { type Bilingual, INDICATOR_COUNT_WORDS } from './words.ts';

export { INDICATOR_COUNT_WORDS };

export type IndicatorCount = RecordCounts['yearly_indicators'];

/** The counts, in the order the form, the API and the import template list them. */
export const INDICATOR_COUNTS = [
  'liveBirths',
  'maternalDeaths',
  'infantDeaths',
  'under5Deaths',
  'boysBorn',
  'girlsBorn',
  'pregnantWomen',
  'pregnantWomenScreened',
] as const satisfies readonly IndicatorCount[];

/** No province has more births (or pregnant women) in a year than this; above it is a typing error. */
export const MAX_EVENTS = 20_000_000;

/** Each count as entered: unknown is not zero, so null (or left out) where nobody knows it. */
export type IndicatorCounts = Record<IndicatorCount, number | null>;

const key = (message: FieldMessageKey) => ({ message });
const count = z
  .number(typeError('whole_number'))
  .int(key('whole_number'))
  .min(0, key('not_negative'))
  .max(MAX_EVENTS, key('too_many_events'))
  .nullable()
  .optional();

/** Counts that cannot be true together, each named by the field to correct and its message. */
const IMPOSSIBLE: readonly {
  field: IndicatorCount;
  message: FieldMessageKey;
  wrong: (c: IndicatorCounts) => boolean;
}[] = [
  {
    field: 'maternalDeaths',
    message: 'maternal_deaths_above_births',
    wrong: (c) => above(c.maternalDeaths, c.liveBirths),
  },
  { field: 'infantDeaths', message: 'infant_deaths_above_births', wrong: (c) => above(c.infantDeaths, c.liveBirths) },
  { field: 'under5Deaths', message: 'under5_deaths_above_births', wrong: (c) => above(c.under5Deaths, c.liveBirths) },
  { field: 'under5Deaths', message: 'under5_below_infant', wrong: (c) => above(c.infantDeaths, c.under5Deaths) },
  {
    field: 'pregnantWomenScreened',
    message: 'screened_above_pregnant',
    wrong: (c) => above(c.pregnantWomenScreened, c.pregnantWomen),
  },
];

function above(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && a > b;
}

/** The counts with every one left out made null. */
export function indicatorCounts(input: Partial<Record<IndicatorCount, number | null | undefined>>): IndicatorCounts {
  return Object.fromEntries(INDICATOR_COUNTS.map((name) => [name, input[name] ?? null])) as IndicatorCounts;
}

/** Which counts cannot be true together, as the form shows them and the API refuses them. */
export function impossibleCounts(counts: IndicatorCounts): { field: IndicatorCount; message: FieldMessageKey }[] {
  return IMPOSSIBLE.filter((rule) => rule.wrong(counts)).map(({ field, message }) => ({ field, message }));
}

export const indicatorsInputSchema = z
  .object(Object.fromEntries(INDICATOR_COUNTS.map((name) => [name, count])) as Record<IndicatorCount, typeof count>)
  .strict()
  .superRefine((input, context) => {
    for (const { field, message } of impossibleCounts(indicatorCounts(input))) {
      context.addIssue({ code: 'custom', path: [field], message });
    }
  });

export type IndicatorsInput = z.infer<typeof indicatorsInputSchema>;

export const yearText = z.coerce
  .number(typeError('year'))
  .int(key('year'))
  .min(MIN_YEAR, key('year'))
  .max(MAX_YEAR, key('year'));

const countsShape = Object.fromEntries(INDICATOR_COUNTS.map((name) => [name, z.number().int().nullable()])) as Record<
  IndicatorCount,
  z.ZodNullable<z.ZodNumber>
>;

export const indicatorsSchema = z.object({
  code: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  ...countsShape,
  returnReason: z.string().nullable(),
  ...REVIEW_TRAIL_SHAPE,
  /** Last year's counts, for the figures beside each field. */
  previous: z.object({ year: z.number().int(), status: z.enum(REPORT_STATUSES), ...countsShape }).nullable(),
});

export type IndicatorsView = z.infer<typeof indicatorsSchema>;

/** The latest year that has ended by the end of the quarter in view: 2025 for 2025Q4 and for 2026Q1–Q3. */
export function latestCountedYear(periodIndex: number): number {
  const period = periodFromIndex(periodIndex);
  return period.quarter === 4 ? period.year : period.year - 1;
}

/**
 * Why a year's indicators may not be entered at an instant, or null when they may: a year's counts
 * are its whole year's, so 2026 opens on 2027-01-01 (Beijing time), for drafts and submissions alike.
 */
export function indicatorsRefusal(year: number, now: Date): { year: number; opensOn: string } | null {
  return year >= runningPeriod(now).year ? { year, opensOn: `${year + 1}-01-01` } : null;
}

export function indicatorsRefusalWords(refusal: { year: number; opensOn: string }): Bilingual {
  return {
    zh: `${refusal.year} 年尚未结束，不能填报全年健康指标；${refusal.opensOn}（北京时间）起可以填报。`,
    en: `${refusal.year} has not ended, so its yearly health indicators cannot be entered yet; they open on ${refusal.opensOn} (Beijing time).`,
  };
}

/** One unit's counted indicators for one year (by default: submitted or approved). */
export interface CountedIndicators {
  counts: IndicatorCounts;
  status: ReportStatus;
}

/** A yearly indicator's numerator and denominator for one unit and year, and where they come from. */
export interface IndicatorPair {
  numerator: number;
  denominator: number;
  basis: 'own' | 'children';
  /** The unit's own record's status; for a sum of children, the least advanced among them. */
  status: ReportStatus;
}

const STATUS_RANK: Record<ReportStatus, number> = { draft: 0, returned: 1, submitted: 2, approved: 3 };

/**
 * Every unit's counted indicators in a subtree, and each indicator's counts for a unit and year:
 * the unit's own where it has both, otherwise the sum of its children's numerators and
 * denominators (never an average of their rates). Boundary changes are read as quarterly reports
 * read them (aggregate.ts): a year belongs to the code standing at its fourth quarter, a parent
 * adds the children standing then under their own codes, and a successor's own series carries on
 * its predecessors' years before the change — so each year is counted once.
 */
export class SubtreeIndicators {
  private readonly children = new Map<string, string[]>();
  private readonly memo = new Map<string, IndicatorPair | null>();
  private readonly ownMemo = new Map<string, IndicatorPair | null>();
  readonly earliestYear: number | null;

  constructor(
    units: readonly UnitNode[],
    private readonly records: ReadonlyMap<string, ReadonlyMap<number, CountedIndicators>>,
    private readonly successions: Successions = NO_SUCCESSIONS,
  ) {
    const codes = new Set(units.map((unit) => unit.code));
    for (const unit of units) {
      if (unit.parentCode !== null && codes.has(unit.parentCode)) {
        const siblings = this.children.get(unit.parentCode) ?? [];
        siblings.push(unit.code);
        this.children.set(unit.parentCode, siblings);
      }
    }
    let earliest: number | null = null;
    for (const years of records.values()) for (const year of years.keys()) earliest = Math.min(earliest ?? year, year);
    this.earliestYear = earliest;
  }

  /**
   * A unit's counts for a year as its own figures read them: under its own code, and for a year
   * before a rename or merge took effect, its predecessors' carried on.
   */
  pairAt(code: string, year: number, metric: Metric): IndicatorPair | null {
    const memoKey = `${code}|${year}|${metric}`;
    const known = this.memo.get(memoKey);
    if (known !== undefined) return known;
    const own = this.ownPairAt(code, year, metric);
    const history = this.successions.isEmpty ? [] : this.successions.historyBefore(code, yearIndex(year));
    let pair = own;
    // a rename's old code carries its own basis on; a merge's parts are kept as the first part's
    for (const predecessor of history) pair = addPairs(pair, this.pairAt(predecessor, year, metric), true);
    this.memo.set(memoKey, pair);
    return pair;
  }

  /** A unit's counts under its own code: its own record, else the sum of its children standing that year. */
  ownPairAt(code: string, year: number, metric: Metric): IndicatorPair | null {
    const memoKey = `${code}|${year}|${metric}`;
    const known = this.ownMemo.get(memoKey);
    if (known !== undefined) return known;
    const pair = this.compute(code, year, metric);
    this.ownMemo.set(memoKey, pair);
    return pair;
  }

  private compute(code: string, year: number, metric: Metric): IndicatorPair | null {
    const { aggregation, record } = METRIC_TABLE[metric];
    if (record !== 'yearly_indicators' || aggregation.kind !== 'quotient') return null;
    const own = this.records.get(code)?.get(year);
    const numerator = own?.counts[aggregation.numerator as IndicatorCount] ?? null;
    const denominator = own?.counts[aggregation.denominator as IndicatorCount] ?? null;
    if (own && numerator !== null && denominator !== null) {
      return { numerator, denominator, basis: 'own', status: own.status };
    }
    let sum: IndicatorPair | null = null;
    const index = yearIndex(year);
    for (const child of this.children.get(code) ?? []) {
      if (!this.successions.isEmpty && !this.successions.inForce(child, index)) continue;
      sum = addPairs(sum, this.ownPairAt(child, year, metric), false);
    }
    return sum;
  }
}

/** The quarter a year's indicators are read at: its fourth, when they fall due. */
const yearIndex = (year: number) => periodIndex({ year, quarter: 4 });

/** Two pairs' numerators and denominators added; the status the least advanced of the two. */
function addPairs(sum: IndicatorPair | null, pair: IndicatorPair | null, keepOwnBasis: boolean): IndicatorPair | null {
  if (pair === null) return sum;
  if (sum === null) return { ...pair, basis: keepOwnBasis ? pair.basis : 'children' };
  return {
    numerator: sum.numerator + pair.numerator,
    denominator: sum.denominator + pair.denominator,
    basis: keepOwnBasis ? sum.basis : 'children',
    status: STATUS_RANK[pair.status] < STATUS_RANK[sum.status] ? pair.status : sum.status,
  };
}

/** A yearly indicator measured for one year: the rate, its counts, and whether they are too few to trust. */
export interface YearlyMeasurement extends Measurement {
  year: number;
  numerator: number;
  denominator: number;
  /** The denominator is smaller than the base (fewer than 100,000 births for a per-100,000 rate). */
  unstable: boolean;
  pair: IndicatorPair;
}

/** An indicator target measured on one unit's counts for one year; null where they do not measure it. */
export function measureYear(
  indicators: SubtreeIndicators,
  code: string,
  target: PlanTarget,
  year: number,
): YearlyMeasurement | null {
  const { aggregation } = METRIC_TABLE[target.metric];
  if (aggregation.kind !== 'quotient') return null;
  const pair = indicators.pairAt(code, year, target.metric);
  if (pair === null || pair.denominator <= 0) return null;
  return {
    ...quotientMeasurement(target, pair.numerator, pair.denominator, aggregation.base),
    year,
    numerator: pair.numerator,
    denominator: pair.denominator,
    unstable: pair.denominator < aggregation.base,
    pair,
  };
}

/** Where an indicator target stands on one unit for the period in view (PLANS.md "Yearly indicators"). */
export function evaluateYearlyTarget(
  indicators: SubtreeIndicators,
  code: string,
  target: PlanTarget,
  periodIndex: number,
) {
  const lastYear = latestCountedYear(periodIndex);
  const dueIndex = dueQuarterIndex(target.dueYear);
  const points: SeriesPoint[] = [];
  let current: YearlyMeasurement | null = null;
  if (indicators.earliestYear !== null) {
    for (let year = lastYear; year >= indicators.earliestYear && points.length < 4; year--) {
      const measured = measureYear(indicators, code, target, year);
      if (measured === null) continue;
      current ??= measured;
      points.push({ index: year, value: measured.value });
    }
  }
  // At or after the due year's end its own value decides; a later year does not stand in for it.
  const closed = isClosed(target.dueYear, periodIndex);
  const due = closed ? measureYear(indicators, code, target, target.dueYear) : null;
  const forecast = periodIndex < dueIndex ? forecastAt(points, target.dueYear) : null;
  const gap = closed ? (due?.gap ?? null) : (current?.gap ?? null);
  return {
    current: current?.value ?? null,
    currentPeriod: current ? String(current.year) : null,
    gap,
    // a gap in deaths or births is not spread over quarters
    requiredPerQuarter: null,
    forecast,
    status: targetStatus({
      comparator: target.comparator,
      target: target.value,
      periodIndex,
      dueIndex,
      current,
      dueYearValue: due,
      forecast,
    }),
    dueYearValue: due && {
      value: due.value,
      period: String(due.year),
      provisional: false,
      meets: due.meets,
      gap: due.gap,
      reportStatus: due.pair.status,
      basis: due.pair.basis,
      demo: false,
    },
    closed,
    currentMeets: current?.meets ?? null,
    // a revision's baseline is a quarter's value; a yearly indicator's pace runs over years
    baseline: null,
    year: current?.year ?? null,
    numerator: current?.numerator ?? null,
    denominator: current?.denominator ?? null,
    unstable: current?.unstable ?? null,
  };
}

/** What a yearly rate's counts are written as, beside the rate: never "200 per 100,000" alone. */
const COUNT_NOTE_WORDS: Partial<Record<IndicatorCount, Bilingual>> = {
  maternalDeaths: { zh: '例', en: 'deaths' },
  infantDeaths: { zh: '例', en: 'deaths' },
  under5Deaths: { zh: '例', en: 'deaths' },
  boysBorn: { zh: '男婴', en: 'boys' },
  pregnantWomenScreened: { zh: '人', en: 'screened' },
  liveBirths: { zh: '活产', en: 'live births' },
  girlsBorn: { zh: '女婴', en: 'girls' },
  pregnantWomen: { zh: '孕产妇', en: 'pregnant women' },
};

/** A yearly rate's counts as a reader sees them: "3 例 / 1,500 活产", "3 deaths / 1,500 live births". */
export function indicatorCountsNote(
  metric: Metric,
  counts: { numerator: number; denominator: number; unstable: boolean | null },
  language: 'zh' | 'en',
): string | null {
  const { aggregation, record } = METRIC_TABLE[metric];
  if (record !== 'yearly_indicators' || aggregation.kind !== 'quotient') return null;
  const words = (name: string) => COUNT_NOTE_WORDS[name as IndicatorCount]?.[language] ?? '';
  const number = (n: number) => n.toLocaleString('en-US');
  const note = `${number(counts.numerator)} ${words(aggregation.numerator)} / ${number(counts.denominator)} ${words(aggregation.denominator)}`;
  if (!counts.unstable) return note;
  return language === 'zh' ? `${note}（例数少，不稳定）` : `${note} (small numbers, unstable)`;
}
