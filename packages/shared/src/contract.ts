// Schemas of the public API v1 (docs/api.md): one definition for the server's validation,
// its OpenAPI document and the web client's types.

import { z } from 'zod';
import type { FieldMessageKey } from './messages.ts';
import { METRICS } from './metric-table.ts';
import { PERIOD_PATTERN } from './period.ts';
import {
  COMPARATORS,
  DIVISION_CODE,
  INSTITUTION_KINDS,
  LEVELS,
  REPORT_STATUSES,
  SCOPES,
  TARGET_STATUSES,
} from './vocabulary.ts';

export const divisionCode = z.string().regex(DIVISION_CODE, { message: 'division_code' satisfies FieldMessageKey });

export const periodText = z.string().regex(PERIOD_PATTERN, { message: 'period' satisfies FieldMessageKey });

export const codeParams = z.object({ code: divisionCode });
export const progressQuery = z.object({ period: periodText.optional() });

export const jurisdictionSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(LEVELS),
  parentCode: z.string().nullable(),
});

export const populationFigureSchema = z.object({
  year: z.number().int(),
  population: z.number().int(),
  source: z.string(),
});

export const jurisdictionDetailSchema = jurisdictionSchema.extend({
  populations: z.array(populationFigureSchema),
  children: z.array(z.string()),
});

export const targetSchema = z.object({
  id: z.string(),
  metric: z.enum(METRICS),
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  dueYear: z.number().int(),
  clause: z.string(),
  scope: z.enum(SCOPES),
  institutionKind: z.enum(INSTITUTION_KINDS).optional(),
});

export const planSchema = z.object({
  id: z.string(),
  jurisdictionCode: z.string(),
  documentNumber: z.string().nullable(),
  title: z.string(),
  issuer: z.string(),
  issuedOn: z.string().nullable(),
  sourceFile: z.string().nullable(),
  targets: z.array(targetSchema),
});

const institutionCountsSchema = z.partialRecord(z.enum(INSTITUTION_KINDS), z.number().int());
const targetStatusSchema = z.enum(TARGET_STATUSES);

const populationUsedSchema = z.object({
  value: z.number(),
  year: z.number().int(),
  carriedForward: z.boolean(),
  source: z.string(),
  basis: z.enum(['own', 'children']),
});

const reconciliationSchema = z.object({
  childrenPlaces: z.number(),
  childrenAffordablePlaces: z.number(),
  placesDifference: z.number(),
  affordablePlacesDifference: z.number(),
  childrenReported: z.number().int(),
  childrenTotal: z.number().int(),
});

/**
 * A closed target's account: its due year's value (the fourth quarter's, or the latest quarter of
 * that year standing in, marked provisional), whether it met the target, the gap at that quarter
 * and the status of the reports behind it (for a sum of children, the least advanced of theirs).
 */
export const dueYearValueSchema = z.object({
  value: z.number(),
  period: z.string(),
  provisional: z.boolean(),
  meets: z.boolean(),
  gap: z.number().nullable(),
  reportStatus: z.enum(REPORT_STATUSES),
  basis: z.enum(['own', 'children']),
  demo: z.boolean(),
});

export const targetProgressSchema = z.object({
  targetId: z.string(),
  planId: z.string(),
  documentNumber: z.string().nullable(),
  planTitle: z.string(),
  issuer: z.string(),
  /** The jurisdiction whose plan sets the target. */
  planJurisdictionCode: z.string(),
  inherited: z.boolean(),
  clause: z.string(),
  metric: z.enum(METRICS),
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  dueYear: z.number().int(),
  scope: z.enum(SCOPES),
  institutionKind: z.enum(INSTITUTION_KINDS).nullable(),
  /** False for targets that no record the product keeps measures (health indicators, planning norms). */
  measured: z.boolean(),
  binding: z.boolean(),
  /** The latest value up to the period in view, and the quarter it is from. */
  current: z.number().nullable(),
  currentPeriod: z.string().nullable(),
  gap: z.number().nullable(),
  requiredPerQuarter: z.number().nullable(),
  forecast: z.number().nullable(),
  status: targetStatusSchema,
  /** At or after the due quarter: the due year's value that decided the status. */
  dueYearValue: dueYearValueSchema.nullable(),
  /**
   * True once the period in view is at or after the target's due quarter (its due year's fourth):
   * the target is closed, its verdict is `dueYearValue`'s, and `current` is today's value beside it.
   */
  closed: z.boolean(),
  /** Whether the latest value up to the period in view (`current`) meets the target; null without one. */
  currentMeets: z.boolean().nullable(),
  /**
   * Yearly indicators only: the year `current` is from (the latest ended by the period's end), its
   * counts (deaths and live births, boys and girls born, women screened and pregnant women), and
   * whether the denominator is below the rate's base, so the rate is unstable.
   */
  year: z.number().int().nullable().optional(),
  numerator: z.number().int().nullable().optional(),
  denominator: z.number().int().nullable().optional(),
  unstable: z.boolean().nullable().optional(),
});

export const cascadeProgressSchema = z.object({
  targetId: z.string(),
  planId: z.string(),
  documentNumber: z.string().nullable(),
  planTitle: z.string(),
  clause: z.string(),
  metric: z.enum(METRICS),
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  dueYear: z.number().int(),
  scope: z.enum(SCOPES),
  institutionKind: z.enum(INSTITUTION_KINDS).nullable(),
  unitsTotal: z.number().int(),
  unitsMeeting: z.number().int(),
  unitsNoData: z.number().int(),
  /** Sum of the units' gaps. */
  gap: z.number(),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      current: z.number().nullable(),
      gap: z.number().nullable(),
      status: targetStatusSchema,
      /** Yearly indicators only, as on a target: the year and counts `current` is from. */
      year: z.number().int().nullable().optional(),
      numerator: z.number().int().nullable().optional(),
      denominator: z.number().int().nullable().optional(),
      unstable: z.boolean().nullable().optional(),
    }),
  ),
});

export const scheduleFindingSchema = z.object({
  planId: z.string(),
  documentNumber: z.string().nullable(),
  year: z.number().int(),
  /** The scheduled count: `places` or `affordable_places`. */
  scheduleMetric: z.enum(METRICS),
  scheduleTargetId: z.string(),
  scheduled: z.number(),
  ratioTargetId: z.string(),
  ratioMetric: z.enum(METRICS),
  ratioValue: z.number(),
  population: z.object({ value: z.number(), year: z.number().int(), carriedForward: z.boolean(), source: z.string() }),
  /** Places the ratio needs at that year's population. */
  required: z.number(),
  shortfall: z.number(),
});

export const progressSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(LEVELS),
  period: z.string(),
  population: populationUsedSchema.nullable(),
  actual: z
    .object({
      places: z.number().int(),
      affordablePlaces: z.number().int(),
      childrenEnrolled: z.number().int().nullable(),
      institutions: institutionCountsSchema,
      /** The quarter the figures are from (the latest up to the period in view). */
      period: z.string(),
      /** True where the figures are not a fourth-quarter report, so stand in for their year. */
      provisional: z.boolean(),
      basis: z.enum(['own', 'children']),
      status: z.enum(REPORT_STATUSES),
      demo: z.boolean(),
      completeness: z.number(),
      childrenReported: z.number().int(),
      childrenTotal: z.number().int(),
      reconciliation: reconciliationSchema.nullable(),
    })
    .nullable(),
  targets: z.array(targetProgressSchema),
  cascades: z.array(cascadeProgressSchema),
  scheduleFindings: z.array(scheduleFindingSchema),
  /** True where any figure shown comes from demo reports. */
  demo: z.boolean(),
  /** Which reports the figures count (the settings' choice). */
  counting: z.enum(['submitted_and_approved', 'approved_only']),
});

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'postgres']),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export type Jurisdiction = z.infer<typeof jurisdictionSchema>;
export type JurisdictionDetail = z.infer<typeof jurisdictionDetailSchema>;
export type PlanView = z.infer<typeof planSchema>;
export type TargetView = z.infer<typeof targetSchema>;
export type ProgressView = z.infer<typeof progressSchema>;
export type ApiError = z.infer<typeof errorSchema>;

export const settingsSchema = z.object({
  /** What dashboards count: everything submitted (marked by status), or approved reports only. */
  counting: z.enum(['submitted_and_approved', 'approved_only']),
  /** A quarter's report is late this many days after the quarter ends. */
  reportDeadlineDays: z.number().int().min(0).max(120),
});
export type Settings = z.infer<typeof settingsSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  jurisdictionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** A row of the audit trail's hash chain: its id and its hash (sha256, hex). */
export const chainLinkSchema = z.object({
  id: z.number().int(),
  hash: z.string(),
});

/** GET /audit/verify: the chain walked from its first row to its last. */
export const auditVerifySchema = z.object({
  rows: z.number().int(),
  /** The last row: what an export records, to be compared later. */
  head: chainLinkSchema.nullable(),
  intact: z.boolean(),
  /** The first row changed or slipped in, or the first one missing; null when intact. */
  firstBrokenId: z.number().int().nullable(),
  /** When asked about an earlier head (headId, headHash): whether that row still has that hash. */
  earlierHead: chainLinkSchema.extend({ matches: z.boolean() }).optional(),
});
export type AuditVerifyView = z.infer<typeof auditVerifySchema>;

export const auditVerifyQuery = z
  .object({
    headId: z.coerce
      .number()
      .int({ message: 'whole_number' })
      .min(1, { message: 'at_least_one' })
      .max(Number.MAX_SAFE_INTEGER)
      .optional(),
    headHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { message: 'chain_hash' satisfies FieldMessageKey })
      .optional(),
  })
  .refine((query) => (query.headId === undefined) === (query.headHash === undefined), {
    message: 'chain_head_pair' satisfies FieldMessageKey,
    path: ['headHash'],
  });

export const auditQuery = z.object({
  root: divisionCode.optional(),
  from: z.iso.date({ message: 'date' }).optional(),
  to: z.iso.date({ message: 'date' }).optional(),
  entity: z
    .enum(['report', 'indicators', 'population', 'plan', 'target', 'user', 'jurisdiction', 'setting', 'session'])
    .optional(),
  /** Entries older than this id (the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
