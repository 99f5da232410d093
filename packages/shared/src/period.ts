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

/** The last quarter that has ended on a given day (the default period in view). */
export function lastEndedPeriod(today: Date): Period {
  const year = today.getUTCFullYear();
  const quarter = Math.floor(today.getUTCMonth() / 3) + 1;
  return periodFromIndex(periodIndex({ year, quarter: quarter as Quarter }) - 1);
}
