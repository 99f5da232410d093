// What every screen runs inside: the query cache, the language, and Ant Design in that language.
import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from '../i18n/index.ts';
import { queryClient } from './query-client.ts';

const theme = {
  token: {
    colorPrimary: '#1f5fa8',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  const english = instance.language === 'en';

  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
    // Error messages come from the API in the language asked for: ask again in the new one.
    void queryClient.invalidateQueries({ predicate: (query) => query.state.status === 'error' });
  }, [english]);

  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={theme}>
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
