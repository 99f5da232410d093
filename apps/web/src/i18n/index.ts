// The two languages of the screens: Chinese by default, English on the toggle, remembered per browser.
import type { Language } from '@tuowei/shared/words';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { type Catalogue, zhCN } from './zh-CN.ts';

/** i18next's codes for the two languages (also the pages' lang and the API's Accept-Language). */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const LANGUAGE_STORAGE_KEY = 'tuowei.language';
const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The reader's language (the shared words' 'zh' | 'en') of an i18next code. */
export function languageOf(locale: Locale): Language {
  return locale === 'en' ? 'en' : 'zh';
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can be switched off; the default language still works.
    return DEFAULT_LOCALE;
  }
}

/** The i18next code the screens are in now (outside React; components use useLanguage). */
export function currentLocale(): Locale {
  return localeOf(i18n.language);
}

/** An i18next language code as one of the two the screens have. */
export function localeOf(code: string): Locale {
  return isLocale(code) ? code : DEFAULT_LOCALE;
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'zh-CN' ? 'en' : 'zh-CN';
}

function reflectInDocument(locale: Locale) {
  document.documentElement.lang = locale;
  document.title = i18n.t('app.documentTitle');
}

i18n.on('languageChanged', (code) => {
  if (!isLocale(code)) return;
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  } catch {
    // Not remembered, but the switch itself still happens.
  }
  reflectInDocument(code);
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  initAsync: false,
  returnNull: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
});
reflectInDocument(currentLocale());

export { i18n };
