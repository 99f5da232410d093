// Who has reported for a quarter, who is late and who has nothing: the reporting units of a
// subtree against the deadline (docs/figures.md "Reporting completeness"; default 15 days).
import { z } from 'zod';
import type { UnitNode } from './aggregate.ts';
import { coverageSchema } from './contract.ts';
import { type Period, periodIndex } from './period.ts';
import { NO_SUCCESSIONS, type Successions } from './successions.ts';
import { LEVELS, REPORT_STATUSES, type ReportStatus } from './vocabulary.ts';

/** China Standard Time: deadlines end at midnight in Beijing. */
const CST_OFFSET_HOURS = 8;

/** The moment a quarter's report is due: the end of the deadline's last day, Beijing time. */
export function reportDeadline(period: Period, deadlineDays: number): Date {
  // the day after the quarter's last day, 00:00 in Beijing, then the days allowed
  const firstDayAfter = Date.UTC(period.year, period.quarter * 3, 1) - CST_OFFSET_HOURS * 3600_000;
  return new Date(firstDayAfter + deadlineDays * 86_400_000);
}

export interface UnitReport {
  status: ReportStatus;
  /** When it was first submitted; null when never. */
  firstSubmittedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  demo: boolean;
}

export type UnitReportState = ReportStatus | 'missing';

/** A reporting unit's state for the quarter, as the answer carries it. */
export type UnitCompleteness = Completeness['units'][number];

/**
 * Who has reported, as computed; the route adds the code and quarter it answers for, what the
 * quarter's figure stands on and the population gaps.
 */
export type Completeness = Omit<CompletenessView, 'code' | 'period' | 'coverage' | 'populationGaps'>;

/**
 * The units expected to report are the subtree's leaves, and any other unit that filed a report
 * of its own for the quarter (a city reporting for itself), of the units standing in that quarter:
 * a unit retired by a succession is not expected after its date, nor its successor before it.
 */
export function completeness(
  allUnits: readonly UnitNode[],
  reports: ReadonlyMap<string, UnitReport>,
  deadline: Date,
  now: Date,
  standing: { period: Period; successions: Successions } = {
    period: { year: 0, quarter: 1 },
    successions: NO_SUCCESSIONS,
  },
): Completeness {
  const index = periodIndex(standing.period);
  const units = standing.successions.isEmpty
    ? allUnits
    : allUnits.filter((unit) => standing.successions.inForce(unit.code, index) || reports.has(unit.code));
  const parents = new Set(units.map((unit) => unit.parentCode));
  const expected = units.filter((unit) => !parents.has(unit.code) || reports.has(unit.code));
  const rows = expected.map((unit): UnitCompleteness => {
    const report = reports.get(unit.code);
    const submittedAt = report?.firstSubmittedAt ?? null;
    const onTime = submittedAt !== null && submittedAt <= deadline;
    return {
      code: unit.code,
      name: unit.name,
      nameEn: unit.nameEn,
      level: unit.level,
      state: report?.status ?? 'missing',
      firstSubmittedAt: submittedAt?.toISOString() ?? null,
      approvedBy: report?.approvedBy ?? null,
      approvedAt: report?.approvedAt?.toISOString() ?? null,
      onTime,
      late: submittedAt === null ? now > deadline : submittedAt > deadline,
      demo: report?.demo ?? false,
    };
  });
  const counted = (state: UnitReportState[]) => rows.filter((row) => state.includes(row.state)).length;
  return {
    deadline: deadline.toISOString(),
    expected: rows.length,
    submitted: counted(['submitted', 'approved']),
    approved: counted(['approved']),
    missing: counted(['missing']),
    late: rows.filter((row) => row.late).length,
    onTimeRate: rows.length === 0 ? 0 : rows.filter((row) => row.onTime).length / rows.length,
    units: rows.sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export const completenessSchema = z.object({
  code: z.string(),
  period: z.string(),
  deadline: z.string(),
  expected: z.number().int(),
  submitted: z.number().int(),
  approved: z.number().int(),
  missing: z.number().int(),
  late: z.number().int(),
  /** Units that submitted by the deadline ÷ units expected. */
  onTimeRate: z.number(),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      level: z.enum(LEVELS),
      state: z.enum([...REPORT_STATUSES, 'missing']),
      firstSubmittedAt: z.string().nullable(),
      approvedBy: z.string().nullable(),
      approvedAt: z.string().nullable(),
      /** Submitted by the deadline. */
      onTime: z.boolean(),
      /** Past the deadline and submitted after it, or not submitted at all. */
      late: z.boolean(),
      demo: z.boolean(),
    }),
  ),
  /** What the subtree's figure for this very quarter stands on (null for a unit with nothing below it). */
  coverage: coverageSchema.nullable(),
  /** The subtree's units with no population for the quarter's year (none then or before): data gaps. */
  populationGaps: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), level: z.enum(LEVELS) })),
});
export type CompletenessView = z.infer<typeof completenessSchema>;
