// Schemas of the public API v1 (docs/api.md): one definition for the server's validation,
// its OpenAPI document and the web client's types.

import { z } from 'zod';
import { fundingRuleSchema } from './funding.ts';
import { type FieldMessageKey, typeError } from './messages.ts';
import { METRIC_RECORDS, METRICS } from './metric-table.ts';
import { PERIOD_PATTERN } from './period.ts';
import { successionSchema } from './successions.ts';
import { isWellFormedText } from './text.ts';
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

/**
 * A unit of the list with, when found by a search (`?q=`) or looked up by code (`?codes=`), its
 * way down: its parent, its parent's parent… up to the province, province first. A screen names
 * and places the few units it shows without the whole tree.
 */
export const jurisdictionListedSchema = jurisdictionSchema.extend({
  ancestors: z.array(jurisdictionSchema).optional(),
});
export type JurisdictionListed = z.infer<typeof jurisdictionListedSchema>;

/** Which published edition of the national division codes is loaded (GET /divisions/edition). */
export const divisionEditionSchema = z.object({
  edition: z.string(),
  source: z.string(),
  loadedAt: z.string(),
  counts: z.object({
    province: z.number().int(),
    prefecture: z.number().int(),
    county: z.number().int(),
    township: z.number().int(),
  }),
});
export type DivisionEdition = z.infer<typeof divisionEditionSchema>;

export const populationFigureSchema = z.object({
  year: z.number().int(),
  population: z.number().int(),
  source: z.string(),
});

export const jurisdictionDetailSchema = jurisdictionSchema.extend({
  populations: z.array(populationFigureSchema),
  /** The units below it today (one retired by a succession on or before today is not among them). */
  children: z.array(z.string()),
  /** Its parent, its parent's parent… up to the province, province first. */
  ancestors: z.array(jurisdictionSchema),
  /** Boundary changes it took part in, either way: the code it carries on, or the code carrying it on. */
  successions: z.array(successionSchema),
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
  /** The target this one replaced (a later document's new value or due year), and the one that replaced it. */
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  /** The days the target is in force (ISO dates; until null: still in force; from null: no date known). */
  inForceFrom: z.string().nullable(),
  inForceUntil: z.string().nullable(),
  /** For If-Match on an edit or a revision. */
  version: z.number().int(),
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
  fundingRules: z.array(fundingRuleSchema),
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

/** How many units a list in an answer names at most; its count says how many there are. */
export const COVERAGE_LIST_CAP = 50;

const unitNamedSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

/**
 * What a parent's figure stands on (docs/figures.md "What an aggregate stands on"): of the units
 * at the reporting level below it (county-level units; a county's townships), how many are in the
 * figure's quarter and how much of the population they hold, which are not (with the last quarter
 * each did report), and which of those in it have no population, so that the ratio is unknown.
 */
export const coverageSchema = z.object({
  /** The quarter the figure is from. */
  period: z.string(),
  basis: z.enum(['own', 'children']),
  /** The level the units are counted at; a leaf above it (a prefecture without counties) counts as one. */
  level: z.enum(LEVELS),
  reporting: z.number().int(),
  expected: z.number().int(),
  /** The population of the units in the figure whose population is known. */
  populationCovered: z.number().nullable(),
  /** The unit's own population for the year, else the sum of its children's (unknown when one is). */
  populationTotal: z.number().nullable(),
  /** populationCovered ÷ populationTotal, where both are known. */
  populationShare: z.number().nullable(),
  missingCount: z.number().int(),
  /** Codes of the units not in the figure, in code order, at most COVERAGE_LIST_CAP. */
  missing: z.array(z.string()),
  /** The same units named, each with the latest earlier quarter it reported (never added in). */
  missingUnits: z.array(unitNamedSchema.extend({ lastPeriod: z.string().nullable() })),
  withoutPopulationCount: z.number().int(),
  /** Units in the figure whose population is unknown: the parent's population, and its ratio, are then unknown. */
  withoutPopulation: z.array(unitNamedSchema),
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

/** On a norm target's progress: the projects it counts and those short of it. */
export const residentialTargetSchema = z.object({
  projectsCounted: z.number().int(),
  plannedResidents: z.number().int(),
  plannedPlaces: z.number().int(),
  nonCompliant: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      jurisdictionCode: z.string(),
      approvedOn: z.string(),
      plannedResidents: z.number().int(),
      plannedPlaces: z.number().int(),
      requiredPlaces: z.number().int(),
      shortfall: z.number().int(),
    }),
  ),
});

/**
 * What a measured target with no figure yet waits for (docs/figures.md, "Figures not reported
 * yet"): the record that carries its figures, the counts of it the target is made of, the year
 * whose record is wanted (yearly indicators), and the unit whose entry staff send it — or, where
 * it has units below it, theirs, since a parent's figure is their sum.
 */
export const awaitingFiguresSchema = z.object({
  record: z.enum(METRIC_RECORDS),
  counts: z.array(z.string()),
  year: z.number().int().nullable(),
  from: z.string(),
  orBelow: z.boolean(),
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
  /** On a new-residential-areas norm only: the projects counted, those short of the norm named. */
  residential: residentialTargetSchema.optional(),
  /** A measured target with no figure yet (`no_data`): what it waits for and from whom; null otherwise. */
  awaiting: awaitingFiguresSchema.nullable().optional(),
  /** A revision's chain: the target this one replaced, the one replacing it, and the days it is in force. */
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  inForceFrom: z.string().nullable(),
  inForceUntil: z.string().nullable(),
  /**
   * For a target that replaced another: the value at the last quarter before it came into force
   * (the replaced target's last year), from which its pace and forecast run.
   */
  baseline: z.object({ period: z.string(), value: z.number() }).nullable(),
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
      /**
       * True where the unit has no figures for the quarter in view and its latest earlier quarter's
       * stand in: shown as its own, marked with that quarter, and never added into a sum of the
       * quarter in view (its parent counts it as missing there).
       */
      standIn: z.boolean(),
    })
    .nullable(),
  /** What the figure stands on, for a unit with units below it; null for one without. */
  coverage: coverageSchema.nullable(),
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
    .enum([
      'report',
      'indicators',
      'population',
      'plan',
      'target',
      'user',
      'jurisdiction',
      'setting',
      'session',
      'succession',
      'residential_project',
      'funding_rule',
    ])
    .optional(),
  /** Entries older than this id (the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

// New residential areas (新建居住区): the register of projects and what their norm requires.

/** A single project housing more people than this is a typing error. */
export const MAX_PROJECT_RESIDENTS = 1_000_000;
/** Nor does one project plan (or deliver) more places than this. */
export const MAX_PROJECT_PLACES = 100_000;
export const MAX_PROJECT_NAME = 100;
/** No project approved before this date is registered (no norm in the plans is older). */
export const EARLIEST_APPROVAL = '2000-01-01';

const projectCount = (max: number, tooMany: FieldMessageKey) =>
  z
    .number(typeError('whole_number'))
    .int({ message: 'whole_number' satisfies FieldMessageKey })
    .min(0, { message: 'not_negative' satisfies FieldMessageKey })
    .max(max, { message: tooMany });

/**
 * A project as staff enter it. Delivered places may exceed planned ones (a developer may build more
 * than the approval asked for); they are bounded like planned places and may be unknown (null).
 * That the approval date is not in the future needs today's date: see `approvalInFuture`.
 */
export const residentialProjectInputSchema = z
  .object({
    jurisdictionCode: divisionCode,
    name: z
      .string(typeError('text'))
      .trim()
      .min(1, { message: 'required' satisfies FieldMessageKey })
      .max(MAX_PROJECT_NAME, { message: `max_length|${MAX_PROJECT_NAME}` })
      .refine((value) => !value.includes('\u0000'), { message: 'control_character' satisfies FieldMessageKey })
      .refine(isWellFormedText, { message: 'lone_surrogate' satisfies FieldMessageKey }),
    approvedOn: z.iso
      .date({ message: 'date' satisfies FieldMessageKey })
      .refine((value) => value >= EARLIEST_APPROVAL, { message: 'approved_before_2000' satisfies FieldMessageKey }),
    plannedResidents: z
      .number(typeError('whole_number'))
      .int({ message: 'whole_number' satisfies FieldMessageKey })
      .min(1, { message: 'residents_at_least_one' satisfies FieldMessageKey })
      .max(MAX_PROJECT_RESIDENTS, { message: 'too_many_residents' satisfies FieldMessageKey }),
    plannedPlaces: projectCount(MAX_PROJECT_PLACES, 'too_many_project_places'),
    deliveredPlaces: projectCount(MAX_PROJECT_PLACES, 'too_many_project_places').nullable().optional(),
  })
  .strict();
export type ResidentialProjectInput = z.infer<typeof residentialProjectInputSchema>;

/** Whether an approval date (YYYY-MM-DD) lies after today in Beijing (UTC+8), where the projects are. */
export function approvalInFuture(approvedOn: string, now: Date): boolean {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return approvedOn > today;
}

/** The norm a project is held to, from the applicable target. */
export const residentialNormSchema = z.object({
  targetId: z.string(),
  documentNumber: z.string().nullable(),
  clause: z.string(),
  value: z.number(),
});

export const residentialProjectSchema = z.object({
  id: z.string(),
  jurisdictionCode: z.string(),
  name: z.string(),
  approvedOn: z.string(),
  plannedResidents: z.number().int(),
  plannedPlaces: z.number().int(),
  deliveredPlaces: z.number().int().nullable(),
  version: z.number().int(),
  /** Null where no plan's norm covers the project; then the three figures below are null too. */
  norm: residentialNormSchema.nullable(),
  requiredPlaces: z.number().int().nullable(),
  shortfall: z.number().int().nullable(),
  compliant: z.boolean().nullable(),
});
export type ResidentialProjectView = z.infer<typeof residentialProjectSchema>;

export const residentialListQuery = z.object({ root: divisionCode.optional() });
export const residentialParams = z.object({ id: z.uuid({ message: 'project_id' satisfies FieldMessageKey }) });
