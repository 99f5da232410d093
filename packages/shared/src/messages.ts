// Messages that schemas raise, in both languages; schemas carry the key, readers get the words.
import { z } from 'zod';
import type { Bilingual, Language } from './words.ts';

/** A message in both languages. */
export type Words = Bilingual;

export const FIELD_MESSAGES = {
  division_code: {
    zh: '行政区划代码应为 6 位数字（GB/T 2260），乡镇（街道）为 9 位（GB/T 10114），例如 533423',
    en: 'a division code is six digits (GB/T 2260), nine for a township (GB/T 10114), for example 533423',
  },
  period: {
    zh: '季度写作“年份Q季度”，季度为 1 到 4，例如 2024Q4',
    en: 'a quarter is written YYYYQn with n from 1 to 4, for example 2024Q4',
  },
  date: { zh: '日期应写作 YYYY-MM-DD，例如 2025-01-15', en: 'a date is written YYYY-MM-DD, for example 2025-01-15' },
  required: { zh: '必填', en: 'is required' },
  province_without_parent: {
    zh: '省级单位没有上级，其他单位必须有上级',
    en: 'a province has no parent, and every other unit must have one',
  },
  institution_kind_with_institutions: {
    zh: '机构数目标需要指明机构类别，其他指标不需要',
    en: 'an institutions target names a kind of institution, and no other target does',
  },
  share_as_fraction: { zh: '比例写作小数，例如 60% 写 0.6', en: 'write a share as a fraction: 60 % is 0.6' },
  four_decimals: { zh: '最多保留 4 位小数', en: 'at most 4 decimals' },
  password_too_short: { zh: '密码至少 10 个字符', en: 'a password has at least 10 characters' },
  username: {
    zh: '用户名为 3 到 64 个字母、数字、点、横线或下划线',
    en: 'a user name is 3 to 64 letters, digits, dots, dashes or underscores',
  },
  plan_id: { zh: '规划编号格式不对', en: 'is not a plan id' },
  target_id: { zh: '目标编号格式不对', en: 'is not a target id' },
  funding_rule_id: { zh: '资金规则编号格式不对', en: 'is not a funding rule id' },
  unknown_jurisdiction: { zh: '没有这个行政区划代码', en: 'no jurisdiction has this code' },
  succession_same_code: { zh: '新代码不能与原代码相同', en: 'the new code must differ from the old one' },
  year_range: { zh: '年份应在 2000 到 2100 之间', en: 'the year must be between 2000 and 2100' },
  outside_jurisdiction: { zh: '不在您的管辖范围内', en: 'is outside your jurisdiction' },
  duplicate_row: { zh: '与前面一行重复（同一单位同一季度）', en: 'repeats an earlier row (same unit and quarter)' },
  duplicate_population_row: {
    zh: '与前面一行重复（同一单位同一年份）',
    en: 'repeats an earlier row (same unit and year)',
  },
  already_submitted: {
    zh: '该季报已提交审核，需先由审核人员退回',
    en: 'that report is submitted for review; a reviewer must return it first',
  },
  already_approved: {
    zh: '该季报已审核通过并锁定，需先由审核人员退回',
    en: 'that report is approved and locked; a reviewer must return it first',
  },
  stale_version: {
    zh: '下载模板后此季报已被修改，请重新下载模板',
    en: 'the report changed since this sheet was made; download the template again',
  },
  text: { zh: '应为文字', en: 'must be text' },
  control_character: {
    zh: '含有无法保存的控制字符（NUL），请删除后重试',
    en: 'contains a control character (NUL) that cannot be stored; remove it',
  },
  lone_surrogate: {
    zh: '含有不完整的字符（孤立的 UTF-16 代理项，如 \\ud800），无法保存：请删除或重新输入该字符',
    en: 'contains a broken character (a lone UTF-16 surrogate such as \\ud800) that cannot be stored; remove or retype it',
  },
  whole_number: { zh: '应为整数', en: 'must be a whole number' },
  at_least_one: { zh: '应至少为 1', en: 'must be at least 1' },
  not_negative: { zh: '不能为负数', en: 'cannot be negative' },
  too_many_places: { zh: '超过 2,000,000，请检查是否输入有误', en: 'is above 2,000,000; check for a typing error' },
  too_many_institutions: { zh: '超过 100,000，请检查是否输入有误', en: 'is above 100,000; check for a typing error' },
  institution_kind: { zh: '不是已知的机构类别', en: 'is not a known kind of institution' },
  text_too_long: { zh: '不能超过 2,000 个字', en: 'cannot be longer than 2,000 characters' },
  affordable_above_total: { zh: '普惠托位数不能大于托位总数', en: 'affordable places cannot exceed total places' },
  reason_required: { zh: '请填写原因', en: 'a reason is required' },
  chain_hash: { zh: '哈希值应为 64 位十六进制数字（0-9、a-f）', en: 'a hash is 64 hexadecimal digits (0-9, a-f)' },
  chain_head_pair: {
    zh: 'headId 与 headHash 须同时给出（导出文件上记录的审计链头）',
    en: 'headId and headHash go together (the audit chain head an export recorded)',
  },
  number: { zh: '应为数字', en: 'must be a number' },
  wrong_type: { zh: '类型不对', en: 'has the wrong type' },
  unknown_key: { zh: '含有不认识的项目：{value}', en: 'holds items that are not known: {value}' },
  not_allowed: { zh: '不是可选的值之一（{value}）', en: 'is not one of the values allowed ({value})' },
  wrong_format: { zh: '格式不对', en: 'is not in the right format' },
  at_least_value: { zh: '应不小于 {value}', en: 'must be at least {value}' },
  at_most_value: { zh: '应不大于 {value}', en: 'must be at most {value}' },
  min_length: { zh: '至少 {value} 个字符', en: 'must have at least {value} characters' },
  max_length: { zh: '不能超过 {value} 个字符', en: 'cannot be longer than {value} characters' },
  approved_before_2000: { zh: '批准日期不能早于 2000-01-01', en: 'an approval date cannot be before 2000-01-01' },
  approved_in_future: { zh: '批准日期不能晚于今天', en: 'an approval date cannot be in the future' },
  residents_at_least_one: {
    zh: '规划居住人口应至少为 1（0 人无法计算每千人托位）',
    en: 'planned residents must be at least 1 (places per 1,000 of nobody cannot be computed)',
  },
  too_many_residents: { zh: '超过 1,000,000，请检查是否输入有误', en: 'is above 1,000,000; check for a typing error' },
  too_many_project_places: { zh: '超过 100,000，请检查是否输入有误', en: 'is above 100,000; check for a typing error' },
  duplicate_project_row: {
    zh: '与第 {value} 行重复（同一行政区划的同名项目）',
    en: 'repeats row {value} (a project of the same name in the same jurisdiction)',
  },
  project_id: { zh: '项目编号格式不对', en: 'is not a project id' },
  duplicate_project_name: {
    zh: '同一行政区划内已有同名项目',
    en: 'another project of the same jurisdiction has this name',
  },
  more_than_zero: { zh: '应大于 0', en: 'must be more than 0' },
  two_decimals: { zh: '最多保留 2 位小数（分）', en: 'at most 2 decimals (fen)' },
  birth_order_with_child_months: {
    zh: '按在托人月补贴的规则需要指明孩次（二孩或三孩），其他规则不需要',
    en: 'a per-child-month rule names a birth order (2 or 3), and no other rule does',
  },
  institution_kind_with_one_off: {
    zh: '按新建机构一次性补助的规则需要指明机构类别，其他规则不需要',
    en: 'a once-per-institution rule names a kind of institution, and no other rule does',
  },
  schedule_condition_per_place: {
    zh: '“完成当年托位建设任务”的条件只适用于按新建托位的规则',
    en: 'the condition "the year\'s places task met" applies to per-place-built rules only',
  },
  too_many_events: { zh: '超过 20,000,000，请检查是否输入有误', en: 'is above 20,000,000; check for a typing error' },
  maternal_deaths_above_births: {
    zh: '孕产妇死亡数不能大于活产数',
    en: 'maternal deaths cannot exceed live births',
  },
  infant_deaths_above_births: { zh: '婴儿死亡数不能大于活产数', en: 'infant deaths cannot exceed live births' },
  under5_deaths_above_births: {
    zh: '5 岁以下儿童死亡数不能大于活产数',
    en: 'under-5 deaths cannot exceed live births',
  },
  screened_above_pregnant: {
    zh: '产前筛查人数不能大于孕产妇数',
    en: 'pregnant women screened cannot exceed pregnant women',
  },
  under5_below_infant: {
    zh: '5 岁以下儿童死亡数不能小于婴儿死亡数（婴儿也在 5 岁以下）',
    en: 'under-5 deaths cannot be fewer than infant deaths (infants are under five too)',
  },
  year: {
    zh: '年份应为 2000 到 2100 之间的四位数字，例如 2025',
    en: 'a year is four digits from 2000 to 2100, for example 2025',
  },
  duplicate_indicators_row: {
    zh: '与第 {value} 行重复（同一单位同一年份）',
    en: 'repeats row {value} (same unit and year)',
  },
  indicators_submitted: {
    zh: '该年度健康指标已提交审核，需先由审核人员退回',
    en: "that year's indicators are submitted for review; a reviewer must return them first",
  },
  indicators_approved: {
    zh: '该年度健康指标已审核通过并锁定，需先由审核人员退回',
    en: "that year's indicators are approved and locked; a reviewer must return them first",
  },
  indicators_stale_version: {
    zh: '下载模板后该年度健康指标已被修改（现为第 {value} 版），请重新下载模板',
    en: 'the indicators changed since this sheet was made (now version {value}); download the template again',
  },
  year_not_ended: {
    zh: '该年尚未结束，不能填报全年健康指标；{value}（北京时间）起可以填报',
    en: 'that year has not ended, so its indicators cannot be entered yet; they open on {value} (Beijing time)',
  },
  search_with_codes: {
    zh: '搜索（q）与按代码查询（codes）不能同时使用',
    en: 'a search (q) and a look-up by code (codes) cannot be asked at once',
  },
  comment_required: {
    zh: '与上季度相比变化异常（托位减少或增加一半以上），提交前请在备注中说明原因',
    en: 'changed implausibly since last quarter (places fell, or rose by more than half): explain in the comment before submitting',
  },
} satisfies Record<string, Words>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

/** The words for a schema's message key (`key` or `key|value`), or the message itself where it is not a key. */
export function fieldMessage(message: string, language: Language): string {
  const bar = message.indexOf('|');
  const name = bar === -1 ? message : message.slice(0, bar);
  const words = (FIELD_MESSAGES as Record<string, Words>)[name];
  if (!words) return message;
  return bar === -1 ? words[language] : words[language].replace('{value}', message.slice(bar + 1));
}

/**
 * A type error's key for a field: `required` when the field was left out, else the key given (a
 * schema's own message would otherwise say "must be a whole number" of a field nobody filled in).
 */
export const typeError = (message: FieldMessageKey) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : message),
});

const listed = (values: readonly unknown[]) => values.map(String).join(', ');

/**
 * Every issue a schema raises without a message of its own gets a key of this catalogue, so that no
 * reader is shown zod's English ("Unrecognized key", "Invalid input: expected string, received
 * undefined") in a Chinese screen or answer.
 */
function catalogueKey(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      if (issue.expected === 'string') return 'text';
      if (issue.expected === 'number' || issue.expected === 'int') return 'number';
      return 'wrong_type';
    case 'unrecognized_keys':
      return `unknown_key|${listed(issue.keys)}`;
    case 'invalid_value':
      return `not_allowed|${listed(issue.values)}`;
    case 'invalid_format':
      return 'wrong_format';
    case 'too_small':
      if (issue.origin === 'string') return `min_length|${issue.minimum}`;
      if (issue.origin === 'number' || issue.origin === 'int') return `at_least_value|${issue.minimum}`;
      return undefined;
    case 'too_big':
      if (issue.origin === 'string') return `max_length|${issue.maximum}`;
      if (issue.origin === 'number' || issue.origin === 'int') return `at_most_value|${issue.maximum}`;
      return undefined;
    default:
      return undefined;
  }
}

z.config({ customError: catalogueKey });
