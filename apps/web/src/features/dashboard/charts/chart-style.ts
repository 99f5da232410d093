// What the dashboard's charts share: colours that stay apart for colour-blind readers (each series
// also differs in form: bar, step, solid, dashed, dotted), and quarters written short on an axis.
import { parsePeriod } from '@tuowei/shared';
import type { TFunction } from 'i18next';

export const COLOURS = {
  places: '#1f5fa8',
  scheduled: '#b45309',
  ratio: '#a21caf',
  forecast: '#15803d',
  pace: '#404040',
  target: '#b91c1c',
  affordable: '#0e7490',
  share: '#7c2d12',
} as const;

export const GRID = '#e5e5e5';
export const AXIS_TEXT = '#404040';

/** `2024Q4` as an axis writes it: "2024Q4" / "2024 Q4". */
export function shortPeriod(t: TFunction, text: string): string {
  const period = parsePeriod(text);
  return period ? t('dashboard.periodShort', { year: period.year, quarter: period.quarter }) : text;
}
