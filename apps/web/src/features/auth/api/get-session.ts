// GET /api/v1/auth/me: who is signed in, and the CSRF token their writes carry; null when nobody is.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, isApiError, setCsrfToken } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const ROLES = ['entry', 'reviewer', 'leader', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  username: string;
  displayName: string;
  role: Role;
  /** Null for the whole country. */
  jurisdictionCode: string | null;
  demo: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export async function getSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiGet<Session>('/api/v1/auth/me', { signal });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.session(),
    queryFn: ({ signal }) => getSession(signal),
    // Asked once on page load; login and logout write the answer themselves.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSession() {
  return useQuery(sessionQueryOptions());
}
