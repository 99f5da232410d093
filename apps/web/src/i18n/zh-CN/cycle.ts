// Words for targets whose due year has passed (closed) beside those still in force, in Chinese.

export const cycleZhCN = {
  /** The due year's verdict, leading: "2025 年末 4.44 个/千人". */
  dueYearValue: '{{year}} 年末 {{value}}',
  /** Under a closed target's gap or verdict in a column of its own, which year it is for. */
  atDueYear: '{{year}} 年末',
  /** When the fourth quarter is missing and a earlier quarter of the due year stands in. */
  provisionalFrom: '（以{{period}}暂代）',
  short: '差 {{gap}} {{unit}}',
  noDueYearValue: '{{year}} 年无数据，无法结算',
  /** Today's value beside it, labelled with its quarter. */
  today: '{{period}} {{value}}',
  todayMeets: {
    at_least: '已超过目标',
    below: '已低于目标',
  },
  /** An at-least target whose value today is exactly the target: reached, not exceeded. */
  todayAtTarget: '已达到目标',
  todayShort: '仍未达到目标',
  separator: '，',
  dataStatus: {
    approved: '数据已审核',
    submitted: '数据已提交、未审核',
    draft: '数据为草稿',
    returned: '数据已退回',
    aggregate: '下级汇总',
    demo: '演示数据',
  },
  overview: {
    switchLabel: '显示目标',
    inForce: '执行中的目标（{{count}}）',
    closed: '已到期目标（{{count}}）',
    closedCaption: '已到期目标的结算：以到期年末数值定结论，当前值仅供对照（截至{{period}}）',
    noneInForce: '截至{{period}}，没有执行中的目标：已收录方案的目标均已到期。',
    noneInForceHint: '可查看已到期目标的结算，或由管理员录入下一周期（如 2030 年）的目标。',
    showClosed: '查看已到期目标',
    noneClosed: '截至{{period}}，没有已到期的目标。',
    verdict: '到期结论',
    today: '当前值',
    data: '数据',
  },
  finalAccount: {
    title: '决算导出',
    intro: '{{name}}截至{{period}}所有已到期目标的结论、差额与数据审核情况。',
    introCountry: '全国截至{{period}}所有已到期目标的结论、差额与数据审核情况。',
    xlsx: '下载决算 Excel',
    csv: '下载决算 CSV',
  },
};

export type CycleCatalogue = typeof cycleZhCN;
