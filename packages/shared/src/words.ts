// The domain's words in both languages: the screens' catalogues and the exports written on the
// server take them from here, so that both say the same.
import type { BirthOrder, FundingCondition, FundingKind, FundingPayer } from './funding.ts';
import type { DataStatus } from './gap-report.ts';
import { type GapUnit, METRIC_TABLE, METRICS, type Metric, type RecordCounts } from './metric-table.ts';
import type { Comparator, InstitutionKind, Level, TargetStatus } from './vocabulary.ts';

/** The reader's language: Chinese, or English on the toggle. */
export type Language = 'zh' | 'en';
export type Bilingual = Readonly<Record<Language, string>>;
type Words<K extends string> = Record<Language, Record<K, string>>;

/** The name of a unit (a jurisdiction, a plan's jurisdiction) in the reader's language. */
export function nameIn(named: { name: string; nameEn: string }, language: Language): string {
  return language === 'en' ? named.nameEn : named.name;
}

/**
 * How a language joins the parts of a list: `items` (names, quarters: 维西县、德钦县 / Weixi,
 * Deqin), `clauses` (statements side by side: …；… / …; …) and `labelled` (a field and what is
 * said of it: 名称：必填 / name: required). Chinese takes full-width marks without spaces, English
 * the ASCII ones followed by a space.
 */
const LIST_SEPARATORS = {
  zh: { items: '、', clauses: '；', labelled: '：' },
  en: { items: ', ', clauses: '; ', labelled: ': ' },
} as const;
export type ListKind = keyof (typeof LIST_SEPARATORS)['zh'];

/** Parts joined as the language joins a list of that kind (one way for screens, exports and errors). */
export function joinList(parts: readonly string[], language: Language, kind: ListKind = 'items'): string {
  return parts.join(LIST_SEPARATORS[language][kind]);
}

export const LEVEL_WORDS: Words<Level> = {
  zh: { province: '省', prefecture: '市（州）', county: '县（区）', township: '乡镇（街道）' },
  en: { province: 'Province', prefecture: 'Prefecture', county: 'County', township: 'Township' },
};

const metricWordsIn = (field: 'words' | 'unit', language: Language) =>
  Object.fromEntries(METRICS.map((metric) => [metric, METRIC_TABLE[metric][field][language]])) as Record<
    Metric,
    string
  >;

/** Each metric's name, without its unit (screens write the unit beside each value). */
export const METRIC_WORDS: Words<Metric> = { zh: metricWordsIn('words', 'zh'), en: metricWordsIn('words', 'en') };

/** The unit written after a metric's value: 个/千人, %, 个, /10万, ‰. */
export const METRIC_UNIT_WORDS: Words<Metric> = { zh: metricWordsIn('unit', 'zh'), en: metricWordsIn('unit', 'en') };

/** What a gap is counted in, as written after a number: for one, and for more than one. */
export const GAP_UNIT_WORDS: Record<Language, Record<GapUnit, { one: string; other: string }>> = {
  zh: {
    places: { one: '个托位', other: '个托位' },
    affordable_places: { one: '个普惠托位', other: '个普惠托位' },
    institutions: { one: '个机构', other: '个机构' },
    events: { one: '例', other: '例' },
  },
  en: {
    places: { one: 'place', other: 'places' },
    affordable_places: { one: 'affordable place', other: 'affordable places' },
    institutions: { one: 'institution', other: 'institutions' },
    events: { one: 'event', other: 'events' },
  },
};

export const INSTITUTION_KIND_WORDS: Words<InstitutionKind> = {
  zh: {
    public: '公办托育机构',
    public_private: '公办民营托育机构',
    affordable_private: '普惠性民办托育机构',
    for_profit: '营利性托育机构',
    standalone: '独立托育机构',
    kindergarten_class: '幼儿园托班',
    community_point: '社区托育点',
    family_point: '家庭托育点',
    employer: '用人单位办托',
    comprehensive_centre: '托育综合服务中心',
    demonstration: '示范性托育机构',
    public_demonstration: '公办示范性综合托育机构',
    public_guidance: '承担指导功能的公办托育机构',
    public_independent: '公办独立托育机构',
  },
  en: {
    public: 'public',
    public_private: 'publicly owned, privately run',
    affordable_private: 'affordable private',
    for_profit: 'for-profit',
    standalone: 'stand-alone',
    kindergarten_class: 'kindergarten class',
    community_point: 'community point',
    family_point: 'family point',
    employer: 'employer-run',
    comprehensive_centre: 'comprehensive service centre',
    demonstration: 'demonstration institution',
    public_demonstration: 'public demonstration institution',
    public_guidance: 'public institution with a guidance role',
    public_independent: 'public independent institution',
  },
};

export const STATUS_WORDS: Words<TargetStatus> = {
  zh: {
    met: '已达标',
    missed: '未达标',
    on_track: '进度正常',
    at_risk: '有风险',
    off_track: '进度滞后',
    no_data: '无数据',
  },
  en: {
    met: 'Met',
    missed: 'Missed',
    on_track: 'On track',
    at_risk: 'At risk',
    off_track: 'Off track',
    no_data: 'No data',
  },
};

export const DATA_STATUS_WORDS: Words<DataStatus> = {
  zh: {
    approved: '已审核',
    submitted: '已提交',
    draft: '草稿',
    returned: '已退回',
    missing: '未报送',
    demo: '演示数据',
    aggregate: '下级汇总',
  },
  en: {
    approved: 'Approved',
    submitted: 'Submitted',
    draft: 'Draft',
    returned: 'Returned',
    missing: 'Missing',
    demo: 'Demo',
    aggregate: 'Sum of units below',
  },
};

export const COMPARATOR_WORDS: Words<Comparator> = {
  zh: { at_least: '不低于', below: '低于' },
  en: { at_least: 'at least', below: 'below' },
};

export const YES_NO: Record<Language, [string, string]> = { zh: ['是', '否'], en: ['yes', 'no'] };

/** A metric's name, naming the kind of institution where an institutions target counts one kind. */
export function metricName(metric: Metric, kind: InstitutionKind | null | undefined, language: Language): string {
  if (metric !== 'institutions' || !kind) return METRIC_WORDS[language][metric];
  const kindWords = INSTITUTION_KIND_WORDS[language][kind];
  return language === 'zh' ? `${kindWords}数` : `Institutions: ${kindWords}`;
}

/**
 * A metric as a column of values without units names it (an export's 指标 column): a rate carries
 * its unit, "孕产妇死亡率（/10万）", since the value beside it is a bare number.
 */
export function metricWords(metric: Metric, kind: InstitutionKind | null, language: Language): string {
  const name = metricName(metric, kind, language);
  const unit = METRIC_UNIT_WORDS[language][metric];
  if (METRIC_TABLE[metric].kind !== 'rate' || unit === '') return name;
  return language === 'zh' ? `${name}（${unit}）` : `${name} (${unit})`;
}

// Money that follows from places (funding.ts): a type-only import, so that the screens' catalogues
// take these words without the schemas.
export const FUNDING_KIND_WORDS: Record<Language, Record<FundingKind, string>> = {
  zh: { per_place_built: '按新建托位', per_child_month: '按在托人月', per_institution_once: '按新建机构（一次性）' },
  en: {
    per_place_built: 'per place built',
    per_child_month: 'per child-month in care',
    per_institution_once: 'once per new institution',
  },
};

export const FUNDING_PAYER_WORDS: Record<Language, Record<FundingPayer, string>> = {
  zh: { province: '省级财政', prefecture: '市级财政', county: '县（区）级财政' },
  en: { province: 'provincial finance', prefecture: 'city finance', county: 'county (district) finance' },
};

export const FUNDING_CONDITION_WORDS: Record<Language, Record<FundingCondition, string>> = {
  zh: { schedule_target_met: '完成当年托位建设任务' },
  en: { schedule_target_met: "the year's places task met" },
};

/** What a rule's quantity counts, as written after the number. */
export const FUNDING_QUANTITY_WORDS: Record<Language, Record<FundingKind, string>> = {
  zh: { per_place_built: '个新建托位', per_child_month: '人月', per_institution_once: '所新建机构' },
  en: { per_place_built: 'places built', per_child_month: 'child-months', per_institution_once: 'new institutions' },
};

export const birthOrderWords = (order: BirthOrder, language: Language): string =>
  language === 'zh' ? (order === 2 ? '二孩' : '三孩') : order === 2 ? 'second child' : 'third child';

/** Each count's name in both languages (form labels, import headers, error messages). */
export const INDICATOR_COUNT_WORDS: Record<RecordCounts['yearly_indicators'], Bilingual> = {
  liveBirths: { zh: '活产数', en: 'Live births' },
  maternalDeaths: { zh: '孕产妇死亡数', en: 'Maternal deaths' },
  infantDeaths: { zh: '婴儿死亡数', en: 'Infant deaths' },
  under5Deaths: { zh: '5 岁以下儿童死亡数', en: 'Under-5 deaths' },
  boysBorn: { zh: '出生男婴数', en: 'Boys born' },
  girlsBorn: { zh: '出生女婴数', en: 'Girls born' },
  pregnantWomen: { zh: '孕产妇数', en: 'Pregnant women' },
  pregnantWomenScreened: { zh: '产前筛查人数', en: 'Pregnant women screened' },
};
