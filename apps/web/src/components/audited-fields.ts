// Every field the audit trail records, per record, with the kind of value it holds: how the
// screens name it (`changeField.<field>` in both catalogues) and write its value.
/** Enumerations whose values have words in the catalogues, under the key written beside each. */
export const ENUM_WORDS = {
  reportStatus: 'reportStatus',
  role: 'role',
  counting: 'changes.counting',
  metric: 'metric',
  comparator: 'changes.comparator',
  scope: 'scope',
  level: 'level',
  institutionKind: 'institutionKind',
  fundingKind: 'budget.kindWords',
  fundingPayer: 'budget.payerWords',
  fundingCondition: 'budget.conditionWords',
  divisionDepth: 'divisionDepth',
} as const;
export type EnumKind = keyof typeof ENUM_WORDS;

export type FieldKind =
  /** a whole number of things: 1,205 */
  | 'count'
  /** a target's value as the plan writes it, decimals kept: 4.5; a share as a percent */
  | 'targetValue'
  /** a year, with no thousands separator: 2025 */
  | 'year'
  | 'text'
  /** an ISO day */
  | 'date'
  /** an ISO moment, written in Beijing time */
  | 'moment'
  /** 2024Q4 */
  | 'period'
  | 'yesNo'
  /** a division code, shown as the unit it names */
  | 'jurisdiction'
  /** a plan's id, shown as the plan's title */
  | 'plan'
  /** a plan's targets (or its funding rules), as a count */
  | 'targets'
  /** counts of institutions by kind, shown kind by kind */
  | 'institutions'
  | { enum: EnumKind };

/**
 * What each audited record's snapshots hold (see the API's writeAudit calls: a report's snapshot,
 * a plan or target as the admin API answers and takes it, a user as listed and updated, a
 * jurisdiction's input, a population figure, the settings). A record's own id is its entry's
 * entity id, shown beside it, and is left out of the changes.
 */
export const AUDITED_FIELDS = {
  report: {
    period: 'period',
    status: { enum: 'reportStatus' },
    places: 'count',
    affordablePlaces: 'count',
    childrenEnrolled: 'count',
    secondChildMonths: 'count',
    thirdChildMonths: 'count',
    institutions: 'institutions',
    comment: 'text',
    returnReason: 'text',
  },
  population: { year: 'year', population: 'count', source: 'text' },
  plan: {
    jurisdictionCode: 'jurisdiction',
    documentNumber: 'text',
    title: 'text',
    issuer: 'text',
    issuedOn: 'date',
    sourceFile: 'text',
    targets: 'targets',
    fundingRules: 'targets',
  },
  target: {
    planId: 'plan',
    metric: { enum: 'metric' },
    institutionKind: { enum: 'institutionKind' },
    comparator: { enum: 'comparator' },
    value: 'targetValue',
    dueYear: 'year',
    clause: 'text',
    scope: { enum: 'scope' },
    supersedes: 'text',
    supersededBy: 'text',
    inForceFrom: 'date',
    inForceUntil: 'date',
  },
  funding_rule: {
    planId: 'plan',
    kind: { enum: 'fundingKind' },
    rate: 'targetValue',
    payer: { enum: 'fundingPayer' },
    condition: { enum: 'fundingCondition' },
    clause: 'text',
    documentNumber: 'text',
    description: 'text',
    birthOrder: 'count',
    institutionKind: { enum: 'institutionKind' },
  },
  user: {
    username: 'text',
    displayName: 'text',
    role: { enum: 'role' },
    jurisdictionCode: 'jurisdiction',
    active: 'yesNo',
    demo: 'yesNo',
    createdAt: 'moment',
  },
  jurisdiction: {
    name: 'text',
    nameEn: 'text',
    level: { enum: 'level' },
    parentCode: 'jurisdiction',
    // the division tree's load (divisions.load, on start): which edition, from where, how deep, how many
    edition: 'text',
    source: 'text',
    package: 'text',
    depth: { enum: 'divisionDepth' },
    provinces: 'count',
    prefectures: 'count',
    counties: 'count',
    townships: 'count',
    inserted: 'count',
  },
  setting: { counting: { enum: 'counting' }, reportDeadlineDays: 'count' },
  session: {},
} as const satisfies Record<string, Readonly<Record<string, FieldKind>>>;

/** The audited records (the API's audit entities). */
export type AuditedRecord = keyof typeof AUDITED_FIELDS;

/** Bookkeeping that changes on every write (version) or names the record itself (id). */
export const UNSHOWN_FIELDS: ReadonlySet<string> = new Set(['id', 'version']);

/** A field's kind in a record; a field no record is known to hold is written as it came. */
export function fieldKind(entity: string, field: string): FieldKind | undefined {
  return (AUDITED_FIELDS as Record<string, Readonly<Record<string, FieldKind>> | undefined>)[entity]?.[field];
}
