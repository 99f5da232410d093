// The API's catalogue: every entry in both languages, each language in its own script, the
// particulars of a message written into it, and no word re-typed that the shared package has.
import {
  type Bilingual,
  COMPARATOR_WORDS,
  DATA_STATUS_WORDS,
  FINAL_ACCOUNT_COLUMNS,
  GAP_COLUMNS,
  IMPORT_COLUMNS,
  type Language,
  LEVEL_WORDS,
  METRIC_WORDS,
  STATUS_WORDS,
} from '@tuowei/shared';
import { describe, expect, it } from 'vitest';
import { API_WORDS, type Catalogue } from '../src/words.ts';

type Message = (...particulars: unknown[]) => Bilingual;

/** Every entry of the catalogue by its path: words, or a message made from particulars. */
function entries(entry: unknown, path = ''): [string, Bilingual | Message][] {
  if (typeof entry === 'function') return [[path, entry as Message]];
  if (Array.isArray(entry)) return entry.flatMap((item, index) => entries(item, `${path}.${index}`));
  const object = entry as Record<string, unknown>;
  if (typeof object.zh === 'string' && typeof object.en === 'string') return [[path, object as Bilingual]];
  return Object.entries(object).flatMap(([key, value]) => entries(value, path ? `${path}.${key}` : key));
}

const ALL = entries(API_WORDS);
const WORDS = ALL.filter((pair): pair is [string, Bilingual] => typeof pair[1] !== 'function');
const MESSAGES = ALL.filter((pair): pair is [string, Message] => typeof pair[1] === 'function');

const HAN = /\p{Script=Han}/u;
/** Chinese punctuation and full-width forms (，。：；（）“”〔〕): an English text has none. */
const CJK_PUNCTUATION = /[\u3000-\u303f\uff00-\uffef“”]/;

function expectBothLanguages(path: string, words: Bilingual) {
  expect(Object.keys(words).sort(), path).toEqual(['en', 'zh']);
  expect(words.zh.trim(), `${path}: zh`).not.toBe('');
  expect(words.en.trim(), `${path}: en`).not.toBe('');
  // a swapped pair, or English left in the Chinese one
  expect(words.zh, `${path}: zh is Chinese`).toMatch(HAN);
  expect(words.en, `${path}: en has no Chinese`).not.toMatch(HAN);
  expect(words.en, `${path}: en has no Chinese punctuation`).not.toMatch(CJK_PUNCTUATION);
}

/**
 * Particulars for each message, in ASCII so that the English can be checked for Chinese, and what
 * each language must then show; without `shows`, every particular appears in both as written.
 */
const SAMPLES: Record<string, { particulars: unknown[]; shows?: Record<Language, string[]> }> = {
  'request.badRequestSaying': { particulars: ['body must be object'] },
  'request.invalidRequest': {
    particulars: [{ zh: 'body.places：不能为负数', en: 'body.places: cannot be negative' }],
    shows: { zh: ['请求有误：body.places：不能为负数'], en: ['Invalid request: body.places: cannot be negative'] },
  },
  'request.noRoute': { particulars: ['GET', '/api/v1/nowhere'] },
  'request.unknownJurisdiction': { particulars: ['999999'] },
  'request.invalidPeriod': { particulars: ['1999Q4'] },
  'access.roleForbidden': { particulars: ['reporter'] },
  'access.notReviewable': {
    particulars: ['533423', null],
    shows: { zh: ['533423', '全国'], en: ['533423', 'the country'] },
  },
  'access.outsideJurisdiction': { particulars: ['533423', '530000'] },
  'access.tooManyLogins': { particulars: [15], shows: { zh: ['15 分钟'], en: ['15 minutes'] } },
  'users.noUser': { particulars: ['ward'] },
  'users.duplicateUsername': { particulars: ['ward'] },
  'users.moveOutOfScope': { particulars: [null], shows: { zh: ['全国'], en: ['the whole country'] } },
  'plans.duplicateDocumentNumber': { particulars: ['DOC-2023-12'] },
  'jurisdictions.fixed': {
    particulars: ['530000', 'province', null],
    shows: { zh: ['530000', 'province', '上级 无'], en: ['530000', 'province', 'parent none'] },
  },
  'jurisdictions.codeForLevel': {
    particulars: ['533423001', 'county'],
    shows: { zh: ['533423001', '县（区）'], en: ['533423001', 'a county'] },
  },
  'jurisdictions.codeOutsideParent': { particulars: ['530102001', '533423'] },
  'jurisdictions.unknownParent': { particulars: ['539999'] },
  'jurisdictions.wrongLevel': { particulars: ['530000', 'province', 'prefecture', 'county'] },
  'jurisdictions.noPopulation': { particulars: ['533423', 2031] },
  'reports.versionConflict': { particulars: ['533423', '2025Q1', 7, 9] },
  'reports.ifMatchRequired': { particulars: ['2025Q1'] },
  'reports.invalidIfMatch': { particulars: ['"abc"'] },
  'reports.inState.approved': { particulars: ['2025Q1'] },
  'reports.inState.submitted': { particulars: ['2025Q1'] },
  'reports.inState.draft': {
    particulars: ['2025Q1', 'approve'],
    shows: { zh: ['2025Q1', '不能审核通过'], en: ['2025Q1', 'cannot be approved'] },
  },
  'reports.inState.returned': { particulars: ['2025Q1'] },
  'reports.commentRequired': { particulars: [['places: 100 → 20', 'affordablePlaces: 50 → 5']] },
  'reports.noReport': { particulars: ['533423', '2025Q1'] },
  'import.invalidFileName': { particulars: ['%E4%B8'] },
  'import.rejected': { particulars: [3], shows: { zh: ['3 处错误'], en: ['3 problems'] } },
  'import.formulaWithoutValue': {
    particulars: ['C7', { zh: '托位数', en: 'Places' }, 2],
    shows: { zh: ['C7（托位数）', '另有 2 个'], en: ['C7 (Places)', 'and 2 more'] },
  },
  'workbook.line': { particulars: [200001] },
  'workbook.cell': { particulars: ['Sheet1', 'B7'] },
  'workbook.inflatesPastDeclared': { particulars: ['xl/worksheets/sheet1.xml', 1024] },
  'workbook.readerStopped': { particulars: [1] },
  'workbook.overLimit': {
    particulars: [API_WORDS.workbook.limits.rows, API_WORDS.workbook.line(200001)],
    shows: { zh: ['最多 200,000 行（第 200001 行）'], en: ['at most 200,000 rows (row 200001)'] },
  },
  'workbook.mixedEncoding': {
    particulars: [12, 'gb18030'],
    shows: { zh: ['第 12 行不是 GBK 编码'], en: ['line 12 is not GBK'] },
  },
  'workbook.unreadable': {
    particulars: ['xlsx', { zh: '缺少工作簿部件', en: 'no workbook part' }],
    shows: { zh: ['Excel（.xlsx）文件：缺少工作簿部件'], en: ['Excel (.xlsx) file cannot be read: no workbook part'] },
  },
  'gapReport.cover.subtree': {
    particulars: ['Yunnan', '530000'],
    shows: { zh: ['Yunnan（530000）及下级'], en: ['Yunnan (530000) and below'] },
  },
  'gapReport.cover.beijingTime': {
    particulars: ['2025-01-15 18:00'],
    shows: { zh: ['2025-01-15 18:00（北京时间）'], en: ['2025-01-15 18:00 (Beijing time)'] },
  },
  'gapReport.finalAccount.title': {
    particulars: [[2024, 2025]],
    shows: { zh: ['2024、2025 年到期'], en: ['due 2024, 2025'] },
  },
  'request.invalidField': {
    particulars: ['body.plannedPlaces', { zh: '不能为负数', en: 'cannot be negative' }],
    shows: {
      zh: ['请求有误：body.plannedPlaces：不能为负数'],
      en: ['Invalid request: body.plannedPlaces: cannot be negative'],
    },
  },
  'plans.planOutOfScope': { particulars: ['530000'] },
  'plans.targetVersionConflict': { particulars: [3, 4] },
  'plans.fundingRuleVersionConflict': { particulars: [3, 4] },
  'plans.targetEnded': {
    particulars: ['2025-12-31', true],
    shows: { zh: ['2025-12-31 终止并已被替代'], en: ['ended on 2025-12-31 and is replaced already'] },
  },
  'plans.revisionBeforeTarget': { particulars: ['2025-01-01'] },
  'plans.revisionElsewhere': { particulars: ['530000', '533423'] },
  'reports.subject': { particulars: ['2025Q1'] },
  'gapReport.fundingSheet.sheet': { particulars: [2025] },
  'review.inState.approved': {
    particulars: [{ zh: '2025 年健康指标', en: 'The 2025 health indicators' }],
    shows: { zh: ['2025 年健康指标已审核通过'], en: ['The 2025 health indicators is approved'] },
  },
  'review.inState.submitted': {
    particulars: [{ zh: '2025 年健康指标', en: 'The 2025 health indicators' }],
    shows: { zh: ['2025 年健康指标已提交审核'], en: ['The 2025 health indicators is submitted'] },
  },
  'review.inState.draft': {
    particulars: [{ zh: '2025 年健康指标', en: 'The 2025 health indicators' }, 'return'],
    shows: {
      zh: ['2025 年健康指标还是草稿', '不能退回'],
      en: ['The 2025 health indicators is still a draft', 'cannot be returned'],
    },
  },
  'review.inState.returned': {
    particulars: [{ zh: '2025 年健康指标', en: 'The 2025 health indicators' }],
    shows: { zh: ['2025 年健康指标已被退回'], en: ['The 2025 health indicators was returned'] },
  },
  'indicators.subject': { particulars: [2025] },
  'indicators.noIndicators': { particulars: ['533423', 2025] },
  'indicators.versionConflict': { particulars: ['533423', 2025, 7, 9] },
  'indicators.ifMatchRequired': { particulars: [2025] },
  'successions.retiredCode': { particulars: ['530124', ['530115'], '2025-01-01'] },
  'successions.unknownFrom': { particulars: ['533499'] },
  'successions.toExists': { particulars: ['533401', 'Deqin'] },
  'successions.unknownTo': { particulars: ['533401'] },
  'successions.tooEarly': { particulars: ['1999-12-31', 2000] },
  'successions.tooLate': { particulars: ['2028-01-01', '2027-12-01'] },
  'successions.codeForLevel': { particulars: ['53340', '533423'] },
  'successions.unknownParent': { particulars: ['539999', 'county'] },
  'successions.levelDiffers': { particulars: ['533423', 'county', '530000', 'province'] },
  'successions.exists': { particulars: ['533423', '533401'] },
  'successions.cycle': { particulars: ['533423', '533401'] },
  'successions.conflict': {
    particulars: [
      '533423',
      '533401',
      [{ fromCode: '533423', toCode: '533402', kind: 'split', effectiveOn: '2025-01-01' }],
    ],
    shows: {
      zh: ['533423 或 533401', '（533423 → 533402，split，2025-01-01）'],
      en: ['533423 or 533401', '(533423 → 533402, split, 2025-01-01)'],
    },
  },
  'successions.reportsAfter': { particulars: ['533423', '533401', '2025Q2', ['2025Q2', '2025Q3']] },
  'successions.indicatorsAfter': { particulars: ['533423', '533401', 2025, ['2025']] },
  'successions.indicatorsBefore': { particulars: ['533423', '533401', 2025, ['2024']] },
  'successions.reportsBefore': { particulars: ['533423', '533401', '2025Q2', ['2024Q4', '2025Q1']] },
  'successions.duplicateCode': { particulars: ['533423'] },
  'successions.notProposed': { particulars: [['533423 → 533401', '533424 → 533402']] },
  'residential.duplicateName': { particulars: ['533423', 'Lot 7'] },
  'residential.versionConflict': { particulars: ['Lot 7', 3, 4] },
  'funding.invalidYear': { particulars: ['1999', 2000, 2100] },
};

/** What a particular writes as, in each language, when a sample does not say. */
const written = (particular: unknown): string[] =>
  Array.isArray(particular) ? particular.flatMap(written) : particular === null ? [] : [String(particular)];

describe('the API catalogue', () => {
  it('has every word in Chinese and English, each in its own script', () => {
    // the walk reached the whole catalogue (97 words when written), not an empty corner of it
    expect(WORDS.length).toBeGreaterThan(90);
    for (const [path, words] of WORDS) expectBothLanguages(path, words);
  });

  it('has a sample for every message made from particulars, and none for a message it lacks', () => {
    expect(MESSAGES.map(([path]) => path).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(MESSAGES)('writes the particulars into %s, in both languages', (path, message) => {
    const { particulars, shows } = SAMPLES[path];
    const words = message(...particulars);
    expectBothLanguages(path, words);
    for (const language of ['zh', 'en'] as const) {
      for (const part of shows?.[language] ?? particulars.flatMap(written)) {
        expect(words[language], `${path}: ${language}`).toContain(part);
      }
      expect(words[language]).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('writes what a particular decides: the plural, the list, an absent place or year', () => {
    const { access, reports, workbook, gapReport } = API_WORDS;
    expect(access.tooManyLogins(1).en).toBe('Too many failed sign-ins; try again in 1 minute.');
    expect(access.tooManyLogins(2).en).toBe('Too many failed sign-ins; try again in 2 minutes.');
    expect(reports.inState.draft('2025Q1', 'return').zh).toContain('不能退回');
    expect(reports.inState.draft('2025Q1', 'return').en).toContain('cannot be returned');
    expect(reports.commentRequired(['a: 1 → 2', 'b: 3 → 4']).zh).toContain('（a: 1 → 2；b: 3 → 4）');
    expect(reports.commentRequired(['a: 1 → 2', 'b: 3 → 4']).en).toContain('(a: 1 → 2; b: 3 → 4)');
    // a limit passed at no place known names none
    expect(workbook.overLimit(workbook.limits.seconds, undefined)).toEqual({
      zh: '文件超出导入上限：读取时间不能超过 20 秒。请删去多余的行列或拆分成几个文件后再导入。',
      en: 'The file is over an import limit: reading may take at most 20 seconds. Remove what is not needed, or split it into smaller files, and import again.',
    });
    expect(workbook.mixedEncoding(3, 'utf-8').en).toContain('line 3 is not UTF-8');
    expect(workbook.unreadable('csv', { zh: '乱', en: 'garbled' })).toEqual({
      zh: '无法读取这个 CSV文件：乱。请用导入模板另存为 .xlsx 或 UTF-8 CSV 后再试。',
      en: 'This CSV file cannot be read: garbled. Save it from the import template as .xlsx or UTF-8 CSV and retry.',
    });
    expect(gapReport.finalAccount.title([])).toEqual({
      zh: '托位目标决算（无 年到期目标）',
      en: 'Childcare places: final account of the targets due —',
    });
    expect(API_WORDS.import.formulaWithoutValue('C7', { zh: '托位数', en: 'Places' }, 0).zh).not.toContain('另有');
  });

  it('writes each limit with its value, as the reader enforces it', () => {
    const { limits } = API_WORDS.workbook;
    expect(limits.uploadBytes).toEqual({ zh: '文件不能超过 10 MB', en: 'a file may be at most 10 MB' });
    expect(limits.rows).toEqual({ zh: '最多 200,000 行', en: 'at most 200,000 rows' });
    expect(limits.cellCharacters.en).toBe('at most 32,767 characters in a cell');
  });

  it('does not re-type a word the shared package has (metrics, statuses, levels, columns)', () => {
    const shared = new Set<string>();
    const add = (zh: string, en: string) => shared.add(`${zh}|${en}`);
    for (const column of [...GAP_COLUMNS, ...FINAL_ACCOUNT_COLUMNS, ...IMPORT_COLUMNS]) add(column.zh, column.en);
    for (const table of [METRIC_WORDS, STATUS_WORDS, DATA_STATUS_WORDS, LEVEL_WORDS, COMPARATOR_WORDS]) {
      for (const key of Object.keys(table.zh)) {
        add((table.zh as Record<string, string>)[key], (table.en as Record<string, string>)[key]);
      }
    }
    const retyped = WORDS.filter(([, words]) => shared.has(`${words.zh}|${words.en}`)).map(([path]) => path);
    // the cover's "quarter" line says the same as the import's quarter column, but is not that column
    expect(retyped).toEqual(['gapReport.quarter']);
  });

  it('is checked by the compiler: no key it lacks, no entry without both languages', () => {
    // @ts-expect-error a key the catalogue does not have
    expect(API_WORDS.plans.noSuchPlan).toBeUndefined();
    // @ts-expect-error an entry without its English
    const halfWritten: Catalogue = { area: { only: { zh: '只有中文' } } };
    // @ts-expect-error a message that writes only Chinese
    const halfMessage: Catalogue = { area: { only: (code: string) => ({ zh: `没有 ${code}` }) } };
    expect([halfWritten, halfMessage]).toHaveLength(2);
  });
});
