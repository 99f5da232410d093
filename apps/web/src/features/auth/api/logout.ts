// POST /api/v1/auth/logout: ends the session and forgets what it could read.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend, setCsrfToken } from '../../../lib/api-client.ts';
import { forgetPrivateQueries, queryKeys } from '../../../lib/query-keys.ts';

export async function logout(): Promise<void> {
  try {
    await apiSend<void>('POST', '/api/v1/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Signed out here even when the server had already ended the session (401).
    onSettled: () => {
      queryClient.setQueryData(queryKeys.session(), null);
      forgetPrivateQueries(queryClient);
    },
  });
}
