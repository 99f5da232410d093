// The gap report workbook's funding sheet: what the funding rules of the subtree's plans owe for
// the year of the quarter in view (so far), one row per rule and a total per unit, in the reader's
// language (docs/figures.md, "Money that follows from places").
import {
  type Bilingual,
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
  UNIT_AND_TARGET_COLUMNS,
  YES_NO,
} from '@tuowei/shared';
import { API_WORDS } from '../../words.ts';
import type { WorkbookWriter } from '../../workbook/index.ts';

export interface FundingSheetInput {
  year: number;
  fundings: readonly Funding[];
  /** A unit's name by code, in the reader's language. */
  nameOf: (code: string) => string;
}

const words = API_WORDS.gapReport.fundingSheet;
const say = (text: Bilingual, language: Language) => text[language];
/** The header of a column every gap report row begins with, as the shared package has it. */
const unitColumn = (key: string, language: Language) => {
  const column = UNIT_AND_TARGET_COLUMNS.find((candidate) => candidate.key === key);
  if (!column) throw new Error(`no shared column ${key}`);
  return column[language];
};

function ruleWords(item: FundingItem, language: Language): string {
  const kind = FUNDING_KIND_WORDS[language][item.kind];
  if (item.birthOrder) return `${kind} · ${birthOrderWords(item.birthOrder as BirthOrder, language)}`;
  if (item.institutionKind) return `${kind} · ${INSTITUTION_KIND_WORDS[language][item.institutionKind]}`;
  return kind;
}

/** The figures behind a quantity, as one line of text. */
function basisWords(item: FundingItem, language: Language): string {
  const b = item.basis;
  const known = (value: number | null) => (value === null ? say(words.noData, language) : value);
  const parts: string[] = [];
  if (item.kind === 'per_child_month') {
    parts.push(b.quarters.length === 0 ? say(words.noChildMonths, language) : `${b.quarters.join('+')}`);
  } else {
    parts.push(
      `${b.yearEndPeriod ?? '—'}: ${known(b.yearEnd)}; ${b.previousYearEndPeriod ?? '—'}: ${known(b.previousYearEnd)}`,
    );
  }
  if (item.condition === 'schedule_target_met') {
    parts.push(
      b.scheduleTarget ? `${say(words.yearsTask, language)} ${b.scheduleTarget.value}` : say(words.noTask, language),
    );
  }
  if (b.provisional) parts.push(say(words.provisional, language));
  return parts.join('; ');
}

export function writeFundingSheet(workbook: WorkbookWriter, input: FundingSheetInput, language: Language): void {
  const sheet = workbook.sheet({
    name: say(words.sheet(input.year), language),
    frozen: { rows: 1 },
    columns: [
      { header: unitColumn('code', language), width: 12 },
      { header: unitColumn('name', language), width: 20 },
      { header: unitColumn('documentNumber', language), width: 20 },
      { header: unitColumn('clause', language), width: 10 },
      { header: say(words.payer, language), width: 16 },
      { header: say(words.rule, language), width: 26 },
      { header: say(words.conditionMet, language), width: 10 },
      { header: say(words.basis, language), width: 40 },
      { header: say(words.quantity, language), width: 10, numFmt: '#,##0' },
      { header: say(words.rate, language), width: 12, numFmt: '#,##0.##' },
      { header: say(words.amount, language), width: 14, numFmt: '#,##0.00' },
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
        funding.complete ? say(words.total, language) : say(words.totalLowerBound, language),
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
