// What each metric is, written once: how its values are written and in which unit, what a plan
// normally holds it to, how a parent's value is made from its children's, and which record
// carries it. Everything else (the API's enum, the screens' words, the exports' formats, what
// progress can measure) is read from here, so a new metric is one entry.
import type { Comparator } from './vocabulary.ts';
import type { Bilingual } from './words.ts';

/** How values are written: ratio 2 decimals, share as percent, count whole, rate as the plan writes it. */
export type MetricKind = 'ratio' | 'share' | 'count' | 'rate';

/** What a gap is counted in: the places, affordable places or institutions still needed, or events (deaths, births). */
export const GAP_UNITS = ['places', 'affordable_places', 'institutions', 'events'] as const;
export type GapUnit = (typeof GAP_UNITS)[number];

/** The records the product keeps, each carrying its own metrics. */
export const METRIC_RECORDS = ['quarterly_report', 'yearly_indicators', 'residential_register'] as const;
export type MetricRecord = (typeof METRIC_RECORDS)[number];

/**
 * The records the product has today. A metric is measured (progress computes its current value,
 * gap and forecast) where the record carrying it is kept; the others are tracked as targets
 * without actuals. The next records are switched on here, and nowhere else.
 */
export const KEPT_RECORDS: ReadonlySet<MetricRecord> = new Set<MetricRecord>([
  'quarterly_report',
  'yearly_indicators',
  'residential_register',
]);

/** The counts each record holds, by their API names (docs/api.md), that metrics are made of. */
export interface RecordCounts {
  quarterly_report: 'places' | 'affordablePlaces' | 'institutions' | 'population';
  yearly_indicators:
    | 'liveBirths'
    | 'maternalDeaths'
    | 'infantDeaths'
    | 'under5Deaths'
    | 'boysBorn'
    | 'girlsBorn'
    | 'pregnantWomen'
    | 'pregnantWomenScreened';
  residential_register: 'plannedResidents' | 'plannedPlaces';
}

/**
 * How a parent's value is made from its children's: a stock is the sum of theirs; a quotient sums
 * numerators and denominators, then divides (numerator × base ÷ denominator), never an average
 * of their quotients.
 */
export type Aggregation<Count extends string = string> =
  | { kind: 'sum'; of: Count }
  | { kind: 'quotient'; numerator: Count; denominator: Count; base: number };

interface Definition<R extends MetricRecord> {
  kind: MetricKind;
  record: R;
  /** What a plan normally holds it to: `at_least` (higher is better) or `below` (lower is better). */
  comparator: Comparator;
  aggregation: Aggregation<RecordCounts[R]>;
  /** A share written as a fraction (60 % is 0.6): its values never exceed 1. */
  fraction: boolean;
  gapUnit: GapUnit;
  /** Its name, without the unit (the unit is written beside each value). */
  words: Bilingual;
  /** The unit written after a value ('' where the number says it all, as a sex ratio of 110). */
  unit: Bilingual;
}

export type MetricDefinition = { [R in MetricRecord]: Definition<R> }[MetricRecord];

const perThousand = { zh: '个/千人', en: 'per 1,000' };
const percent = { zh: '%', en: '%' };
const permille = { zh: '‰', en: '‰' };
const none = { zh: '', en: '' };

/** Every metric, in the order the API lists them and the screens offer them. */
export const METRIC_TABLE = {
  places_per_1000: {
    kind: 'ratio',
    record: 'quarterly_report',
    comparator: 'at_least',
    aggregation: { kind: 'quotient', numerator: 'places', denominator: 'population', base: 1000 },
    fraction: false,
    gapUnit: 'places',
    words: { zh: '每千人口托位数', en: 'Places per 1,000 residents' },
    unit: perThousand,
  },
  affordable_places_per_1000: {
    kind: 'ratio',
    record: 'quarterly_report',
    comparator: 'at_least',
    aggregation: { kind: 'quotient', numerator: 'affordablePlaces', denominator: 'population', base: 1000 },
    fraction: false,
    gapUnit: 'affordable_places',
    words: { zh: '每千人口普惠托位数', en: 'Affordable places per 1,000 residents' },
    unit: perThousand,
  },
  affordable_share: {
    kind: 'share',
    record: 'quarterly_report',
    comparator: 'at_least',
    aggregation: { kind: 'quotient', numerator: 'affordablePlaces', denominator: 'places', base: 1 },
    fraction: true,
    gapUnit: 'affordable_places',
    words: { zh: '普惠托位占比', en: 'Affordable share of places' },
    unit: percent,
  },
  places: {
    kind: 'count',
    record: 'quarterly_report',
    comparator: 'at_least',
    aggregation: { kind: 'sum', of: 'places' },
    fraction: false,
    gapUnit: 'places',
    words: { zh: '托位数', en: 'Places' },
    unit: { zh: '个', en: 'places' },
  },
  affordable_places: {
    kind: 'count',
    record: 'quarterly_report',
    comparator: 'at_least',
    aggregation: { kind: 'sum', of: 'affordablePlaces' },
    fraction: false,
    gapUnit: 'affordable_places',
    words: { zh: '普惠托位数', en: 'Affordable places' },
    unit: { zh: '个', en: 'places' },
  },
  institutions: {
    kind: 'count',
    record: 'quarterly_report',
    comparator: 'at_least',
    // of the target's kind of institution
    aggregation: { kind: 'sum', of: 'institutions' },
    fraction: false,
    gapUnit: 'institutions',
    words: { zh: '托育机构数', en: 'Institutions' },
    unit: { zh: '个', en: '' },
  },
  new_residential_places_per_1000: {
    kind: 'ratio',
    record: 'residential_register',
    comparator: 'at_least',
    aggregation: { kind: 'quotient', numerator: 'plannedPlaces', denominator: 'plannedResidents', base: 1000 },
    fraction: false,
    gapUnit: 'places',
    words: { zh: '新建住宅区每千人托位数', en: 'Places per 1,000 residents in new residential areas' },
    unit: perThousand,
  },
  maternal_mortality_per_100k: {
    kind: 'rate',
    record: 'yearly_indicators',
    comparator: 'below',
    aggregation: { kind: 'quotient', numerator: 'maternalDeaths', denominator: 'liveBirths', base: 100_000 },
    fraction: false,
    gapUnit: 'events',
    words: { zh: '孕产妇死亡率', en: 'Maternal mortality' },
    unit: { zh: '/10万', en: 'per 100,000' },
  },
  infant_mortality_per_1000: {
    kind: 'rate',
    record: 'yearly_indicators',
    comparator: 'below',
    aggregation: { kind: 'quotient', numerator: 'infantDeaths', denominator: 'liveBirths', base: 1000 },
    fraction: false,
    gapUnit: 'events',
    words: { zh: '婴儿死亡率', en: 'Infant mortality' },
    unit: permille,
  },
  under5_mortality_per_1000: {
    kind: 'rate',
    record: 'yearly_indicators',
    comparator: 'below',
    aggregation: { kind: 'quotient', numerator: 'under5Deaths', denominator: 'liveBirths', base: 1000 },
    fraction: false,
    gapUnit: 'events',
    words: { zh: '5 岁以下儿童死亡率', en: 'Under-5 mortality' },
    unit: permille,
  },
  sex_ratio_at_birth: {
    kind: 'rate',
    record: 'yearly_indicators',
    comparator: 'below',
    // boys born per 100 girls born
    aggregation: { kind: 'quotient', numerator: 'boysBorn', denominator: 'girlsBorn', base: 100 },
    fraction: false,
    gapUnit: 'events',
    words: { zh: '出生人口性别比', en: 'Sex ratio at birth' },
    unit: none,
  },
  prenatal_screening_rate: {
    kind: 'share',
    record: 'yearly_indicators',
    comparator: 'at_least',
    aggregation: { kind: 'quotient', numerator: 'pregnantWomenScreened', denominator: 'pregnantWomen', base: 1 },
    fraction: true,
    gapUnit: 'events',
    words: { zh: '产前筛查率', en: 'Prenatal screening rate' },
    unit: percent,
  },
} as const satisfies Record<string, MetricDefinition>;

export type Metric = keyof typeof METRIC_TABLE;

/** The metrics, in the table's order: the API's enum and the database's check constraint. */
export const METRICS = Object.keys(METRIC_TABLE) as [Metric, ...Metric[]];

/** A metric's definition, typed as the table's entries are. */
export function metricDefinition(metric: Metric): MetricDefinition {
  return METRIC_TABLE[metric];
}

const metricsWhere = (test: (definition: MetricDefinition) => boolean): ReadonlySet<Metric> =>
  new Set(METRICS.filter((metric) => test(METRIC_TABLE[metric])));

/**
 * Metrics whose value does not grow with the size of a unit (every quotient): a province's ratio is
 * also a yardstick for each of its counties (docs/figures.md "Which targets apply"). Counts
 * (places, institutions) bind only the plan's own jurisdiction unless the target's scope says otherwise.
 */
export const INTENSIVE_METRICS = metricsWhere((definition) => definition.aggregation.kind === 'quotient');

/** Metrics the records the product keeps can measure; the others are tracked as targets without actuals. */
export const MEASURED_METRICS = metricsWhere((definition) => KEPT_RECORDS.has(definition.record));

/** Shares written as fractions (≤ 1): the database's second check constraint on targets. */
export const FRACTION_METRICS = metricsWhere((definition) => definition.fraction);

/** Metrics whose gap is counted in the given unit. */
export const metricsWithGapUnit = (unit: GapUnit): ReadonlySet<Metric> =>
  metricsWhere((definition) => definition.gapUnit === unit);
