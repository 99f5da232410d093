// Words for the yearly health indicators' page, in Chinese.

export const indicatorsZhCN = {
  pageTitle: '{{name}} · {{year}} 年健康指标',
  choose: '请选择行政区划和年份。',
  year: '年份',
  notStarted: '尚未填报',
  notStartedEntry: '还没有人填报这一年的健康指标。请在下方填写并保存草稿。',
  notEnded: '{{year}} 年尚未结束，{{opensOn}}（北京时间）起可以填报。',
  lastYear: '上年：{{value}}',
  unknown: '不详',
  save: '保存草稿',
  submit: '提交审核',
  approve: '审核通过',
  return: '退回',
  returnReason: '退回原因',
  returned: '已退回：{{reason}}',
  saved: '已保存',
  submitted: '已提交审核',
  approved: '已审核通过',
  wasReturned: '已退回',
  readOnly: '您只能查看这一年的健康指标。',
  approvedBy: '审核人：{{name}}',
};

export type IndicatorsCatalogue = typeof indicatorsZhCN;
