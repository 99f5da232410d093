// The auditors' gap report: one row per jurisdiction and applicable target, with where the target
// comes from, the figures, and how far the data behind them can be trusted. The columns are
// defined once here for the workbook, the CSV and the printed page.
import { z } from 'zod';
import { completenessSchema } from './completeness.ts';
import { residentialProjectSchema, scheduleFindingSchema, settingsSchema, targetProgressSchema } from './contract.ts';
import type { Coverage } from './coverage.ts';
import { GAP_UNITS, METRIC_TABLE } from './metric-table.ts';
import type { Progress, TargetProgress } from './progress.ts';
import { LEVELS, REPORT_STATUSES } from './vocabulary.ts';

/** What stands behind a unit's figure for the period in view. */
export interface FigureProvenance {
  /** The report the figure is from, when the unit reported itself. */
  approvedBy: string | null;
  approvedAt: string | null;
  lastChangedBy: string | null;
  lastChangedAt: string | null;
  /** A draft exists for the period (not counted). */
  draftPending: boolean;
}

/** How far a row's figures can be trusted: the report's status, or what stands in for a report. */
export const DATA_STATUSES = [...REPORT_STATUSES, 'missing', 'demo', 'aggregate'] as const;
export type DataStatus = (typeof DATA_STATUSES)[number];

/**
 * What a row's figure stands on, for a unit with units below it (null otherwise): the units at the
 * reporting level in the figure's quarter, of those below, and the share of the population they hold.
 */
export const coverageColumnsSchema = z.object({
  coverageReporting: z.number().int().nullable(),
  coverageExpected: z.number().int().nullable(),
  coveragePopulationShare: z.number().nullable(),
});
export type CoverageColumns = z.infer<typeof coverageColumnsSchema>;

/** The coverage columns of a figure's coverage (coverage.ts). */
export function coverageColumns(coverage: Coverage | null): CoverageColumns {
  return {
    coverageReporting: coverage?.reporting ?? null,
    coverageExpected: coverage?.expected ?? null,
    coveragePopulationShare: coverage?.populationShare ?? null,
  };
}

/** The columns the gap report and the final account end with (`coverageColumns`). */
export const COVERAGE_COLUMNS: {
  key: keyof CoverageColumns;
  zh: string;
  en: string;
  format: 'integer' | 'percent';
  width: number;
}[] = [
  { key: 'coverageReporting', zh: '汇总依据：已报单位', en: 'Based on: units in it', format: 'integer', width: 12 },
  { key: 'coverageExpected', zh: '汇总依据：应报单位', en: 'Based on: units below', format: 'integer', width: 12 },
  {
    key: 'coveragePopulationShare',
    zh: '汇总依据：人口占比',
    en: 'Based on: share of population',
    format: 'percent',
    width: 12,
  },
];
/** A yearly indicator's counts behind a rate, as a row carries them. */
export const indicatorCountsSchema = z.object({
  year: z.number().int(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  unstable: z.boolean(),
});

/** A row: the unit, its target as progress measures it, and what stands behind the figure. */
export const gapRowSchema = targetProgressSchema
  .pick({
    documentNumber: true,
    planTitle: true,
    clause: true,
    metric: true,
    institutionKind: true,
    comparator: true,
    value: true,
    dueYear: true,
    scope: true,
    inherited: true,
    binding: true,
    current: true,
    currentPeriod: true,
    gap: true,
    requiredPerQuarter: true,
    forecast: true,
    status: true,
  })
  .extend({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    level: z.enum(LEVELS),
    /** What the gap is counted in, as the target's metric counts it (places, institutions, events). */
    gapUnit: z.enum(GAP_UNITS),
    populationValue: z.number().nullable(),
    populationYear: z.number().int().nullable(),
    populationCarriedForward: z.boolean().nullable(),
    dataStatus: z.enum(DATA_STATUSES),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    lastChangedBy: z.string().nullable(),
    lastChangedAt: z.string().nullable(),
    completeness: z.number().nullable(),
    reconciliationDifference: z.number().nullable(),
    ...coverageColumnsSchema.shape,
    /** A yearly indicator's counts behind `current` (deaths and live births…); null for other metrics. */
    indicatorCounts: indicatorCountsSchema.nullable(),
  });
export type GapRow = z.infer<typeof gapRowSchema>;

export function dataStatusOf(progress: Progress, provenance: FigureProvenance | undefined): DataStatus {
  const actual = progress.actual;
  if (!actual) return provenance?.draftPending ? 'draft' : 'missing';
  if (actual.demo) return 'demo';
  if (actual.basis === 'children') return 'aggregate';
  return actual.status;
}

/**
 * What every row of the gap report and of the final account begins with: the unit, and the target
 * with its source (document, plan, clause), as the progress answer gives them.
 */
export function unitAndTarget(progress: Progress, target: TargetProgress) {
  return {
    code: progress.code,
    name: progress.name,
    nameEn: progress.nameEn,
    level: progress.level,
    documentNumber: target.documentNumber,
    planTitle: target.planTitle,
    clause: target.clause,
    metric: target.metric,
    institutionKind: target.institutionKind,
    comparator: target.comparator,
    value: target.value,
    dueYear: target.dueYear,
    scope: target.scope,
    inherited: target.inherited,
    binding: target.binding,
    gapUnit: METRIC_TABLE[target.metric].gapUnit,
  };
}

/** The counts behind a yearly target's current value, or null. */
export function indicatorCountsOf(target: TargetProgress): z.infer<typeof indicatorCountsSchema> | null {
  const { year, numerator, denominator, unstable } = target;
  if (year == null || numerator == null || denominator == null) return null;
  return { year, numerator, denominator, unstable: unstable ?? false };
}

/** A unit-year's own record of yearly health indicators, behind a yearly target's figure. */
export type IndicatorProvenance = FigureProvenance & { status: (typeof REPORT_STATUSES)[number] };

/**
 * The gap report's rows for one unit: every measured target that applies to it. A yearly
 * indicator's row stands on that year's record (`indicatorRecord`), not on the quarter's report:
 * its own where the unit kept one, else a sum of the units below.
 */
export function gapRows(
  progress: Progress,
  provenance: FigureProvenance | undefined,
  indicatorRecord: (year: number) => IndicatorProvenance | undefined = () => undefined,
): GapRow[] {
  return progress.targets.map((target): GapRow => {
    const counts = indicatorCountsOf(target);
    if (target.year === undefined) return quarterlyRow(progress, target, provenance);
    const record = counts ? indicatorRecord(counts.year) : undefined;
    return Object.assign(quarterlyRow(progress, target, undefined), {
      dataStatus: counts === null ? 'missing' : record ? record.status : 'aggregate',
      approvedBy: record?.approvedBy ?? null,
      approvedAt: record?.approvedAt ?? null,
      lastChangedBy: record?.lastChangedBy ?? null,
      lastChangedAt: record?.lastChangedAt ?? null,
      completeness: null,
      reconciliationDifference: null,
    } satisfies Partial<GapRow>);
  });
}

/**
 * A row is its unit and target with the figures assigned onto them, not spread into a new literal:
 * on Node 20 each property written after a spread (`{ ...unit, current, gap, … }`) cost about
 * 1.3 µs, and the country's 124,631 rows spent 2.5 s there and 3.4 s collecting what it left.
 */
function quarterlyRow(progress: Progress, target: TargetProgress, provenance: FigureProvenance | undefined): GapRow {
  const actual = progress.actual;
  const own = actual?.basis === 'own';
  return Object.assign(
    unitAndTarget(progress, target),
    {
      current: target.current,
      currentPeriod: target.currentPeriod,
      gap: target.gap,
      requiredPerQuarter: target.requiredPerQuarter,
      forecast: target.forecast,
      status: target.status,
      populationValue: progress.population?.value ?? null,
      populationYear: progress.population?.year ?? null,
      populationCarriedForward: progress.population?.carriedForward ?? null,
      dataStatus: dataStatusOf(progress, provenance),
      approvedBy: own ? (provenance?.approvedBy ?? null) : null,
      approvedAt: own ? (provenance?.approvedAt ?? null) : null,
      lastChangedBy: own ? (provenance?.lastChangedBy ?? null) : null,
      lastChangedAt: own ? (provenance?.lastChangedAt ?? null) : null,
      completeness: actual?.basis === 'children' ? actual.completeness : null,
      reconciliationDifference: actual?.reconciliation?.placesDifference ?? null,
      indicatorCounts: indicatorCountsOf(target),
    },
    coverageColumns(progress.coverage),
  );
}

/** The whole gap report, as the API answers it in JSON (its 200 response) and writes it in the other formats. */
export const gapReportSchema = z.object({
  root: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  period: z.string(),
  counting: settingsSchema.shape.counting,
  rows: z.array(gapRowSchema),
  scheduleFindings: z.array(scheduleFindingSchema.extend({ jurisdictionCode: z.string() })),
  reconciliations: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      own: z.number(),
      children: z.number(),
      difference: z.number(),
      childrenReported: z.number().int(),
      childrenTotal: z.number().int(),
    }),
  ),
  completeness: completenessSchema.omit({ code: true, period: true, coverage: true, populationGaps: true }),
  demo: z.boolean(),
  /** The subtree's new residential projects, each against the norm that covers it. */
  residentialProjects: z.array(residentialProjectSchema).optional(),
});
export type GapReport = z.infer<typeof gapReportSchema>;

export type ColumnFormat =
  | 'text'
  | 'year'
  | 'integer'
  | 'ratio'
  | 'share'
  | 'pace'
  | 'percent'
  | 'datetime'
  | 'boolean';

export interface GapColumn {
  key: keyof GapRow;
  zh: string;
  en: string;
  format: ColumnFormat;
  width: number;
}

/** The columns every row of the gap report and of the final account begins with (`unitAndTarget`). */
export const UNIT_AND_TARGET_COLUMNS: {
  key: keyof ReturnType<typeof unitAndTarget>;
  zh: string;
  en: string;
  format: 'text' | 'ratio' | 'year';
  width: number;
}[] = [
  { key: 'code', zh: '行政区划代码', en: 'Code', format: 'text', width: 10 },
  { key: 'name', zh: '名称', en: 'Name', format: 'text', width: 18 },
  { key: 'documentNumber', zh: '文号', en: 'Document', format: 'text', width: 18 },
  { key: 'planTitle', zh: '规划', en: 'Plan', format: 'text', width: 30 },
  { key: 'clause', zh: '条款', en: 'Clause', format: 'text', width: 10 },
  { key: 'metric', zh: '指标', en: 'Metric', format: 'text', width: 20 },
  { key: 'comparator', zh: '比较', en: 'Comparator', format: 'text', width: 8 },
  { key: 'value', zh: '目标值', en: 'Target', format: 'ratio', width: 10 },
  { key: 'dueYear', zh: '完成年份', en: 'Due', format: 'year', width: 8 },
];

export const GAP_COLUMNS: GapColumn[] = [
  ...UNIT_AND_TARGET_COLUMNS,
  { key: 'current', zh: '当前值', en: 'Current', format: 'ratio', width: 10 },
  { key: 'currentPeriod', zh: '数据季度', en: 'Figure from', format: 'text', width: 9 },
  { key: 'indicatorCounts', zh: '例数', en: 'Counts', format: 'text', width: 22 },
  { key: 'gap', zh: '缺口', en: 'Gap', format: 'integer', width: 10 },
  // places, institutions or events (deaths, births), as the row's target counts its gap
  { key: 'gapUnit', zh: '缺口单位', en: 'Gap counted in', format: 'text', width: 10 },
  { key: 'requiredPerQuarter', zh: '每季度需新增', en: 'Needed per quarter', format: 'pace', width: 12 },
  { key: 'forecast', zh: '到期预测', en: 'Forecast', format: 'ratio', width: 10 },
  { key: 'status', zh: '状态', en: 'Status', format: 'text', width: 10 },
  { key: 'binding', zh: '约束性', en: 'Binding', format: 'boolean', width: 8 },
  { key: 'inherited', zh: '上级目标', en: 'From above', format: 'boolean', width: 8 },
  { key: 'populationValue', zh: '常住人口', en: 'Population', format: 'integer', width: 12 },
  { key: 'populationYear', zh: '人口年份', en: 'Population year', format: 'year', width: 9 },
  { key: 'populationCarriedForward', zh: '人口沿用', en: 'Carried forward', format: 'boolean', width: 8 },
  { key: 'dataStatus', zh: '数据状态', en: 'Data status', format: 'text', width: 10 },
  { key: 'approvedBy', zh: '审核人', en: 'Approved by', format: 'text', width: 14 },
  { key: 'approvedAt', zh: '审核时间', en: 'Approved at', format: 'datetime', width: 17 },
  { key: 'lastChangedBy', zh: '最后修改人', en: 'Last changed by', format: 'text', width: 14 },
  { key: 'lastChangedAt', zh: '最后修改时间', en: 'Last changed at', format: 'datetime', width: 17 },
  { key: 'completeness', zh: '汇总完整度', en: 'Completeness', format: 'percent', width: 10 },
  {
    key: 'reconciliationDifference',
    zh: '与下级合计差额',
    en: 'Difference from children',
    format: 'integer',
    width: 12,
  },
  ...COVERAGE_COLUMNS,
];
