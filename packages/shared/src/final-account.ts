// The final account of a closed cycle: every target whose due quarter the period in view has
// reached, on every unit it applies to, with its due year's value and verdict, by how much it was
// met or missed, whether the reports behind that value were approved (and by whom), and today's
// value beside it. The gap report's `?account=final` variant; its columns are defined once here.
import { z } from 'zod';
import { type dueYearValueSchema, settingsSchema, targetProgressSchema } from './contract.ts';
import type { Coverage } from './coverage.ts';
import {
  COVERAGE_COLUMNS,
  coverageColumns,
  coverageColumnsSchema,
  DATA_STATUSES,
  type DataStatus,
  indicatorCountsOf,
  indicatorCountsSchema,
  UNIT_AND_TARGET_COLUMNS,
  unitAndTarget,
} from './gap-report.ts';
import { GAP_UNITS } from './metric-table.ts';
import type { Progress, TargetProgress } from './progress.ts';
import { LEVELS, type ReportStatus } from './vocabulary.ts';

/** Who approved the report a due year's value is from (the unit's own report at that quarter). */
export interface DueYearApproval {
  approvedBy: string | null;
  approvedAt: string | null;
}

export const finalAccountRowSchema = targetProgressSchema
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
    status: true,
    current: true,
    currentPeriod: true,
    currentMeets: true,
  })
  .extend({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    level: z.enum(LEVELS),
    /** What the gap is counted in, as the target's metric counts it. */
    gapUnit: z.enum(GAP_UNITS),
    /** The due year's value and the quarter it is from (the fourth, or the year's latest, provisional). */
    dueYearValue: z.number().nullable(),
    dueYearPeriod: z.string().nullable(),
    provisional: z.boolean().nullable(),
    /** By how much: the due year's value less the target (negative: short of an "at least" target). */
    difference: z.number().nullable(),
    /** Places, institutions or events short at the due quarter (in `gapUnit`); 0 when met. */
    gap: z.number().nullable(),
    /** What stands behind the due year's value: the report's status, a sum of units below, demo, or nothing. */
    dataStatus: z.enum(DATA_STATUSES),
    /** Every report behind the value approved (for a sum of units below, each of theirs). */
    approved: z.boolean(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    /** What the due year's value stands on (its quarter's coverage), for a unit with units below it. */
    ...coverageColumnsSchema.shape,
    /** A yearly indicator's counts behind `current`; null for other metrics. */
    indicatorCounts: indicatorCountsSchema.nullable(),
  });
export type FinalAccountRow = z.infer<typeof finalAccountRowSchema>;

export const finalAccountSchema = z.object({
  root: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  period: z.string(),
  counting: settingsSchema.shape.counting,
  /** The due years of the targets closed by the period (the cycles the account closes). */
  dueYears: z.array(z.number().int()),
  rows: z.array(finalAccountRowSchema),
  demo: z.boolean(),
});
export type FinalAccount = z.infer<typeof finalAccountSchema>;

function dataStatusAt(value: z.infer<typeof dueYearValueSchema> | null): DataStatus {
  if (value === null) return 'missing';
  if (value.demo) return 'demo';
  if (value.basis === 'children') return 'aggregate';
  return value.reportStatus;
}

const APPROVED: ReportStatus = 'approved';

/**
 * The final account's rows for one unit: every measured target closed by the period in view.
 * `approvalAt` gives who approved the unit's own report at a quarter (`2025Q4`), where known;
 * `coverageAt` what the unit's figure at a quarter stands on.
 */
export function finalAccountRows(
  progress: Progress,
  approvalAt: (code: string, period: string) => DueYearApproval | undefined,
  coverageAt: (code: string, period: string) => Coverage | null = () => null,
): FinalAccountRow[] {
  return progress.targets
    .filter((target) => target.closed && target.measured)
    .map((target: TargetProgress): FinalAccountRow => {
      const due = target.dueYearValue;
      const approval = due && due.basis === 'own' ? approvalAt(progress.code, due.period) : undefined;
      // assigned, not spread (as the gap report's rows are: gap-report.ts)
      return Object.assign(
        unitAndTarget(progress, target),
        {
          status: target.status,
          dueYearValue: due?.value ?? null,
          dueYearPeriod: due?.period ?? null,
          provisional: due?.provisional ?? null,
          difference: due ? due.value - target.value : null,
          gap: due?.gap ?? null,
          dataStatus: dataStatusAt(due),
          approved: due !== null && !due.demo && due.reportStatus === APPROVED,
          approvedBy: approval?.approvedBy ?? null,
          approvedAt: approval?.approvedAt ?? null,
          current: target.current,
          currentPeriod: target.currentPeriod,
          currentMeets: target.currentMeets,
          indicatorCounts: indicatorCountsOf(target),
        },
        coverageColumns(due ? coverageAt(progress.code, due.period) : null),
      );
    });
}

export interface FinalAccountColumn {
  key: keyof FinalAccountRow;
  zh: string;
  en: string;
  format: 'text' | 'year' | 'integer' | 'ratio' | 'datetime' | 'boolean' | 'percent';
  width: number;
}

export const FINAL_ACCOUNT_COLUMNS: FinalAccountColumn[] = [
  ...UNIT_AND_TARGET_COLUMNS,
  { key: 'dueYearValue', zh: '到期年末值', en: 'Value at the due year', format: 'ratio', width: 12 },
  { key: 'dueYearPeriod', zh: '到期年数据季度', en: 'Due-year figure from', format: 'text', width: 12 },
  { key: 'provisional', zh: '非四季度（暂代）', en: 'Provisional', format: 'boolean', width: 10 },
  { key: 'status', zh: '结论', en: 'Verdict', format: 'text', width: 10 },
  { key: 'difference', zh: '与目标差值', en: 'Value less target', format: 'ratio', width: 12 },
  {
    key: 'gap',
    zh: '到期缺口',
    en: 'Short at the due year',
    format: 'integer',
    width: 12,
  },
  { key: 'gapUnit', zh: '缺口单位', en: 'Gap counted in', format: 'text', width: 10 },
  { key: 'binding', zh: '约束性', en: 'Binding', format: 'boolean', width: 8 },
  { key: 'inherited', zh: '上级目标', en: 'From above', format: 'boolean', width: 8 },
  { key: 'dataStatus', zh: '到期年数据状态', en: 'Due-year data status', format: 'text', width: 12 },
  { key: 'approved', zh: '数据已审核', en: 'Data approved', format: 'boolean', width: 10 },
  { key: 'approvedBy', zh: '审核人', en: 'Approved by', format: 'text', width: 14 },
  { key: 'approvedAt', zh: '审核时间', en: 'Approved at', format: 'datetime', width: 17 },
  { key: 'current', zh: '当前值', en: 'Value today', format: 'ratio', width: 10 },
  { key: 'currentPeriod', zh: '当前值季度', en: 'Today’s figure from', format: 'text', width: 10 },
  { key: 'indicatorCounts', zh: '当前值例数', en: 'Today’s counts', format: 'text', width: 22 },
  { key: 'currentMeets', zh: '当前已达目标', en: 'Meets it today', format: 'boolean', width: 10 },
  ...COVERAGE_COLUMNS,
];
