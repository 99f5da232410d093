// What every screen runs inside: the query cache, the language, and Ant Design in that language.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { SESSION_QUERY_KEY } from '../features/auth/api/get-session.ts';
import { i18n } from '../i18n/index.ts';
import { ApiRequestError, isApiError } from '../lib/api-client.ts';

function createQueryClient() {
  // Refused for want of a session (expired, or ended elsewhere) or of its CSRF token (renewed by a
  // sign-in in another tab): ask /auth/me again, which signs the screens out or picks up the token.
  const recheckSession = (error: Error) => {
    if (isApiError(error, 'not_signed_in') || isApiError(error, 'csrf_token')) {
      void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: recheckSession }),
    mutationCache: new MutationCache({ onError: recheckSession }),
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
  return queryClient;
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
