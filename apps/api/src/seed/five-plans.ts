// The jurisdictions, populations and five plans Tuowei ships with, read from the plans' own
// published texts (each plan's sourceFile names its text); docs/figures.md lists their targets.
import type { FundingRuleInput, Level, Metric, TargetView } from '@tuowei/shared';

export interface SeedJurisdiction {
  code: string;
  name: string;
  nameEn: string;
  level: Level;
  parentCode: string | null;
}

export const JURISDICTIONS: SeedJurisdiction[] = [
  { code: '140000', name: '山西省', nameEn: 'Shanxi Province', level: 'province', parentCode: null },
  { code: '141000', name: '临汾市', nameEn: 'Linfen City', level: 'prefecture', parentCode: '140000' },
  { code: '520000', name: '贵州省', nameEn: 'Guizhou Province', level: 'province', parentCode: null },
  { code: '370000', name: '山东省', nameEn: 'Shandong Province', level: 'province', parentCode: null },
  { code: '371500', name: '聊城市', nameEn: 'Liaocheng City', level: 'prefecture', parentCode: '370000' },
  { code: '371503', name: '茌平区', nameEn: 'Chiping District', level: 'county', parentCode: '371500' },
  { code: '530000', name: '云南省', nameEn: 'Yunnan Province', level: 'province', parentCode: null },
  {
    code: '533400',
    name: '迪庆藏族自治州',
    nameEn: 'Diqing Tibetan Autonomous Prefecture',
    level: 'prefecture',
    parentCode: '530000',
  },
  {
    code: '533423',
    name: '维西傈僳族自治县',
    nameEn: 'Weixi Lisu Autonomous County',
    level: 'county',
    parentCode: '533400',
  },
];

const CENSUS = '第七次全国人口普查（2020年11月1日）';
const yearEnd = (bureau: string, year: number, note = '') => `${bureau}${year}年末常住人口${note}`;

export const POPULATIONS: { code: string; year: number; population: number; source: string }[] = [
  { code: '140000', year: 2020, population: 34_915_616, source: CENSUS },
  { code: '140000', year: 2021, population: 34_804_800, source: yearEnd('山西省统计局', 2021) },
  { code: '140000', year: 2023, population: 34_659_900, source: yearEnd('山西省统计局', 2023) },
  { code: '141000', year: 2020, population: 3_976_481, source: CENSUS },
  { code: '141000', year: 2021, population: 3_912_400, source: yearEnd('山西省统计局', 2021) },
  { code: '141000', year: 2022, population: 3_906_600, source: yearEnd('山西省统计局', 2022) },
  { code: '520000', year: 2020, population: 38_562_100, source: CENSUS },
  { code: '520000', year: 2022, population: 38_560_000, source: yearEnd('贵州省统计局', 2022) },
  { code: '520000', year: 2023, population: 38_650_000, source: yearEnd('贵州省统计局', 2023) },
  { code: '520000', year: 2024, population: 38_600_000, source: yearEnd('贵州省统计局', 2024) },
  { code: '370000', year: 2020, population: 101_527_000, source: CENSUS },
  { code: '370000', year: 2022, population: 101_627_900, source: yearEnd('山东省统计局', 2022) },
  { code: '370000', year: 2023, population: 101_229_700, source: yearEnd('山东省统计局', 2023) },
  { code: '371500', year: 2020, population: 5_952_100, source: CENSUS },
  { code: '371500', year: 2023, population: 5_859_300, source: yearEnd('山东省统计局', 2023) },
  { code: '371503', year: 2020, population: 517_600, source: CENSUS },
  { code: '371503', year: 2023, population: 510_000, source: yearEnd('山东省统计局', 2023, '（约数）') },
  { code: '530000', year: 2020, population: 47_209_277, source: CENSUS },
  { code: '530000', year: 2022, population: 46_930_000, source: yearEnd('云南省统计局', 2022) },
  { code: '530000', year: 2023, population: 46_730_000, source: yearEnd('云南省统计局', 2023) },
  { code: '533400', year: 2020, population: 387_511, source: CENSUS },
  { code: '533423', year: 2020, population: 146_363, source: CENSUS },
];

/** A shipped target: the API's target (its shape from the shared schema), keyed for idempotent loading. */
export type SeedTarget = Omit<
  TargetView,
  'id' | 'supersedes' | 'supersededBy' | 'inForceFrom' | 'inForceUntil' | 'version'
> & {
  key: string;
};

export interface SeedPlan {
  key: string;
  jurisdictionCode: string;
  documentNumber: string | null;
  title: string;
  issuer: string;
  issuedOn: string | null;
  sourceFile: string;
  targets: SeedTarget[];
  /** The money the plan's text ties to places (docs/figures.md, "Money that follows from places"). */
  fundingRules?: SeedFundingRule[];
}

/** A shipped funding rule, keyed for idempotent loading; its description quotes the plan. */
export type SeedFundingRule = FundingRuleInput & { key: string };

// 二(三)2 of 聊茌发〔2023〕11号, quoted once for the four rules it sets
const CHIPING_CHILD_SUBSIDY =
  '对完成备案且按照当地政府普惠指导价招收3岁以下婴幼儿的托育服务机构，按照实际收托数，给予二孩、三孩保育费分档补贴，其中二孩标准为300元/人/月，三孩标准为400元/人/月，所需资金由区级财政负担。';
const CHIPING_CONSTRUCTION_GRANT =
  '市级财政分别给予每所区级独立公办托育服务机构15万元的建设补助资金，区级财政给予10万元建设补助资金。';

const atLeast = (
  key: string,
  metric: Metric,
  value: number,
  clause: string,
  extra: Partial<SeedTarget> = {},
): SeedTarget => ({
  key,
  metric,
  comparator: 'at_least',
  value,
  dueYear: 2025,
  clause,
  scope: 'self',
  ...extra,
});
const below = (key: string, metric: Metric, value: number, clause: string): SeedTarget => ({
  key,
  metric,
  comparator: 'below',
  value,
  dueYear: 2025,
  clause,
  scope: 'self',
});

export const PLANS: SeedPlan[] = [
  {
    key: 'shanxi-2022',
    jurisdictionCode: '140000',
    documentNumber: '晋发〔2022〕26号',
    title: '关于优化生育政策促进人口长期均衡发展的实施方案',
    issuer: '中共山西省委 山西省人民政府',
    issuedOn: null, // the published text carries no date
    sourceFile: 'shanxi-province.txt',
    targets: [
      atLeast('places-per-1000', 'places_per_1000', 4.5, '一、总体要求'),
      atLeast('affordable-share', 'affordable_share', 0.6, '一、总体要求'),
      atLeast('comprehensive-centre', 'institutions', 1, '二(三)10', {
        scope: 'each_child',
        institutionKind: 'comprehensive_centre',
      }),
      atLeast('public-guidance', 'institutions', 1, '二(三)10', {
        scope: 'each_county',
        institutionKind: 'public_guidance',
      }),
    ],
  },
  {
    key: 'guizhou-2021',
    jurisdictionCode: '520000',
    documentNumber: null, // the published text carries no document number
    title: '关于优化生育政策促进人口长期均衡发展的实施方案',
    issuer: '中共贵州省委 贵州省人民政府',
    issuedOn: '2021-12-19',
    sourceFile: 'guizhou-province.txt',
    targets: [
      atLeast('places-per-1000', 'places_per_1000', 3, '四(九)'),
      atLeast('prenatal-screening', 'prenatal_screening_rate', 0.8, '三(六)'),
    ],
  },
  {
    key: 'linfen-2023',
    jurisdictionCode: '141000',
    documentNumber: null, // the published text carries no document number
    title: '临汾市优化生育政策促进人口长期均衡发展的实施方案',
    issuer: '中共临汾市委 临汾市人民政府',
    issuedOn: '2023-12-27',
    sourceFile: 'linfen-city.txt',
    targets: [
      atLeast('places-per-1000', 'places_per_1000', 4.5, '二(三)9'),
      atLeast('comprehensive-centre', 'institutions', 1, '二(三)9', { institutionKind: 'comprehensive_centre' }),
      atLeast('public-demonstration', 'institutions', 1, '二(三)9', {
        scope: 'each_county',
        institutionKind: 'public_demonstration',
      }),
    ],
  },
  {
    key: 'chiping-2023',
    jurisdictionCode: '371503',
    documentNumber: '聊茌发〔2023〕11号',
    title: '聊城市茌平区优化生育政策促进人口长期均衡发展实施方案',
    issuer: '中共聊城市茌平区委 聊城市茌平区人民政府',
    issuedOn: '2023-12-29',
    sourceFile: 'chiping-district.txt',
    targets: [
      atLeast('places-per-1000', 'places_per_1000', 5, '一、总体要求'),
      atLeast('public-independent', 'institutions', 1, '二(三)3', { institutionKind: 'public_independent' }),
      atLeast('new-residential', 'new_residential_places_per_1000', 7, '二(三)1'),
      below('maternal-mortality', 'maternal_mortality_per_100k', 8.2, '一、总体要求'),
      below('infant-mortality', 'infant_mortality_per_1000', 3.3, '一、总体要求'),
      below('under5-mortality', 'under5_mortality_per_1000', 4, '一、总体要求'),
      below('sex-ratio', 'sex_ratio_at_birth', 110, '一、总体要求'),
    ],
    fundingRules: [
      {
        key: 'second-child-months',
        kind: 'per_child_month',
        rate: 300,
        payer: 'county',
        condition: null,
        clause: '二(三)2',
        description: CHIPING_CHILD_SUBSIDY,
        birthOrder: 2,
      },
      {
        key: 'third-child-months',
        kind: 'per_child_month',
        rate: 400,
        payer: 'county',
        condition: null,
        clause: '二(三)2',
        description: CHIPING_CHILD_SUBSIDY,
        birthOrder: 3,
      },
      {
        key: 'public-independent-city',
        kind: 'per_institution_once',
        rate: 150_000,
        payer: 'prefecture',
        condition: null,
        clause: '二(三)2',
        description: CHIPING_CONSTRUCTION_GRANT,
        institutionKind: 'public_independent',
      },
      {
        key: 'public-independent-district',
        kind: 'per_institution_once',
        rate: 100_000,
        payer: 'county',
        condition: null,
        clause: '二(三)2',
        description: CHIPING_CONSTRUCTION_GRANT,
        institutionKind: 'public_independent',
      },
    ],
  },
  {
    key: 'weixi-2023',
    jurisdictionCode: '533423',
    documentNumber: '维发〔2023〕15号',
    title: '维西县关于优化生育政策促进人口长期均衡发展的实施方案',
    issuer: '中共维西县委 维西县人民政府',
    issuedOn: '2023-06-28',
    sourceFile: 'weixi-county.txt',
    targets: [
      atLeast('places-per-1000', 'places_per_1000', 4.5, '一(二)'),
      atLeast('affordable-per-1000', 'affordable_places_per_1000', 2.7, '一(二)'),
      atLeast('places-2023', 'places', 442, '附件3', { dueYear: 2023 }),
      atLeast('places-2024', 'places', 586, '附件3', { dueYear: 2024 }),
      atLeast('places-2025', 'places', 656, '附件3'),
      atLeast('affordable-2023', 'affordable_places', 266, '附件3', { dueYear: 2023 }),
      atLeast('affordable-2024', 'affordable_places', 352, '附件3', { dueYear: 2024 }),
      atLeast('affordable-2025', 'affordable_places', 396, '附件3'),
      atLeast('demonstration', 'institutions', 2, '四(十二)', { institutionKind: 'demonstration' }),
      atLeast('new-residential', 'new_residential_places_per_1000', 5, '四(十二)'),
      below('maternal-mortality', 'maternal_mortality_per_100k', 10, '一(二)'),
      below('infant-mortality', 'infant_mortality_per_1000', 4, '一(二)'),
      atLeast('prenatal-screening', 'prenatal_screening_rate', 0.8, '三(九)'),
    ],
    fundingRules: [
      {
        // paid only in a year whose places task (附件3) is met; places built are total places
        key: 'provincial-reward',
        kind: 'per_place_built',
        rate: 2000,
        payer: 'province',
        condition: 'schedule_target_met',
        clause: '四(十二)',
        description:
          '确保按时按量完成托位建设任务（见附件 3）。在完成省级指标任务的情况下，将省级下拨的奖补资金按照每个托位 2000 元标准足额兑付到托育机构。',
      },
    ],
  },
];
