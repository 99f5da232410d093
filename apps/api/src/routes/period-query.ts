// The `?period=` of reading routes: a quarter, by default the last one that has ended.
import { lastEndedPeriod, type Period, parsePeriod } from '@tuowei/shared';
import { ApiError } from '../errors.ts';

export function periodFromQuery(text: string | undefined): Period {
  const period = text === undefined ? lastEndedPeriod(new Date()) : parsePeriod(text);
  if (period === null) {
    throw new ApiError(400, 'invalid_period', {
      zh: `季度 "${text}" 超出范围：年份应在 2000 到 2100 之间，例如 2024Q4。`,
      en: `The quarter "${text}" is out of range: the year must be from 2000 to 2100, for example 2024Q4.`,
    });
  }
  return period;
}
