// Every field the audit trail records has words in both languages, and so does every value of
// every enumeration those fields hold: the audit page never shows a raw key (scope, at_least).
// The fields are read from the shared schemas the API writes its snapshots from, so a field added
// there without words here fails this test.
import {
  COMPARATORS,
  FUNDING_CONDITIONS,
  FUNDING_KINDS,
  FUNDING_PAYERS,
  fundingRuleInputSchema,
  fundingRuleSchema,
  INSTITUTION_KINDS,
  jurisdictionInputSchema,
  LEVELS,
  METRICS,
  planSchema,
  populationFigureSchema,
  REPORT_STATUSES,
  ROLES,
  reportSchema,
  SCOPES,
  settingsSchema,
  targetInputSchema,
  targetSchema,
  userSchema,
  userUpdateSchema,
} from '@tuowei/shared';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { AUDITED_FIELDS, type AuditedRecord, ENUM_WORDS, type EnumKind, UNSHOWN_FIELDS } from './audited-fields.ts';

const CATALOGUES = { 'zh-CN': zhCN, en } as const;

/** The catalogue's string at a dotted key, or undefined. */
function wordAt(catalogue: object, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' && node.trim() !== '' ? node : undefined;
}

const keys = (schema: { shape: object }) => Object.keys(schema.shape);

/** What the API puts in each record's before and after (apps/api: every writeAudit call). */
const SNAPSHOT_FIELDS: Record<AuditedRecord, string[]> = {
  // the report's snapshot: these fields of the report as the API answers it
  report: [
    'period',
    'status',
    'version',
    'places',
    'affordablePlaces',
    'childrenEnrolled',
    'secondChildMonths',
    'thirdChildMonths',
    'institutions',
    'comment',
  ],
  population: keys(populationFigureSchema),
  plan: keys(planSchema),
  target: [...keys(targetSchema), ...keys(targetInputSchema), 'planId'],
  funding_rule: [...keys(fundingRuleSchema), ...keys(fundingRuleInputSchema)],
  user: [...keys(userSchema), ...keys(userUpdateSchema).filter((field) => field !== 'password')],
  // a unit's input, and the division tree's load on start (apps/api seed/divisions.ts)
  jurisdiction: [
    ...keys(jurisdictionInputSchema),
    'edition',
    'source',
    'package',
    'depth',
    'provinces',
    'prefectures',
    'counties',
    'townships',
    'inserted',
  ],
  setting: keys(settingsSchema),
  session: [],
};

const ENUM_VALUES: Record<EnumKind, readonly string[]> = {
  reportStatus: REPORT_STATUSES,
  role: ROLES,
  counting: settingsSchema.shape.counting.options,
  metric: METRICS,
  comparator: COMPARATORS,
  scope: SCOPES,
  level: LEVELS,
  institutionKind: INSTITUTION_KINDS,
  fundingKind: FUNDING_KINDS,
  fundingPayer: FUNDING_PAYERS,
  fundingCondition: FUNDING_CONDITIONS,
  // apps/api seed/divisions.ts DivisionDepth
  divisionDepth: ['counties', 'townships'],
};

describe('the audit trail’s words', () => {
  it('knows the kind of every field each record’s snapshot holds', () => {
    const unknown = Object.entries(SNAPSHOT_FIELDS).flatMap(([entity, fields]) =>
      fields
        .filter((field) => !UNSHOWN_FIELDS.has(field) && !(field in AUDITED_FIELDS[entity as AuditedRecord]))
        .map((field) => `${entity}.${field}`),
    );
    expect(unknown).toEqual([]);
    // the report's snapshot fields are the report's own
    expect(SNAPSHOT_FIELDS.report.filter((field) => !(field in reportSchema.shape))).toEqual([]);
  });

  it('has words for every audited field and every enumerated value in Chinese and in English: 0 untranslated', () => {
    const fieldKeys = [...new Set(Object.values(AUDITED_FIELDS).flatMap((fields) => Object.keys(fields)))].map(
      (field) => `changeField.${field}`,
    );
    const enumKeys = (Object.keys(ENUM_WORDS) as EnumKind[]).flatMap((kind) =>
      ENUM_VALUES[kind].map((value) => `${ENUM_WORDS[kind]}.${value}`),
    );
    // report 10 + population 3 + plan 8 + target 12 (with a revision's four) + funding rule 10 +
    // user 7 + jurisdiction 4 + the division tree's load 9 + setting 2 = 65 fields; jurisdictionCode
    // named once for plans and users, planId, clause, documentNumber and institutionKind once for
    // targets, funding rules and plans, and source once for populations and the load: 59 names
    expect(fieldKeys).toHaveLength(59);
    expect(enumKeys).toHaveLength(4 + 5 + 2 + METRICS.length + 2 + 3 + 4 + 14 + 3 + 3 + 1 + 2);
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      const untranslated = [...fieldKeys, ...enumKeys].filter((key) => wordAt(catalogue, key) === undefined);
      expect(untranslated, locale).toEqual([]);
    }
  });

  it('has words for every action the API writes, its own on start too, in both languages', () => {
    // apps/api: every writeAudit and auditInsert call's action (the review steps, a target's
    // revision, an account's password, the division tree's load on start)
    const actions = [
      'insert',
      'update',
      'delete',
      'submit',
      'approve',
      'return',
      'login',
      'logout',
      'reset_password',
      'update_with_password',
      'revise',
      'divisions.load',
    ];
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      expect(
        actions.filter((action) => wordAt(catalogue, `auditAction.${action}`) === undefined),
        locale,
      ).toEqual([]);
    }
    expect(wordAt(zhCN, 'auditAction.divisions.load')).toBe('载入区划代码');
  });

  it('writes a word, not the key, for the values the issue found raw', () => {
    // at_least and each_county as the plan writes them; words differ between the languages
    expect(wordAt(zhCN, 'changes.comparator.at_least')).toBe('不低于');
    expect(wordAt(en, 'changes.comparator.at_least')).toBe('at least');
    expect(wordAt(zhCN, 'scope.each_county')).toBe('每个县（市、区）');
    expect(wordAt(zhCN, 'changeField.planId')).toBe('所属方案');
    expect(wordAt(en, 'changeField.dueYear')).toBe('Due year');
  });
});
