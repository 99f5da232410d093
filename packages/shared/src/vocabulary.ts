// The closed sets of words the API contract (docs/api.md) and the database share.

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

// The metrics (METRICS, Metric) are defined with everything else about them in metric-table.ts.

export const COMPARATORS = ['at_least', 'below'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const SCOPES = ['self', 'each_child', 'each_county'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Institutions are counted by ownership, by form, and by the special roles plans count
 * (docs/figures.md "What is reported"). One institution may count under several.
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
