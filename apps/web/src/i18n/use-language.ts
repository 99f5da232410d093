// The reader's language for a component: the shared words' 'zh' | 'en', the i18next code for Intl
// and the page, and a unit's name in it. Re-renders the component when the reader switches.
import { type Language, nameIn } from '@tuowei/shared/words';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, languageOf, localeOf } from './index.ts';

interface Named {
  name: string;
  nameEn: string;
}

export interface ReaderLanguage {
  language: Language;
  locale: Locale;
  /** A jurisdiction's (or any named unit's) name in the reader's language. */
  nameOf: (named: Named) => string;
  /** The name of the unit with this code in a list, or the code while the list lacks it (still loading). */
  nameOfCode: (list: readonly (Named & { code: string })[] | undefined, code: string) => string;
}

export function useLanguage(): ReaderLanguage {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useMemo(() => {
    const language = languageOf(locale);
    const nameOf = (named: Named) => nameIn(named, language);
    return {
      language,
      locale,
      nameOf,
      nameOfCode: (list, code) => {
        const unit = list?.find((candidate) => candidate.code === code);
        return unit ? nameOf(unit) : code;
      },
    };
  }, [locale]);
}
