// Quarters as the product writes them (`2024Q3`) and the arithmetic on them.

export type Quarter = 1 | 2 | 3 | 4;

export interface Period {
  year: number;
  quarter: Quarter;
}

export const PERIOD_PATTERN = /^(\d{4})Q([1-4])$/;

/** Earliest and latest years a report or target may name. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function parsePeriod(text: string): Period | null {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  return { year, quarter: Number(match[2]) as Quarter };
}

export function formatPeriod(period: Period): string {
  return `${period.year}Q${period.quarter}`;
}

/** A running count of quarters, so that differences are numbers of quarters. */
export function periodIndex(period: Period): number {
  return period.year * 4 + (period.quarter - 1);
}

export function periodFromIndex(index: number): Period {
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter };
}

/** A target due in a year is due at the end of its fourth quarter. */
export function dueQuarterIndex(dueYear: number): number {
  return periodIndex({ year: dueYear, quarter: 4 });
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The quarter running at an instant, by the Beijing calendar (Asia/Shanghai, UTC+8 all year
 * since 1991): quarters begin and end at midnight in China, whatever the server's zone.
 */
export function runningPeriod(now: Date): Period {
  const beijing = new Date(now.getTime() + BEIJING_OFFSET_MS);
  return { year: beijing.getUTCFullYear(), quarter: (Math.floor(beijing.getUTCMonth() / 3) + 1) as Quarter };
}

/** The last quarter that has ended at an instant (the default period in view), by the Beijing calendar. */
export function lastEndedPeriod(now: Date): Period {
  return periodFromIndex(periodIndex(runningPeriod(now)) - 1);
}

/** The first day of a quarter, YYYY-MM-DD. */
export function periodStartDate(period: Period): string {
  return `${period.year}-${String((period.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/** The last day of a quarter, YYYY-MM-DD. */
export function periodEndDate(period: Period): string {
  const month = period.quarter * 3;
  return `${period.year}-${String(month).padStart(2, '0')}-${month === 3 || month === 12 ? 31 : 30}`;
}

/**
 * Why a quarter's report may not be saved (as a draft) or submitted at an instant, or null when
 * it may. A report is a stock at the quarter's end: a quarter that has not begun cannot be
 * reported at all; the running quarter may be drafted but not submitted before it ends.
 */
export type ReportingRefusal =
  | { kind: 'not_begun'; period: string; startsOn: string; running: string }
  | { kind: 'still_running'; period: string; endsOn: string };

export function reportingRefusal(period: Period, now: Date, step: 'save' | 'submit'): ReportingRefusal | null {
  const running = runningPeriod(now);
  const index = periodIndex(period);
  if (index > periodIndex(running)) {
    return {
      kind: 'not_begun',
      period: formatPeriod(period),
      startsOn: periodStartDate(period),
      running: formatPeriod(running),
    };
  }
  if (index === periodIndex(running) && step === 'submit') {
    return { kind: 'still_running', period: formatPeriod(period), endsOn: periodEndDate(period) };
  }
  return null;
}

/** A quarter in words: "2026 年第 4 季度" / "2026 Q4" (the screens' and the messages' one form). */
export function quarterWords(period: Period): { zh: string; en: string } {
  return { zh: `${period.year} 年第 ${period.quarter} 季度`, en: `${period.year} Q${period.quarter}` };
}

/** "2026 年第 4 季度（2026Q4）": a quarter in Chinese words, with the code a file or form gives it. */
function quarterInChinese(code: string): string {
  const period = parsePeriod(code);
  return period ? `${quarterWords(period).zh}（${code}）` : code;
}

/** What a refusal says, in both languages: the API's message, the import's row and the form's hint. */
export function reportingRefusalWords(refusal: ReportingRefusal): { zh: string; en: string } {
  if (refusal.kind === 'not_begun') {
    return {
      zh: `${quarterInChinese(refusal.period)}尚未开始（${refusal.startsOn} 起，北京时间），不能填报；现在最晚可填报本季度 ${quarterInChinese(refusal.running)}，先存为草稿，季度结束后提交。`,
      en: `${refusal.period} has not begun (it starts on ${refusal.startsOn}, Beijing time) and cannot be reported; the latest quarter open now is the running one, ${refusal.running} (save it as a draft, submit it once it ends).`,
    };
  }
  return {
    zh: `${quarterInChinese(refusal.period)}尚未结束（${refusal.endsOn} 为最后一天，北京时间）：可以存为草稿，季度结束后才能提交。`,
    en: `${refusal.period} has not ended yet (its last day is ${refusal.endsOn}, Beijing time): it may be saved as a draft, and submitted once it ends.`,
  };
}
