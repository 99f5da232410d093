// The domain's words in both languages, for exports written on the server; the web's catalogues
// hold the same words for its screens.
import type { DataStatus } from './gap-report.ts';
import type { Comparator, InstitutionKind, Level, Metric, Scope, TargetStatus } from './vocabulary.ts';

type Language = 'zh' | 'en';
type Words<K extends string> = Record<Language, Record<K, string>>;

export const LEVEL_WORDS: Words<Level> = {
  zh: { province: '省', prefecture: '市（州）', county: '县（区）', township: '乡镇（街道）' },
  en: { province: 'Province', prefecture: 'Prefecture', county: 'County', township: 'Township' },
};

export const METRIC_WORDS: Words<Metric> = {
  zh: {
    places_per_1000: '每千人口托位数',
    affordable_places_per_1000: '每千人口普惠托位数',
    affordable_share: '普惠托位占比',
    places: '托位数',
    affordable_places: '普惠托位数',
    institutions: '托育机构数',
    new_residential_places_per_1000: '新建住宅区每千人托位数',
    maternal_mortality_per_100k: '孕产妇死亡率（/10万）',
    infant_mortality_per_1000: '婴儿死亡率（‰）',
    under5_mortality_per_1000: '5 岁以下儿童死亡率（‰）',
    sex_ratio_at_birth: '出生人口性别比',
    prenatal_screening_rate: '产前筛查率',
  },
  en: {
    places_per_1000: 'Places per 1,000 residents',
    affordable_places_per_1000: 'Affordable places per 1,000 residents',
    affordable_share: 'Affordable share of places',
    places: 'Places',
    affordable_places: 'Affordable places',
    institutions: 'Institutions',
    new_residential_places_per_1000: 'Places per 1,000 residents in new residential areas',
    maternal_mortality_per_100k: 'Maternal mortality (per 100,000)',
    infant_mortality_per_1000: 'Infant mortality (‰)',
    under5_mortality_per_1000: 'Under-5 mortality (‰)',
    sex_ratio_at_birth: 'Sex ratio at birth',
    prenatal_screening_rate: 'Prenatal screening rate',
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

export const SCOPE_WORDS: Words<Scope> = {
  zh: { self: '本级', each_child: '每个下级单位', each_county: '每个县（市、区）' },
  en: { self: 'itself', each_child: 'each unit below', each_county: 'each county' },
};

export const YES_NO: Record<Language, [string, string]> = { zh: ['是', '否'], en: ['yes', 'no'] };

/** A metric named with its kind of institution where it has one. */
export function metricWords(metric: Metric, kind: InstitutionKind | null, language: Language): string {
  return metric === 'institutions' && kind
    ? `${INSTITUTION_KIND_WORDS[language][kind]}${language === 'zh' ? '数' : 's'}`
    : METRIC_WORDS[language][metric];
}
