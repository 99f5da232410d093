// The gap report workbook's funding sheet: what the funding rules of the subtree's plans owe for
// the year of the quarter in view (so far), one row per rule and a total per unit, in the reader's
// language (docs/figures.md, "Money that follows from places").
import {
  type BirthOrder,
  birthOrderWords,
  FUNDING_CONDITION_WORDS,
  FUNDING_KIND_WORDS,
  FUNDING_PAYER_WORDS,
  type Funding,
  type FundingItem,
  INSTITUTION_KIND_WORDS,
  type Language,
  neutraliseFormula,
  YES_NO,
} from '@tuowei/shared';
import type { WorkbookWriter } from '../../workbook/index.ts';

export interface FundingSheetInput {
  year: number;
  fundings: readonly Funding[];
  /** A unit's name by code, in the reader's language. */
  nameOf: (code: string) => string;
}

const say = (words: { zh: string; en: string }, language: Language) => words[language];

function ruleWords(item: FundingItem, language: Language): string {
  const kind = FUNDING_KIND_WORDS[language][item.kind];
  if (item.birthOrder) return `${kind} · ${birthOrderWords(item.birthOrder as BirthOrder, language)}`;
  if (item.institutionKind) return `${kind} · ${INSTITUTION_KIND_WORDS[language][item.institutionKind]}`;
  return kind;
}

/** The figures behind a quantity, as one line of text. */
function basisWords(item: FundingItem, language: Language): string {
  const b = item.basis;
  const known = (value: number | null) => (value === null ? say({ zh: '无数据', en: 'no data' }, language) : value);
  const parts: string[] = [];
  if (item.kind === 'per_child_month') {
    parts.push(
      b.quarters.length === 0
        ? say({ zh: '季报未填写在托人月数', en: 'no child-months reported' }, language)
        : `${b.quarters.join('+')}`,
    );
  } else {
    parts.push(
      `${b.yearEndPeriod ?? '—'}: ${known(b.yearEnd)}; ${b.previousYearEndPeriod ?? '—'}: ${known(b.previousYearEnd)}`,
    );
  }
  if (item.condition === 'schedule_target_met') {
    parts.push(
      b.scheduleTarget
        ? `${say({ zh: '当年任务', en: "year's task" }, language)} ${b.scheduleTarget.value}`
        : say({ zh: '当年无任务', en: 'no task for the year' }, language),
    );
  }
  if (b.provisional) parts.push(say({ zh: '暂计', en: 'provisional' }, language));
  return parts.join('; ');
}

export function writeFundingSheet(workbook: WorkbookWriter, input: FundingSheetInput, language: Language): void {
  const sheet = workbook.sheet({
    name: say({ zh: `资金测算（${input.year}年）`, en: `Funding ${input.year}` }, language),
    frozen: { rows: 1 },
    columns: [
      { header: say({ zh: '行政区划代码', en: 'Code' }, language), width: 12 },
      { header: say({ zh: '名称', en: 'Name' }, language), width: 20 },
      { header: say({ zh: '文号', en: 'Document' }, language), width: 20 },
      { header: say({ zh: '条款', en: 'Clause' }, language), width: 10 },
      { header: say({ zh: '出资方', en: 'Payer' }, language), width: 16 },
      { header: say({ zh: '规则', en: 'Rule' }, language), width: 26 },
      { header: say({ zh: '拨付条件已满足', en: 'Condition met' }, language), width: 10 },
      { header: say({ zh: '依据数据', en: 'Figures behind' }, language), width: 40 },
      { header: say({ zh: '数量', en: 'Quantity' }, language), width: 10, numFmt: '#,##0' },
      { header: say({ zh: '标准（元）', en: 'Rate (yuan)' }, language), width: 12, numFmt: '#,##0.##' },
      { header: say({ zh: '金额（元）', en: 'Amount (yuan)' }, language), width: 14, numFmt: '#,##0.00' },
    ],
  });
  const [yes, no] = YES_NO[language];
  for (const funding of input.fundings) {
    const name = neutraliseFormula(input.nameOf(funding.code));
    for (const item of funding.items) {
      sheet.row([
        funding.code,
        name,
        item.documentNumber === null ? null : neutraliseFormula(item.documentNumber),
        neutraliseFormula(item.clause),
        FUNDING_PAYER_WORDS[language][item.payer],
        item.condition
          ? `${ruleWords(item, language)}（${FUNDING_CONDITION_WORDS[language][item.condition]}）`
          : ruleWords(item, language),
        item.conditionMet ? yes : no,
        basisWords(item, language),
        item.quantity,
        item.rate,
        item.amount,
      ]);
    }
    sheet.row(
      [
        funding.code,
        name,
        null,
        null,
        null,
        funding.complete
          ? say({ zh: '合计', en: 'Total' }, language)
          : say({ zh: '合计（部分金额未知，为下限）', en: 'Total (some amounts unknown: a lower bound)' }, language),
        null,
        null,
        null,
        null,
        funding.total,
      ],
      { bold: true },
    );
  }
}
