// What admins enter: jurisdictions, populations, plans, targets and accounts. One schema each,
// for the admin screens and the API.
import { z } from 'zod';
import { type FieldMessageKey, typeError } from './messages.ts';
import { FRACTION_METRICS, METRICS } from './metric-table.ts';
import { MAX_YEAR, MIN_YEAR } from './period.ts';
import { SUCCESSION_KINDS } from './successions.ts';
import { textField } from './text.ts';
import { COMPARATORS, DIVISION_CODE, INSTITUTION_KINDS, LEVELS, SCOPES } from './vocabulary.ts';

const key = (message: FieldMessageKey) => ({ message });
const text = (max: number) => textField(max, { required: true });

export const jurisdictionInputSchema = z
  .object({
    name: text(100),
    nameEn: text(200),
    level: z.enum(LEVELS),
    parentCode: z.string().regex(DIVISION_CODE, key('division_code')).nullable(),
  })
  .strict()
  .superRefine((value, context) => {
    if ((value.level === 'province') !== (value.parentCode === null)) {
      context.addIssue({ code: 'custom', path: ['parentCode'], message: 'province_without_parent' });
    }
  });
export type JurisdictionInput = z.infer<typeof jurisdictionInputSchema>;

export const populationInputSchema = z
  .object({
    population: z
      .number(typeError('whole_number'))
      .int(key('whole_number'))
      .min(1, key('at_least_one'))
      .max(2_000_000_000),
    source: text(500),
  })
  .strict();
export type PopulationInput = z.infer<typeof populationInputSchema>;

export const planInputSchema = z
  .object({
    jurisdictionCode: z.string().regex(DIVISION_CODE, key('division_code')),
    documentNumber: textField(100).nullable(),
    title: text(300),
    issuer: text(300),
    issuedOn: z.iso.date(key('date')).nullable(),
  })
  .strict();
export type PlanInput = z.infer<typeof planInputSchema>;

const targetFields = z.object({
  metric: z.enum(METRICS),
  comparator: z.enum(COMPARATORS),
  value: z.number().min(0, key('not_negative')).max(1_000_000_000),
  dueYear: z.number().int(key('whole_number')).min(2000).max(2100),
  clause: text(200),
  scope: z.enum(SCOPES),
  institutionKind: z.enum(INSTITUTION_KINDS).nullable().optional(),
});

function checkTarget(value: z.infer<typeof targetFields>, context: z.RefinementCtx) {
  if ((value.metric === 'institutions') !== Boolean(value.institutionKind)) {
    context.addIssue({ code: 'custom', path: ['institutionKind'], message: 'institution_kind_with_institutions' });
  }
  if (FRACTION_METRICS.has(value.metric) && value.value > 1) {
    context.addIssue({ code: 'custom', path: ['value'], message: 'share_as_fraction' });
  }
  // 4 decimals is what the database keeps
  // 0.57 × 10,000 is 5699.999… in floating point: compare with a tolerance, not exactly
  if (Math.abs(value.value * 10_000 - Math.round(value.value * 10_000)) > 1e-6) {
    context.addIssue({ code: 'custom', path: ['value'], message: 'four_decimals' });
  }
}

export const targetInputSchema = targetFields.strict().superRefine(checkTarget);
export type TargetInput = z.infer<typeof targetInputSchema>;

/**
 * An edit (a typo corrected in place): the target's fields. A target read from the API may be sent
 * back as it came: its revision chain and version are read-only here (a revision changes them).
 */
export const targetEditSchema = targetFields
  .extend({
    id: z.string().optional(),
    supersedes: z.string().nullable().optional(),
    supersededBy: z.string().nullable().optional(),
    inForceFrom: z.string().nullable().optional(),
    inForceUntil: z.string().nullable().optional(),
    version: z.number().optional(),
  })
  .strict()
  .superRefine(checkTarget);

/** A boundary change an admin records; the new unit may be created in the same call. */
export const successionInputSchema = z
  .object({
    fromCode: z.string().regex(DIVISION_CODE, key('division_code')),
    toCode: z.string().regex(DIVISION_CODE, key('division_code')),
    effectiveOn: z.iso.date(key('date')),
    reason: text(500),
    kind: z.enum(SUCCESSION_KINDS),
    /** The successor, when it does not exist yet: at the old unit's level, under its parent unless told. */
    newUnit: z
      .object({
        name: text(100),
        nameEn: text(200),
        parentCode: z.string().regex(DIVISION_CODE, key('division_code')).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.fromCode === value.toCode) {
      context.addIssue({ code: 'custom', path: ['toCode'], message: 'succession_same_code' });
    }
    const year = Number(value.effectiveOn.slice(0, 4));
    if (year < MIN_YEAR || year > MAX_YEAR) {
      context.addIssue({ code: 'custom', path: ['effectiveOn'], message: 'year_range' });
    }
  });
export type SuccessionInput = z.infer<typeof successionInputSchema>;

/**
 * A newer edition of the division codes, compared with the tree there is: its units, and (to
 * commit) which of the proposed renames the admin confirms, all from one date for one reason.
 */
export const editionInputSchema = z
  .object({
    units: z
      .array(
        z
          .object({
            code: z.string().regex(DIVISION_CODE, key('division_code')),
            name: text(100),
            parentCode: z.string().regex(DIVISION_CODE, key('division_code')).nullable(),
          })
          .strict(),
      )
      .min(1)
      .max(20_000),
    effectiveOn: z.iso.date(key('date')),
    reason: text(500),
    confirm: z
      .array(
        z
          .object({
            fromCode: z.string().regex(DIVISION_CODE, key('division_code')),
            toCode: z.string().regex(DIVISION_CODE, key('division_code')),
          })
          .strict(),
      )
      .max(20_000)
      .default([]),
  })
  .strict();
export type EditionInput = z.infer<typeof editionInputSchema>;

/**
 * A revision: a new target replacing one in force from a day (the old one ends the day before).
 * The new target belongs to the old one's plan unless another (the later document) is named.
 */
export const targetRevisionSchema = z
  .object({
    target: targetInputSchema,
    inForceFrom: z.iso.date(key('date')),
    planId: z.uuid(key('plan_id')).optional(),
  })
  .strict();
export type TargetRevision = z.infer<typeof targetRevisionSchema>;

export const ROLES = ['entry', 'reviewer', 'leader', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 10;

const password = textField(200, { trim: false }).pipe(z.string().min(MIN_PASSWORD_LENGTH, key('password_too_short')));

export const userInputSchema = z
  .object({
    username: z.string().regex(USERNAME_PATTERN, key('username')),
    displayName: textField(100).default(''),
    password,
    role: z.enum(ROLES),
    jurisdictionCode: z.string().regex(DIVISION_CODE, key('division_code')).nullable(),
  })
  .strict();
export type UserInput = z.infer<typeof userInputSchema>;

export const userUpdateSchema = z
  .object({
    displayName: textField(100).optional(),
    password: password.optional(),
    role: z.enum(ROLES).optional(),
    jurisdictionCode: z.string().regex(DIVISION_CODE, key('division_code')).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  jurisdictionCode: z.string().nullable(),
  active: z.boolean(),
  demo: z.boolean(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userSchema>;
