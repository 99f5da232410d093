// How the screens write numbers, quarters and targets in the current language. Only formatting:
// every figure comes from the API already computed.
import {
  type Comparator,
  type InstitutionKind,
  METRIC_TABLE,
  type Metric,
  metricName,
  parsePeriod,
  quarterWords,
} from '@tuowei/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from './use-language.ts';
import { wholePace } from './whole-pace.ts';

const BEIJING = 'Asia/Shanghai';

/** A value made when first asked for, then kept. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/**
 * Intl's formatters for one language: costly to make (the first of a kind loads the language's
 * data, a time zone its rules), so each is made once, when first used.
 */
function makeFormatters(language: string) {
  return {
    integer: once(() => new Intl.NumberFormat(language, { maximumFractionDigits: 0 })),
    ratio: once(() => new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })),
    // the exact pace behind the whole places shown: 14.75 as it is, not rounded to 14.8
    paceExact: once(() => new Intl.NumberFormat(language, { maximumFractionDigits: 4 })),
    percent: once(
      () => new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    ),
    // A target as the plan writes it: 4.5, 60 %, 656; no padding zeros.
    targetNumber: once(() => new Intl.NumberFormat(language, { maximumFractionDigits: 2 })),
    targetPercent: once(() => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 })),
    date: once(() => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' })),
    // Deadlines and reporting times are Beijing's, wherever the reader sits.
    beijingDateTime: once(
      () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: BEIJING }),
    ),
    beijingDate: once(() => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: BEIJING })),
  };
}

const formattersByLanguage = new Map<string, ReturnType<typeof makeFormatters>>();

function formattersOf(language: string) {
  const known = formattersByLanguage.get(language) ?? makeFormatters(language);
  formattersByLanguage.set(language, known);
  return known;
}

export function useFormat() {
  const { t } = useTranslation();
  const { language, locale } = useLanguage();

  return useMemo(() => {
    const intl = formattersOf(locale);

    const format = {
      integer: (value: number) => intl.integer().format(value),
      ratio: (value: number) => intl.ratio().format(value),
      percent: (value: number) => intl.percent().format(value),
      /**
       * A pace needed (places, institutions, events a quarter) as a person plans it: whole ones,
       * rounded up, since it is the least that must be added (14.75 → 15, 0.25 → 1). The API
       * keeps the exact figure; screens put it on hover (the Pace component).
       */
      pace: (value: number) => intl.integer().format(wholePace(value)),
      /** The exact pace behind `pace`: 14.75. */
      paceExact: (value: number) => intl.paceExact().format(value),
      /** A number as a plan writes it: up to 2 decimals, no padding zeros (4.5, 2.7). */
      plain: (value: number) => intl.targetNumber().format(value),
      /** A share as a plan writes it: 0.6 → 60%, 0.575 → 57.5%. */
      plainShare: (value: number) => intl.targetPercent().format(value),

      /** A measured value of a metric (current, forecast): ratio 2 decimals, share %, count whole. */
      metricValue(metric: Metric, value: number): string {
        switch (METRIC_TABLE[metric].kind) {
          case 'ratio':
            return intl.ratio().format(value);
          case 'share':
            return intl.percent().format(value);
          case 'count':
            return intl.integer().format(value);
          default:
            return intl.targetNumber().format(value);
        }
      },

      /** The indicator in words, naming the kind of institution where the target counts one kind. */
      metricLabel(metric: Metric, institutionKind?: InstitutionKind | null): string {
        return metricName(metric, institutionKind, language);
      },

      /** "≥ 4.5 个/千人", "≥ 60%", "< 10 /10万". */
      target(metric: Metric, comparator: Comparator, value: number): string {
        // a share's percent sign is the number's own (60%): its unit is not written again
        const number =
          METRIC_TABLE[metric].kind === 'share'
            ? intl.targetPercent().format(value)
            : [intl.targetNumber().format(value), t(`unit.${metric}`)].filter(Boolean).join(' ');
        return `${t(`comparator.${comparator}`)} ${number}`;
      },

      /**
       * The unit a gap of this metric is counted in, agreeing in number with the gap; a pace's
       * unit agrees with the whole number it is shown as (0.25 is shown as 1 place).
       */
      gapUnit(metric: Metric, gap: number): string {
        return t(`gapUnit.${METRIC_TABLE[metric].gapUnit}`, { count: Number.isInteger(gap) ? gap : wholePace(gap) });
      },

      /** `2024Q4` → "2024 年第 4 季度" / "2024 Q4"; anything else as it came. */
      period(text: string): string {
        const period = parsePeriod(text);
        return period ? quarterWords(period)[language] : text;
      },

      dueYear: (year: number) => t('period.dueYear', { year }),

      /** An ISO date (2023-12-27) in the language's long form. */
      date(iso: string): string {
        const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(date.getTime()) ? iso : intl.date().format(date);
      },

      /** A moment (2026-01-15T16:00:00Z) as date and time in Beijing: "2026年1月16日 00:00". */
      dateTime(iso: string): string {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : intl.beijingDateTime().format(date);
      },

      /** The Beijing calendar day a moment falls on. */
      beijingDate(iso: string): string {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : intl.beijingDate().format(date);
      },
    };
    return format;
  }, [language, locale, t]);
}

export type Format = ReturnType<typeof useFormat>;
