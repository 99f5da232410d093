// Every word the API writes itself (refusals, export sheets and headings, the import template's
// help), in both languages, grouped by area. The domain's words (metrics, statuses, levels, the
// columns a gap report shares with the screens) are the shared package's and are not repeated here.

import type { Level } from '@tuowei/shared';
import { type Bilingual, type Language, LEVEL_WORDS } from '@tuowei/shared/words';
import { READ_LIMITS } from './workbook/limits.ts';

/** An entry: words, words made from a message's particulars, or a list of either. */
type Entry =
  | Bilingual
  | ((...particulars: never[]) => Bilingual)
  | readonly Entry[]
  | { readonly [key: string]: Entry };

/** The catalogue's shape: areas of entries, so that an entry without one of the languages fails to compile. */
export type Catalogue = { readonly [area: string]: Entry };

/** Text that is the same in both languages: a file name, a library's own message. */
export const asIs = (text: string): Bilingual => ({ zh: text, en: text });

/** Words made the same way in each language (from words in both, such as a schema's message). */
export const inBoth = (write: (language: Language) => string): Bilingual => ({ zh: write('zh'), en: write('en') });

const n = (value: number) => value.toLocaleString('en-US');
const mb = (bytes: number) => `${n(bytes / 1024 / 1024)} MB`;

export const API_WORDS = {
  /** What fails before or around a route: the request itself, the database, the server. */
  request: {
    invalidJson: { zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
    emptyJson: { zh: '请求内容为空，应为 JSON。', en: 'The request body is empty; JSON was expected.' },
    unsupportedMediaType: {
      zh: '不支持这种内容类型：请发送 application/json（导入文件用 .xlsx 或 text/csv）。',
      en: 'Unsupported content type: send application/json (an import: .xlsx or text/csv).',
    },
    bodyTooLarge: {
      zh: '请求内容过大（表单上限 1 MB，导入文件上限 10 MB）。',
      en: 'The request body is too large (1 MB for forms, 10 MB for import files).',
    },
    badContentLength: {
      zh: '请求内容的长度与 Content-Length 不符。',
      en: 'The request body does not have the length its Content-Length says.',
    },
    badUrl: {
      zh: '地址无法解码：请检查其中的百分号编码（%）。',
      en: 'The address cannot be decoded: check its percent-encoding (%).',
    },
    paramTooLong: { zh: '地址中的某一段过长。', en: 'A part of the address is too long.' },
    badRequest: { zh: '请求有误。', en: 'Bad request.' },
    /** A 4xx Fastify raised with a message of its own (English), given as it is. */
    badRequestSaying: (message: string) => ({ zh: `请求有误：${message}`, en: message }),
    /** Each field and what is wrong with it, as listed in each language. */
    invalidRequest: (problems: Bilingual) => ({
      zh: `请求有误：${problems.zh}`,
      en: `Invalid request: ${problems.en}`,
    }),
    /** One field (its path) and what is wrong with it, in each language. */
    invalidField: (field: string, problem: Bilingual) => ({
      zh: `请求有误：${field}：${problem.zh}`,
      en: `Invalid request: ${field}: ${problem.en}`,
    }),
    timeout: { zh: '请求发送得太慢，已超时。', en: 'The request took too long to arrive.' },
    headersTooLarge: { zh: '请求头过大。', en: 'The request headers are too large.' },
    malformedHttp: {
      zh: '请求无法读取：HTTP 格式有误（例如内容比 Content-Length 所说的短）。',
      en: 'The request cannot be read: malformed HTTP (such as a body shorter than its Content-Length).',
    },
    writeCollided: {
      zh: '这次保存与同时进行的另一次保存相互冲突，未保存任何内容。请重试。',
      en: 'This write collided with another made at the same moment; nothing was saved. Please try again.',
    },
    unstorableText: {
      zh: '输入中含有无法保存的字符，请检查后重试。',
      en: 'The input has a character that cannot be stored; check it and retry.',
    },
    databaseDown: {
      zh: '数据库暂时无法访问，请稍后重试；已保存的数据不受影响。',
      en: 'The database cannot be reached right now; try again shortly. Nothing saved is affected.',
    },
    internal: {
      zh: '服务器内部错误，请稍后重试；如果问题持续，请联系管理员。',
      en: 'Something went wrong on the server. Try again later; if it persists, tell the administrator.',
    },
    noRoute: (method: string, url: string) => ({
      zh: `没有这个地址：${method} ${url}`,
      en: `No such route: ${method} ${url}`,
    }),
    unknownJurisdiction: (code: string) => ({
      zh: `没有代码为 ${code} 的行政区划。可用 GET /api/v1/jurisdictions 查看全部代码。`,
      en: `There is no jurisdiction with code ${code}. GET /api/v1/jurisdictions lists them all.`,
    }),
    invalidPeriod: (text: string) => ({
      zh: `季度 "${text}" 超出范围：年份应在 2000 到 2100 之间，例如 2024Q4。`,
      en: `The quarter "${text}" is out of range: the year must be from 2000 to 2100, for example 2024Q4.`,
    }),
  },

  /** Signing in, and who may do what where. */
  access: {
    notSignedIn: { zh: '请先登录。', en: 'Sign in first.' },
    csrfToken: {
      zh: '缺少或错误的 X-CSRF-Token：请重新登录后再试。',
      en: 'Missing or wrong X-CSRF-Token: sign in again and retry.',
    },
    roleForbidden: (role: string) => ({
      zh: `您的角色（${role}）不能进行此操作。`,
      en: `Your role (${role}) cannot do this.`,
    }),
    countryOnly: {
      zh: '只有全国范围的账号可以进行此操作。',
      en: 'Only an account whose scope is the whole country can do this.',
    },
    /** A unit outside the subtree a reviewer reviews (`own` null: the whole country). */
    notReviewable: (code: string, own: string | null) => ({
      zh: `${code} 不在您可审核的范围内（您可审核 ${own ?? '全国'} 的下级单位）。`,
      en: `${code} is not among the units you review (those below ${own ?? 'the country'}).`,
    }),
    outsideJurisdiction: (code: string, own: string | null) => ({
      zh: `${code} 不在您的管辖范围内（${own ?? '全国'} 及其下级）。`,
      en: `${code} is outside your jurisdiction (${own ?? 'the country'} and below).`,
    }),
    tooManyLogins: (minutes: number) => ({
      zh: `登录失败次数过多，请 ${minutes} 分钟后再试。`,
      en: `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    }),
    badCredentials: { zh: '用户名或密码不正确。', en: 'The user name or password is not right.' },
  },

  users: {
    noUser: (username: string) => ({ zh: `没有用户 ${username}。`, en: `There is no user ${username}.` }),
    duplicateUsername: (username: string) => ({
      zh: `用户名 ${username} 已被使用。`,
      en: `The user name ${username} is taken.`,
    }),
    /** Moving an account to a unit (null: the whole country) outside the admin's own. */
    moveOutOfScope: (target: string | null) => ({
      zh: `不能把账号移到您管辖范围以外的 ${target ?? '全国'}。`,
      en: `You cannot move an account to ${target ?? 'the whole country'}, outside your jurisdiction.`,
    }),
    ownAccount: {
      zh: '不能修改自己的角色或停用自己的账号；请另一位管理员操作。',
      en: 'You cannot change your own role or deactivate yourself; ask another admin.',
    },
  },

  plans: {
    noPlan: { zh: '没有这个规划。', en: 'There is no such plan.' },
    noTarget: { zh: '没有这个目标。', en: 'There is no such target.' },
    duplicateDocumentNumber: (documentNumber: string | null) => ({
      zh: `文号 ${documentNumber} 已被另一个规划使用。`,
      en: `The document number ${documentNumber} is used by another plan.`,
    }),
    moveCountryOnly: {
      zh: '只有全国范围的管理员可以把规划移到另一个行政区划。',
      en: 'Only a country-wide admin can move a plan to another jurisdiction.',
    },
    /** `code`: the plan's jurisdiction. */
    planOutOfScope: (code: string) => ({
      zh: `规划所属的 ${code} 不在您的管辖范围内。`,
      en: `The plan's ${code} is outside your jurisdiction.`,
    }),
    /** `yours`: the version the writer started from; `now`: the stored one. */
    targetVersionConflict: (yours: number, now: number) => ({
      zh: `目标已被他人修改（您基于第 ${yours} 版，现为第 ${now} 版）。请刷新后再操作。`,
      en: `The target was changed by someone else (you started from version ${yours}, it is now ${now}). Reload it, then try again.`,
    }),
    targetSuperseded: {
      zh: '这个目标已被后来的目标替代：请先删除替代它的目标（撤销修订），再删除它。',
      en: 'A later target replaces this one: delete that one first (undoing the revision), then this.',
    },
    targetIfMatchRequired: {
      zh: '修订目标需要带上 If-Match 请求头（您看到的目标版本号）。',
      en: 'Revising a target needs an If-Match header with the version of the target you saw.',
    },
    /** `until`: the day it ended (null: not said); `replaced`: whether a later target replaces it. */
    targetEnded: (until: string | null, replaced: boolean) => ({
      zh: `这个目标已于 ${until ?? '?'} 终止${replaced ? '并已被替代' : ''}，不能再修订；请修订替代它的目标。`,
      en: `This target ended on ${until ?? '?'}${replaced ? ' and is replaced already' : ''}; revise the target that replaced it.`,
    }),
    revisionYearRange: { zh: '年份应在 2000 到 2100 之间。', en: 'The year must be between 2000 and 2100.' },
    /** `inForceFrom`: the old target's first day in force. */
    revisionBeforeTarget: (inForceFrom: string) => ({
      zh: `新目标的生效日期应晚于原目标的生效日期 ${inForceFrom}。`,
      en: `The new target must come into force after the old one did (${inForceFrom}).`,
    }),
    /** The jurisdictions of the new target's plan and of the old one's. */
    revisionElsewhere: (target: string, old: string) => ({
      zh: `新目标的规划属于 ${target}，原目标属于 ${old}：修订只在同一地区的文件之间。`,
      en: `The new target's plan is ${target}'s and the old one's ${old}'s: a revision stays within one jurisdiction's documents.`,
    }),
    noFundingRule: { zh: '没有这条资金规则。', en: 'There is no such funding rule.' },
    fundingRuleIfMatchRequired: {
      zh: '修改或删除资金规则需要带上 If-Match 请求头（您看到的版本号）。',
      en: 'Changing or deleting a funding rule needs an If-Match header with the version you saw.',
    },
    fundingRuleVersionConflict: (yours: number, now: number) => ({
      zh: `这条资金规则已被他人修改（您基于第 ${yours} 版，现为第 ${now} 版）。请查看最新内容后再保存。`,
      en: `The funding rule was changed by someone else (you started from version ${yours}, it is now ${now}). Review the current one, then save again.`,
    }),
  },

  jurisdictions: {
    /** `level` and `parent` as stored (parent null: a province). */
    fixed: (code: string, level: string, parent: string | null) => ({
      zh: `${code} 的层级和上级单位不能修改（现为 ${level}，上级 ${parent ?? '无'}）。`,
      en: `The level and parent of ${code} cannot change (now ${level}, parent ${parent ?? 'none'}).`,
    }),
    codeForLevel: (code: string, level: Level) => ({
      zh: `${code} 不能作为${LEVEL_WORDS.zh[level]}的代码：乡镇（街道）用 9 位代码，其他层级用 6 位。`,
      en: `${code} cannot be the code of a ${LEVEL_WORDS.en[level].toLowerCase()}: a township takes nine digits, other levels six.`,
    }),
    codeOutsideParent: (code: string, parent: string) => ({
      zh: `乡镇（街道）代码 ${code} 应以所属县（区）的代码 ${parent} 开头。`,
      en: `The township code ${code} must begin with its county's code ${parent}.`,
    }),
    unknownParent: (parent: string) => ({
      zh: `上级单位 ${parent} 不存在。`,
      en: `The parent ${parent} does not exist.`,
    }),
    /** `below`: the level that comes below the parent's (null below a township). */
    wrongLevel: (parent: string, parentLevel: string, below: string | null, level: string) => ({
      zh: `${parent}（${parentLevel}）的下级应为 ${below ?? '无'}，而不是 ${level}。`,
      en: `Below ${parent} (${parentLevel}) comes ${below ?? 'nothing'}, not ${level}.`,
    }),
    noPopulation: (code: string, year: number) => ({
      zh: `${code} 没有 ${year} 年的人口数。`,
      en: `${code} has no population figure for ${year}.`,
    }),
    noEdition: {
      zh: '尚未载入行政区划代码版本（每次启动时载入）。',
      en: 'No edition of the division codes is loaded yet (it is loaded on start).',
    },
  },

  reports: {
    /** `yours`: the version the writer started from (null: not said); `now`: the stored one. */
    versionConflict: (code: string, period: string, yours: number | null, now: number | undefined) => ({
      zh: `${code} ${period} 的季报已被他人修改（您基于第 ${yours ?? '?'} 版，现为第 ${now ?? '—'} 版）。请查看最新内容后再保存。`,
      en: `The ${period} report of ${code} was changed by someone else (you started from version ${yours ?? '?'}, it is now ${now ?? '—'}). Review the current one, then save again.`,
    }),
    ifMatchRequired: (period: string) => ({
      zh: `修改已有的 ${period} 季报需要带上 If-Match 请求头（您看到的版本号）。`,
      en: `Changing the existing ${period} report needs an If-Match header with the version you saw.`,
    }),
    invalidIfMatch: (header: string) => ({
      zh: `If-Match 应为版本号，例如 "3"，而不是 ${header}。`,
      en: `If-Match must be a version number such as "3", not ${header}.`,
    }),
    /** Why a report in each state refuses the step attempted (`approve` or another: `return`). */
    inState: {
      approved: (period: string) => ({
        zh: `${period} 季报已审核通过并锁定；如需修改，请上级审核人员退回并说明原因。`,
        en: `The ${period} report is approved and locked; to change it, a reviewer must return it with a reason.`,
      }),
      submitted: (period: string) => ({
        zh: `${period} 季报已提交审核，不能再修改；如需修改，请上级审核人员退回。`,
        en: `The ${period} report is submitted for review and cannot be changed; ask the reviewer to return it.`,
      }),
      draft: (period: string, attempted: string) => ({
        zh: `${period} 季报还是草稿，尚未提交，不能${attempted === 'approve' ? '审核通过' : '退回'}。`,
        en: `The ${period} report is still a draft, not submitted: it cannot be ${attempted === 'approve' ? 'approved' : 'returned'}.`,
      }),
      returned: (period: string) => ({
        zh: `${period} 季报已被退回，等待填报人员修改后重新提交。`,
        en: `The ${period} report was returned and waits for the reporter to fix and resubmit it.`,
      }),
    },
    /** Each change as "field: before → after". */
    commentRequired: (changes: readonly string[]) => ({
      zh: `与上季度相比变化异常，提交前请在备注中说明原因（${changes.join('；')}）。`,
      en: `Changed implausibly since last quarter; explain in the comment before submitting (${changes.join('; ')}).`,
    }),
    noReport: (code: string, period: string) => ({
      zh: `${code} 还没有 ${period} 的季报。`,
      en: `${code} has no report for ${period} yet.`,
    }),
    /** The report as a sentence about it begins (for review.inState). */
    subject: (period: string) => ({ zh: `${period} 季报`, en: `The ${period} report` }),
  },

  import: {
    invalidFileName: (name: string) => ({
      zh: `X-File-Name 不是有效的百分号编码（${name}）：请用 encodeURIComponent 编码文件名。`,
      en: `X-File-Name is not valid percent-encoding (${name}): encode the file name with encodeURIComponent.`,
    }),
    noFile: {
      zh: '请上传 .xlsx 或 .csv 文件（Content-Type 为 xlsx 或 text/csv）。',
      en: 'Upload an .xlsx or .csv file (Content-Type xlsx or text/csv).',
    },
    rejected: (problems: number) => ({
      zh: `导入未执行：${problems} 处错误，未写入任何数据。`,
      en: `Nothing was imported: ${problems} problems, and nothing was written.`,
    }),
    /** `column`: the import column's header; `more`: how many other cells do the same. */
    formulaWithoutValue: (cell: string, column: Bilingual, more: number) => ({
      zh: `单元格 ${cell}（${column.zh}）是公式，但文件中没有保存它的计算结果，读不出数值${more > 0 ? `（另有 ${more} 个这样的单元格）` : ''}。请在 Excel 中打开并保存这个文件，或把公式换成数值，然后再导入。`,
      en: `Cell ${cell} (${column.en}) holds a formula with no saved value, so there is no number to read${more > 0 ? ` (and ${more} more such cells)` : ''}. Open the file in Excel and save it, or replace the formula by its value, then import again.`,
    }),
    noHeader: {
      zh: '找不到表头：文件的前 20 行中应有一行包含“行政区划代码”“季度”“托位数”“普惠托位数”。请使用导入模板。',
      en: 'No header found: one of the first 20 rows must name "Division code", "Quarter", "Places" and "Affordable places". Use the import template.',
    },
    populationNoHeader: {
      zh: '找不到表头：文件的前 20 行中应有一行包含“行政区划代码”“年份”“常住人口”“来源”。请使用常住人口导入模板。',
      en: 'No header found: one of the first 20 rows must name "Division code", "Year", "Population" and "Source". Use the population template.',
    },
    instructionsSheet: { zh: '说明', en: 'Instructions' },
    /** The template's instructions sheet, a line each. */
    instructions: [
      {
        zh: '托位季报导入模板：每行是一个行政区划一个季度的季报。',
        en: 'Tuowei quarterly report import: each row is one jurisdiction and one quarter.',
      },
      {
        zh: '“行政区划代码”为 6 位 GB/T 2260 代码；“季度”写作 2025Q1。',
        en: '"Division code" is the 6-digit GB/T 2260 code; "Quarter" is written 2025Q1.',
      },
      {
        zh: '托位数、普惠托位数必填，须为不小于 0 的整数，普惠托位数不能大于托位数。',
        en: 'Places and affordable places are required whole numbers, at least 0; affordable cannot exceed places.',
      },
      {
        zh: '在托婴幼儿数和各类机构数可留空（表示未知，不是 0）。',
        en: 'Children enrolled and institution counts may be left empty (unknown, not zero).',
      },
      {
        zh: '二孩、三孩在托人月数：本季度在完成备案且按普惠指导价收费的托育机构中在托的二孩、三孩人数按月累计（如 10 名二孩在托 3 个月为 30），用于计算保育费补贴；可留空。',
        en: "Second- and third-child months in care: this quarter's months in care of second and third children in registered institutions charging the affordable guide price (10 second children for 3 months is 30), for the care subsidy; may be left empty.",
      },
      {
        zh: '“版本”列由模板填写：若季报在下载后被他人修改，导入时会提示重新下载。',
        en: 'The "Version" column is filled by the template: if a report changed after you downloaded it, the import says so.',
      },
      {
        zh: '已提交或已审核的季报不能通过导入修改，需先由审核人员退回。',
        en: 'Submitted or approved reports cannot be changed by an import; a reviewer must return them first.',
      },
      {
        zh: '可以先“试导入”，查看将新建、修改的内容和每一处错误（行号、列、值、原因），确认无误后再正式导入；有任何一行错误时不会写入任何数据。',
        en: 'Run a dry run first to see what would be created or changed and every problem (row, column, value, reason); if any row is wrong, nothing is written.',
      },
      {
        zh: '也可以另存为 CSV（UTF-8 或 GBK 编码均可）后导入。',
        en: 'You may also save the sheet as CSV (UTF-8 or GBK) and import that.',
      },
    ],
    /** The population template's instructions sheet, a line each. */
    populationInstructions: [
      {
        zh: '常住人口导入模板：每行是一个行政区划一个年份的常住人口，并注明来源（如“第七次全国人口普查”“2023 年统计公报”）。',
        en: 'Resident population import: each row is one jurisdiction and one year, with its source (a census, a statistical bulletin).',
      },
      {
        zh: '“行政区划代码”为 GB/T 2260 代码；“年份”为 4 位年份；“常住人口”为不小于 1 的整数（人）；“来源”必填。',
        en: '"Division code" is the GB/T 2260 code; "Year" has four digits; "Population" is a whole number, at least 1; "Source" is required.',
      },
      {
        zh: '同一单位同一年份已有的数字会被替换；人口和来源都留空的行不导入。',
        en: 'A figure already stored for the unit and year is replaced; rows with neither population nor source are not imported.',
      },
      {
        zh: '可以先“试导入”，查看将新建、修改的内容和每一处错误（行号、列、值、原因）；有任何一行错误时不会写入任何数据。',
        en: 'Run a dry run first to see what would be created or changed and every problem (row, column, value, reason); if any row is wrong, nothing is written.',
      },
      {
        zh: '也可以另存为 CSV（UTF-8 或 GBK 编码均可）后导入。',
        en: 'You may also save the sheet as CSV (UTF-8 or GBK) and import that.',
      },
    ],
    indicatorsNoHeader: {
      zh: '找不到表头：文件的前 20 行中应有一行包含“行政区划代码”和“年份”。请使用年度健康指标导入模板。',
      en: 'No header found: one of the first 20 rows must name "Division code" and "Year". Use the yearly health indicators template.',
    },
    /** The indicators template's instructions sheet, a line each. */
    indicatorsInstructions: [
      {
        zh: '年度健康指标导入模板：每行是一个行政区划一个年份的活产数、死亡数、出生性别和产前筛查人数。',
        en: 'Yearly health indicators import: each row is one jurisdiction and one year, with its births, deaths, boys and girls born and prenatal screening.',
      },
      {
        zh: '“行政区划代码”为 GB/T 2260 代码；“年份”为已经结束的年份（4 位数字）；各项为不小于 0 的整数；不知道的留空（留空不是 0）。',
        en: '"Division code" is the GB/T 2260 code; "Year" is a year that has ended (four digits); each count is a whole number, at least 0; leave a count you do not know empty (empty is not 0).',
      },
      {
        zh: '死亡数不能大于活产数，5 岁以下儿童死亡数不能小于婴儿死亡数，产前筛查人数不能大于孕产妇数，与填报表单的检查相同。',
        en: 'Deaths cannot exceed live births, under-5 deaths cannot be fewer than infant deaths, and women screened cannot exceed pregnant women, as the form checks.',
      },
      {
        zh: '已提交或已审核通过的年份不能导入，需先由审核人员退回；“版本”列来自模板，下载后被别人修改过的行会被拒绝。',
        en: 'A year submitted or approved cannot be imported until a reviewer returns it; the "Version" column comes from the template, and a row changed by someone since is refused.',
      },
      {
        zh: '可以先“试导入”，查看将新建、修改的内容和每一处错误（行号、列、值、原因）；有任何一行错误时不会写入任何数据。',
        en: 'Run a dry run first to see what would be created or changed and every problem (row, column, value, reason); if any row is wrong, nothing is written.',
      },
      {
        zh: '也可以另存为 CSV（UTF-8 或 GBK 编码均可）后导入。',
        en: 'You may also save the sheet as CSV (UTF-8 or GBK) and import that.',
      },
    ],
  },

  /** Reading an uploaded workbook or CSV: the limits, where a file went past one, why it is refused. */
  workbook: {
    limits: {
      uploadBytes: {
        zh: `文件不能超过 ${mb(READ_LIMITS.uploadBytes)}`,
        en: `a file may be at most ${mb(READ_LIMITS.uploadBytes)}`,
      },
      parts: {
        zh: `一个 .xlsx 文件内最多 ${n(READ_LIMITS.parts)} 个部件`,
        en: `an .xlsx may hold at most ${n(READ_LIMITS.parts)} parts`,
      },
      partBytes: {
        zh: `.xlsx 中每个部件解压后不能超过 ${mb(READ_LIMITS.partBytes)}`,
        en: `each part of an .xlsx may inflate to at most ${mb(READ_LIMITS.partBytes)}`,
      },
      totalBytes: {
        zh: `.xlsx 解压后合计不能超过 ${mb(READ_LIMITS.totalBytes)}`,
        en: `an .xlsx may inflate to at most ${mb(READ_LIMITS.totalBytes)} in all`,
      },
      rows: { zh: `最多 ${n(READ_LIMITS.rows)} 行`, en: `at most ${n(READ_LIMITS.rows)} rows` },
      columns: { zh: `最多 ${n(READ_LIMITS.columns)} 列`, en: `at most ${n(READ_LIMITS.columns)} columns` },
      cells: {
        zh: `有内容的单元格最多 ${n(READ_LIMITS.cells)} 个`,
        en: `at most ${n(READ_LIMITS.cells)} cells with a value`,
      },
      sharedStrings: {
        zh: `共享字符串表最多 ${n(READ_LIMITS.sharedStrings)} 项`,
        en: `at most ${n(READ_LIMITS.sharedStrings)} shared strings`,
      },
      cellCharacters: {
        zh: `每个单元格最多 ${n(READ_LIMITS.cellCharacters)} 个字符`,
        en: `at most ${n(READ_LIMITS.cellCharacters)} characters in a cell`,
      },
      seconds: {
        zh: `读取时间不能超过 ${READ_LIMITS.seconds} 秒`,
        en: `reading may take at most ${READ_LIMITS.seconds} seconds`,
      },
      heapMegabytes: {
        zh: `读取所需内存不能超过 ${READ_LIMITS.heapMegabytes} MB`,
        en: `reading may use at most ${READ_LIMITS.heapMegabytes} MB of memory`,
      },
    },
    /** A CSV's line (1 is the first). */
    line: (row: number) => ({ zh: `第 ${row} 行`, en: `row ${row}` }),
    /** A cell of a sheet, by its address (B7). */
    cell: (sheet: string, address: string) => ({
      zh: `工作表“${sheet}”的 ${address} 单元格`,
      en: `cell ${address} of sheet "${sheet}"`,
    }),
    inflatesPastDeclared: (part: string, bytes: number) => ({
      zh: `${part} 解压后超过其声明的 ${bytes} 字节`,
      en: `${part} inflates to more than the ${bytes} bytes it declares`,
    }),
    noWorkbookPart: { zh: '缺少工作簿部件（xl/workbook.xml）', en: 'it has no workbook part (xl/workbook.xml)' },
    readerStopped: (exitCode: number) => ({
      zh: `读取线程意外停止（${exitCode}）`,
      en: `the reader stopped (${exitCode})`,
    }),
    /** `limit`: the limit's words; `where`: where in the file it was passed, when known. */
    overLimit: (limit: Bilingual, where: Bilingual | undefined) => ({
      zh: `文件超出导入上限：${limit.zh}${where ? `（${where.zh}）` : ''}。请删去多余的行列或拆分成几个文件后再导入。`,
      en: `The file is over an import limit: ${limit.en}${where ? ` (${where.en})` : ''}. Remove what is not needed, or split it into smaller files, and import again.`,
    }),
    /** `encoding`: the file's own, which line `line` is not in. */
    mixedEncoding: (line: number, encoding: 'utf-8' | 'gb18030') => {
      const name = encoding === 'utf-8' ? 'UTF-8' : 'GBK';
      return {
        zh: `这个 CSV 文件混用了两种编码：第 ${line} 行不是 ${name} 编码，而前面的行是。导入会把文字变成乱码，因此未读取。请在 Excel 中另存为“CSV UTF-8”后再导入。`,
        en: `This CSV mixes two encodings: line ${line} is not ${name}, as the lines before it are. Its text would turn to gibberish, so it was not read. Save it from Excel as "CSV UTF-8" and import again.`,
      };
    },
    unreadable: (kind: 'xlsx' | 'csv', detail: Bilingual) => ({
      zh: `无法读取这个${kind === 'xlsx' ? ' Excel（.xlsx）' : ' CSV'}文件：${detail.zh}。请用导入模板另存为 .xlsx 或 UTF-8 CSV 后再试。`,
      en: `This ${kind === 'xlsx' ? 'Excel (.xlsx)' : 'CSV'} file cannot be read: ${detail.en}. Save it from the import template as .xlsx or UTF-8 CSV and retry.`,
    }),
    busy: {
      zh: '正在读取的导入文件太多，请稍后重试。',
      en: 'Too many import files are being read right now; retry in a moment.',
    },
    cancelled: { zh: '请求已取消。', en: 'The request was cancelled.' },
  },

  /**
   * The gap report's and the final account's workbooks: the cover, the sheets and their columns
   * (those a row begins with, code, name, document number, are the shared UNIT_AND_TARGET_COLUMNS).
   */
  gapReport: {
    cover: {
      sheet: { zh: '封面', en: 'Cover' },
      jurisdiction: { zh: '行政区划', en: 'Jurisdiction' },
      /** A unit's subtree: its name, its code, and the units below. */
      subtree: (name: string, code: string) => ({ zh: `${name}（${code}）及下级`, en: `${name} (${code}) and below` }),
      reportsCounted: { zh: '统计口径', en: 'Reports counted' },
      approvedOnly: { zh: '仅已审核季报', en: 'approved reports only' },
      submittedAndApproved: { zh: '已提交和已审核季报', en: 'submitted and approved reports' },
      dataAsOf: { zh: '数据截至', en: 'Data as of' },
      /** A moment as written in Beijing time ("2025-01-15 18:00"). */
      beijingTime: (time: string) => ({ zh: `${time}（北京时间）`, en: `${time} (Beijing time)` }),
      exportedBy: { zh: '导出人', en: 'Exported by' },
      chainHead: { zh: '审计链头', en: 'Audit chain head' },
      targetRows: { zh: '目标行数', en: 'Target rows' },
      note: { zh: '注意', en: 'Note' },
      demo: { zh: '含演示数据，不是真实统计。', en: 'Contains demo data, not real statistics.' },
    },
    title: { zh: '托位目标差距报告', en: 'Childcare places: gap report' },
    quarter: { zh: '季度', en: 'Quarter' },
    gapsSheet: { zh: '差距明细', en: 'Gaps' },
    schedule: {
      sheet: { zh: '年度任务不一致', en: 'Schedule conflicts' },
      year: { zh: '年份', en: 'Year' },
      scheduled: { zh: '任务', en: 'Scheduled' },
      count: { zh: '任务数', en: 'Count' },
      ratioTarget: { zh: '比例目标', en: 'Ratio target' },
      population: { zh: '人口（年份）', en: 'Population (year)' },
      needed: { zh: '按比例所需', en: 'Needed by the ratio' },
      shortBy: { zh: '差额', en: 'Short by' },
    },
    reconciliation: {
      sheet: { zh: '数据核对', en: 'Reconciliation' },
      own: { zh: '本级报告托位数', en: 'Own report: places' },
      below: { zh: '下级合计托位数', en: 'Sum of units below' },
      difference: { zh: '差额', en: 'Difference' },
      reported: { zh: '下级报送', en: 'Units below reported' },
    },
    lateOrMissing: {
      sheet: { zh: '迟报漏报', en: 'Late or missing' },
      report: { zh: '季报状态', en: 'Report' },
      firstSubmitted: { zh: '首次提交（北京时间）', en: 'First submitted (Beijing)' },
      deadline: { zh: '截止时间（北京时间）', en: 'Deadline (Beijing)' },
    },
    finalAccount: {
      /** `years`: the years the closed targets were due. */
      title: (years: readonly number[]) => ({
        zh: `托位目标决算（${years.join('、') || '无'} 年到期目标）`,
        en: `Childcare places: final account of the targets due ${years.join(', ') || '—'}`,
      }),
      asOfQuarter: { zh: '截至季度', en: 'As of quarter' },
      rule: { zh: '口径', en: 'Rule' },
      ruleText: {
        zh: '到期目标以到期年第四季度数值（缺第四季度时以当年最近季度暂代）定结论；当前值仅供对照。',
        en: 'A closed target is judged by its due year’s fourth-quarter value (or the year’s latest quarter, provisional); today’s value is shown beside it.',
      },
      sheet: { zh: '决算明细', en: 'Final account' },
    },
    /** The new residential projects' sheet (its code, clause, date and residents columns are shared words). */
    residentialSheet: {
      sheet: { zh: '新建居住区', en: 'New residential areas' },
      project: { zh: '项目名称', en: 'Project' },
      norm: { zh: '每千人标准', en: 'Norm per 1,000' },
      required: { zh: '应配托位', en: 'Required places' },
      planned: { zh: '规划托位', en: 'Planned places' },
      shortfall: { zh: '缺口（托位）', en: 'Shortfall (places)' },
      compliant: { zh: '是否达标', en: 'Compliant' },
      delivered: { zh: '已交付托位', en: 'Delivered places' },
      normDocument: { zh: '标准文号', en: "Norm's document" },
    },
    /** The funding sheet (its code, name, document and clause columns are the shared ones). */
    fundingSheet: {
      sheet: (year: number) => ({ zh: `资金测算（${year}年）`, en: `Funding ${year}` }),
      payer: { zh: '出资方', en: 'Payer' },
      rule: { zh: '规则', en: 'Rule' },
      conditionMet: { zh: '拨付条件已满足', en: 'Condition met' },
      basis: { zh: '依据数据', en: 'Figures behind' },
      quantity: { zh: '数量', en: 'Quantity' },
      rate: { zh: '标准（元）', en: 'Rate (yuan)' },
      amount: { zh: '金额（元）', en: 'Amount (yuan)' },
      noData: { zh: '无数据', en: 'no data' },
      noChildMonths: { zh: '季报未填写在托人月数', en: 'no child-months reported' },
      yearsTask: { zh: '当年任务', en: "year's task" },
      noTask: { zh: '当年无任务', en: 'no task for the year' },
      provisional: { zh: '暂计', en: 'provisional' },
      total: { zh: '合计', en: 'Total' },
      totalLowerBound: { zh: '合计（部分金额未知，为下限）', en: 'Total (some amounts unknown: a lower bound)' },
    },
  },

  /** The audit trail's export: its sheets, its columns (by the entry's field), the chain head. */
  auditExport: {
    trailSheet: { zh: '审计记录', en: 'Audit trail' },
    chainSheet: { zh: '审计链', en: 'Audit chain' },
    head: { zh: '审计链头（导出时）', en: 'Audit chain head (at export)' },
    columns: {
      id: { zh: '编号', en: 'Id' },
      at: { zh: '时间（北京时间）', en: 'Time (Beijing)' },
      actor: { zh: '操作人', en: 'Actor' },
      actorRole: { zh: '角色', en: 'Role' },
      action: { zh: '操作', en: 'Action' },
      entity: { zh: '对象', en: 'Entity' },
      entityId: { zh: '对象编号', en: 'Entity id' },
      jurisdictionCode: { zh: '行政区划', en: 'Jurisdiction' },
      reason: { zh: '原因', en: 'Reason' },
      before: { zh: '修改前', en: 'Before' },
      after: { zh: '修改后', en: 'After' },
      requestId: { zh: '请求编号', en: 'Request id' },
    },
  },

  /** Why a reviewed record (a quarterly report, a year's indicators) refuses a step; `subject` names it as a sentence begins. */
  review: {
    inState: {
      approved: (subject: Bilingual) => ({
        zh: `${subject.zh}已审核通过并锁定；如需修改，请上级审核人员退回并说明原因。`,
        en: `${subject.en} is approved and locked; to change it, a reviewer must return it with a reason.`,
      }),
      submitted: (subject: Bilingual) => ({
        zh: `${subject.zh}已提交审核，不能再修改；如需修改，请上级审核人员退回。`,
        en: `${subject.en} is submitted for review and cannot be changed; ask the reviewer to return it.`,
      }),
      /** `attempted`: `approve`, or another step (`return`). */
      draft: (subject: Bilingual, attempted: string) => ({
        zh: `${subject.zh}还是草稿，尚未提交，不能${attempted === 'approve' ? '审核通过' : '退回'}。`,
        en: `${subject.en} is still a draft, not submitted: it cannot be ${attempted === 'approve' ? 'approved' : 'returned'}.`,
      }),
      returned: (subject: Bilingual) => ({
        zh: `${subject.zh}已被退回，等待填报人员修改后重新提交。`,
        en: `${subject.en} was returned and waits for the reporter to fix and resubmit it.`,
      }),
    },
  },

  /** A unit's yearly health indicators. */
  indicators: {
    /** The indicators as a sentence about them begins (for review.inState). */
    subject: (year: number) => ({ zh: `${year} 年健康指标`, en: `The ${year} health indicators` }),
    noIndicators: (code: string, year: number) => ({
      zh: `${code} 还没有 ${year} 年的健康指标。`,
      en: `${code} has no health indicators for ${year} yet.`,
    }),
    /** `yours`: the version the writer started from (null: not said); `now`: the stored one. */
    versionConflict: (code: string, year: number, yours: number | null, now: number | undefined) => ({
      zh: `${code} ${year} 年的健康指标已被他人修改（您基于第 ${yours ?? '?'} 版，现为第 ${now ?? '—'} 版）。请查看最新内容后再保存。`,
      en: `The ${year} health indicators of ${code} were changed by someone else (you started from version ${yours ?? '?'}, they are now at ${now ?? '—'}). Review the current ones, then save again.`,
    }),
    ifMatchRequired: (year: number) => ({
      zh: `修改已有的 ${year} 年健康指标需要带上 If-Match 请求头（您看到的版本号）。`,
      en: `Changing the existing ${year} health indicators needs an If-Match header with the version you saw.`,
    }),
  },

  /** Boundary changes: one unit succeeding another. */
  successions: {
    /** `successors`: the code (or a split's codes) standing in its place from `effectiveOn`. */
    retiredCode: (code: string, successors: readonly string[], effectiveOn: string) => ({
      zh: `${code} 已于 ${effectiveOn} 起由 ${successors.join('、')} 承继（区划调整）：该日及以后的数据请用新代码 ${successors.join('、')} 填报；该日以前的数据仍可用原代码补报。`,
      en: `${code} was succeeded by ${successors.join(', ')} from ${effectiveOn} (a boundary change): figures for that day or later go under the new code ${successors.join(', ')}; figures for earlier days may still be sent under the old one.`,
    }),
    unknownFrom: (code: string) => ({ zh: `原代码 ${code} 不存在。`, en: `The old code ${code} does not exist.` }),
    /** `name`: the unit that has the code already. */
    toExists: (code: string, name: string) => ({
      zh: `新代码 ${code} 已存在（${name}），不能再新建；去掉 newUnit 即可直接记录。`,
      en: `The new code ${code} exists already (${name}); leave newUnit out to record the succession.`,
    }),
    unknownTo: (code: string) => ({
      zh: `新代码 ${code} 不存在：先添加该单位，或在 newUnit 中给出名称一并新建。`,
      en: `The new code ${code} does not exist: add the unit first, or give its names in newUnit to create it here.`,
    }),
    tooEarly: (effectiveOn: string, minYear: number) => ({
      zh: `生效日期 ${effectiveOn} 太早：应在 ${minYear} 年以后。`,
      en: `The effective date ${effectiveOn} is too early: it must be in ${minYear} or later.`,
    }),
    /** `latest`: the last day a succession may take effect. */
    tooLate: (effectiveOn: string, latest: string) => ({
      zh: `生效日期 ${effectiveOn} 太远：只能记录一年内（${latest} 前）生效的区划调整。`,
      en: `The effective date ${effectiveOn} is too far ahead: only changes taking effect within a year (by ${latest}) can be recorded.`,
    }),
    codeForLevel: (toCode: string, fromCode: string) => ({
      zh: `${toCode} 不能作为与 ${fromCode} 同级单位的代码：乡镇（街道）用 9 位代码，其他层级用 6 位。`,
      en: `${toCode} cannot be the code of a unit at the level of ${fromCode}: a township takes nine digits, other levels six.`,
    }),
    /** `level`: the new unit's, as stored. */
    unknownParent: (parent: string, level: string) => ({
      zh: `上级单位 ${parent} 不存在，或不是${level}的上一级。`,
      en: `The parent ${parent} does not exist or is not the level above a ${level}.`,
    }),
    /** Each unit's code and level, as stored. */
    levelDiffers: (from: string, fromLevel: string, to: string, toLevel: string) => ({
      zh: `原单位 ${from} 是 ${fromLevel}，新单位 ${to} 是 ${toLevel}：承继只在同一层级之间。`,
      en: `${from} is a ${fromLevel} and ${to} a ${toLevel}: a succession joins units of one level.`,
    }),
    exists: (from: string, to: string) => ({
      zh: `已记录 ${from} → ${to} 的承继。`,
      en: `The succession ${from} → ${to} is recorded already.`,
    }),
    cycle: (from: string, to: string) => ({
      zh: `${to} 已经（经由其他承继）由 ${from} 而来，不能再承继回去。`,
      en: `${to} already leads back to ${from} through other successions: that would be a cycle.`,
    }),
    /** `others`: the successions already recorded that the new one conflicts with. */
    conflict: (
      from: string,
      to: string,
      others: readonly { fromCode: string; toCode: string; kind: string; effectiveOn: string }[],
    ) => ({
      zh: `${from} 或 ${to} 已有另一项承继（${others.map((s) => `${s.fromCode} → ${s.toCode}，${s.kind}，${s.effectiveOn}`).join('；')}）：一个单位只终止一次；拆分的各部分、合并的各方须同一日期。`,
      en: `${from} or ${to} is in another succession already (${others.map((s) => `${s.fromCode} → ${s.toCode}, ${s.kind}, ${s.effectiveOn}`).join('; ')}): a unit ends once, and the parts of a split or a merge share one date.`,
    }),
    /** `first`: the first quarter the new code reports; `quarters`: the old code's from then on. */
    reportsAfter: (from: string, to: string, first: string, quarters: readonly string[]) => ({
      zh: `${from} 已有 ${first} 及以后的季报（${quarters.join('、')}），而自 ${first} 起应由 ${to} 填报：请先把这些季报改由新代码填报，或核对生效日期。`,
      en: `${from} has reports for ${first} or later (${quarters.join(', ')}), which from ${first} belong to ${to}: move them to the new code first, or check the effective date.`,
    }),
    /** `first`: the first year the new code reports indicators for; `years`: the old code's from then on. */
    indicatorsAfter: (from: string, to: string, first: number, years: readonly string[]) => ({
      zh: `${from} 已有 ${first} 年及以后的年度健康指标（${years.join('、')}），而自 ${first} 年起应由 ${to} 填报：请先改由新代码填报，或核对生效日期。`,
      en: `${from} has yearly health indicators for ${first} or later (${years.join(', ')}), which from ${first} belong to ${to}: move them to the new code first, or check the effective date.`,
    }),
    /** `years`: the new code's before `first`. */
    indicatorsBefore: (from: string, to: string, first: number, years: readonly string[]) => ({
      zh: `${to} 已有 ${first} 年以前的年度健康指标（${years.join('、')}）：生效以前的年份属于原代码 ${from}。`,
      en: `${to} has yearly health indicators before ${first} (${years.join(', ')}): the years before the change belong to ${from}.`,
    }),
    /** `quarters`: the new code's before `first`. */
    reportsBefore: (from: string, to: string, first: string, quarters: readonly string[]) => ({
      zh: `${to} 已有 ${first} 以前的季报（${quarters.join('、')}）：生效以前的季度属于原代码 ${from}。`,
      en: `${to} has reports before ${first} (${quarters.join(', ')}): the quarters before the change belong to ${from}.`,
    }),
    duplicateCode: (code: string) => ({
      zh: `新版区划代码中 ${code} 出现不止一次：一个代码只能对应一个单位。`,
      en: `The code ${code} appears more than once in the newer edition: a code stands for one unit.`,
    }),
    /** Each confirmation not proposed, as "from → to". */
    notProposed: (pairs: readonly string[]) => ({
      zh: `以下确认项不在比对结果中：${pairs.join('、')}。`,
      en: `These confirmations are not among the proposals: ${pairs.join(', ')}.`,
    }),
  },

  /** New residential areas and the places their norms require. */
  residential: {
    noProject: { zh: '没有这个新建居住区项目。', en: 'There is no such new residential project.' },
    duplicateName: (code: string, name: string) => ({
      zh: `${code} 已有名为“${name}”的新建居住区项目。`,
      en: `${code} already has a new residential project named "${name}".`,
    }),
    ifMatchRequired: {
      zh: '修改或删除新建居住区项目需要带上 If-Match 请求头（您看到的版本号）。',
      en: 'Changing or deleting a new residential project needs an If-Match header with the version you saw.',
    },
    /** `name`: the project's; `yours`: the version the writer started from; `now`: the stored one. */
    versionConflict: (name: string, yours: number, now: number) => ({
      zh: `项目“${name}”已被他人修改（您基于第 ${yours} 版，现为第 ${now} 版）。请查看最新内容后再保存。`,
      en: `The project "${name}" was changed by someone else (you started from version ${yours}, it is now ${now}). Review the current one, then save again.`,
    }),
    noHeader: {
      zh: '找不到表头：文件的前 20 行中应有一行包含“行政区划代码”“项目名称”“批准日期”“规划居住人口”“规划托位数”。请使用新建居住区导入模板。',
      en: 'No header found: one of the first 20 rows must name "Division code", "Project name", "Approved on", "Planned residents" and "Planned places". Use the new residential areas template.',
    },
    /** The import template's instructions sheet, a line each. */
    instructions: [
      {
        zh: '新建居住区导入模板：每行是一个新建居住区项目，按“行政区划代码”和“项目名称”识别：已有的项目被修改，没有的被新建。',
        en: 'New residential areas import: each row is one project, known by its division code and name: an existing project is changed, a new one created.',
      },
      {
        zh: '批准日期写作 2024-03-01，不能早于 2000-01-01，也不能晚于今天。',
        en: 'The approval date is written 2024-03-01, not before 2000-01-01 nor after today.',
      },
      {
        zh: '规划居住人口为至少 1 的整数；规划托位数、已交付托位数为 0 到 100,000 的整数，已交付托位数可留空（尚未统计）。',
        en: 'Planned residents are a whole number of at least 1; planned and delivered places whole numbers from 0 to 100,000; delivered may be left empty (not yet counted).',
      },
      {
        zh: '是否达标按规划托位数与适用方案的每千人配建标准计算，无需填写。',
        en: 'Compliance follows from the planned places and the norm of the plan that covers the project: do not fill it in.',
      },
      {
        zh: '可以先“试导入”查看每一处错误（行号、列、值、原因）；有任何一行错误时不会写入任何数据。',
        en: 'Run a dry run first to see every problem (row, column, value, reason); if any row is wrong, nothing is written.',
      },
    ],
  },

  /** What the funding rules owe. */
  funding: {
    invalidYear: (text: string, min: number, max: number) => ({
      zh: `年份 "${text}" 不对：应为 ${min} 到 ${max} 之间的四位数字，例如 2024。`,
      en: `The year "${text}" is not valid: four digits from ${min} to ${max}, for example 2024.`,
    }),
  },
} as const satisfies Catalogue;
