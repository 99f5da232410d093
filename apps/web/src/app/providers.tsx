// What every screen runs inside: the query cache, the language, and Ant Design in that language
// and in colours that every screen can be read in.
import { QueryClientProvider } from '@tanstack/react-query';
import type { Language } from '@tuowei/shared/words';
import { ConfigProvider, type ThemeConfig } from 'antd';
import type { Locale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n/index.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { queryClient } from './query-client.ts';

/**
 * Ant Design's colours darkened where its defaults fall short of WCAG AA contrast (4.5:1) on
 * white or on their own tints: links, secondary and tertiary text, placeholders, and the words
 * of status tags and alerts.
 * One theme for the whole app, so that every screen passes, and each component's styles are made
 * once rather than again for a part of the app with other colours.
 */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    colorLink: '#1f5fa8',
    colorInfo: '#1f5fa8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    // the labels of descriptions (a plan's issuer, date, source) and other quieter words
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    // a select's placeholder is read as the field's prompt (disabled text may stay paler)
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // darker words on the same light tints: a dark seed alone would grey the tints as well
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#a15c00',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorError: '#cf1322',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    // preset tags (carried forward, off track) take their words from these palettes
    gold: '#ad6800',
    volcano: '#c2410c',
    // Latin fonts before the Chinese ones: a CJK font's Latin glyphs set ’ full-width, so that
    // English read "quarter’ s"; Chinese characters and full-width marks, which the Latin fonts
    // lack, still come from the Chinese fonts
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
};

/** Ant Design's and dayjs's words for each of the reader's languages. */
const COMPONENT_LOCALES = {
  zh: { antd: zhCN, dayjs: 'zh-cn' },
  en: { antd: enUS, dayjs: 'en' },
} satisfies Record<Language, { antd: Locale; dayjs: string }>;

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { language } = useLanguage();
  const locales = COMPONENT_LOCALES[language];

  useEffect(() => {
    dayjs.locale(locales.dayjs);
    // Error messages come from the API in the language asked for: ask again in the new one.
    void queryClient.invalidateQueries({ predicate: (query) => query.state.status === 'error' });
  }, [locales]);

  return (
    <ConfigProvider locale={locales.antd} theme={theme}>
      {children}
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocalisedAntd>{children}</LocalisedAntd>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
