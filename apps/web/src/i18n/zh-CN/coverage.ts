// Words for what an aggregate stands on, the units without a population and the population import, in Chinese.

export const coverageZhCN = {
  levelUnits: { province: '省级单位', prefecture: '市级单位', county: '县级单位', township: '乡镇（街道）' },
  label: '汇总依据',
  line: '依据 {{expected}} 个{{level}}中已报的 {{reporting}} 个（{{period}}）',
  lineShare: '依据 {{expected}} 个{{level}}中已报的 {{reporting}} 个（{{period}}），占常住人口 {{share}}',
  own: '本级季报涵盖全部 {{expected}} 个{{level}}（{{period}}）',
  missing: '未计入（本季度未报）：{{units}}',
  more: '等 {{count}} 个',
  lastPeriod: '{{name}}（最近 {{period}}）',
  withoutPopulation: '{{count}} 个已报单位没有常住人口数，汇总人口和每千人口比率无法计算：{{units}}',
  standIn: '{{period}}未报：显示的是 {{from}} 的数据，上级 {{period}} 的汇总不计入。',
  gaps: {
    unit: '{{name}}（{{code}}）',
    importLink: '批量导入常住人口',
    title: '缺少常住人口的单位（{{year}} 年）',
    hint: '这些单位在 {{year}} 年及以前没有常住人口数：它们自己的比率无法计算，含有它们的汇总也无法计算比率。管理员可在“导入”页面批量导入常住人口。',
    none: '所有单位都有 {{year}} 年（或更早）的常住人口数。',
    more: '另有 {{count}} 个',
  },
  import: {
    committed: '导入完成：',
    kind: '导入内容',
    reports: '季报',
    populations: '常住人口（管理员）',
    template: '下载常住人口模板',
    year: '年份',
    hint: '模板列出您管辖范围内的全部单位（行政区划代码、名称、年份、常住人口、来源）。人口和来源都留空的行不导入；任何一行有错误时不会写入任何数据。',
    columns: {
      code: '行政区划代码',
      name: '名称',
      year: '年份',
      population: '常住人口',
      source: '来源',
      action: '操作',
      before: '原有数字',
    },
    summary: '新建 {{created}} 个，修改 {{updated}} 个，不变 {{unchanged}} 个；跳过 {{skipped}} 行。',
  },
};

export type CoverageCatalogue = typeof coverageZhCN;
