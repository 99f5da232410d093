// POST /api/v1/auth/login: starts a session; its answer becomes the cached session.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend, setCsrfToken } from '../../../lib/api-client.ts';
import { forgetPrivateQueries, queryKeys } from '../../../lib/query-keys.ts';
import type { Session } from './get-session.ts';

export interface Credentials {
  username: string;
  password: string;
}

export async function login(credentials: Credentials): Promise<Session> {
  const session = await apiSend<Session>('POST', '/api/v1/auth/login', { body: credentials });
  setCsrfToken(session.csrfToken);
  return session;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      // What the previous person could read is not this person's to see.
      forgetPrivateQueries(queryClient);
      queryClient.setQueryData(queryKeys.session(), session);
    },
  });
}
