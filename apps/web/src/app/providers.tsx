// What every screen runs inside: the query cache, the language, and Ant Design in that language.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from '../i18n/index.ts';
import { ApiRequestError } from '../lib/api-client.ts';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30 * 1000,
        refetchOnWindowFocus: false,
        // A 4xx answer (unknown code, bad quarter) will not change on asking again.
        retry: (failures, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}

const theme = {
  token: {
    colorPrimary: '#1f5fa8',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

function LocalisedAntd({ children, queryClient }: { children: ReactNode; queryClient: QueryClient }) {
  const { i18n: instance } = useTranslation();
  const english = instance.language === 'en';

  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
    // Error messages come from the API in the language asked for: ask again in the new one.
    void queryClient.invalidateQueries({ predicate: (query) => query.state.status === 'error' });
  }, [english, queryClient]);

  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={theme}>
      {children}
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocalisedAntd queryClient={queryClient}>{children}</LocalisedAntd>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
