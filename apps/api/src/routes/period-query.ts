// The `?period=` of reading routes: a quarter, by default the last one that has ended.
import { lastEndedPeriod, type Period, parsePeriod } from '@tuowei/shared';
import { invalidPeriod } from '../errors.ts';

export function periodFromQuery(text: string | undefined): Period {
  const period = text === undefined ? lastEndedPeriod(new Date()) : parsePeriod(text);
  if (period === null) {
    throw invalidPeriod(String(text));
  }
  return period;
}
