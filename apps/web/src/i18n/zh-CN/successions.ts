// Words for boundary changes (区划调整): the successions screen and the note on a unit's page, in Chinese.

export const successionsZhCN = {
  nav: '区划调整',
  title: '区划调整（承继）',
  intro:
    '撤县设区、合并、拆分后，原代码的历史数据由新代码承继：生效以前的季报仍归原代码，以后由新代码填报，序列、目标、完整率和上级汇总据此衔接，不断档、不重复。',
  jurisdictionLabel: '行政区划',
  caption: '{{name}} 的区划调整',
  empty: '这里还没有记录区划调整。',
  record: '记录区划调整',
  recordTitle: '记录一项区划调整',
  recorded: '已记录 {{from}} → {{to}}。',
  kinds: { rename: '更名/撤县设区', merge: '合并', split: '拆分' },
  columns: {
    from: '原单位',
    to: '新单位',
    effectiveOn: '生效日期',
    kind: '类型',
    reason: '依据',
  },
  fields: {
    kind: '类型',
    fromCode: '原单位',
    toCode: '新代码',
    effectiveOn: '生效日期',
    reason: '依据（批复文号等）',
    createNew: '新单位尚不存在，一并新建',
    newName: '新单位名称',
    newNameEn: '新单位英文名',
  },
  kindHint: '合并：每个原单位各记一项，新代码和日期相同；拆分：每个新单位各记一项，原代码和日期相同。',
  edition: {
    title: '载入新版区划代码',
    intro: '选择新版区划代码文件（CSV：代码,名称,上级代码；或 JSON），先比对（不写入），勾选要记录的承继后确认。',
    file: '区划代码文件',
    chooseFile: '选择文件',
    fileRead: '已读入 {{count}} 个单位（{{name}}）。',
    fileUnreadable: '文件无法读取：第 {{line}} 行应为 “代码,名称,上级代码”，代码为 6 位或 9 位数字。',
    compare: '比对（不写入）',
    confirm: '确认记录所选 {{count}} 项',
    none: '新版与现有区划相比，没有可承继的代码变更。',
    proposals: '新版提出的承继',
    matchSameName: '同名换代码',
    matchCountyToDistrict: '撤县设区（同名县改区）',
    committed: '已记录 {{count}} 项承继。',
    columns: { from: '原单位', to: '新单位', parent: '上级', match: '判断依据' },
  },
  note: {
    title: '区划调整',
    succeededBy: '自 {{date}} 起由 {{name}}（{{code}}）承继：{{reason}}',
    succeeds: '自 {{date}} 起承继 {{name}}（{{code}}）的数据：{{reason}}',
  },
};

export type SuccessionsCatalogue = typeof successionsZhCN;
