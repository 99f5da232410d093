// The closed sets of words the API contract (shared/API.md) and the database share.

export const LEVELS = ['province', 'prefecture', 'county', 'township'] as const;
export type Level = (typeof LEVELS)[number];

/** The level directly below each level. */
export const CHILD_LEVEL: Readonly<Record<Level, Level | null>> = {
  province: 'prefecture',
  prefecture: 'county',
  county: 'township',
  township: null,
};

/**
 * A division code: six digits (GB/T 2260) for a province, prefecture or county; nine for a
 * township or sub-district (GB/T 10114: its county's six digits, then three of its own).
 */
export const DIVISION_CODE = /^\d{6}(\d{3})?$/;

/** Whether a well-formed code has the length its level takes. */
export function codeFitsLevel(code: string, level: Level): boolean {
  return code.length === (level === 'township' ? 9 : 6);
}

export const METRICS = [
  'places_per_1000',
  'affordable_places_per_1000',
  'affordable_share',
  'places',
  'affordable_places',
  'institutions',
  'new_residential_places_per_1000',
  'maternal_mortality_per_100k',
  'infant_mortality_per_1000',
  'under5_mortality_per_1000',
  'sex_ratio_at_birth',
  'prenatal_screening_rate',
] as const;
export type Metric = (typeof METRICS)[number];

export const COMPARATORS = ['at_least', 'below'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const SCOPES = ['self', 'each_child', 'each_county'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Institutions are counted by ownership, by form, and by the special roles plans count
 * (PLANS.md "What staff report each quarter"). One institution may count under several.
 */
export const INSTITUTION_KINDS = [
  // ownership
  'public',
  'public_private',
  'affordable_private',
  'for_profit',
  // form
  'standalone',
  'kindergarten_class',
  'community_point',
  'family_point',
  'employer',
  // roles that plans count
  'comprehensive_centre',
  'demonstration',
  'public_demonstration',
  'public_guidance',
  'public_independent',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export type InstitutionCounts = Partial<Record<InstitutionKind, number>>;

export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const TARGET_STATUSES = ['met', 'missed', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/**
 * Metrics whose value does not grow with the size of a unit: a province's ratio is also
 * a yardstick for each of its counties (PLANS.md: "commonly cascaded to each county").
 * Counts (places, institutions) bind only the plan's own jurisdiction unless the target's
 * scope says otherwise.
 */
export const INTENSIVE_METRICS: ReadonlySet<Metric> = new Set<Metric>([
  'places_per_1000',
  'affordable_places_per_1000',
  'affordable_share',
  'new_residential_places_per_1000',
  'maternal_mortality_per_100k',
  'infant_mortality_per_1000',
  'under5_mortality_per_1000',
  'sex_ratio_at_birth',
  'prenatal_screening_rate',
]);

/** Metrics the quarterly report measures; the others are tracked as targets without actuals. */
export const MEASURED_METRICS: ReadonlySet<Metric> = new Set<Metric>([
  'places_per_1000',
  'affordable_places_per_1000',
  'affordable_share',
  'places',
  'affordable_places',
  'institutions',
]);
