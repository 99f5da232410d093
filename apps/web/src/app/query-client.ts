// The app's one query cache: the screens read it through react-query, and the router's loaders
// fill it ahead of a page (so that a page's first render already has what was asked for early).
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiRequestError, isApiError } from '../lib/api-client.ts';
import { queryKeys } from '../lib/query-keys.ts';

// Refused for want of a session (expired, or ended elsewhere) or of its CSRF token (renewed by a
// sign-in in another tab): ask /auth/me again, which signs the screens out or picks up the token.
const recheckSession = (error: Error) => {
  if (isApiError(error, 'not_signed_in') || isApiError(error, 'csrf_token')) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.session() });
  }
};

let toSignIn: () => void = () => {};

/**
 * What a read refused for want of a session does (reading needs one with TUOWEI_PUBLIC_READ=0, or
 * the session has ended): the router sends the reader to its sign-in page, and back afterwards.
 * Set here, in the one place every read's failure passes, rather than on each page.
 */
export function whenReadNeedsSignIn(go: () => void) {
  toSignIn = go;
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      recheckSession(error);
      if (isApiError(error, 'not_signed_in')) toSignIn();
    },
  }),
  mutationCache: new MutationCache({
    onError: (error) => {
      recheckSession(error);
      // a write carried out whose answer was cut off on its way: the screens read what it did
      if (isApiError(error, 'write_answer_cut')) void queryClient.invalidateQueries();
    },
  }),
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
