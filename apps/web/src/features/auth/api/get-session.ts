// GET /api/v1/auth/me: who is signed in, and the CSRF token their writes carry; null when nobody is.
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, isApiError, setCsrfToken } from '../../../lib/api-client.ts';

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

export const SESSION_QUERY_KEY = ['auth', 'session'] as const;

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: SESSION_QUERY_KEY,
    queryFn: ({ signal }) => getSession(signal),
    // Asked once on page load; login and logout write the answer themselves.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSession() {
  return useQuery(sessionQueryOptions());
}

/** Queries whose answers depend on who is signed in: dropped when the person changes. */
const PRIVATE_QUERY_ROOTS = new Set(['reports', 'audit', 'users', 'gap-report']);

export function forgetPrivateQueries(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => PRIVATE_QUERY_ROOTS.has(String(query.queryKey[0])) });
}
