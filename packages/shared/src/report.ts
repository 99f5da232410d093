// A quarterly report as staff enter it: one schema for the form and the API, and the warnings
// that need a comment before the report can be submitted.
import { z } from 'zod';
import { type FieldMessageKey, typeError } from './messages.ts';
import { textField } from './text.ts';
import { INSTITUTION_KINDS, type InstitutionCounts, REPORT_STATUSES } from './vocabulary.ts';

/** No county has more places than this; a figure above it is a typing error. */
export const MAX_PLACES = 2_000_000;
export const MAX_INSTITUTIONS = 100_000;
export const MAX_TEXT = 2000;

const key = (message: FieldMessageKey) => ({ message });

const count = (max: number) =>
  z
    .number(typeError('whole_number'))
    .int(key('whole_number'))
    .min(0, key('not_negative'))
    .max(max, key(max === MAX_PLACES ? 'too_many_places' : 'too_many_institutions'));

export const reportInputSchema = z
  .object({
    places: count(MAX_PLACES),
    affordablePlaces: count(MAX_PLACES),
    childrenEnrolled: count(MAX_PLACES).nullable().optional(),
    /** Child-months in care this quarter in registered institutions at the affordable guide price, by birth order. */
    secondChildMonths: count(MAX_PLACES).nullable().optional(),
    thirdChildMonths: count(MAX_PLACES).nullable().optional(),
    institutions: z
      .partialRecord(z.enum(INSTITUTION_KINDS, key('institution_kind')), count(MAX_INSTITUTIONS))
      .optional(),
    comment: textField(MAX_TEXT, { trim: false }).nullable().optional(),
  })
  .strict()
  .superRefine((report, context) => {
    if (report.affordablePlaces > report.places) {
      context.addIssue({ code: 'custom', path: ['affordablePlaces'], message: 'affordable_above_total' });
    }
  });

export type ReportInput = z.infer<typeof reportInputSchema>;

export const reasonSchema = z.object({
  reason: textField(MAX_TEXT, { required: true, requiredKey: 'reason_required' }),
});

export interface ReportFigures {
  places: number;
  affordablePlaces: number;
  childrenEnrolled: number | null;
  institutions: InstitutionCounts;
}

export type ReportWarningKind = 'places_fell' | 'places_rose_by_half' | 'affordable_fell';

export interface ReportWarning {
  field: 'places' | 'affordablePlaces';
  kind: ReportWarningKind;
  previous: number;
  current: number;
}

/** A rise of more than this share over last quarter is implausible without an explanation. */
export const IMPLAUSIBLE_RISE = 0.5;

/** Changes against last quarter that need a comment before submitting. */
export function reportWarnings(current: ReportFigures, previous: ReportFigures | null): ReportWarning[] {
  if (previous === null) return [];
  const warnings: ReportWarning[] = [];
  if (current.places < previous.places) {
    warnings.push({ field: 'places', kind: 'places_fell', previous: previous.places, current: current.places });
  } else if (current.places > previous.places * (1 + IMPLAUSIBLE_RISE)) {
    warnings.push({ field: 'places', kind: 'places_rose_by_half', previous: previous.places, current: current.places });
  }
  if (current.affordablePlaces < previous.affordablePlaces) {
    warnings.push({
      field: 'affordablePlaces',
      kind: 'affordable_fell',
      previous: previous.affordablePlaces,
      current: current.affordablePlaces,
    });
  }
  return warnings;
}

/** Who created, last changed, submitted and approved a reviewed record, and when (ISO instants). */
export const REVIEW_TRAIL_SHAPE = {
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
};

export const reportSchema = z.object({
  code: z.string(),
  period: z.string(),
  version: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  places: z.number().int(),
  affordablePlaces: z.number().int(),
  childrenEnrolled: z.number().int().nullable(),
  secondChildMonths: z.number().int().nullable(),
  thirdChildMonths: z.number().int().nullable(),
  institutions: z.partialRecord(z.enum(INSTITUTION_KINDS), z.number().int()),
  comment: z.string().nullable(),
  returnReason: z.string().nullable(),
  demo: z.boolean(),
  ...REVIEW_TRAIL_SHAPE,
  /** Last quarter's report, for the figures beside each field. */
  previous: z
    .object({
      period: z.string(),
      status: z.enum(REPORT_STATUSES),
      places: z.number().int(),
      affordablePlaces: z.number().int(),
      childrenEnrolled: z.number().int().nullable(),
      institutions: z.partialRecord(z.enum(INSTITUTION_KINDS), z.number().int()),
    })
    .nullable(),
  /** What changed since the last approval, field by field, and who changed it. */
  changesSinceApproval: z.array(
    z.object({ field: z.string(), before: z.unknown(), after: z.unknown(), by: z.string(), at: z.string() }),
  ),
  warnings: z.array(
    z.object({
      field: z.enum(['places', 'affordablePlaces']),
      kind: z.enum(['places_fell', 'places_rose_by_half', 'affordable_fell']),
      previous: z.number(),
      current: z.number(),
    }),
  ),
});

export type ReportView = z.infer<typeof reportSchema>;
